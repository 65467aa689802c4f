import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from tilsyn.cases.access import visible_cases
from tilsyn.cases.models import Kind, Sector
from tilsyn.cases.selectors import case_page, work_queue

router = Router(tags=["saker"])


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

    @staticmethod
    def resolve_office(case) -> str:
        return case.office.code


class PartyOut(Schema):
    role: str
    name: str
    national_id: str
    org_number: str


class AssessmentOut(Schema):
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


@router.get("/", response=list[CaseSummary])
@paginate(PageNumberPagination, page_size=50)
def case_list(request, kind: Kind | None = None, sector: Sector | None = None, status: str = "open"):
    return work_queue(cases=visible_cases(request.user), kind=kind or "", sector=sector or "", status=status)


@router.get("/{case_id}", response=CaseDetail)
def case_detail(request, case_id: int):
    cases = visible_cases(request.user)
    get_object_or_404(cases, pk=case_id)
    return case_page(case_id=case_id, cases=cases)
