"""Two-factor login, enrolment, lockout and idle timeout as a person meets them in the browser."""
import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from conftest import PASSWORD, totp_code
from tests.browser.conftest import axe_violations, log_in
from tilsyn.accounts.services import user_language_set

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


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_enrolment_and_the_account_pages_pass_axe_with_and_without_errors(page, caseworker_a, language):
    user_language_set(user=caseworker_a, language=language)
    password_step(page, caseworker_a.username)
    page.wait_for_url("**/logg-inn/oppsett/**")
    assert page.locator("html").get_attribute("lang") == language
    code_form = page.locator("form", has=page.locator("input[name=code]"))
    code_form.locator("input[name=code]").fill("000000")
    code_form.get_by_role("button").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    assert axe_violations(page) == [], "enrolment, wrong code"
    secret = page.locator("code.secret").inner_text()
    app = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    time.sleep(1.5)  # django-otp's throttle after one failure
    code_form.locator("input[name=code]").fill(f"{app.token():06d}")
    code_form.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statsforvalteren i Vestland")

    for path in ("/konto/", "/konto/passord/"):
        page.goto(path)
        assert axe_violations(page) == [], path
    page.locator("input[name=old_password]").fill("ikke-det-gamle-passordet")
    page.locator("input[name=new_password1]").fill("kort")
    page.locator("input[name=new_password2]").fill("kort")
    page.locator("main button[type=submit]").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    assert axe_violations(page) == [], "password change, refused"
