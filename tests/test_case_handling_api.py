"""Every action of the case page through the HTTP API: the same services, the same rules, errors as Norwegian 4xx."""
import datetime

import pytest

from conftest import OFFICE_A, make_case
from tilsyn.cases.models import Case, Status
from tilsyn.complaints.models import ComplaintType, RightsComplaint
from tilsyn.reference.models import Provision

pytestmark = pytest.mark.django_db
D = datetime.date
KARI, OLA = "15038510190", "24091210041"


@pytest.fixture
def api(client, caseworker_a):
    client.force_login(caseworker_a)

    def call(method, path, body=None, **query):
        send = getattr(client, method)
        if body is None:
            response = send(f"/api{path}", query) if method == "get" else send(
                f"/api{path}?" + "&".join(f"{k}={v}" for k, v in query.items()))
        else:
            response = send(f"/api{path}", body, content_type="application/json")
        return response.status_code, response.json()

    return call


def complaint_body(**changes):
    body = {
        "complaint_type": "health", "received": "2024-02-12", "complainant_name": "Kari Nordmann",
        "complainant_national_id": KARI, "patient_name": "Ola Nordmann", "patient_national_id": OLA,
        "service_name": "Bergen kommune", "service_decision_date": "2024-01-03",
        "first_instance_received": "2024-01-15", "first_instance_forwarded": "2024-02-09",
        "provisions": list(Provision.objects.filter(catalogue="health-complaint").values_list("code", flat=True)[:2]),
    }
    body.update(changes)
    return body


def test_a_complaint_is_registered_assessed_decided_and_closed_through_the_api(api, caseworker_a):
    status, case = api("post", "/klager/", complaint_body(caseworker=caseworker_a.username))
    assert status == 201, case
    assert (case["case_number"], case["deadline"], case["caseworker"]) == ("2024/1", "2024-05-13",
                                                                           caseworker_a.username)
    path = f"/saker/{case['id']}"
    version = case["version"]
    for assessment, outcome in zip(case["assessments"], ["changed", "upheld"]):
        status, case = api("post", f"{path}/vurderinger/{assessment['id']}/utfall",
                           {"outcome": outcome, "version": version})
        assert status == 200, case
        version = case["version"]

    status, case = api("post", f"{path}/avslutt", {"on": "2024-04-30", "version": version})

    assert status == 200 and (case["status"], case["closed"]) == ("closed", "2024-04-30")
    status, timeline = api("get", f"{path}/tidslinje")
    assert [item["title"] for item in timeline][-2:] == ["Status endret", "Dato endret"]
    assert api("get", "/saker/")[1]["count"] == 0


def test_the_clock_and_the_deadline_through_the_api(api):
    case = make_case(OFFICE_A, 1, deadline=D(2024, 6, 3))
    RightsComplaint.objects.create(case=case, complaint_type=ComplaintType.HEALTH)
    path = f"/saker/{case.pk}"
    status, body = api("post", f"{path}/stans", {"on": "2024-04-02", "reason": "Journal", "version": 1})
    assert (status, body["status"], body["paused_since"]) == (200, "awaiting_documentation", "2024-04-02")
    status, body = api("post", f"{path}/gjenoppta", {"on": "2024-04-16", "version": 2})
    assert (body["deadline"], body["paused_days"]) == ("2024-06-17", 14)
    status, body = api("post", f"{path}/frist", {"deadline": "2024-07-01", "reason": "Sakkyndig", "version": 3})
    assert body["deadline"] == "2024-07-01"


def test_assessments_are_added_and_removed_and_the_case_assigned(api, caseworker_a):
    case = make_case(OFFICE_A, 1)
    RightsComplaint.objects.create(case=case, complaint_type=ComplaintType.HEALTH)
    code = Provision.objects.filter(catalogue="health-complaint").first().code
    status, body = api("post", f"/saker/{case.pk}/vurderinger", {"provision": code, "version": 1})
    assert status == 201 and body["assessments"][0]["provision"] == code
    status, body = api("delete", f"/saker/{case.pk}/vurderinger/{body['assessments'][0]['id']}", version=2)
    assert status == 200 and body["assessments"] == []
    status, body = api("post", f"/saker/{case.pk}/tildel", {"caseworker": caseworker_a.username, "version": 3})
    assert body["caseworker"] == caseworker_a.username


def test_errors_are_norwegian_4xx(api, caseworker_b):
    case = make_case(OFFICE_A, 1)
    RightsComplaint.objects.create(case=case, complaint_type=ComplaintType.HEALTH)
    other = make_case("SFROG", 1)

    stale = api("post", f"/saker/{case.pk}/frist", {"deadline": "2024-07-01", "reason": "x", "version": 7})
    not_found = api("post", f"/saker/{other.pk}/avslutt", {"on": "2024-04-02", "version": 1})
    wrong_catalogue = api("post", f"/saker/{case.pk}/vurderinger", {
        "provision": Provision.objects.filter(catalogue="social-complaint").first().code, "version": 1})
    bad_number = api("post", "/klager/", complaint_body(complainant_national_id="15038510191"))
    malformed = api("post", f"/saker/{case.pk}/frist", {"deadline": "i morgen"})
    far_future = api("post", f"/saker/{case.pk}/frist", {"deadline": "9999-12-31", "reason": "x", "version": 1})

    assert stale[0] == 409 and "endret av en annen" in stale[1]["detail"]
    assert not_found == (404, {"detail": "Fant ingen slik sak."})
    assert wrong_catalogue[0] == 422 and "hører ikke til" in wrong_catalogue[1]["detail"]
    assert bad_number[0] == 422 and "complainant_national_id" in bad_number[1]["errors"]
    assert malformed[0] == 422 and malformed[1]["detail"].startswith("Forespørselen har ugyldige")
    assert far_future[0] == 409 and "fem år" in far_future[1]["detail"]
    case.refresh_from_db()
    assert case.status == Status.OPEN and case.version == 1


@pytest.mark.parametrize("changes, field, message", [
    ({"municipality": "0000"}, "municipality", "Ukjent kommunenummer «0000»."),
    ({"provisions": ["no-such-provision"]}, "provisions", "Ukjent kode «no-such-provision»."),
    ({"caseworker": "nobody"}, None, "Fant ingen saksbehandler «nobody» ved embetet."),
])
def test_unknown_references_in_a_complaint_are_refused_by_field_and_nothing_is_registered(api, changes, field,
                                                                                           message):
    status, body = api("post", "/klager/", complaint_body(**changes))
    assert (status, body["detail"]) == (422, message)
    if field:
        assert body["errors"] == {field: [message]}
    assert not Case.objects.exists()


def test_a_provision_code_postgresql_cannot_hold_is_refused_as_invalid_input(api):
    status, body = api("post", "/klager/", complaint_body(provisions=["a\u0000b"]))
    assert status == 422 and body["detail"].startswith("Forespørselen har ugyldige")


def test_a_registered_duplicate_is_listed_in_the_answer(api):
    first = api("post", "/klager/", complaint_body())[1]
    status, second = api("post", "/klager/", complaint_body(received="2024-03-01"))
    assert status == 201
    assert [c["case_number"] for c in second["likely_duplicates"]] == [first["case_number"]]
    assert api("get", f"/klager/{first['id']}/mulige-duplikater")[1][0]["id"] == second["id"]


def test_the_openapi_document_describes_the_actions(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/saker/{case_id}/avslutt", "/api/saker/{case_id}/stans", "/api/klager/"} <= set(paths)


def test_the_frameworks_own_refusals_are_norwegian_too(client, caseworker_a):
    assert client.get("/api/saker/").json() == {"detail": "Du må være logget inn."}
    client.force_login(caseworker_a)
    response = client.post("/api/klager/", "{ikke json", content_type="application/json")
    assert (response.status_code, response.json()["detail"]) == (
        400, "Innholdet i forespørselen kan ikke leses (forventet JSON).")
