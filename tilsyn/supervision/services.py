"""Writes on supervision cases (tilsynssaker): registration, supervised objects, handling method,
brukerinvolvering, result and closing, and forwarding to Helsetilsynet for administrative reaction.

Each write locks the case (`case_lock`), checks the version the user loaded, and logs what it changed on the
case's timeline, in one transaction. Rules that only read live in `selectors.py`.
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tilsyn.cases.deadlines import case_deadline
from tilsyn.cases.identifiers import valid_fodselsnummer, valid_org_number
from tilsyn.cases.models import Case, CaseEvent, Kind, Party, PartyRole, Sector
from tilsyn.cases.services import case_close, case_register, journal_entry_add, party_fields
from tilsyn.cases.transitions import case_lock, case_must_be_open, case_save, event_log
from tilsyn.reference.models import Municipality, Office, Term
from tilsyn.security import rls
from tilsyn.supervision import selectors
from tilsyn.supervision.models import HandlingMethod, Result, StartedAt, SupervisionCase, UserInvolvement

CHOOSABLE_METHODS = [m for m in HandlingMethod if m != HandlingMethod.LEGACY]
# The results a county governor records when closing a case it investigated itself (method 5); forwarding to
# Helsetilsynet is its own action, since it also opens Helsetilsynet's case.
CLOSING_RESULTS = {Result.CLOSED_AFTER_INITIAL, Result.NO_BREACH, Result.BREACH}
INVOLVEMENT_WITH_DATE = {UserInvolvement.ACCEPTED, UserInvolvement.DECLINED}
PERSONNEL, ENTERPRISE = "health_personnel", "enterprise"


@dataclass(frozen=True)
class SupervisedObject:
    """A supervised object as registered: health personnel with a profession, an enterprise with organisation
    number and service level, or a service (municipal child welfare, an institution, Bufetat, a Nav office)."""

    object_type: Term
    name: str
    national_id: str = ""
    org_number: str = ""
    profession: Term | None = None
    service_level: Term | None = None
    municipality: Municipality | None = None

    @classmethod
    def from_data(cls, data: dict) -> "SupervisedObject":
        """From a form's or an API body's fields, numbers trimmed."""
        return cls(object_type=data["object_type"], name=data["name"], profession=data.get("profession"),
                   national_id=(data.get("national_id") or "").strip(),
                   org_number=(data.get("org_number") or "").strip(), service_level=data.get("service_level"))


def supervised_object_errors(obj: SupervisedObject, *, sector: str) -> list[str]:
    """What is wrong with `obj` in a case of `sector`, as messages for the user; empty when it is right."""
    errors = []
    label = obj.object_type.label
    if obj.object_type.vocabulary != "supervised_object_type":
        return [_("Ukjent type tilsynsobjekt.")]
    if obj.object_type.extra.get("sector") != sector:
        errors.append(_("«%(type)s» er ikke et tilsynsobjekt innen %(sector)s.")
                      % {"type": label, "sector": Sector(sector).label.lower()})
    if not obj.name.strip():
        errors.append(_("Skriv navnet på tilsynsobjektet."))
    if obj.national_id and not valid_fodselsnummer(obj.national_id):
        errors.append(_("Fødselsnummeret %(number)s er ikke gyldig (11 siffer med riktige kontrollsiffer).")
                      % {"number": obj.national_id})
    if obj.org_number and not valid_org_number(obj.org_number):
        errors.append(_("Organisasjonsnummeret %(number)s er ikke gyldig (9 siffer med riktig kontrollsiffer).")
                      % {"number": obj.org_number})
    if obj.object_type.code == PERSONNEL:
        if obj.profession is None:
            errors.append(_("Velg yrket til helsepersonellet."))
        if obj.org_number or obj.service_level:
            errors.append(_("Helsepersonell har fødselsnummer og yrke, ikke organisasjonsnummer eller tjenestenivå."))
    else:
        if obj.profession is not None or obj.national_id:
            errors.append(_("Bare helsepersonell har yrke og fødselsnummer."))
        if not obj.org_number:
            errors.append(_("Skriv organisasjonsnummeret til «%(name)s».") % {"name": obj.name or label})
    if obj.object_type.code == ENTERPRISE and obj.service_level is None:
        errors.append(_("Velg tjenestenivået til virksomheten."))
    if obj.object_type.code != ENTERPRISE and obj.service_level is not None:
        errors.append(_("Bare virksomheter har tjenestenivå."))
    return errors


def _object_party(obj: SupervisedObject) -> dict:
    """The Party fields of a supervised object."""
    return {"role": PartyRole.SUPERVISED, "name": obj.name.strip(), "national_id": obj.national_id,
            "org_number": obj.org_number, "object_type": obj.object_type, "profession": obj.profession,
            "service_level": obj.service_level, "municipality": obj.municipality}


def _terms_errors(terms, *, vocabulary: str, sector: str, what: str) -> list[str]:
    errors = []
    for term in terms:
        if term.vocabulary != vocabulary:
            errors.append(_("Ukjent %(what)s: %(term)s.") % {"what": what, "term": term.label})
        elif term.extra.get("sector", sector) != sector:
            errors.append(_("«%(term)s» hører ikke til %(sector)s.")
                          % {"term": term.label, "sector": Sector(sector).label.lower()})
    return errors


@transaction.atomic
def supervision_case_register(*, office: Office, actor, sector: str, title: str, received: datetime.date,
                              sources: list[Term], objects: list[SupervisedObject], themes: list[Term] = (),
                              summary: str = "", priority: bool = False, municipality: Municipality | None = None,
                              started_at: str = StartedAt.COUNTY_GOVERNOR) -> Case:
    """Register a new supervision case at `office`, with its sources, themes and supervised objects."""
    errors: dict[str, list[str]] = {}
    if not sources:
        errors["sources"] = [_("Velg minst én kilde: hvor opplysningene om mulig svikt kom fra.")]
    else:
        errors["sources"] = _terms_errors(sources, vocabulary="source", sector=sector, what=_("kilde"))
    errors["themes"] = _terms_errors(themes, vocabulary="theme", sector=sector, what=_("tema"))
    errors["objects"] = [message for obj in objects for message in supervised_object_errors(obj, sector=sector)]
    if office.is_national and started_at == StartedAt.COUNTY_GOVERNOR:
        errors["started_at"] = [_("En sak fra en statsforvalter kommer til Helsetilsynet ved oversendelse; "
                                  "registrer den hos statsforvalteren.")]
    if not office.is_national and started_at != StartedAt.COUNTY_GOVERNOR:
        errors["started_at"] = [_("Hos en statsforvalter starter saken hos statsforvalteren.")]
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    case = case_register(office=office, kind=Kind.SUPERVISION_CASE, sector=sector, title=title, received=received,
                         actor=actor, details={"started_at": started_at}, summary=summary, priority=priority,
                         municipality=municipality, parties=[_object_party(obj) for obj in objects])
    case.supervision.sources.set(sources)
    case.supervision.themes.set(themes)
    return case


@transaction.atomic
def supervision_object_add(*, case_id: int, obj: SupervisedObject, actor, expected_version: int | None = None
                           ) -> Party:
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    errors = supervised_object_errors(obj, sector=case.sector)
    if errors:
        raise ValidationError({"objects": errors})
    party = Party.objects.create(case=case, **_object_party(obj))
    event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="supervised_object",
              new=f"{obj.object_type.label}: {party.name}")
    case_save(case, fields=[])
    return party


def _details(case: Case) -> SupervisionCase:
    if case.kind != Kind.SUPERVISION_CASE:
        raise ValidationError(_("Saken er ikke en tilsynssak."))
    return case.supervision


@transaction.atomic
def supervision_method_choose(*, case_id: int, method: int, actor, expected_version: int | None = None) -> Case:
    """Choose the handling method; the case's deadline follows from the target for that method, moved by the
    days the clock was paused, unless an explicit extension is later (`deadlines.case_deadline`)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    if case.office.is_national:
        raise ValidationError({"method": [_("Behandlingsmåtene 1–5 gjelder statsforvalterens tilsynssaker.")]})
    if method not in CHOOSABLE_METHODS:
        raise ValidationError({"method": [_("Velg behandlingsmåte 1–5.")]})
    if not selectors.method_assesses(details, method) and case.assessments.exists():
        raise ValidationError({"method": [_("Saken har vurderinger, og vurderinger hører bare til "
                                            "behandlingsmåte 5. Fjern dem først.")]})
    if details.handling_method == method:
        return case
    old = details.handling_method
    details.handling_method = method
    details.save(update_fields=["handling_method"])
    event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="handling_method", old=old, new=method)
    old_deadline, case.deadline = case.deadline, case_deadline(case)
    if case.deadline != old_deadline:
        event_log(case, actor=actor, type=CaseEvent.Type.DATE_CHANGED, field="deadline", old=old_deadline,
                  new=case.deadline, reason=str(HandlingMethod(method).label))
    case_save(case, fields=["deadline"])
    return case


@transaction.atomic
def supervision_user_involvement_record(*, case_id: int, involvement: str, on: datetime.date | None, actor,
                                        expected_version: int | None = None) -> Case:
    """Document whether the patient or user was offered involvement, and their answer (brukerinvolvering)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    if involvement not in UserInvolvement.values or involvement == UserInvolvement.NOT_ASSESSED:
        raise ValidationError({"involvement": [_("Velg om pasienten eller brukeren ble tilbudt å medvirke, "
                                                 "og svaret.")]})
    if involvement in INVOLVEMENT_WITH_DATE and on is None:
        raise ValidationError({"on": [_("Skriv datoen for svaret på tilbudet.")]})
    if on is not None and on > timezone.localdate():
        raise ValidationError({"on": [_("Datoen kan ikke være fram i tid.")]})
    if on is not None and on < case.received:
        raise ValidationError({"on": [_("Datoen kan ikke være før saken ble mottatt (%(received)s).")
                                      % {"received": case.received.strftime("%d.%m.%Y")}]})
    old = details.user_involvement
    details.user_involvement = involvement
    details.user_involvement_date = on
    details.save(update_fields=["user_involvement", "user_involvement_date"])
    event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="user_involvement", old=old,
              new=involvement)
    case_save(case, fields=[])
    return case


@transaction.atomic
def supervision_case_close(*, case_id: int, on: datetime.date, actor, result: str = "",
                           expected_version: int | None = None, reason: str = "") -> Case:
    """Close the case; a case the county governor investigated (method 5) with its result."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    investigated = details.handling_method == HandlingMethod.INVESTIGATION
    if investigated and result not in CLOSING_RESULTS:
        raise ValidationError({"result": [_("Velg resultatet av utredningen.")]})
    if not investigated and result:
        raise ValidationError({"result": [_("Bare saker med behandlingsmåte 5 har et resultat.")]})
    if result:
        problems = selectors.supervision_result_problems(case=case, result=result)
        if problems:
            raise ValidationError({"result": problems})
        details.result = result
        details.save(update_fields=["result"])
        event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="result", new=result)
    return case_close(case_id=case_id, actor=actor, on=on, reason=reason)


@transaction.atomic
def supervision_case_forward(*, case_id: int, on: datetime.date, actor, expected_version: int | None = None,
                             reason: str = "") -> Case:
    """Send an investigated case with a breach to Helsetilsynet for assessment of an administrative reaction.

    The county governor's case closes with the result «oversendt» the day Helsetilsynet receives it, and
    Helsetilsynet's own supervision case opens, pointing back at it (`origin`, `referred_by`), unassigned in
    Helsetilsynet's work queue, with the supervised objects and the other parties. Returns the new case."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    problems = selectors.supervision_forwarding_problems(case=case, details=details)
    if problems:
        raise ValidationError({"forward": problems})
    details.result = Result.FORWARDED_TO_HELSETILSYNET
    details.forwarded_to_helsetilsynet = on
    details.save(update_fields=["result", "forwarded_to_helsetilsynet"])
    helsetilsynet = Office.objects.get(kind=Office.Kind.NATIONAL)
    event_log(case, actor=actor, type=CaseEvent.Type.FORWARDED, field="forwarded_to_helsetilsynet",
              new=helsetilsynet.code, reason=reason)
    case_close(case_id=case_id, actor=actor, on=on, reason=reason)
    names = ", ".join(case.parties.filter(role=PartyRole.SUPERVISED).values_list("name", flat=True))
    journal_entry_add(case=case, type="U", title=_("Oversendelse til Statens helsetilsyn – %(names)s")
                      % {"names": names}, correspondent=helsetilsynet.name, document_date=on)
    parties = [party_fields(party) for party in case.parties.all()]
    with rls.unrestricted():  # the new case is Helsetilsynet's: a deliberate write across offices
        received = case_register(
            office=helsetilsynet, kind=Kind.SUPERVISION_CASE, sector=case.sector, title=case.title, received=on,
            actor=actor, summary=case.summary, priority=case.priority, municipality=case.municipality, origin=case,
            details={"started_at": StartedAt.COUNTY_GOVERNOR, "referred_by": case.office}, parties=parties)
        received.supervision.sources.set(details.sources.all())
        received.supervision.themes.set(details.themes.all())
        journal_entry_add(case=received, type="I", title=_("Oversendelse fra %(office)s – %(names)s")
                          % {"office": case.office.name, "names": names}, correspondent=case.office.name,
                          document_date=on)
    return received
