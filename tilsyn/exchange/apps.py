from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tilsyn.exchange"
    verbose_name = "Utveksling"
