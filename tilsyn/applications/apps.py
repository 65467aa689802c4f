from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "tilsyn.applications"
    verbose_name = "Søknader og innsyn"
