"""The statistics pages and downloads: for every logged-in user, never for an anonymous one."""
import io

import pytest
from openpyxl import load_workbook
from test_statistics_fixtures import make_supervision

from tilsyn.accounts.models import Role
from tilsyn.accounts.services import user_create
from tilsyn.reference.models import Office
from tilsyn.statistics.services import edition_freeze
from tilsyn.supervision.models import SupervisionCase

pytestmark = pytest.mark.django_db
PASSWORD = "et-langt-testpassord-9"


@pytest.fixture
def caseworker(client):
    user_create(username="saksbehandler", role=Role.CASEWORKER, office=Office.objects.get(code="SFROG"),
                password=PASSWORD)
    assert client.login(username="saksbehandler", password=PASSWORD)
    return client


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/statistikk/")

    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_the_list_shows_every_table_for_the_year(caseworker):
    page = caseworker.get("/statistikk/?year=2024").content.decode()

    assert "Vedlegg tabell 28 Helse og omsorgstjenester" in page
    assert 'href="/statistikk/vedlegg-28/?year=2024"' in page


def test_a_table_is_an_accessible_html_table(caseworker):
    make_supervision("SFVL", method=1)

    page = caseworker.get("/statistikk/vedlegg-28/?year=2024&office=SFVL").content.decode()

    assert "<caption>Vedlegg tabell 28" in page
    assert '<th scope="col" class="number">1 – Avslutning med veiledning</th>' in page
    assert '<th scope="row">Vestland</th>' in page
    assert '<th scope="row">Rogaland</th>' not in page  # one office chosen
    assert 'href="?year=2024&amp;office=SFVL&amp;format=csv"' in page


def test_shares_are_shown_with_a_percent_sign(caseworker):
    make_supervision("SFVL", method=1)

    page = caseworker.get("/statistikk/tabell-03/?year=2024").content.decode()

    assert "100\u00a0%" in page


def test_an_unknown_table_is_not_found(caseworker):
    assert caseworker.get("/statistikk/tabell-99/").status_code == 404


def test_a_table_downloads_as_csv(caseworker):
    make_supervision("SFVL", method=1)

    response = caseworker.get("/statistikk/vedlegg-28/?year=2024&format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="vedlegg-28-2024.csv"' in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("vedlegg-28,Vedlegg tabell 28")
    assert lines[1].startswith("Seksjon,Rad,1 – Avslutning med veiledning")
    assert ",Vestland,1,0,0,0,0,1" in lines


def test_a_table_downloads_as_an_excel_sheet(caseworker):
    make_supervision("SFVL", method=1)

    response = caseworker.get("/statistikk/vedlegg-28/?year=2024&format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content))["vedlegg-28"]
    assert sheet["A1"].value.startswith("Vedlegg tabell 28")
    assert [cell.value for cell in sheet[3]][:2] == ["Rad", "1 – Avslutning med veiledning"]
    vestland = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Vestland")
    assert vestland[1] == 1


def test_an_edition_is_shown_beside_the_live_figures_with_the_changed_cells_marked(caseworker):
    corrected = make_supervision("SFVL", method=1)
    edition = edition_freeze(year=2024, name="Årsrapport 2024")
    SupervisionCase.objects.filter(case=corrected).update(handling_method=2)

    page = caseworker.get(f"/statistikk/vedlegg-28/?year=2024&edition={edition.pk}").content.decode()

    assert "Publisert i «Årsrapport 2024»" in page
    assert "Slik tallene er nå" in page
    assert page.count("<mark>") == 8  # 4 changed cells, in both tables
