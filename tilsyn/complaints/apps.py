from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "tilsyn.complaints"
    verbose_name = "Rettighetsklager"
