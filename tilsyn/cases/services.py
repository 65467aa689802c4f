"""Writes on cases that the web pages, the API, the commands and the import share; every kind uses them.

Registering
  case_register(*, office, kind, sector, title, received, actor, details, …) -> Case
      a new case with its number, its kind's detail row, parties, assessments and the deadline from its target;
      recorded in the audit log as created by `actor`
  case_number_next / case_numbers_highest / CaseNumberCounter: Noark case numbers
  party_fields(party) -> dict                         a party's fields, to copy it into another case
  journal_entry_add(*, case, type, title, document_date, correspondent="", …) -> JournalEntry
Handling (each locks the case, checks `expected_version` (StaleCase), bumps the version and logs a CaseEvent)
  case_assign(*, case_id, caseworker, actor, expected_version)              assign, reassign or unassign (None)
  assessment_add(*, case_id, provision, actor, party=None, expected_version) -> Assessment
                                          (guard: the kind's `assessment_problems`, e.g. supervision: method 5)
  assessment_remove(*, case_id, assessment_id, actor, expected_version)
  assessment_decide(*, case_id, assessment_id, outcome, actor, expected_version)   the outcome of one provision
  case_close(*, case_id, actor, on, reason="", expected_version)            decide and close (guard: every
                                                                             assessment decided, kind's checks)
  case_reopen(*, case_id, actor, on, reason, expected_version)
  case_clock_pause(*, case_id, actor, on, reason, expected_version)         waiting for documentation
  case_clock_resume(*, case_id, actor, on, expected_version)                the deadline moves by the paused days
  case_deadline_extend(*, case_id, deadline, reason, actor, expected_version)   kept when the deadline is worked
                                                                             out again (deadlines.case_deadline)
Errors are `transitions.TransitionError` (and its `StaleCase`) with a message for the user; access (who may
change which case) is `access.can_change_case`, asked by the callers.
"""
import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.access import can_handle_cases_at
from tilsyn.cases.deadlines import case_due_date, deadline_moved
from tilsyn.cases.kinds import KINDS, assessment_problems, provisions_assessable
from tilsyn.cases.models import Assessment, Case, CaseEvent, JournalEntry, Party, Status
from tilsyn.cases.transitions import (
    TransitionError, case_lock, case_must_be_open, case_save, event_log, status_change,
)
from tilsyn.reference.models import Office


def case_number_next(*, office, year: int) -> int:
    """The next sequence number (Noark 5 sakssekvensnummer) for a case at `office` in `year`.

    Numbers only go up: one above the highest in use, so that a number is never given twice even after gaps.
    Call it inside the transaction that saves the case; the unique constraint on (office, year, sequence)
    catches a concurrent writer.
    """
    highest = Case.objects.filter(office=office, case_year=year).aggregate(highest=Max("case_sequence"))
    return (highest["highest"] or 0) + 1


def case_numbers_highest() -> dict[tuple[int, int], int]:
    """The highest sequence number in use per (office id, year): `case_number_next` for many cases at once."""
    rows = Case.objects.values_list("office_id", "case_year").annotate(highest=Max("case_sequence"))
    return {(office_id, year): highest for office_id, year, highest in rows}


class CaseNumberCounter:
    """Hands out case numbers for many new cases in one transaction, e.g. an import, without a query each."""

    def __init__(self, highest: dict[tuple[int, int], int]):
        self.highest = dict(highest)

    def next(self, *, office_id: int, year: int) -> int:
        number = self.highest.get((office_id, year), 0) + 1
        self.highest[(office_id, year)] = number
        return number


def date_not_in_future(on: datetime.date) -> None:
    if on > timezone.localdate():
        raise TransitionError(_("Datoen kan ikke være fram i tid."))


@transaction.atomic
def case_register(*, office: Office, kind: str, sector: str, title: str, received: datetime.date, actor,
                  details: dict, summary: str = "", priority: bool = False, municipality=None, caseworker=None,
                  origin: Case | None = None, parties: list[dict] = (), provisions=()) -> Case:
    """A new case at `office`: the next case number, the kind's detail row from `details`, the parties (dicts of
    Party fields), an assessment per provision, and the deadline its target sets from the day it was received."""
    date_not_in_future(received)
    # The office row is the lock that hands out its case numbers one at a time.
    Office.objects.select_for_update().get(pk=office.pk)
    case = Case(kind=kind, office=office, sector=sector, title=title, summary=summary, received=received,
                priority=priority, municipality=municipality, caseworker=caseworker, origin=origin,
                case_year=received.year,
                case_sequence=case_number_next(office=office, year=received.year))
    case.external_id = str(case.system_id)
    case.save()
    KINDS[kind].model.objects.create(case=case, **details)
    Party.objects.bulk_create(Party(case=case, **party) for party in parties)
    Assessment.objects.bulk_create(Assessment(case=case, provision=provision) for provision in provisions)
    case.deadline = case_due_date(case)
    case.save(update_fields=["deadline"])
    event_log(case, actor=actor, type=CaseEvent.Type.REGISTERED, field="deadline", new=case.deadline)
    if caseworker is not None:
        event_log(case, actor=actor, type=CaseEvent.Type.ASSIGNED, field="caseworker", new=caseworker)
    # Every registration (pages, API, forwarding to another office) comes through here; from where is the
    # request's (audit_origin).
    audit_record(user=actor, action=Action.CREATE, case=case)
    return case


def party_fields(party: Party) -> dict:
    """The fields of `party` as `case_register(parties=…)` takes them: to copy the party into another case."""
    return {field.attname: getattr(party, field.attname) for field in Party._meta.concrete_fields
            if field.name not in ("id", "case")}


@transaction.atomic
def journal_entry_add(*, case: Case, type: str, title: str, document_date: datetime.date, correspondent: str = "",
                      public_title: str = "", screened: bool = True, screening_basis: str = "") -> JournalEntry:
    """Register a document in the case's journal under the next number, journal date today."""
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    number = (case.journal.aggregate(highest=Max("number"))["highest"] or 0) + 1
    return JournalEntry.objects.create(case=case, number=number, type=type, title=title,
                                       public_title=public_title, correspondent=correspondent,
                                       document_date=document_date, registered=timezone.localdate(),
                                       screened=screened, screening_basis=screening_basis)


@transaction.atomic
def case_assign(*, case_id: int, caseworker, actor, expected_version: int | None = None) -> Case:
    """Give the case to `caseworker` (a user at the case's office who handles cases), or to nobody (None)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    if caseworker is not None and not can_handle_cases_at(caseworker, office_id=case.office_id):
        raise TransitionError(_("%(user)s kan ikke få saker ved %(office)s.")
                              % {"user": caseworker, "office": case.office.short_name})
    if caseworker == case.caseworker:
        return case
    old = case.caseworker
    case.caseworker = caseworker
    case_save(case, fields=["caseworker"])
    event_log(case, actor=actor, type=CaseEvent.Type.ASSIGNED, field="caseworker", old=old or "",
              new=caseworker or "")
    return case


@transaction.atomic
def assessment_add(*, case_id: int, provision, actor, party=None, expected_version: int | None = None) -> Assessment:
    """Assess one more provision in the case (against `party`, where the case has several)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    problems = assessment_problems(case)
    if problems:
        raise TransitionError(" ".join(problems))
    if not provisions_assessable(case).filter(pk=provision.pk).exists():
        raise TransitionError(_("Bestemmelsen «%(provision)s» hører ikke til denne typen sak.")
                              % {"provision": provision})
    if party is not None and party.case_id != case.pk:
        raise TransitionError(_("Parten hører ikke til saken."))
    if case.assessments.filter(provision=provision, party=party).exists():
        raise TransitionError(_("Bestemmelsen «%(provision)s» er allerede med i vurderingen.")
                              % {"provision": provision})
    assessment = Assessment.objects.create(case=case, provision=provision, party=party)
    case_save(case, fields=[])
    event_log(case, actor=actor, type=CaseEvent.Type.ASSESSMENT_ADDED, field="assessment",
              subject=assessment_subject(assessment))
    return assessment


def assessment_subject(assessment: Assessment) -> str:
    return f"{assessment.provision} ({assessment.party.name})" if assessment.party else str(assessment.provision)


def assessment_locked(*, case_id: int, assessment_id: int, expected_version: int | None) -> Assessment:
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    try:
        assessment = case.assessments.select_related("provision", "party").get(pk=assessment_id)
    except Assessment.DoesNotExist:
        raise TransitionError(_("Vurderingen finnes ikke i denne saken.")) from None
    assessment.case = case
    return assessment


@transaction.atomic
def assessment_remove(*, case_id: int, assessment_id: int, actor, expected_version: int | None = None) -> Case:
    assessment = assessment_locked(case_id=case_id, assessment_id=assessment_id, expected_version=expected_version)
    case = assessment.case
    event_log(case, actor=actor, type=CaseEvent.Type.ASSESSMENT_REMOVED, field="assessment",
              subject=assessment_subject(assessment), old=assessment.outcome)
    assessment.delete()
    case_save(case, fields=[])
    return case


@transaction.atomic
def assessment_decide(*, case_id: int, assessment_id: int, outcome: str, actor,
                      expected_version: int | None = None) -> Assessment:
    """Record the outcome of one assessed provision (upheld/changed/quashed, breach/no breach, …)."""
    assessment = assessment_locked(case_id=case_id, assessment_id=assessment_id, expected_version=expected_version)
    case = assessment.case
    if outcome not in KINDS[case.kind].outcomes:
        raise TransitionError(_("Utfallet passer ikke for denne typen sak."))
    if outcome == assessment.outcome:
        return assessment
    old = assessment.outcome
    assessment.outcome = outcome
    assessment.save(update_fields=["outcome"])
    case_save(case, fields=[])
    event_log(case, actor=actor, type=CaseEvent.Type.OUTCOME_RECORDED, field="outcome",
              subject=assessment_subject(assessment), old=old, new=outcome)
    return assessment


# What ending a pause changes (clock_restart).
CLOCK_FIELDS = ["paused_since", "paused_days", "deadline", "extended_deadline"]


def clock_restart(case: Case, *, actor, on: datetime.date) -> None:
    """End the pause of the locked `case` on `on`: its days are added, and the deadline moves by them."""
    if case.paused_since is None:  # waiting without a recorded pause (e.g. imported so): nothing to count
        return
    if on < case.paused_since:
        raise TransitionError(_("Fristen kan ikke løpe igjen før den ble stanset."))
    days = (on - case.paused_since).days
    old_deadline = case.deadline
    case.paused_days += days
    case.paused_since = None
    if case.deadline is not None:
        case.deadline = deadline_moved(case.deadline, days=days)
    if case.extended_deadline is not None:
        case.extended_deadline = deadline_moved(case.extended_deadline, days=days)
    event_log(case, actor=actor, type=CaseEvent.Type.CLOCK_RESUMED, field="deadline", old=old_deadline,
              new=case.deadline, reason=_("Stanset i %(days)s dager.") % {"days": days})


@transaction.atomic
def case_clock_pause(*, case_id: int, actor, on: datetime.date, reason: str = "",
                     expected_version: int | None = None) -> Case:
    """Stop the clock while the office waits for documentation from the service (status: awaiting)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    if case.status == Status.AWAITING_DOCUMENTATION:
        raise TransitionError(_("Fristen er allerede stanset."))
    date_not_in_future(on)
    if on < case.received:
        raise TransitionError(_("Fristen kan ikke stanses før saken ble mottatt."))
    status_change(case, to=Status.AWAITING_DOCUMENTATION, actor=actor, on=on, reason=reason)
    case.paused_since = on
    case_save(case, fields=["status", "closed", "paused_since"])
    event_log(case, actor=actor, type=CaseEvent.Type.CLOCK_PAUSED, field="paused_since", new=on, reason=reason)
    return case


@transaction.atomic
def case_clock_resume(*, case_id: int, actor, on: datetime.date, expected_version: int | None = None) -> Case:
    """The documentation came: the clock runs again and the deadline moves by the days it stood still."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    if case.status != Status.AWAITING_DOCUMENTATION:
        raise TransitionError(_("Fristen er ikke stanset."))
    date_not_in_future(on)
    status_change(case, to=Status.OPEN, actor=actor, on=on)
    clock_restart(case, actor=actor, on=on)
    case_save(case, fields=["status", "closed", *CLOCK_FIELDS])
    return case


@transaction.atomic
def case_deadline_extend(*, case_id: int, deadline: datetime.date, reason: str, actor,
                         expected_version: int | None = None) -> Case:
    """A later deadline, for a reason that is recorded; a weekend or holiday moves it to the next working day."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    if not reason.strip():
        raise TransitionError(_("Oppgi hvorfor fristen forlenges."))
    if deadline > case.received + datetime.timedelta(days=5 * 366):
        raise TransitionError(_("Fristen kan ikke settes mer enn fem år etter at saken ble mottatt."))
    new = deadline_moved(deadline, days=0)
    if new <= (case.deadline or case.received):
        raise TransitionError(_("Den nye fristen må være senere enn den gjeldende."))
    old = case.deadline
    case.deadline = case.extended_deadline = new
    case_save(case, fields=["deadline", "extended_deadline"])
    event_log(case, actor=actor, type=CaseEvent.Type.DEADLINE_EXTENDED, field="deadline", old=old, new=new,
              reason=reason.strip())
    return case


@transaction.atomic
def case_close(*, case_id: int, actor, on: datetime.date, reason: str = "",
               expected_version: int | None = None) -> Case:
    """Decide and close: every assessment has its outcome (the guard checks); a paused clock is ended first."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    date_not_in_future(on)
    if case.paused_since is not None:
        clock_restart(case, actor=actor, on=max(on, case.paused_since))
    status_change(case, to=Status.CLOSED, actor=actor, on=on, reason=reason)
    case_save(case, fields=["status", "closed", *CLOCK_FIELDS])
    return case


@transaction.atomic
def case_reopen(*, case_id: int, actor, on: datetime.date, reason: str,
                expected_version: int | None = None) -> Case:
    case = case_lock(case_id=case_id, expected_version=expected_version)
    if not reason.strip():
        raise TransitionError(_("Oppgi hvorfor saken gjenåpnes."))
    status_change(case, to=Status.OPEN, actor=actor, on=on, reason=reason.strip())
    case_save(case, fields=["status", "closed"])
    return case
