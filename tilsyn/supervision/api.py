"""The HTTP API for supervision cases: the same services and access rule as the case page's supervision panel.

Reference values are given by their codes (`GET /api/referanse/…`): sources, themes, object types, professions,
service levels; municipalities by number. Writes carry the case `version` the client read: a stale one is
answered 409, like the pages' «endret av en annen».
"""
import datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from tilsyn.cases.api import NO_NUL, CaseId, Versioned, case_changeable, case_visible, registering_office, text
from tilsyn.cases.models import Case, Kind
from tilsyn.reference.selectors import municipality_by_number, term_by_code, terms_by_code
from tilsyn.supervision import services
from tilsyn.supervision.models import StartedAt, SupervisionCase

router = Router(tags=["tilsynssaker"])

Code = text(max_length=80)
CodeItem = Annotated[str, StringConstraints(max_length=80, pattern=NO_NUL)]


class SupervisedObjectIn(Schema):
    object_type: str = Code
    name: str = text(max_length=200)
    national_id: str = text("", max_length=11)
    org_number: str = text("", max_length=9)
    profession: str | None = text(None, max_length=80)
    service_level: str | None = text(None, max_length=80)

    def supervised_object(self) -> services.SupervisedObject:
        return services.SupervisedObject.from_data({
            "object_type": term_by_code("supervised_object_type", self.object_type, field="objects"),
            "name": self.name, "national_id": self.national_id, "org_number": self.org_number,
            "profession": term_by_code("profession", self.profession, field="objects"),
            "service_level": term_by_code("service_level", self.service_level, field="objects")})


class SupervisionCaseIn(Schema):
    title: str = text(min_length=1, max_length=300)
    sector: Literal["health", "child_welfare", "social"]
    received: datetime.date
    sources: list[CodeItem] = Field(..., max_length=20)
    themes: list[CodeItem] = Field([], max_length=20)
    objects: list[SupervisedObjectIn] = Field([], max_length=20)
    summary: str = text("", max_length=10_000)
    priority: bool = False
    municipality: str | None = text(None, max_length=4)
    started_at: StartedAt = StartedAt.COUNTY_GOVERNOR


class SupervisionOut(Schema):
    id: int
    case_number: str
    office: str
    sector: str
    status: str
    version: int
    received: datetime.date
    deadline: datetime.date | None
    closed: datetime.date | None
    origin: int | None
    handling_method: int | None
    user_involvement: str
    user_involvement_date: datetime.date | None
    result: str
    forwarded_to_helsetilsynet: datetime.date | None
    started_at: str
    referred_by: str | None
    sources: list[str]
    themes: list[str]

    @staticmethod
    def from_case(case: Case) -> "SupervisionOut":
        details = SupervisionCase.objects.select_related("referred_by").get(case_id=case.pk)
        case = details.case
        return SupervisionOut(
            id=case.pk, case_number=case.case_number, office=case.office.code, sector=case.sector,
            status=case.status, version=case.version, received=case.received, deadline=case.deadline,
            closed=case.closed, origin=case.origin_id, handling_method=details.handling_method,
            user_involvement=details.user_involvement, user_involvement_date=details.user_involvement_date,
            result=details.result, forwarded_to_helsetilsynet=details.forwarded_to_helsetilsynet,
            started_at=details.started_at, referred_by=details.referred_by.code if details.referred_by else None,
            sources=[t.code for t in details.sources.all()], themes=[t.code for t in details.themes.all()])


class MethodIn(Versioned):
    method: int = Field(..., ge=0, le=5)


class InvolvementIn(Versioned):
    involvement: Literal["accepted", "declined", "not_offered", "not_assessed"]
    on: datetime.date | None = None


class ObjectAddIn(Versioned, SupervisedObjectIn):
    pass


class CloseIn(Versioned):
    on: datetime.date
    result: Literal["", "closed_after_initial", "no_breach", "breach"] = ""
    reason: str = text("", max_length=500)


class ForwardIn(Versioned):
    on: datetime.date
    reason: str = text("", max_length=500)


@router.post("/", response={201: SupervisionOut}, summary="Registrer en tilsynssak")
def supervision_case_register(request, body: SupervisionCaseIn):
    office = registering_office(request)
    case = services.supervision_case_register(
        office=office, actor=request.user, sector=body.sector, title=body.title, received=body.received,
        sources=terms_by_code("source", body.sources, field="sources"),
        themes=terms_by_code("theme", body.themes, field="themes"),
        objects=[obj.supervised_object() for obj in body.objects], summary=body.summary, priority=body.priority,
        municipality=municipality_by_number(body.municipality), started_at=body.started_at)
    return Status(201, SupervisionOut.from_case(case))


@router.get("/{case_id}", response=SupervisionOut, summary="Tilsynssakens opplysninger")
def supervision_case_detail(request, case_id: CaseId):
    return SupervisionOut.from_case(case_visible(request, case_id, kind=Kind.SUPERVISION_CASE))


@router.post("/{case_id}/behandlingsmate", response=SupervisionOut, summary="Velg behandlingsmåte (setter fristen)")
def supervision_method_choose(request, case_id: CaseId, body: MethodIn):
    case = case_changeable(request, case_id, kind=Kind.SUPERVISION_CASE)
    return SupervisionOut.from_case(services.supervision_method_choose(
        case_id=case.pk, method=body.method, actor=request.user, expected_version=body.version))


@router.post("/{case_id}/brukerinvolvering", response=SupervisionOut, summary="Dokumenter brukerinvolvering")
def supervision_user_involvement_record(request, case_id: CaseId, body: InvolvementIn):
    case = case_changeable(request, case_id, kind=Kind.SUPERVISION_CASE)
    return SupervisionOut.from_case(services.supervision_user_involvement_record(
        case_id=case.pk, involvement=body.involvement, on=body.on, actor=request.user,
        expected_version=body.version))


@router.post("/{case_id}/tilsynsobjekter", response=SupervisionOut, summary="Legg til et tilsynsobjekt")
def supervision_object_add(request, case_id: CaseId, body: ObjectAddIn):
    case = case_changeable(request, case_id, kind=Kind.SUPERVISION_CASE)
    services.supervision_object_add(case_id=case.pk, obj=body.supervised_object(), actor=request.user,
                                    expected_version=body.version)
    return SupervisionOut.from_case(case)


@router.post("/{case_id}/avslutning", response=SupervisionOut, summary="Avslutt saken (med resultat ved BM 5)")
def supervision_case_close(request, case_id: CaseId, body: CloseIn):
    case = case_changeable(request, case_id, kind=Kind.SUPERVISION_CASE)
    return SupervisionOut.from_case(services.supervision_case_close(
        case_id=case.pk, result=body.result, on=body.on, reason=body.reason, actor=request.user,
        expected_version=body.version))


@router.post("/{case_id}/oversendelse", response=SupervisionOut,
             summary="Send saken til Statens helsetilsyn for vurdering av administrativ reaksjon")
def supervision_case_forward(request, case_id: CaseId, body: ForwardIn):
    case = case_changeable(request, case_id, kind=Kind.SUPERVISION_CASE)
    services.supervision_case_forward(case_id=case.pk, on=body.on, reason=body.reason, actor=request.user,
                                      expected_version=body.version)
    return SupervisionOut.from_case(case)
