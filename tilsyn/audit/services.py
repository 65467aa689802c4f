"""Writing the audit log: one function, `audit_record`, called from every place that shows, changes or
exports a case or a person (the case page and API, work queues, drill-downs, exports)."""
from collections.abc import Iterable

from tilsyn.audit.models import Action, AuditEntry, ObjectType


def _channel(request) -> str:
    if request is None:
        return "kommando"
    return "api" if request.path.startswith("/api/") else "side"


def audit_record(*, request=None, user=None, action: str, case=None, cases: Iterable | None = None,
                 party=None, detail: str = "") -> None:
    """Record that `user` (default: the request's) did `action` to a case, a party, or each of `cases`.

    `cases` are Case objects or (id, office_id) pairs: a list page records one entry per case it shows.
    An export that names no single case records one entry with `detail` saying what was exported."""
    user = user if user is not None else getattr(request, "user", None)
    common = {
        "user_id": getattr(user, "pk", None),
        "username": getattr(user, "username", "") or "",
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


__all__ = ["Action", "audit_record"]
