from django.apps import AppConfig


class CoercionConfig(AppConfig):
    name = "tilsyn.coercion"
    verbose_name = "Tvang og makt"
