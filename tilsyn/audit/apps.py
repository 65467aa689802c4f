from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "tilsyn.audit"
    verbose_name = "Tilgangslogg"

    def ready(self):
        from tilsyn.audit.maintenance import sqlite_function_register
        connection_created.connect(sqlite_function_register)
