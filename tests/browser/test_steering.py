"""The steering panel in the browser: a Helsetilsynet leader reads the national view and follows a figure to its
cases; an office manager follows a national figure and finds only their own office's cases. Every page under
axe-core."""
import datetime

import pytest
from conftest import OFFICE_A, PASSWORD, make_user
from test_statistics_fixtures import make_complaint, make_supervision

from tests.browser.conftest import axe_violations, log_in
from tilsyn.accounts.models import Role
from tilsyn.cases.models import Case, Status
from tilsyn.steering.services import figures_refresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def panel_data():
    for office, days in [(OFFICE_A, 10), (OFFICE_A, 120), ("SFROG", 30), ("SFAGD", 100)]:
        make_complaint(office, complaint_type="social", sector="social", received="2024-02-01",
                       closed=str(datetime.date(2024, 2, 1) + datetime.timedelta(days=days)))
    make_complaint(OFFICE_A, complaint_type="social", sector="social", received="2024-12-01", closed=None)
    make_supervision("HTIL", method=None, received="2024-01-02", closed="2024-03-01")
    figures_refresh(years=[2024], today=datetime.date(2025, 1, 15))


def test_a_helsetilsynet_leader_reads_the_national_view_and_drills_down_to_a_case_list(page, national, panel_data):
    log_in(page, national.username, PASSWORD)
    page.get_by_role("link", name="Styring").click()

    targets = page.get_by_role("table", name="Resultatmål for landet og hvert embete")
    assert "Klagesaker, sosiale tjenester" in targets.inner_text()
    assert "50 %" in targets.inner_text().replace("\u00a0", " ")  # 2 of 4 within three months
    assert page.locator("canvas#trend-sf-social-complaint-2024").is_visible()
    assert axe_violations(page) == []

    row = targets.locator("tr", has=page.get_by_role("rowheader", name="Tilsynssaker", exact=True))
    row.get_by_role("link", name="1,9\u00a0md.").click()  # Helsetilsynet's median: 59 days

    assert "1 sak ligger bak tallet; du har tilgang til 1." in page.content()
    assert page.get_by_role("table", name="Sakene bak tallet du har tilgang til").get_by_role("link").count() == 1
    assert axe_violations(page) == []


def test_an_office_manager_sees_only_their_offices_cases_behind_a_national_figure(page, panel_data):
    manager = make_user(Role.MANAGER, OFFICE_A)
    log_in(page, manager.username, PASSWORD)
    page.goto("/styring/?ar=2024")
    targets = page.get_by_role("table", name="Resultatmål for landet og hvert embete")
    row = targets.locator("tr", has=page.get_by_role("rowheader", name="Klagesaker, sosiale tjenester"))
    row.get_by_role("link", name="50\u00a0%").first.click()  # the country's figure comes first

    cases = page.get_by_role("table", name="Sakene bak tallet du har tilgang til")
    offices = cases.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert "4 saker ligger bak tallet; du har tilgang til 2." in page.content()
    assert offices == ["Vestland", "Vestland"]
    assert axe_violations(page) == []

    waiting = make_complaint(OFFICE_A, complaint_type="social", sector="social", received="2024-12-02", closed=None)
    Case.objects.filter(pk=waiting.pk).update(status=Status.AWAITING_DOCUMENTATION,
                                              paused_since=datetime.date(2024, 12, 20))
    page.goto(f"/styring/embete/{OFFICE_A}/?ar=2024")
    assert page.get_by_role("table", name="Åpne saker etter alder").is_visible()
    assert "1 sak venter på dokumentasjon og er ikke med" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Se sakene som venter på dokumentasjon nå").click()  # to the work queue
    assert page.get_by_role("link", name=waiting.case_number, exact=True).is_visible()

    page.goto("/styring/restanser/?dato=2024-12-31")
    assert axe_violations(page) == []
