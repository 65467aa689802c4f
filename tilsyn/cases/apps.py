from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tilsyn.cases"
    verbose_name = "Saker"
