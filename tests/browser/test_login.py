"""Two-factor login, enrolment, lockout and idle timeout as a person meets them in the browser."""
import base64
import time

import pytest
from django_otp.oath import TOTP

from conftest import PASSWORD, totp_code
from tests.browser.conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def password_step(page, username, password=PASSWORD):
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()


def test_a_first_login_enrols_an_authenticator_from_the_secret_on_the_page(page, caseworker_a):
    password_step(page, caseworker_a.username)

    assert page.get_by_role("heading", level=1).inner_text() == "Sett opp tofaktorinnlogging"
    assert page.locator(".qr svg").is_visible()
    assert axe_violations(page) == []
    secret = page.locator("code.secret").inner_text()
    app = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    page.get_by_label("Engangskode").fill(f"{app.token():06d}")
    page.get_by_role("button", name="Bekreft og fullfør").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Statsforvalteren i Vestland"


def test_the_code_step_asks_again_after_a_wrong_code_and_lets_the_right_one_in(page, caseworker_a):
    log_in(page, caseworker_a.username, PASSWORD)  # enrols a device and logs in once
    page.get_by_role("button", name="Logg ut").click()

    password_step(page, caseworker_a.username)
    assert page.get_by_role("heading", level=1).inner_text() == "Engangskode"
    page.get_by_label("Engangskode").fill("12345")
    page.get_by_role("button", name="Bekreft").click()
    assert page.get_by_role("alert").inner_text() == "Koden er seks sifre."
    assert axe_violations(page) == []
    time.sleep(1)  # django-otp's throttle after one failure
    page.get_by_label("Engangskode").fill(totp_code(caseworker_a))
    page.get_by_role("button", name="Bekreft").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Statsforvalteren i Vestland"


def test_five_wrong_passwords_lock_the_account(page, caseworker_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(page, caseworker_a.username, "feil-passord-123")
    assert page.get_by_role("heading", level=1).inner_text() == "Kontoen er midlertidig sperret"
    assert axe_violations(page) == []

    password_step(page, caseworker_a.username)
    assert page.get_by_role("heading", level=1).inner_text() == "Kontoen er midlertidig sperret"


def test_an_idle_session_ends_and_the_next_click_asks_for_login(page, caseworker_a, settings):
    settings.SESSION_COOKIE_AGE = 2
    log_in(page, caseworker_a.username, PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Statsforvalteren i Vestland"

    time.sleep(3)
    page.get_by_role("link", name="Saker", exact=True).click()

    assert "/logg-inn/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Logg inn"


def test_log_out_everywhere_from_the_account_page(page, caseworker_a):
    log_in(page, caseworker_a.username, PASSWORD)
    page.get_by_role("link", name=str(caseworker_a)).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Min konto"
    assert axe_violations(page) == []

    page.get_by_role("button", name="Logg ut overalt").click()

    assert page.get_by_role("status").inner_text() == "Du er logget ut på alle enheter."
    page.goto("/saker/")
    assert "/logg-inn/" in page.url
