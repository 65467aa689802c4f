import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from tilsyn.audit.forms import AuditFilter
from tilsyn.audit.selectors import audit_entries, case_audit_trail
from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.access import can_see_audit_trail, can_see_case, reads_audit_log
from tilsyn.cases.models import Case
from tilsyn.security import rls

EXPORT_COLUMNS = ["at", "username", "user_office", "action", "object_type", "case_id", "party_id", "channel",
                  "path", "detail", "ip"]


def case_trail(request, case_id: int):
    """Who looked at the case, and when: for the managers of the office and the security officer."""
    # The security officer reads no case rows (row security gives them none), yet sees any case's trail: the
    # decision is can_see_audit_trail's, and the page names the case only by its office, kind and number (numbers
    # repeat across offices). Back to the case for whoever may read it (the manager), else to the log.
    with rls.unrestricted():
        case = Case.objects.filter(pk=case_id).select_related("office").first()
        if case is None or not can_see_audit_trail(request.user, case):
            raise Http404
    entries = case_audit_trail(case_id=case.pk)[:500]
    case_readable = can_see_case(request.user, case)
    return render(request, "audit/case_trail.html", {"case": case, "entries": entries,
                                                      "case_readable": case_readable})


def log(request):
    """The security officer's page: choose a period, a user or a case, and download the log as CSV."""
    if not reads_audit_log(request.user):
        raise PermissionDenied
    return render(request, "audit/log.html", {"form": AuditFilter()})


class _Echo:
    def write(self, value):
        return value


def log_export(request):
    if not reads_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilter(request.GET)
    if not form.is_valid():
        return render(request, "audit/log.html", {"form": form}, status=400)
    entries = audit_entries(**form.cleaned_data)
    audit_record(request=request, action=Action.EXPORT, detail=f"tilgangslogg {form.cleaned_data}")
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for entry in entries.iterator(chunk_size=5000):
            yield writer.writerow([getattr(entry, column) for column in EXPORT_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = f"tilgangslogg-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
