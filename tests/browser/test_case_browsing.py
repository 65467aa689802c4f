"""A caseworker logs in, reads the overview, finds a case in the queue and opens it; in bokmål and nynorsk."""
import datetime

import pytest

from conftest import OFFICE_A, OFFICE_B, PASSWORD, make_case
from tests.browser.conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_caseworker_finds_and_opens_a_case_and_every_page_is_accessible(page, caseworker_a):
    make_case(OFFICE_A, 7, title="Klage på avslag om BPA", deadline=datetime.date(2030, 1, 1), priority=True)
    make_case(OFFICE_B, 8, title="Rogalands sak")

    log_in(page, caseworker_a.username, PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Statsforvalteren i Vestland"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Saker", exact=True).click()
    assert page.get_by_role("link", name="2024/7").is_visible()
    assert page.get_by_text("Rogalands sak").count() == 0
    assert axe_violations(page) == []

    page.get_by_role("link", name="2024/7").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Klage på avslag om BPA"
    assert axe_violations(page) == []


def test_a_caseworker_switches_to_nynorsk(page, caseworker_a):
    log_in(page, caseworker_a.username, PASSWORD)
    page.get_by_label("Språk").select_option("nn")
    page.get_by_role("button", name="Bytt").click()

    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_role("button", name="Logg ut").is_visible()
    assert page.get_by_text("Saker etter type: opne no").is_visible()
    assert axe_violations(page) == []


def test_the_login_page_is_accessible_and_tells_a_wrong_password(page, caseworker_a):
    log_in(page, caseworker_a.username, "feil-passord")
    assert page.get_by_role("alert").inner_text() == "Feil brukernavn eller passord."
    assert axe_violations(page) == []


def test_the_accessibility_check_does_find_violations_when_there_are_some(page):
    page.set_content("<html><body><input type='text'><img src='x.png'></body></html>")
    assert {v["id"] for v in axe_violations(page)} >= {"label", "image-alt", "html-has-lang"}
