from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "tilsyn.supervision"
    verbose_name = "Tilsynssaker"
