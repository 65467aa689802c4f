"""The HTTP API for rights complaints: registering one (the form's fields and checks) and its likely duplicates.
Handling a registered complaint is the common case API's (/api/saker/{id}/…)."""
import datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.api import (
    NO_NUL, CaseDetail, CaseId, CaseSummary, caseworker_at, case_visible, detail_of, registering_office, text,
)
from tilsyn.cases.models import Kind
from tilsyn.complaints.models import ComplaintType
from tilsyn.complaints.selectors import complaint_duplicates_of
from tilsyn.complaints.services import complaint_register
from tilsyn.reference.selectors import municipality_by_number, provisions_by_code

router = Router(tags=["rettighetsklager"])
ProvisionCode = Annotated[str, StringConstraints(max_length=120, pattern=NO_NUL)]


class ComplaintIn(Schema):
    complaint_type: ComplaintType
    received: datetime.date = Field(..., description="Mottatt hos statsforvalteren")
    complainant_name: str = text(min_length=1, max_length=200)
    complainant_national_id: str = text("", max_length=11, description="Fødselsnummer, 11 siffer")
    patient_name: str = text("", max_length=200, description="Når klageren klager på vegne av en annen")
    patient_national_id: str = text("", max_length=11)
    service_name: str = text(min_length=1, max_length=200)
    service_org_number: str = text("", max_length=9)
    municipality: str | None = text(None, max_length=4, description="Kommunenummer")
    service_decision_date: datetime.date
    first_instance_received: datetime.date | None = None
    first_instance_forwarded: datetime.date | None = None
    provisions: list[ProvisionCode] = Field(..., min_length=1, max_length=30,
                                  description="Provision codes of the complaint type's catalogue")
    title: str = text("", max_length=300)
    summary: str = text("", max_length=4000)
    priority: bool = False
    caseworker: str | None = text(None, max_length=150, description="Username at the office")


class ComplaintCreated(CaseDetail):
    likely_duplicates: list[CaseSummary]


@router.post("/", response={201: ComplaintCreated})
def complaint_create(request, data: ComplaintIn):
    """Register a rights complaint at the user's office. Likely duplicates (same person and service within 90
    days) are registered all the same and listed in the answer."""
    user = request.user
    office = registering_office(request)
    fields = data.dict(exclude={"provisions", "municipality", "caseworker"})
    case = complaint_register(office=office, actor=user, **fields,
                              provisions=provisions_by_code(data.provisions, field="provisions"),
                              municipality=municipality_by_number(data.municipality),
                              caseworker=caseworker_at(office_id=office.pk, username=data.caseworker))
    detail = detail_of(request, case)
    detail.likely_duplicates = list(complaint_duplicates_of(case).select_related("office", "caseworker"))
    audit_record(request=request, action=Action.LIST, cases=detail.likely_duplicates)
    return Status(201, detail)


@router.get("/{case_id}/mulige-duplikater", response=list[CaseSummary])
def complaint_duplicates(request, case_id: CaseId):
    """Complaints at the office from the same person about the same service within 90 days."""
    case = case_visible(request, case_id, kind=Kind.RIGHTS_COMPLAINT)
    duplicates = list(complaint_duplicates_of(case).select_related("office", "caseworker"))
    audit_record(request=request, action=Action.LIST, cases=duplicates)
    return duplicates
