"""Reads over cases that several pages and commands share."""
import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist

from django.db.models import Count, F, Q
from django.utils import dateformat, timezone

from tilsyn.cases.models import Case, CaseEvent, JournalEntry, Kind, Outcome, Status


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


def work_queue(*, cases, office_id: int | None = None, kind: str = "", sector: str = "", status: str = "open",
               caseworker=None, unassigned: bool = False):
    """Cases in the order a caseworker should take them: priority (danger to life or health, abuse) first, then
    the nearest deadline. `status`: open (waiting included), awaiting_documentation, closed or all. `office_id`:
    the cases the office handles itself (a copy it was sent to read is not its work)."""
    if office_id is not None:
        cases = cases.filter(office_id=office_id)
    if kind:
        cases = cases.filter(kind=kind)
    if sector:
        cases = cases.filter(sector=sector)
    if status == "open":
        cases = cases.filter(closed__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed__isnull=False)
    elif status == Status.AWAITING_DOCUMENTATION:
        cases = cases.filter(status=status)
    if caseworker is not None:
        cases = cases.filter(caseworker=caseworker)
    elif unassigned:
        cases = cases.filter(caseworker__isnull=True)
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


@dataclass(frozen=True)
class TimelineItem:
    """One line of a case's timeline: a registered document or a change to the case."""

    on: datetime.date
    title: str
    subject: str = ""
    old: str = ""
    new: str = ""
    reason: str = ""
    actor: str = ""
    journal: JournalEntry | None = None


def shown_value(field: str, value: str) -> str:
    """A logged value as the user reads it: labels for codes, Norwegian dates."""
    if not value:
        return ""
    if field == "status":
        return str(Status(value).label) if value in Status.values else value
    if field == "outcome":
        return str(Outcome(value).label) if value in Outcome.values else value
    if field in ("deadline", "closed", "paused_since", "received"):
        return dateformat.format(datetime.date.fromisoformat(value), "j.n.Y")
    return str(detail_choices(field).get(value, value))


@lru_cache(maxsize=None)
def detail_choices(field: str) -> dict[str, str]:
    """Labels of the codes of a kind's detail field with choices (handling method, routing, …), by its name."""
    from tilsyn.cases.kinds import KINDS

    for spec in KINDS.values():
        try:
            found = spec.model._meta.get_field(field)
        except FieldDoesNotExist:
            continue
        if found.choices:
            return {str(value): label for value, label in found.flatchoices}
    return {}


def case_timeline(case: Case) -> list[TimelineItem]:
    """The case's events and journal entries, merged by date, oldest first (a document before the changes of
    its day)."""
    items = []
    for entry in case.journal.all():
        items.append(((entry.registered, 0, entry.number), TimelineItem(
            on=entry.registered, title=f"{entry.get_type_display()}: {entry.title}", journal=entry,
            subject=entry.correspondent)))
    for event in CaseEvent.objects.filter(case=case).select_related("actor"):
        on = timezone.localtime(event.at).date()
        items.append(((on, 1, event.pk), TimelineItem(
            on=on, title=event.get_type_display(), subject=event.subject,
            old=shown_value(event.field, event.old_value), new=shown_value(event.field, event.new_value),
            reason=event.reason, actor=str(event.actor) if event.actor else "")))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]
