"""Reads over cases that several pages and commands share."""
from dataclasses import dataclass

from django.db.models import Count, Q

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
