"""The HTTP API: the same cases and the same access rule as the pages, documented by OpenAPI."""
import json
import urllib.request

import pytest

from conftest import OFFICE_A, OFFICE_B, make_case

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_served_over_http(live_server):
    with urllib.request.urlopen(f"{live_server.url}/api/openapi.json") as response:
        document = json.load(response)
    assert document["info"]["title"] == "Tilsyn API"
    assert "/api/saker/" in document["paths"]


def test_the_docs_page_is_served_without_a_cdn(client, caseworker_a):
    client.force_login(caseworker_a)
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_it_asks_for_login(client):
    assert client.get("/api/saker/").status_code == 401


def test_a_caseworker_lists_the_open_cases_of_their_office(client, caseworker_a):
    make_case(OFFICE_A, 1)
    make_case(OFFICE_B, 1)
    client.force_login(caseworker_a)

    body = client.get("/api/saker/").json()

    assert body["count"] == 1
    assert body["items"][0]["office"] == OFFICE_A
    assert body["items"][0]["case_number"] == "2024/1"


def test_a_case_of_another_office_is_not_found(client, caseworker_b):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_b)
    assert client.get(f"/api/saker/{case.pk}").status_code == 404


def test_the_case_detail_has_parties_and_journal(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    case.parties.create(role="complainant", name="Kari Nordmann")
    client.force_login(caseworker_a)

    body = client.get(f"/api/saker/{case.pk}").json()

    assert body["parties"] == [{"role": "complainant", "name": "Kari Nordmann", "national_id": "", "org_number": ""}]
    assert body["journal"] == []


def test_reference_data_is_listed(client, caseworker_a):
    client.force_login(caseworker_a)
    offices = client.get("/api/referanse/embeter").json()
    provisions = client.get("/api/referanse/bestemmelser", {"catalogue": "health-complaint"}).json()
    assert [o["code"] for o in offices][:2] == ["HTIL", "SFOBOA"]
    assert len(provisions) == 28
