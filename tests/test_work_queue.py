"""The work queue and the case page: each office sees its own cases, most urgent first, and nothing else."""
import datetime

import pytest

from conftest import OFFICE_A, OFFICE_B, make_case
from tilsyn.cases.access import visible_cases
from tilsyn.cases.models import Kind, Sector
from tilsyn.notifications.models import IncidentNotification, Routing
from tilsyn.reference.models import Office, Term

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_caseworker_sees_the_open_cases_of_their_office_most_urgent_first(client, caseworker_a):
    make_case(OFFICE_A, 1, deadline=D(2024, 6, 1))
    make_case(OFFICE_A, 2, deadline=D(2024, 4, 1))
    make_case(OFFICE_A, 3, deadline=D(2024, 9, 1), priority=True)
    make_case(OFFICE_A, 4, closed=D(2024, 3, 5), status="closed")
    make_case(OFFICE_B, 1)
    client.force_login(caseworker_a)

    page = client.get("/saker/")

    numbers = [case.case_number for case in page.context["page"]]
    assert numbers == ["2024/3", "2024/2", "2024/1"]


def test_overdue_cases_are_marked(client, caseworker_a):
    make_case(OFFICE_A, 1, deadline=D(2020, 1, 1))
    client.force_login(caseworker_a)
    assert "over fristen" in client.get("/saker/").content.decode()


def test_filters_narrow_the_queue_to_a_kind_and_to_my_cases(client, caseworker_a):
    make_case(OFFICE_A, 1)
    make_case(OFFICE_A, 2, kind=Kind.SUPERVISION_CASE, caseworker=caseworker_a)
    client.force_login(caseworker_a)

    by_kind = client.get("/saker/", {"kind": Kind.SUPERVISION_CASE, "status": "open"}).context["page"]
    mine = client.get("/saker/", {"caseworker": "meg", "status": "open"}).context["page"]

    assert [c.case_sequence for c in by_kind] == [2]
    assert [c.case_sequence for c in mine] == [2]


def test_the_case_page_shows_the_case(client, caseworker_a):
    case = make_case(OFFICE_A, 1, summary="Klage på avslag om brukerstyrt personlig assistanse.")
    client.force_login(caseworker_a)
    page = client.get(f"/saker/{case.pk}/").content.decode()
    assert "Klage på avslag om brukerstyrt personlig assistanse." in page
    assert "2024/1" in page


def test_another_offices_case_is_not_found_rather_than_forbidden(client, caseworker_b):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_b)
    assert client.get(f"/saker/{case.pk}/").status_code == 404
    assert list(client.get("/saker/").context["page"]) == []


def test_a_notification_forwarded_to_a_county_governor_is_visible_there(caseworker_a, caseworker_b, national):
    notification = make_case("HTIL", 1, kind=Kind.INCIDENT_NOTIFICATION)
    IncidentNotification.objects.create(
        case=notification, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, forwarded_to=Office.objects.get(code=OFFICE_A),
        notifier_type=Term.objects.get(vocabulary="notifier_type", code="enterprise"),
        service_type=Term.objects.filter(vocabulary="incident_service_type").first(),
    )
    assert list(visible_cases(caseworker_a)) == [notification]
    assert list(visible_cases(national)) == [notification]
    assert list(visible_cases(caseworker_b)) == []


def test_analysts_and_administrators_read_no_cases(analyst, administrator):
    make_case(OFFICE_A, 1)
    make_case("HTIL", 1, kind=Kind.SUPERVISION_CASE, sector=Sector.HEALTH)
    assert not visible_cases(analyst).exists()
    assert not visible_cases(administrator).exists()


def test_the_queue_asks_for_login(client):
    assert client.get("/saker/").status_code == 302
