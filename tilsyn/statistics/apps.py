from django.apps import AppConfig
from django.db.backends.signals import connection_created


class StatisticsConfig(AppConfig):
    name = "tilsyn.statistics"
    label = "statistics"
    verbose_name = "Statistikk"

    def ready(self):
        from tilsyn.statistics.sql import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="tilsyn-statistics-sqlite")
