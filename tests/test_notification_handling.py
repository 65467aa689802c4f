"""Notifications of serious incidents at Helsetilsynet: registration, repeated notifications of one incident,
routing after the initial investigation, and forwarding to a county governor, who sees it in the work queue."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from conftest import OFFICE_A, OFFICE_B, make_user
from tilsyn.cases.access import visible_cases
from tilsyn.cases.models import Case, CaseEvent, Kind, PartyRole, Status
from tilsyn.cases.selectors import work_queue
from tilsyn.cases.services import case_close
from tilsyn.cases.transitions import StaleCase, TransitionError
from tilsyn.notifications.models import Routing
from tilsyn.notifications.selectors import notification_likely_repeats
from tilsyn.notifications.services import (
    PartyIn, notification_follow_up_complete, notification_register, notification_repeat_link, notification_route,
)
from tilsyn.reference.models import Office, Term
from tilsyn.statistics.selectors import table_compute
from test_statistics_fixtures import row

pytestmark = pytest.mark.django_db
D = datetime.date
HOSPITAL_ORG = "974633574"
PATIENT_FNR = "15076500565"
V46_FORWARDED = "Oversendt til statsforvalteren for vurdering av tilsynsmessig oppfølging"


def term(vocabulary, code):
    return Term.objects.get(vocabulary=vocabulary, code=code)


def office(code):
    return Office.objects.get(code=code)


def register(actor, *, notifier_type="enterprise", **fields):
    hospital = PartyIn(name="Haukeland universitetssjukehus", org_number=HOSPITAL_ORG)
    fields = {"received": D(2024, 3, 1), "service_type": term("incident_service_type", "somatic"),
              "notifier": hospital, "service": hospital, "patient": PartyIn(name="Ola Nordmann",
                                                                          national_id=PATIENT_FNR),
              "incident_date": D(2024, 2, 27), "summary": "Pasient døde etter forsinket behandling.", **fields}
    return notification_register(office=office("HTIL"), actor=actor,
                                 notifier_type=term("notifier_type", notifier_type), **fields)


def errors(excinfo) -> str:
    return " ".join(message for messages in excinfo.value.message_dict.values() for message in messages)


@pytest.fixture
def htil_caseworker(db):
    return make_user("caseworker", "HTIL", "saksbehandler-htil")


# -- registration ---------------------------------------------------------------------------------------------


def test_an_enterprise_notifies_and_is_itself_the_service(htil_caseworker):
    case = register(htil_caseworker)

    assert (case.kind, case.office.code, case.sector, case.status) == (Kind.INCIDENT_NOTIFICATION, "HTIL",
                                                                      "health", Status.OPEN)
    assert case.title == "Varsel om alvorlig hendelse – Haukeland universitetssjukehus"
    assert {p.role for p in case.parties.all()} == {PartyRole.NOTIFIER, PartyRole.PATIENT}
    assert (case.notification.notifier_type.code, case.notification.incident_date) == ("enterprise", D(2024, 2, 27))


def test_next_of_kin_notify_and_name_the_service(htil_caseworker):
    case = register(htil_caseworker, notifier_type="next_of_kin", notifier=PartyIn(name="Kari Nordmann"),
                    service=PartyIn(name="Bergen kommune, sykehjem", org_number=HOSPITAL_ORG))
    roles = {p.role: p.name for p in case.parties.all()}
    assert roles[PartyRole.SERVICE] == "Bergen kommune, sykehjem" and roles[PartyRole.NOTIFIER] == "Kari Nordmann"


@pytest.mark.parametrize("fields, message", [
    (lambda: {"notifier": PartyIn(name="Sykehuset")}, "Skriv organisasjonsnummeret til varsleren"),
    (lambda: {"notifier_type": "patient_user", "notifier": PartyIn(name="Ola"), "service": PartyIn(name="")},
     "Skriv navnet på tjenesten"),
    (lambda: {"notifier_type": "patient_user", "notifier": PartyIn(name="Ola", org_number=HOSPITAL_ORG),
              "service": PartyIn(name="Sykehuset")}, "En person har fødselsnummer"),
    (lambda: {"patient": PartyIn(name="Ola", national_id="12345678901")}, "Fødselsnummeret 12345678901"),
    (lambda: {"incident_date": D(2024, 3, 2)}, "etter at varselet kom inn"),
])
def test_registration_is_refused_with_the_reason_in_norwegian(htil_caseworker, fields, message):
    with pytest.raises(ValidationError) as excinfo:
        register(htil_caseworker, **fields())
    assert message in errors(excinfo)
    assert not Case.objects.exists()


def test_notifications_are_registered_only_at_helsetilsynet(caseworker_a):
    with pytest.raises(ValidationError, match="Statens helsetilsyn"):
        notification_register(office=office(OFFICE_A), actor=caseworker_a, received=D(2024, 3, 1),
                              notifier_type=term("notifier_type", "patient_user"),
                              service_type=term("incident_service_type", "somatic"), notifier=PartyIn(name="Ola"),
                              service=PartyIn(name="Legevakten"), patient=PartyIn(name="Ola"))


# -- routing --------------------------------------------------------------------------------------------------


def test_forwarding_sends_it_to_the_county_governor_who_sees_it_in_the_queue(htil_caseworker, caseworker_a,
                                                                                caseworker_b):
    notification = register(htil_caseworker)

    notification_route(case_id=notification.pk, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, on=D(2024, 3, 20),
                       assessment="Mulig svikt i observasjon etter operasjon.", forwarded_to=office(OFFICE_A),
                       actor=htil_caseworker, expected_version=notification.version)

    notification.refresh_from_db()
    details = notification.notification
    assert (notification.status, notification.closed) == (Status.CLOSED, D(2024, 3, 20))
    assert (details.routing, details.routing_date, details.forwarded_to.code) == (
        Routing.FORWARDED_TO_COUNTY_GOVERNOR, D(2024, 3, 20), OFFICE_A)
    arrived = Case.objects.get(office__code=OFFICE_A)
    assert (arrived.kind, arrived.origin, arrived.received, arrived.status) == (
        Kind.SUPERVISION_CASE, notification, D(2024, 3, 20), Status.OPEN)
    assert [t.code for t in arrived.supervision.sources.all()] == ["htil_incident_notification"]
    assert arrived.parties.count() == notification.parties.count()
    assert arrived.journal.get().title.startswith("Varsel om alvorlig hendelse med Helsetilsynets vurdering")
    assert notification.journal.get().correspondent == "Statsforvalteren i Vestland"
    # The county governor works on the new case and reads the notification with Helsetilsynet's assessment.
    assert arrived in work_queue(cases=visible_cases(caseworker_a))
    assert notification in visible_cases(caseworker_a)
    assert notification not in visible_cases(caseworker_b) and arrived not in visible_cases(caseworker_b)


@pytest.mark.parametrize("routing", [Routing.CLOSED_AFTER_INITIAL, Routing.NOT_COVERED])
def test_a_notification_is_closed_after_the_initial_investigation_or_as_not_covered(htil_caseworker, routing):
    notification = register(htil_caseworker)
    case = notification_route(case_id=notification.pk, routing=routing, on=D(2024, 3, 15),
                              assessment="Forholdet er fulgt opp av virksomheten.", actor=htil_caseworker)
    assert (case.status, case.closed, case.notification.routing) == (Status.CLOSED, D(2024, 3, 15), routing)
    assert CaseEvent.objects.filter(case=case, field="routing", new_value=routing).exists()


def test_own_follow_up_stays_open_until_the_follow_up_is_complete(htil_caseworker):
    notification = register(htil_caseworker)
    case = notification_route(case_id=notification.pk, routing=Routing.OWN_FOLLOW_UP, on=D(2024, 3, 15),
                              assessment="Stedlig tilsyn.", follow_up_method="on_site", actor=htil_caseworker)
    assert case.status == Status.OPEN and case.notification.follow_up_method == "on_site"

    case = notification_follow_up_complete(case_id=case.pk, on=D(2024, 9, 1), actor=htil_caseworker)
    assert (case.status, case.closed) == (Status.CLOSED, D(2024, 9, 1))


@pytest.mark.parametrize("fields, message", [
    ({"routing": ""}, "Velg hva som skal skje"),
    ({"routing": Routing.FORWARDED_TO_COUNTY_GOVERNOR}, "Velg statsforvalteren"),
    ({"routing": Routing.FORWARDED_TO_COUNTY_GOVERNOR, "forwarded_to": "HTIL"}, "Velg statsforvalteren"),
    ({"routing": Routing.OWN_FOLLOW_UP}, "stedlig tilsyn eller annen"),
    ({"routing": Routing.CLOSED_AFTER_INITIAL, "assessment": " "}, "Skriv Helsetilsynets vurdering"),
    ({"routing": Routing.CLOSED_AFTER_INITIAL, "on": D(2024, 2, 1)}, "før varselet kom inn"),
    ({"routing": Routing.NOT_COVERED, "forwarded_to": OFFICE_A}, "Bare et varsel som sendes videre"),
])
def test_routing_is_refused_with_the_reason_in_norwegian(htil_caseworker, fields, message):
    notification = register(htil_caseworker)
    fields = {"on": D(2024, 3, 15), "assessment": "Vurdering.", **fields}
    if "forwarded_to" in fields:
        fields["forwarded_to"] = office(fields["forwarded_to"])
    with pytest.raises(ValidationError) as excinfo:
        notification_route(case_id=notification.pk, actor=htil_caseworker, **fields)
    assert message in errors(excinfo)
    assert Case.objects.count() == 1 and Case.objects.get().status == Status.OPEN


def test_a_notification_is_routed_once(htil_caseworker):
    notification = register(htil_caseworker)
    notification_route(case_id=notification.pk, routing=Routing.OWN_FOLLOW_UP, on=D(2024, 3, 15),
                       assessment="Annen oppfølging.", follow_up_method="other", actor=htil_caseworker)
    with pytest.raises(ValidationError, match="allerede fordelt"):
        notification_route(case_id=notification.pk, routing=Routing.NOT_COVERED, on=D(2024, 3, 16),
                           assessment="x", actor=htil_caseworker)


def test_an_unrouted_notification_cannot_be_closed_on_the_common_page(htil_caseworker):
    notification = register(htil_caseworker)
    with pytest.raises(TransitionError, match="Fordel varselet"):
        case_close(case_id=notification.pk, on=D(2024, 3, 15), actor=htil_caseworker)


def test_the_second_of_two_people_routing_the_same_version_is_told(htil_caseworker):
    notification = register(htil_caseworker)
    seen = notification.version
    notification_route(case_id=notification.pk, routing=Routing.NOT_COVERED, on=D(2024, 3, 15), assessment="x",
                       actor=htil_caseworker, expected_version=seen)
    with pytest.raises(StaleCase):
        notification_route(case_id=notification.pk, routing=Routing.CLOSED_AFTER_INITIAL, on=D(2024, 3, 15),
                           assessment="y", actor=htil_caseworker, expected_version=seen)


# -- repeated notifications of one incident -------------------------------------------------------------------


def test_a_repeat_is_suggested_linked_to_the_first_and_counted_once(htil_caseworker):
    first = register(htil_caseworker)
    notification_route(case_id=first.pk, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, on=D(2024, 3, 20),
                       assessment="Sendes videre.", forwarded_to=office(OFFICE_A), actor=htil_caseworker)
    repeat = register(htil_caseworker, notifier_type="next_of_kin", received=D(2024, 3, 25),
                      notifier=PartyIn(name="Kari Nordmann"),
                      service=PartyIn(name="Haukeland universitetssjukehus", org_number=HOSPITAL_ORG))
    assert notification_likely_repeats(case=repeat) == [Case.objects.get(pk=first.pk)]

    repeat = notification_repeat_link(case_id=repeat.pk, first=first, on=D(2024, 3, 26), actor=htil_caseworker)

    details = repeat.notification
    assert (details.duplicate_of.case, details.routing, details.forwarded_to.code) == (
        first, Routing.FORWARDED_TO_COUNTY_GOVERNOR, OFFICE_A)
    assert (repeat.status, repeat.closed) == (Status.CLOSED, D(2024, 3, 26))
    assert Case.objects.filter(kind=Kind.SUPERVISION_CASE).count() == 1  # the repeat opens no second case
    v46 = table_compute(table_id="vedlegg-46", year=2024)
    assert row(v46, V46_FORWARDED)["Antall varsler mottatt | 2024"] == 1


def test_a_repeat_of_a_repeat_points_at_the_first_and_not_at_itself(htil_caseworker):
    first = register(htil_caseworker)
    second = register(htil_caseworker, received=D(2024, 3, 2))
    third = register(htil_caseworker, received=D(2024, 3, 3))
    notification_repeat_link(case_id=second.pk, first=first, on=D(2024, 3, 4), actor=htil_caseworker)
    third = notification_repeat_link(case_id=third.pk, first=second, on=D(2024, 3, 4), actor=htil_caseworker)
    assert third.notification.duplicate_of.case == first
    with pytest.raises(ValidationError, match="annet varsel"):
        notification_repeat_link(case_id=first.pk, first=first, on=D(2024, 3, 4), actor=htil_caseworker)


def test_a_repeat_of_an_own_follow_up_is_not_counted_as_a_second_follow_up(htil_caseworker):
    first = register(htil_caseworker)
    notification_route(case_id=first.pk, routing=Routing.OWN_FOLLOW_UP, on=D(2024, 3, 15), assessment="Tilsyn.",
                       follow_up_method="on_site", actor=htil_caseworker)
    repeat = register(htil_caseworker, received=D(2024, 3, 20))
    repeat = notification_repeat_link(case_id=repeat.pk, first=first, on=D(2024, 3, 21), actor=htil_caseworker)
    assert repeat.notification.routing == "" and repeat.status == Status.CLOSED


# -- the pages ------------------------------------------------------------------------------------------------


def test_helsetilsynet_registers_and_forwards_a_notification_in_the_browser_forms(client, htil_caseworker):
    client.force_login(htil_caseworker)
    assert client.get("/saker/varsler/ny/").status_code == 200
    response = client.post("/saker/varsler/ny/", {
        "received": "2024-03-01", "notifier_type": term("notifier_type", "patient_user").pk,
        "notifier_name": "Ola Nordmann", "service_type": term("incident_service_type", "mental_health_substance").pk,
        "service_name": "DPS Bjørgvin", "patient_name": "Ola Nordmann"})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/saker/{case.pk}/"
    assert "Fordel varselet" in client.get(response.url).content.decode()

    response = client.post(f"/saker/varsler/{case.pk}/fordel/", {
        "fordel-version": case.version, "fordel-routing": Routing.FORWARDED_TO_COUNTY_GOVERNOR,
        "fordel-forwarded_to": office(OFFICE_B).pk, "fordel-assessment": "Bør følges opp lokalt.",
        "fordel-on": "2024-03-10"})
    assert response.status_code == 302
    assert Case.objects.get(office__code=OFFICE_B).origin == case


def test_a_refused_routing_keeps_the_assessment_and_says_why(client, htil_caseworker):
    case = register(htil_caseworker)
    client.force_login(htil_caseworker)
    response = client.post(f"/saker/varsler/{case.pk}/fordel/", {
        "fordel-version": case.version, "fordel-routing": Routing.FORWARDED_TO_COUNTY_GOVERNOR,
        "fordel-assessment": "Min lange vurdering.", "fordel-on": "2024-03-10"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Velg statsforvalteren varselet skal sendes til." in page and "Min lange vurdering." in page


def test_a_county_governor_reads_a_forwarded_notification_but_cannot_route_it(client, htil_caseworker,
                                                                                caseworker_a):
    case = register(htil_caseworker)
    notification_route(case_id=case.pk, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, on=D(2024, 3, 10),
                       assessment="Helsetilsynets vurdering av hendelsen.", forwarded_to=office(OFFICE_A),
                       actor=htil_caseworker)
    client.force_login(caseworker_a)
    arrived = Case.objects.get(office__code=OFFICE_A)
    page = client.get(f"/saker/{arrived.pk}/").content.decode()
    assert "Helsetilsynets vurdering av hendelsen." in page and f'href="/saker/{case.pk}/"' in page
    assert client.get(f"/saker/{case.pk}/").status_code == 200
    response = client.post(f"/saker/varsler/{case.pk}/gjentatt/", {"gjentatt-version": 1, "gjentatt-first": "2024/1",
                                                                  "gjentatt-on": "2024-03-11"})
    assert response.status_code == 403


def test_a_county_governor_cannot_register_notifications(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get("/saker/varsler/ny/").status_code == 403


# -- the API --------------------------------------------------------------------------------------------------


def test_the_api_registers_and_forwards_a_notification(client, htil_caseworker, caseworker_a):
    client.force_login(htil_caseworker)
    created = client.post("/api/varsler/", {
        "received": "2024-03-01", "notifier_type": "patient_user", "service_type": "somatic",
        "notifier": {"name": "Ola Nordmann"}, "service": {"name": "Legevakten i Bergen"},
        "patient": {"name": "Ola Nordmann"}}, content_type="application/json")
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]

    routed = client.post(f"/api/varsler/{case_id}/fordeling", {
        "routing": "forwarded_to_county_governor", "on": "2024-03-12", "assessment": "Følges opp lokalt.",
        "forwarded_to": OFFICE_A, "version": created.json()["version"]}, content_type="application/json")
    assert routed.status_code == 200 and routed.json()["status"] == "closed"

    client.force_login(caseworker_a)
    detail = client.get(f"/api/varsler/{case_id}").json()
    assert detail["assessment_summary"] == "Følges opp lokalt." and detail["forwarded_case"] is not None
    queue = client.get("/api/saker/").json()["items"]
    assert [item["id"] for item in queue] == [detail["forwarded_case"]]
    refused = client.post(f"/api/varsler/{case_id}/oppfolging-fullfort", {"on": "2024-03-13", "version": 9},
                          content_type="application/json")
    assert refused.status_code == 403


def test_the_api_refuses_a_routing_in_norwegian(client, htil_caseworker):
    case = register(htil_caseworker)
    client.force_login(htil_caseworker)
    response = client.post(f"/api/varsler/{case.pk}/fordeling", {
        "routing": "own_follow_up", "on": "2024-03-12", "assessment": "x", "version": case.version},
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["follow_up_method"] == [
        "Velg hvordan Helsetilsynet følger opp: stedlig tilsyn eller annen oppfølging."]
    unknown = client.post(f"/api/varsler/{case.pk}/fordeling", {
        "routing": "forwarded_to_county_governor", "on": "2024-03-12", "assessment": "x", "forwarded_to": "NOPE",
        "version": case.version},
        content_type="application/json")
    assert unknown.status_code == 422 and "Ukjent embete" in unknown.json()["detail"]
