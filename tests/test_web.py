"""The overview page: a county governor's staff see their own office, Helsetilsynet the whole country."""
import datetime

import pytest

from conftest import PASSWORD, make_case, make_user
from tilsyn.accounts.models import Role

pytestmark = pytest.mark.django_db


def login(client, role, office_code):
    user = make_user(role, office_code)
    assert client.login(username=user.username, password=PASSWORD)


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_a_caseworker_sees_only_their_own_offices_counts(client):
    make_case("SFVL", 1)
    make_case("SFVL", 2, closed=datetime.date(2024, 4, 1))
    make_case("SFROG", 1)
    login(client, Role.CASEWORKER, "SFVL")

    page = client.get("/").content.decode()

    assert "Statsforvalteren i Vestland" in page
    assert "<td class=\"number\">1</td>" in page  # one open complaint in Vestland, not two
    assert "Hele landet" not in page


def test_helsetilsynet_sees_the_whole_country(client):
    make_case("SFVL", 1)
    make_case("SFROG", 1)
    login(client, Role.NATIONAL, "HTIL")

    page = client.get("/").content.decode()

    assert "Hele landet" in page
    assert "<td class=\"number\">2</td>" in page


def test_the_login_page_works_in_the_browser_language(client):
    response = client.get("/logg-inn/")
    assert response.status_code == 200
    assert "Logg inn" in response.content.decode()


def test_a_user_who_chose_nynorsk_gets_the_pages_in_nynorsk(client):
    login(client, Role.NATIONAL, "HTIL")
    response = client.post("/sprak/", {"language": "nn", "next": "/"})
    assert response.status_code == 302

    page = client.get("/").content.decode()

    assert "Heile landet" in page
    assert 'lang="nn"' in page


def test_it_refuses_an_unknown_language_and_keeps_the_old_one(client):
    login(client, Role.NATIONAL, "HTIL")
    assert client.post("/sprak/", {"language": "sv"}).status_code == 400
    assert "Hele landet" in client.get("/").content.decode()


def test_it_does_not_redirect_to_another_site_after_a_language_change(client):
    login(client, Role.NATIONAL, "HTIL")
    response = client.post("/sprak/", {"language": "nb", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_header_offers_cases_only_to_those_who_read_them(client):
    login(client, Role.ANALYST, "HTIL")
    page = client.get("/").content.decode()
    assert 'href="/statistikk/"' in page
    assert 'href="/saker/"' not in page
