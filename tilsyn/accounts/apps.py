from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tilsyn.accounts"
    verbose_name = "Brukere"
