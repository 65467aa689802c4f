from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "tilsyn.inspections"
    verbose_name = "Planlagte tilsyn"
