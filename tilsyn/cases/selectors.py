"""Reads over cases that several pages and commands share."""
from dataclasses import dataclass

from django.db.models import Count, F, Q

from tilsyn.cases.models import Case, Kind


@dataclass(frozen=True)
class KindCounts:
    kind: str
    label: str
    open_now: int
    received: int
    closed: int


def case_counts_by_kind(*, year: int, office=None) -> list[KindCounts]:
    """Open cases now, and cases received and closed in `year`, per kind; one office or all."""
    cases = Case.objects.all() if office is None else Case.objects.filter(office=office)
    rows = cases.values("kind").annotate(
        open_now=Count("pk", filter=Q(closed__isnull=True)),
        received=Count("pk", filter=Q(received__year=year)),
        closed=Count("pk", filter=Q(closed__year=year)),
    )
    by_kind = {row["kind"]: row for row in rows}
    return [
        KindCounts(
            kind=kind.value,
            label=kind.label,
            open_now=by_kind.get(kind.value, {}).get("open_now", 0),
            received=by_kind.get(kind.value, {}).get("received", 0),
            closed=by_kind.get(kind.value, {}).get("closed", 0),
        )
        for kind in Kind
    ]


def work_queue(*, cases, kind: str = "", sector: str = "", status: str = "open", caseworker=None):
    """Cases in the order a caseworker should take them: priority first, then the nearest deadline."""
    if kind:
        cases = cases.filter(kind=kind)
    if sector:
        cases = cases.filter(sector=sector)
    if status == "open":
        cases = cases.filter(closed__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed__isnull=False)
    if caseworker is not None:
        cases = cases.filter(caseworker=caseworker)
    return cases.select_related("office", "caseworker").order_by(
        "-priority", F("deadline").asc(nulls_last=True), "received", "pk"
    )


def case_page(*, case_id: int, cases):
    """One case with everything its page shows, in a handful of queries."""
    return (
        cases.select_related("office", "municipality", "caseworker", "origin")
        .prefetch_related("parties__profession", "parties__object_type", "parties__service_level",
                          "assessments__provision", "assessments__party", "journal")
        .get(pk=case_id)
    )
