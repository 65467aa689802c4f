"""The HTTP API for cases of every kind: the work queue, the case, and the case page's actions.

Writes carry the case `version` the client read; a case someone saved in between is answered 409 with the
pages' own message, and nothing is changed. Errors are 4xx with a Norwegian `detail`: 404 a case the user may
not see (or that does not exist), 403 a case the user may only read, 409 a change the case's state refuses
(`TransitionError`, see tilsyn/api.py), 422 input that does not validate.
"""
import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases import services
from tilsyn.cases.access import can_change_case, can_handle_cases_at, case_handlers, visible_cases
from tilsyn.cases.kinds import provisions_assessable
from tilsyn.cases.models import Case, Kind, Outcome, Sector
from tilsyn.cases.selectors import case_page, case_timeline, work_queue

router = Router(tags=["saker"])

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
MAX_ID = 2_147_483_647  # ids and versions are 32-bit integers in the database
CaseId = Annotated[int, Path(ge=1, le=MAX_ID)]
ItemId = CaseId


def text(default=..., *, max_length: int, **kwargs):
    """A string field of at most `max_length` characters, without NUL."""
    return Field(default, max_length=max_length, pattern=NO_NUL, **kwargs)


def case_visible(request, case_id: int, *, kind: str | None = None) -> Case:
    """The case if the user may see it, else 404 (the same whether it exists or not: no probing)."""
    cases = visible_cases(request.user)
    if kind:
        cases = cases.filter(kind=kind)
    case = cases.select_related("office").filter(pk=case_id).first()
    if case is None:
        raise HttpError(404, _("Fant ingen slik sak."))
    audit_record(request=request, action=Action.READ, case=case)
    return case


def case_changeable(request, case_id: int, *, kind: str | None = None) -> Case:
    """The case if the user may change it; 403 if they may only read it. The change itself is recorded in the
    audit log when it is saved (`transitions.case_save`), not here: a write refused is no change."""
    case = case_visible(request, case_id, kind=kind)
    if not can_change_case(request.user, case):
        raise HttpError(403, _("Bare embetet som behandler saken, kan endre den."))
    return case


def registering_office(request, *, national_only: bool = False):
    """The user's office, where they may register a case (at Helsetilsynet only, for national kinds); else 403."""
    user = request.user
    if user.office_id is None or not can_handle_cases_at(user, office_id=user.office_id) or (
            national_only and not user.office.is_national):
        raise HttpError(403, _("Du kan ikke registrere denne typen sak."))
    return user.office


def caseworker_at(*, office_id: int, username: str | None):
    """The user `username` who handles cases at the office; None for no username; 422 when there is none."""
    if not username:
        return None
    caseworker = case_handlers(office_id=office_id).filter(username=username).first()
    if caseworker is None:
        raise HttpError(422, _("Fant ingen saksbehandler «%(user)s» ved embetet.") % {"user": username})
    return caseworker


class CaseSummary(Schema):
    id: int
    external_id: str
    case_number: str
    kind: Kind
    office: str
    sector: Sector
    title: str
    status: str
    priority: bool
    received: datetime.date
    deadline: datetime.date | None
    closed: datetime.date | None
    caseworker: str | None
    version: int

    @staticmethod
    def resolve_office(case) -> str:
        return case.office.code

    @staticmethod
    def resolve_caseworker(case) -> str | None:
        return case.caseworker.username if case.caseworker_id else None


class PartyOut(Schema):
    role: str
    name: str
    national_id: str
    org_number: str


class AssessmentOut(Schema):
    id: int
    provision: str
    provision_label: str
    outcome: str

    @staticmethod
    def resolve_provision(assessment) -> str:
        return assessment.provision.code

    @staticmethod
    def resolve_provision_label(assessment) -> str:
        return str(assessment.provision)


class JournalEntryOut(Schema):
    number: int
    type: str
    title: str
    correspondent: str
    document_date: datetime.date
    registered: datetime.date


class CaseDetail(CaseSummary):
    summary: str
    paused_since: datetime.date | None
    paused_days: int
    parties: list[PartyOut]
    assessments: list[AssessmentOut]
    journal: list[JournalEntryOut]

    @staticmethod
    def resolve_parties(case):
        return list(case.parties.all())

    @staticmethod
    def resolve_assessments(case):
        return list(case.assessments.all())

    @staticmethod
    def resolve_journal(case):
        return list(case.journal.all())


class TimelineItemOut(Schema):
    on: datetime.date
    title: str
    subject: str
    old: str
    new: str
    reason: str
    actor: str


class Versioned(Schema):
    version: int = Field(..., ge=1, le=MAX_ID, description="The case version the client read")


class AssignIn(Versioned):
    caseworker: str | None = text(None, max_length=150, description="Username, or null for nobody")


class AssessmentIn(Versioned):
    provision: str = text(max_length=120, description="Provision code (GET /api/referanse/bestemmelser)")


class OutcomeIn(Versioned):
    outcome: Outcome


class DatedIn(Versioned):
    on: datetime.date


class CloseIn(DatedIn):
    reason: str = text("", max_length=2000)


class ReopenIn(DatedIn):
    reason: str = text(min_length=1, max_length=2000)


class PauseIn(DatedIn):
    reason: str = text("", max_length=2000)


class ExtendIn(Versioned):
    deadline: datetime.date
    reason: str = text(min_length=1, max_length=2000)


def detail_of(request, case: Case):
    return case_page(case_id=case.pk, cases=visible_cases(request.user))


class AuditedPagination(PageNumberPagination):
    """Pages of cases, each case on the page recorded in the audit log as listed (as the pages' work queue)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page[self.items_attribute] = cases = list(page[self.items_attribute])
        audit_record(request=request, action=Action.LIST, cases=cases)
        return page


@router.get("/", response=list[CaseSummary])
@paginate(AuditedPagination, page_size=50)
def case_list(request, kind: Kind | None = None, sector: Sector | None = None,
              status: Literal["open", "awaiting_documentation", "closed", "all"] = "open", mine: bool = False):
    """The work queue: priority first, then the nearest deadline. `status`: open, awaiting_documentation,
    closed or all."""
    return work_queue(cases=visible_cases(request.user), office_id=request.user.office_id, kind=kind or "",
                      sector=sector or "", status=status, caseworker=request.user if mine else None)


@router.get("/{case_id}", response=CaseDetail)
def case_detail(request, case_id: CaseId):
    return detail_of(request, case_visible(request, case_id))


@router.get("/{case_id}/tidslinje", response=list[TimelineItemOut])
def case_timeline_list(request, case_id: CaseId):
    """Events and journal entries, merged by date, oldest first."""
    return case_timeline(case_visible(request, case_id))


@router.post("/{case_id}/tildel", response=CaseDetail)
def case_assign(request, case_id: CaseId, data: AssignIn):
    case = case_changeable(request, case_id)
    caseworker = caseworker_at(office_id=case.office_id, username=data.caseworker)
    services.case_assign(case_id=case.pk, caseworker=caseworker, actor=request.user,
                         expected_version=data.version)
    return detail_of(request, case)


@router.post("/{case_id}/vurderinger", response={201: CaseDetail})
def assessment_add(request, case_id: CaseId, data: AssessmentIn):
    case = case_changeable(request, case_id)
    provision = provisions_assessable(case).filter(code=data.provision).first()
    if provision is None:
        raise HttpError(422, _("Bestemmelsen «%(provision)s» hører ikke til denne typen sak.")
                        % {"provision": data.provision})
    services.assessment_add(case_id=case.pk, provision=provision, actor=request.user,
                            expected_version=data.version)
    return Status(201, detail_of(request, case))


@router.post("/{case_id}/vurderinger/{assessment_id}/utfall", response=CaseDetail)
def assessment_decide(request, case_id: CaseId, assessment_id: ItemId, data: OutcomeIn):
    case = case_changeable(request, case_id)
    services.assessment_decide(case_id=case.pk, assessment_id=assessment_id, outcome=data.outcome,
                               actor=request.user, expected_version=data.version)
    return detail_of(request, case)


@router.delete("/{case_id}/vurderinger/{assessment_id}", response=CaseDetail)
def assessment_remove(request, case_id: CaseId, assessment_id: ItemId, version: Annotated[int, Query(ge=1, le=MAX_ID)]):
    case = case_changeable(request, case_id)
    services.assessment_remove(case_id=case.pk, assessment_id=assessment_id, actor=request.user,
                               expected_version=version)
    return detail_of(request, case)


@router.post("/{case_id}/avslutt", response=CaseDetail)
def case_close(request, case_id: CaseId, data: CloseIn):
    """Decide and close: every assessment must have its outcome."""
    case = case_changeable(request, case_id)
    services.case_close(case_id=case.pk, actor=request.user, on=data.on, reason=data.reason,
                        expected_version=data.version)
    return detail_of(request, case)


@router.post("/{case_id}/gjenapne", response=CaseDetail)
def case_reopen(request, case_id: CaseId, data: ReopenIn):
    case = case_changeable(request, case_id)
    services.case_reopen(case_id=case.pk, actor=request.user, on=data.on, reason=data.reason,
                         expected_version=data.version)
    return detail_of(request, case)


@router.post("/{case_id}/stans", response=CaseDetail)
def case_clock_pause(request, case_id: CaseId, data: PauseIn):
    """Stop the clock while waiting for documentation (status: awaiting_documentation)."""
    case = case_changeable(request, case_id)
    services.case_clock_pause(case_id=case.pk, actor=request.user, on=data.on, reason=data.reason,
                              expected_version=data.version)
    return detail_of(request, case)


@router.post("/{case_id}/gjenoppta", response=CaseDetail)
def case_clock_resume(request, case_id: CaseId, data: DatedIn):
    """The documentation came: the clock runs again and the deadline moves by the paused days."""
    case = case_changeable(request, case_id)
    services.case_clock_resume(case_id=case.pk, actor=request.user, on=data.on, expected_version=data.version)
    return detail_of(request, case)


@router.post("/{case_id}/frist", response=CaseDetail)
def case_deadline_extend(request, case_id: CaseId, data: ExtendIn):
    case = case_changeable(request, case_id)
    services.case_deadline_extend(case_id=case.pk, deadline=data.deadline, reason=data.reason, actor=request.user,
                                  expected_version=data.version)
    return detail_of(request, case)

