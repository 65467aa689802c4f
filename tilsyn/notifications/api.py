"""The HTTP API for notifications of serious incidents at Helsetilsynet: the same services and access rule as
the case page's notification panel. Reference values by code, offices by code (`GET /api/referanse/…`)."""
import datetime
from typing import Literal

from ninja import Field, Router, Schema, Status

from tilsyn.cases.access import can_see_case
from tilsyn.cases.api import MAX_ID, CaseId, Versioned, case_changeable, case_visible, registering_office, text
from tilsyn.cases.models import Kind
from tilsyn.notifications import selectors, services
from tilsyn.notifications.models import IncidentNotification
from tilsyn.reference.selectors import municipality_by_number, office_by_code, term_by_code
from tilsyn.supervision.api import Code

router = Router(tags=["varsler"])


class PartyIn(Schema):
    name: str = text(max_length=200)
    national_id: str = text("", max_length=11)
    org_number: str = text("", max_length=9)

    def party(self) -> services.PartyIn:
        return services.PartyIn(name=self.name, national_id=self.national_id.strip(),
                                org_number=self.org_number.strip())


class NotificationIn(Schema):
    received: datetime.date
    notifier_type: str = Code
    service_type: str = Code
    notifier: PartyIn
    service: PartyIn | None = Field(None, description="Tjenesten, når en pasient, bruker eller pårørende varsler.")
    patient: PartyIn
    incident_date: datetime.date | None = None
    summary: str = text("", max_length=10_000)
    priority: bool = False
    municipality: str | None = text(None, max_length=4)


class NotificationOut(Schema):
    id: int
    case_number: str
    status: str
    version: int
    received: datetime.date
    closed: datetime.date | None
    notifier_type: str
    service_type: str
    incident_date: datetime.date | None
    routing: str
    routing_date: datetime.date | None
    forwarded_to: str | None
    forwarded_case: int | None = Field(description="Tilsynssaken hos statsforvalteren, for den som kan se den.")
    follow_up_method: str
    assessment_summary: str
    duplicate_of: int | None

    @staticmethod
    def from_case(case, user) -> "NotificationOut":
        details = (IncidentNotification.objects.select_related("case", "notifier_type", "service_type",
                                                               "forwarded_to").get(case_id=case.pk))
        case = details.case
        forwarded = selectors.notification_forwarded_case(case=case)
        return NotificationOut(
            id=case.pk, case_number=case.case_number, status=case.status, version=case.version,
            received=case.received, closed=case.closed, notifier_type=details.notifier_type.code,
            service_type=details.service_type.code, incident_date=details.incident_date, routing=details.routing,
            routing_date=details.routing_date,
            forwarded_to=details.forwarded_to.code if details.forwarded_to else None,
            forwarded_case=forwarded.pk if forwarded and can_see_case(user, forwarded) else None,
            follow_up_method=details.follow_up_method, assessment_summary=details.assessment_summary,
            duplicate_of=details.duplicate_of_id)


class RouteIn(Versioned):
    routing: Literal["closed_after_initial", "forwarded_to_county_governor", "own_follow_up", "not_covered"]
    on: datetime.date
    assessment: str = text(max_length=10_000)
    forwarded_to: str | None = text(None, max_length=16, description="Statsforvalterens kode, ved oversendelse.")
    follow_up_method: Literal["", "on_site", "other"] = ""


class RepeatIn(Versioned):
    first: int = Field(..., ge=1, le=MAX_ID, description="Saken til det første varselet om hendelsen.")
    on: datetime.date


class CompleteIn(Versioned):
    on: datetime.date
    reason: str = text("", max_length=500)


@router.post("/", response={201: NotificationOut}, summary="Registrer et varsel om alvorlig hendelse")
def notification_register(request, body: NotificationIn):
    office = registering_office(request, national_only=True)
    case = services.notification_register(
        office=office, actor=request.user, received=body.received,
        notifier_type=term_by_code("notifier_type", body.notifier_type, field="notifier_type"),
        service_type=term_by_code("incident_service_type", body.service_type, field="service_type"),
        notifier=body.notifier.party(), service=(body.service or PartyIn(name="")).party(),
        patient=body.patient.party(), incident_date=body.incident_date, summary=body.summary,
        priority=body.priority, municipality=municipality_by_number(body.municipality))
    return Status(201, NotificationOut.from_case(case, request.user))


@router.get("/{case_id}", response=NotificationOut, summary="Varselets opplysninger")
def notification_detail(request, case_id: CaseId):
    return NotificationOut.from_case(case_visible(request, case_id, kind=Kind.INCIDENT_NOTIFICATION), request.user)


@router.post("/{case_id}/fordeling", response=NotificationOut,
             summary="Fordel varselet etter den innledende undersøkelsen")
def notification_route(request, case_id: CaseId, body: RouteIn):
    case = case_changeable(request, case_id, kind=Kind.INCIDENT_NOTIFICATION)
    services.notification_route(
        case_id=case.pk, routing=body.routing, on=body.on, assessment=body.assessment,
        forwarded_to=office_by_code(body.forwarded_to, field="forwarded_to"), follow_up_method=body.follow_up_method,
        actor=request.user, expected_version=body.version)
    return NotificationOut.from_case(case, request.user)


@router.post("/{case_id}/gjentakelse", response=NotificationOut,
             summary="Koble et gjentatt varsel til det første varselet om hendelsen, og avslutt det")
def notification_repeat_link(request, case_id: CaseId, body: RepeatIn):
    case = case_changeable(request, case_id, kind=Kind.INCIDENT_NOTIFICATION)
    first = case_visible(request, body.first, kind=Kind.INCIDENT_NOTIFICATION)
    services.notification_repeat_link(case_id=case.pk, first=first, on=body.on, actor=request.user,
                                      expected_version=body.version)
    return NotificationOut.from_case(case, request.user)


@router.post("/{case_id}/oppfolging-fullfort", response=NotificationOut,
             summary="Avslutt et varsel Helsetilsynet har fulgt opp selv")
def notification_follow_up_complete(request, case_id: CaseId, body: CompleteIn):
    case = case_changeable(request, case_id, kind=Kind.INCIDENT_NOTIFICATION)
    services.notification_follow_up_complete(case_id=case.pk, on=body.on, reason=body.reason, actor=request.user,
                                             expected_version=body.version)
    return NotificationOut.from_case(case, request.user)
