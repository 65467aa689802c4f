"""The one way past the audit log's append-only guard: deliberate maintenance (retention, test teardown).

On SQLite the guard is a trigger that asks the function `tilsyn_audit_maintenance()`, which this process
registers on its connections: another program opening the file has no such function, so its UPDATE or DELETE
fails too. On PostgreSQL the trigger reads the setting `tilsyn.audit_maintenance`, and the application's own
role has no UPDATE, DELETE or TRUNCATE privilege on the table at all (tilsyn/security/rls.py).
"""
from contextlib import contextmanager

from django.db import connection

_maintenance = False


def sqlite_function_register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("tilsyn_audit_maintenance", 0, lambda: int(_maintenance),
                                              deterministic=False)


def maintenance_allow(on: bool, *, database: bool = True) -> None:
    global _maintenance
    _maintenance = on
    if database and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('tilsyn.audit_maintenance', %s, false)", ["on" if on else "off"])


@contextmanager
def audit_maintenance():
    maintenance_allow(True)
    try:
        yield
    finally:
        maintenance_allow(False)
