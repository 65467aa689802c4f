"""Writes on notifications of serious incidents (varsler) at Helsetilsynet: registration, linking a repeated
notification to the first one of the incident, and routing after the initial investigation.

Routing decides what happens next: closed after the initial investigation, not covered by the duty or right to
notify, Helsetilsynet's own supervisory follow-up, or forwarded to a county governor. Forwarding closes the
notification at Helsetilsynet and opens a supervision case at the county governor (source «varsel fra
Helsetilsynet», `origin` = the notification), which then lies unassigned in that office's work queue; the
notification itself, with its documents and Helsetilsynet's assessment, is shared with the office
(`cases.access`).
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tilsyn.cases.identifiers import valid_fodselsnummer, valid_org_number
from tilsyn.cases.models import Case, CaseEvent, Kind, PartyRole, Sector
from tilsyn.cases.services import case_close, case_register, journal_entry_add, party_fields
from tilsyn.cases.transitions import case_lock, case_must_be_open, case_save, event_log
from tilsyn.notifications.models import FollowUpMethod, IncidentNotification, Routing
from tilsyn.reference.models import Municipality, Office, Term
from tilsyn.security import rls
from tilsyn.supervision.models import StartedAt

ENTERPRISE = "enterprise"
CLOSING_ROUTINGS = {Routing.CLOSED_AFTER_INITIAL, Routing.NOT_COVERED}


@dataclass(frozen=True)
class PartyIn:
    """A person (name, fødselsnummer) or an organisation (name, organisasjonsnummer) named in a notification."""

    name: str
    national_id: str = ""
    org_number: str = ""


def _party_errors(party: PartyIn, *, what: str, org_required: bool = False) -> list[str]:
    errors = []
    if not party.name.strip():
        errors.append(_("Skriv navnet på %(what)s.") % {"what": what})
    if party.national_id and not valid_fodselsnummer(party.national_id):
        errors.append(_("Fødselsnummeret %(number)s er ikke gyldig (11 siffer med riktige kontrollsiffer).")
                      % {"number": party.national_id})
    if org_required and not party.org_number:
        errors.append(_("Skriv organisasjonsnummeret til %(what)s.") % {"what": what})
    if party.org_number and not valid_org_number(party.org_number):
        errors.append(_("Organisasjonsnummeret %(number)s er ikke gyldig (9 siffer med riktig kontrollsiffer).")
                      % {"number": party.org_number})
    return errors


def _term_error(term: Term, vocabulary: str) -> list[str]:
    return [] if term.vocabulary == vocabulary else [_("Ukjent verdi: %(term)s.") % {"term": term.label}]


@transaction.atomic
def notification_register(*, office: Office, actor, received: datetime.date, notifier_type: Term,
                          service_type: Term, notifier: PartyIn, service: PartyIn, patient: PartyIn,
                          incident_date: datetime.date | None = None, summary: str = "", priority: bool = False,
                          municipality: Municipality | None = None) -> Case:
    """Register a notification of a serious incident at Helsetilsynet.

    An enterprise notifying is itself the service the incident happened in; a patient, user or next of kin
    names the service."""
    by_enterprise = notifier_type.code == ENTERPRISE
    if by_enterprise:
        service = notifier
    errors = {
        "office": [] if office.is_national else [_("Varsler om alvorlige hendelser behandles av Statens "
                                                   "helsetilsyn.")],
        "notifier_type": _term_error(notifier_type, "notifier_type"),
        "service_type": _term_error(service_type, "incident_service_type"),
        "notifier": _party_errors(notifier, what=_("varsleren"), org_required=by_enterprise),
        "service": [] if by_enterprise else _party_errors(service, what=_("tjenesten")),
        "patient": _party_errors(patient, what=_("pasienten eller brukeren")),
        "incident_date": ([_("Hendelsen kan ikke ha skjedd etter at varselet kom inn.")]
                          if incident_date and incident_date > received else []),
    }
    if by_enterprise and notifier.national_id:
        errors["notifier"].append(_("En virksomhet har organisasjonsnummer, ikke fødselsnummer."))
    if not by_enterprise and notifier.org_number:
        errors["notifier"].append(_("En person har fødselsnummer, ikke organisasjonsnummer."))
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    title = _("Varsel om alvorlig hendelse – %(service)s") % {"service": service.name.strip()}
    parties = [(PartyRole.NOTIFIER, notifier), (PartyRole.PATIENT, patient)]
    if not by_enterprise:
        parties.append((PartyRole.SERVICE, service))
    return case_register(
        office=office, kind=Kind.INCIDENT_NOTIFICATION, sector=Sector.HEALTH, title=title, received=received,
        actor=actor, summary=summary, priority=priority, municipality=municipality,
        details={"notifier_type": notifier_type, "service_type": service_type, "incident_date": incident_date},
        parties=[{"role": role, "name": p.name.strip(), "national_id": p.national_id, "org_number": p.org_number}
                 for role, p in parties])


def _details(case: Case) -> IncidentNotification:
    if case.kind != Kind.INCIDENT_NOTIFICATION:
        raise ValidationError(_("Saken er ikke et varsel om alvorlig hendelse."))
    return case.notification


@transaction.atomic
def notification_route(*, case_id: int, routing: str, on: datetime.date, assessment: str, actor,
                       forwarded_to: Office | None = None, follow_up_method: str = "",
                       expected_version: int | None = None) -> Case:
    """Route a notification after the initial investigation, with Helsetilsynet's assessment."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    errors: dict[str, list[str]] = {}
    if details.routing:
        errors["routing"] = [_("Varselet er allerede fordelt: %(routing)s.") % {"routing": details.get_routing_display()}]
    elif routing not in Routing.values:
        errors["routing"] = [_("Velg hva som skal skje med varselet.")]
    if on < case.received:
        errors["on"] = [_("Datoen kan ikke være før varselet kom inn (%(received)s).")
                        % {"received": case.received.strftime("%d.%m.%Y")}]
    if not assessment.strip():
        errors["assessment"] = [_("Skriv Helsetilsynets vurdering.")]
    if routing == Routing.FORWARDED_TO_COUNTY_GOVERNOR:
        if forwarded_to is None or forwarded_to.is_national:
            errors["forwarded_to"] = [_("Velg statsforvalteren varselet skal sendes til.")]
    elif forwarded_to is not None:
        errors["forwarded_to"] = [_("Bare et varsel som sendes videre, har en mottaker.")]
    if routing == Routing.OWN_FOLLOW_UP and follow_up_method not in FollowUpMethod.values:
        errors["follow_up_method"] = [_("Velg hvordan Helsetilsynet følger opp: stedlig tilsyn eller annen "
                                        "oppfølging.")]
    if routing != Routing.OWN_FOLLOW_UP and follow_up_method:
        errors["follow_up_method"] = [_("Bare Helsetilsynets egen oppfølging har en oppfølgingsmåte.")]
    if errors:
        raise ValidationError(errors)
    details.routing = routing
    details.routing_date = details.initial_investigation_completed = on
    details.assessment_summary = assessment.strip()
    details.forwarded_to = forwarded_to
    details.follow_up_method = follow_up_method
    details.save(update_fields=["routing", "routing_date", "initial_investigation_completed",
                                "assessment_summary", "forwarded_to", "follow_up_method"])
    event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="routing", new=routing,
              reason=details.assessment_summary)
    if routing == Routing.FORWARDED_TO_COUNTY_GOVERNOR:
        _forward(case, details=details, on=on, actor=actor)
    if routing != Routing.OWN_FOLLOW_UP:
        return case_close(case_id=case_id, actor=actor, on=on)  # saves the case: one version, one audit entry
    case_save(case, fields=[])
    return case


def _service_name(case: Case) -> str:
    roles = {party.role: party.name for party in case.parties.all()}
    return roles.get(PartyRole.SERVICE) or roles.get(PartyRole.NOTIFIER, "")


def _forward(case: Case, *, details: IncidentNotification, on: datetime.date, actor) -> Case:
    """Send the notification with its documents and Helsetilsynet's assessment to the county governor, where it
    becomes a supervision case."""
    office = details.forwarded_to
    service = _service_name(case)
    event_log(case, actor=actor, type=CaseEvent.Type.FORWARDED, field="forwarded_to", new=office.code)
    journal_entry_add(case=case, type="U", title=_("Oversendelse til statsforvalteren – %(service)s")
                      % {"service": service}, correspondent=office.name, document_date=on)
    parties = [party_fields(party) for party in case.parties.all()]
    with rls.unrestricted():  # the new case is the county governor's: a deliberate write across offices
        received = case_register(
            office=office, kind=Kind.SUPERVISION_CASE, sector=case.sector, title=case.title, received=on,
            actor=actor, summary=case.summary, priority=case.priority, municipality=case.municipality,
            origin=case, details={"started_at": StartedAt.COUNTY_GOVERNOR}, parties=parties)
        received.supervision.sources.set(Term.objects.filter(vocabulary="source", code="htil_incident_notification"))
        journal_entry_add(case=received, type="I",
                          title=_("Varsel om alvorlig hendelse med Helsetilsynets vurdering – %(service)s")
                          % {"service": service}, correspondent=case.office.name, document_date=on)
    return received


@transaction.atomic
def notification_follow_up_complete(*, case_id: int, on: datetime.date, actor,
                                    expected_version: int | None = None, reason: str = "") -> Case:
    """Close a notification Helsetilsynet followed up itself, when the follow-up is done."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    if _details(case).routing != Routing.OWN_FOLLOW_UP:
        raise ValidationError({"routing": [_("Bare varsler Helsetilsynet følger opp selv, avsluttes slik.")]})
    return case_close(case_id=case_id, actor=actor, on=on, reason=reason)


@transaction.atomic
def notification_repeat_link(*, case_id: int, first: Case, on: datetime.date, actor,
                             expected_version: int | None = None) -> Case:
    """Link a repeated notification to the first notification of the same incident, and close it: the incident
    is followed up there, and the statistics count it once. It takes the first one's routing (except
    Helsetilsynet's own follow-up, which counts once, when completed)."""
    case = case_lock(case_id=case_id, expected_version=expected_version)
    case_must_be_open(case)
    details = _details(case)
    if first.kind != Kind.INCIDENT_NOTIFICATION or first.office_id != case.office_id or first.pk == case.pk:
        raise ValidationError({"first": [_("Velg et annet varsel hos Statens helsetilsyn.")]})
    original = IncidentNotification.objects.select_related("case").get(case_id=first.pk)
    while original.duplicate_of_id is not None:
        original = original.duplicate_of
    if original.pk == details.pk:
        raise ValidationError({"first": [_("Et varsel kan ikke være en gjentakelse av seg selv.")]})
    if details.repeats.exists():
        raise ValidationError({"first": [_("Andre varsler er koblet til dette varselet som det første.")]})
    if on < case.received:
        raise ValidationError({"on": [_("Datoen kan ikke være før varselet kom inn (%(received)s).")
                                      % {"received": case.received.strftime("%d.%m.%Y")}]})
    details.duplicate_of = original
    # Helsetilsynet's own follow-ups are counted in the year they are completed, each once: a repeat is not one.
    own = original.routing == Routing.OWN_FOLLOW_UP
    details.routing = "" if own else original.routing
    details.forwarded_to = original.forwarded_to
    details.routing_date = details.initial_investigation_completed = on
    details.assessment_summary = _("Hendelsen er allerede varslet og følges opp i sak %(number)s.") % {
        "number": original.case.case_number}
    details.save(update_fields=["duplicate_of", "routing", "forwarded_to", "routing_date",
                                "initial_investigation_completed", "assessment_summary"])
    event_log(case, actor=actor, type=CaseEvent.Type.DETAILS_CHANGED, field="duplicate_of",
              new=original.case.case_number)
    return case_close(case_id=case_id, actor=actor, on=on)  # saves the case: one version, one audit entry
