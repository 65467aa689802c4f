from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tilsyn.web"
    verbose_name = "Nettsider"
