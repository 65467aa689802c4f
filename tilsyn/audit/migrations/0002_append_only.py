"""The audit log is append-only: triggers refuse UPDATE and DELETE (and TRUNCATE) on every database.

Maintenance (retention, test teardown) goes through tilsyn/audit/maintenance.py. On PostgreSQL the
application's role also lacks the privileges (tilsyn/security/rls.py revokes them after every migrate).
"""
from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry WHEN NOT tilsyn_audit_maintenance()
       BEGIN SELECT RAISE(ABORT, 'tilgangsloggen kan ikke endres'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry WHEN NOT tilsyn_audit_maintenance()
       BEGIN SELECT RAISE(ABORT, 'tilgangsloggen kan ikke slettes'); END""",
]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION tilsyn_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF current_setting('tilsyn.audit_maintenance', true) = 'on' THEN
           IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
           RETURN OLD;
         END IF;
         RAISE EXCEPTION USING MESSAGE = 'tilgangsloggen kan bare utvides: ' || TG_OP,
                               ERRCODE = 'insufficient_privilege';
       END $$""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION tilsyn_audit_append_only()""",
    """CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION tilsyn_audit_append_only()""",
]


def guard(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(guard, migrations.RunPython.noop)]
