from tilsyn.audit.models import AuditEntry


def case_audit_trail(*, case_id: int):
    """Every recorded look at and change to one case, newest first."""
    return AuditEntry.objects.filter(case_id=case_id).order_by("-at", "-id")


def audit_entries(*, since=None, until=None, username: str = "", case_id: int | None = None):
    entries = AuditEntry.objects.order_by("at", "id")
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    if username:
        entries = entries.filter(username=username)
    if case_id:
        entries = entries.filter(case_id=case_id)
    return entries
