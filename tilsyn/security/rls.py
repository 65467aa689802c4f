"""Row-level security on PostgreSQL: the database itself keeps each office to its own cases.

The application's queries already ask `tilsyn.cases.access`; this is the second line, for the query that
forgot to. Every web request runs as the role `TILSYN_DB_APP_ROLE` (default `tilsyn_app`): not the tables'
owner, no BYPASSRLS, no UPDATE/DELETE/TRUNCATE on the audit log. Two settings of the connection say what it
may see, set by `RowLevelSecurityMiddleware` for each request:

* `tilsyn.scope = 'office'` and `tilsyn.office_id`: a caseworker, manager or national user — the office's
  cases and those forwarded to it, the same rule as `visible_cases`;
* `tilsyn.scope = 'all'`: aggregates (the statistics engine's queries, the overview's counts) and deliberate
  system actions that cross offices, inside `unrestricted()`;
* anything else (analysts, administrators, anonymous): no case rows at all.

Migrations, `tilsyn import`, `tilsyn demodata` and other commands run as the owner, which row security does not
restrict (no FORCE): that is the privileged path, and it is not reachable from the web. The policies are made
after every migrate, so a table a later migration adds under `cases_case` is covered too. SQLite has no row
security; there the application's checks stand alone.
"""
import re
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.db import connection

CASE_TABLE = "cases_case"
POLICY = "tilsyn_need_to_know_v1"  # changed rules get a new name (and a step dropping the old)
SCOPE_ALL = "current_setting('tilsyn.scope', true) = 'all'"
OFFICE = "NULLIF(current_setting('tilsyn.office_id', true), '')::bigint"


def app_role() -> str:
    role = getattr(settings, "TILSYN_DB_APP_ROLE", "")
    if role and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValueError(f"TILSYN_DB_APP_ROLE {role!r} is not a plain role name")
    return role


def active() -> bool:
    return connection.vendor == "postgresql"


def _set(scope: str, office_id: int | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('tilsyn.scope', %s, false), set_config('tilsyn.office_id', %s, false)",
                       [scope, "" if office_id is None else str(office_id)])


def _get() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('tilsyn.scope', true), current_setting('tilsyn.office_id', true)")
        return cursor.fetchone()


def request_enter(user) -> None:
    """From here on the connection sees only what `user` may see."""
    from tilsyn.cases.access import reads_cases
    if reads_cases(user):
        _set("office", user.office_id)
    else:
        _set("none", None)
    role = app_role()
    if role:
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')


def request_leave() -> None:
    if connection.connection is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    _set("", None)


@contextmanager
def unrestricted():
    """Every case row visible, for aggregates and deliberate cross-office actions only: whatever runs inside
    must not hand case rows to a user who may not see them (statistics give counts; forwarding a
    notification creates the receiving office's case)."""
    if not active():
        yield
        return
    before = _get()
    _set("all", None)
    try:
        yield
    finally:
        _set(before[0] or "", int(before[1]) if before[1] else None)


class RowLevelSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not active():
            return self.get_response(request)
        request_enter(request.user)
        try:
            response = self.get_response(request)
        except BaseException:
            request_leave()
            raise
        if response.streaming:
            response._resource_closers.append(request_leave)  # the body is made after we return
        else:
            request_leave()
        return response


FORWARDED_FUNCTION = """
    CREATE OR REPLACE FUNCTION tilsyn_forwarded_to_office(case_id bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM notifications_incidentnotification n
                      WHERE n.case_id = $1
                        AND n.forwarded_to_id = NULLIF(current_setting('tilsyn.office_id', true), '')::bigint) $$"""


def _policies_sql(role: str) -> list[str]:
    # Built from constants and the catalogue's own table and column names only (hence the nosec below).
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.conrelid::regclass::text, a.attname, a.attnotnull
                 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.confrelid = %s::regclass AND c.conrelid <> %s::regclass
                ORDER BY 1, 2""", [CASE_TABLE, CASE_TABLE])
        children = {}
        for table, column, not_null in cursor.fetchall():
            children.setdefault(table, (column, not_null))
    policies = {CASE_TABLE: f"""({SCOPE_ALL} OR (current_setting('tilsyn.scope', true) = 'office'
                    AND (office_id = {OFFICE} OR tilsyn_forwarded_to_office(id))))"""}
    for table, (column, not_null) in children.items():
        parent = f"EXISTS (SELECT 1 FROM {CASE_TABLE} c WHERE c.id = {table}.{column})"  # nosec B608
        policies[table] = f"({SCOPE_ALL} OR {parent if not_null else f'({table}.{column} IS NULL OR {parent})'})"
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relrowsecurity AND relname = ANY(%s)", [list(policies)])
        secured = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tablename FROM pg_policies WHERE policyname = %s", [POLICY])
        with_policy = {row[0] for row in cursor.fetchall()}
    # Only what is missing: a migrate inside a transaction with pending foreign-key checks cannot ALTER a table.
    # SECURITY DEFINER function: looking up a forwarded notification must not recurse into that table's policy.
    statements = [FORWARDED_FUNCTION]
    for table, condition in policies.items():
        if table not in secured:
            statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        if table not in with_policy:
            statements.append(f"CREATE POLICY {POLICY} ON {table} USING {condition}")
    if role:
        statements += [
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditentry FROM {role}",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {role}",
        ]
    return statements


def rls_policies_apply(**kwargs) -> None:
    """Create the application role if it is missing (when allowed to), then the policies and grants."""
    if not active():
        return
    role = app_role()
    with connection.cursor() as cursor:
        if role:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f"""DO $$ BEGIN CREATE ROLE {role} NOLOGIN;
                    EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN
                      RAISE NOTICE 'tilsyn: could not create role {role}; create it as docs/security.md says';
                    END $$""")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            role = role if cursor.fetchone() else ""
        for statement in _policies_sql(role):
            cursor.execute(statement)


def aggregates_view(view):
    """A page of aggregates over every office (the steering panel): its counts run without row security.
    Case lists on such a page must still come from `visible_cases`."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with unrestricted():
            return view(request, *args, **kwargs)
    return wrapped
