"""Registering a rights complaint: the complainant and the patient, the service and its decision, the first
instance's dates and the provisions complained about. Handling it afterwards is the common case services'."""
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tilsyn.cases.identifiers import valid_fodselsnummer, valid_org_number
from tilsyn.cases.kinds import KINDS
from tilsyn.cases.models import Case, Kind, PartyRole
from tilsyn.cases.services import case_register
from tilsyn.complaints.models import PROVISION_CATALOGUE, SECTOR, ComplaintType
from tilsyn.reference.models import Office


def complaint_problems(*, complaint_type: str, received: datetime.date, complainant_national_id: str,
                       patient_name: str, patient_national_id: str, service_org_number: str,
                       service_decision_date, first_instance_received, first_instance_forwarded,
                       provisions) -> dict[str, str]:
    """What is wrong with a complaint as given, by field, in Norwegian (empty: nothing)."""
    problems = {}
    today = timezone.localdate()
    for field, number in [("complainant_national_id", complainant_national_id),
                          ("patient_national_id", patient_national_id)]:
        if number and not valid_fodselsnummer(number):
            problems[field] = _("Fødselsnummeret er ikke gyldig: 11 siffer med riktige kontrollsifre.")
    if patient_national_id and not patient_name:
        problems["patient_name"] = _("Oppgi navnet på pasienten/brukeren, eller la fødselsnummeret stå tomt.")
    if service_org_number and not valid_org_number(service_org_number):
        problems["service_org_number"] = _("Organisasjonsnummeret er ikke gyldig: 9 siffer med riktig kontrollsiffer.")
    dates = [("service_decision_date", service_decision_date), ("first_instance_received", first_instance_received),
             ("first_instance_forwarded", first_instance_forwarded), ("received", received)]
    for field, day in dates:
        if day and day > today:
            problems[field] = _("Datoen kan ikke være fram i tid.")
    order_messages = {
        "first_instance_received": _("Klagen kan ikke være mottatt hos tjenesten før vedtaket ble gjort."),
        "first_instance_forwarded": _("Klagen kan ikke være oversendt før tjenesten mottok den."),
        "received": _("Statsforvalteren kan ikke ha mottatt klagen før tjenesten oversendte den."),
    }
    given = [(field, day) for field, day in dates if day]
    for (_before, earlier), (field, later) in zip(given, given[1:]):
        if later < earlier and field not in problems:
            problems[field] = order_messages[field]
    if complaint_type in PROVISION_CATALOGUE:
        wrong = [p for p in provisions if p.catalogue != PROVISION_CATALOGUE[complaint_type] or not p.active]
        if wrong:
            problems["provisions"] = _("Bestemmelsen «%(provision)s» hører ikke til denne typen klage.") % {
                "provision": wrong[0]}
    else:
        problems["complaint_type"] = _("Velg en type klage.")
    return problems


def complaint_register(*, office: Office, actor, complaint_type: str, received: datetime.date,
                       complainant_name: str, complainant_national_id: str = "", patient_name: str = "",
                       patient_national_id: str = "", service_name: str, service_org_number: str = "",
                       municipality=None, service_decision_date=None, first_instance_received=None,
                       first_instance_forwarded=None, provisions=(), title: str = "", summary: str = "",
                       priority: bool = False, caseworker=None) -> Case:
    """A new rights complaint at `office`; raises ValidationError by field when something is wrong. Likely
    duplicates are not refused here: `selectors.complaint_duplicates` finds them for the user to see."""
    provisions = list(provisions)
    problems = complaint_problems(
        complaint_type=complaint_type, received=received, complainant_national_id=complainant_national_id,
        patient_name=patient_name, patient_national_id=patient_national_id, service_org_number=service_org_number,
        service_decision_date=service_decision_date, first_instance_received=first_instance_received,
        first_instance_forwarded=first_instance_forwarded, provisions=provisions)
    if not KINDS[Kind.RIGHTS_COMPLAINT].handled_by(office):
        problems[NON_FIELD_ERRORS] = _("Rettighetsklager behandles hos statsforvalterne.")
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})
    parties = [{"role": PartyRole.COMPLAINANT, "name": complainant_name.strip(),
                "national_id": complainant_national_id}]
    if patient_name.strip():
        parties.append({"role": PartyRole.PATIENT, "name": patient_name.strip(), "national_id": patient_national_id})
    parties.append({"role": PartyRole.SERVICE, "name": service_name.strip(), "org_number": service_org_number,
                    "municipality": municipality})
    person = (patient_name or complainant_name).strip()
    return case_register(
        office=office, kind=Kind.RIGHTS_COMPLAINT, sector=SECTOR[complaint_type], actor=actor,
        title=title.strip() or _("Klage på vedtak fra %(service)s – %(person)s") % {
            "service": service_name.strip(), "person": person},
        received=received, summary=summary, priority=priority, municipality=municipality, caseworker=caseworker,
        details={"complaint_type": ComplaintType(complaint_type), "service_decision_date": service_decision_date,
                 "first_instance_received": first_instance_received,
                 "first_instance_forwarded": first_instance_forwarded},
        parties=parties, provisions=provisions)
