"""Writing the audit log: one function, `audit_record`, called from every place that shows, changes or
exports a case or a person (the case page and API, work queues, drill-downs, exports), and from `case_register`,
which every registration goes through.

Where an entry comes from (channel, path, address) is the request's. A service has no request: during a web
request `AuditOriginMiddleware` makes it `audit_origin` for the calls that pass none (as django-auditlog does for
its actor), so a case registered on a page or through the API is recorded with where it came from."""
import getpass
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from tilsyn.audit.models import Action, AuditEntry, ObjectType

_origin: ContextVar = ContextVar("audit_origin", default=None)


@contextmanager
def audit_origin(request):
    """Entries recorded inside without a request of their own come from `request`."""
    token = _origin.set(request)
    try:
        yield
    finally:
        _origin.reset(token)


def _channel(request) -> str:
    if request is None:
        return "kommando"
    return "api" if request.path.startswith("/api/") else "side"


def _login_name() -> str:
    """Who runs a command (`tilsyn export`): the operating system's login name."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in the environment and no passwd entry
        return "os:?"


def audit_record(*, request=None, user=None, action: str, case=None, cases: Iterable | None = None,
                 party=None, detail: str = "") -> None:
    """Record that `user` (default: the request's; for a command the login name) did `action` to a case, a
    party, or each of `cases`.

    `cases` are Case objects or (id, office_id) pairs: a list page records one entry per case it shows.
    An export that names no single case records one entry with `detail` saying what was exported.
    Without `request`, the one of `audit_origin` (the current web request, if any)."""
    request = request if request is not None else _origin.get()
    user = user if user is not None else getattr(request, "user", None)
    common = {
        "user_id": getattr(user, "pk", None),
        "username": getattr(user, "username", "") or ("" if request is not None else _login_name()),
        "user_office": user.office.code if getattr(user, "office_id", None) else "",
        "action": action,
        "channel": _channel(request),
        "path": request.get_full_path()[:500] if request is not None else "",
        "detail": detail[:500],
        "ip": request.META.get("REMOTE_ADDR") or None if request is not None else None,
    }
    if cases is not None:
        pairs = [(c.pk, c.office_id) if hasattr(c, "pk") else tuple(c) for c in cases]
        AuditEntry.objects.bulk_create(
            AuditEntry(object_type=ObjectType.CASE, case_id=pk, case_office_id=office, **common) for pk, office in pairs)
        return
    if party is not None:
        AuditEntry.objects.create(object_type=ObjectType.PERSON, party_id=party.pk, case_id=party.case_id,
                                  case_office_id=getattr(case, "office_id", None), **common)
        return
    if case is not None:
        AuditEntry.objects.create(object_type=ObjectType.CASE, case_id=case.pk, case_office_id=case.office_id,
                                  **common)
        return
    AuditEntry.objects.create(object_type=ObjectType.CASES, **common)


__all__ = ["Action", "audit_origin", "audit_record"]
