"""Login in two steps (password, then a TOTP code), lockout, idle timeout and "log out everywhere"."""
import datetime
import io

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, VerifiedClient, make_user, totp_code
from tilsyn.accounts.authentication import LOGIN_AT_SESSION_KEY, totp_secret
from tilsyn.accounts.models import Role
from tilsyn.accounts.services import user_create, user_totp_device_ensure

pytestmark = pytest.mark.django_db


def password_step(client, user, password=PASSWORD, next_url="/"):
    return client.post(f"/logg-inn/?next={next_url}", {"username": user.username, "password": password})


def test_the_password_alone_opens_only_the_code_step(caseworker_a):
    user_totp_device_ensure(user=caseworker_a)
    client = Client()

    response = password_step(client, caseworker_a, next_url="/saker/")

    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/kode/")
    assert client.get("/saker/")["Location"] == "/logg-inn/kode/?next=%2Fsaker%2F"
    assert client.get("/api/saker/").status_code == 401


def test_the_right_code_opens_the_application_and_returns_to_the_page_asked_for(caseworker_a):
    client = Client()
    password_step(client, caseworker_a, next_url="/saker/")

    response = client.post("/logg-inn/kode/", {"code": totp_code(caseworker_a), "next": "/saker/"})

    assert response["Location"] == "/saker/"
    assert client.get("/saker/").status_code == 200
    assert client.get("/api/saker/").status_code == 200


def test_a_wrong_code_is_refused_in_norwegian(caseworker_a):
    user_totp_device_ensure(user=caseworker_a)
    client = Client()
    password_step(client, caseworker_a)

    response = client.post("/logg-inn/kode/", {"code": "000000"})

    assert "Feil kode" in response.content.decode() or "For mange" in response.content.decode()
    assert client.get("/")["Location"].startswith("/logg-inn/kode/")


def test_repeated_wrong_codes_are_throttled(caseworker_a):
    device = user_totp_device_ensure(user=caseworker_a)
    client = Client()
    password_step(client, caseworker_a)
    client.post("/logg-inn/kode/", {"code": "000000"})

    response = client.post("/logg-inn/kode/", {"code": totp_code(caseworker_a)})

    assert "For mange feil koder" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_a_user_without_an_authenticator_enrols_one_on_first_login(caseworker_a):
    client = Client()
    response = password_step(client, caseworker_a)
    assert client.get(response["Location"])["Location"].startswith("/logg-inn/oppsett/")

    response = client.get("/logg-inn/oppsett/")
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=caseworker_a, confirmed=False)

    assert "<svg" in page and "QR-kode for autentiseringsappen" in page
    assert totp_secret(device) in page
    assert client.get("/").status_code == 302  # not in yet

    client.post("/logg-inn/oppsett/", {"code": totp_code(caseworker_a)})

    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_enrolment_is_not_offered_to_a_user_who_has_an_authenticator(caseworker_a):
    user_totp_device_ensure(user=caseworker_a)
    client = Client()
    password_step(client, caseworker_a)
    assert client.get("/logg-inn/oppsett/")["Location"].startswith("/logg-inn/kode/")


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(caseworker_a, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert password_step(client, caseworker_a, password="feil-passord-123").status_code == 200
    assert password_step(client, caseworker_a, password="feil-passord-123").status_code == 429

    response = password_step(client, caseworker_a)

    assert response.status_code == 429
    assert "Kontoen er midlertidig sperret" in response.content.decode()


def test_a_successful_login_clears_earlier_failures(caseworker_a, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password_step(client, caseworker_a, password="feil-passord-123")
    assert password_step(client, caseworker_a).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password_step(Client(), caseworker_a, password="feil-passord-123")
    assert password_step(Client(), caseworker_a).status_code == 302


def test_an_idle_session_ends(client, caseworker_a, settings):
    client.force_login(caseworker_a)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))

    assert client.get("/")["Location"].startswith("/logg-inn/")


def test_every_request_pushes_the_idle_deadline_forward(client, caseworker_a):
    client.force_login(caseworker_a)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    client.get("/")
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(minutes=29)


def test_a_login_ends_after_twelve_hours_however_active(client, caseworker_a):
    client.force_login(caseworker_a)
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = (timezone.now() - datetime.timedelta(hours=12, minutes=1)).timestamp()
    session.save()

    assert client.get("/")["Location"].startswith("/logg-inn/")


def test_log_out_everywhere_ends_the_users_other_sessions(caseworker_a, caseworker_b):
    laptop, phone, colleague = VerifiedClient(), VerifiedClient(), VerifiedClient()
    laptop.force_login(caseworker_a)
    phone.force_login(caseworker_a)
    colleague.force_login(caseworker_b)

    response = laptop.post("/konto/logg-ut-overalt/")

    assert response["Location"] == "/logg-inn/?ut=overalt"
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302
    assert colleague.get("/").status_code == 200
    assert "Du er logget ut på alle enheter." in Client().get("/logg-inn/?ut=overalt").content.decode()


def test_log_out_everywhere_must_be_posted(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get("/konto/logg-ut-overalt/").status_code == 405


def test_the_account_page_offers_password_change_and_log_out_everywhere(client, caseworker_a):
    client.force_login(caseworker_a)
    page = client.get("/konto/").content.decode()
    assert "Logg ut overalt" in page and "/konto/passord/" in page and "Autentiseringsapp" in page


def test_a_new_password_must_be_strong(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post("/konto/passord/", {"old_password": PASSWORD, "new_password1": "kort1",
                                               "new_password2": "kort1"})
    assert response.status_code == 200
    caseworker_a.refresh_from_db()
    assert caseworker_a.check_password(PASSWORD)


def test_a_password_change_keeps_this_session_and_ends_the_others(caseworker_a):
    this, other = VerifiedClient(), VerifiedClient()
    this.force_login(caseworker_a)
    other.force_login(caseworker_a)
    new = "et-annet-langt-passord-7"

    response = this.post("/konto/passord/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})

    assert response["Location"] == "/konto/"
    assert this.get("/konto/").status_code == 200
    assert other.get("/").status_code == 302


def test_accounts_cannot_be_made_with_a_weak_password(db):
    with pytest.raises(ValidationError):
        user_create(username="svak", role=Role.CASEWORKER, office=None, password="passord123")


def test_the_admin_logs_in_through_the_same_two_steps(administrator):
    response = Client().get("/admin/login/?next=/admin/")
    assert response["Location"] == "/logg-inn/?next=/admin/"
    client = Client()
    password_step(client, administrator)
    assert client.get("/admin/")["Location"].startswith("/logg-inn/kode/")


def test_the_totp_command_prints_the_code_the_app_shows(caseworker_a, settings):
    user_totp_device_ensure(user=caseworker_a)
    out = io.StringIO()
    call_command("totp", caseworker_a.username, stdout=out)
    client = Client()
    password_step(client, caseworker_a)
    client.post("/logg-inn/kode/", {"code": out.getvalue().strip()})
    assert client.get("/").status_code == 200

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="ikke"):
        call_command("totp", caseworker_a.username)


def test_a_user_with_no_office_or_role_still_needs_both_steps(db):
    user = make_user(Role.ANALYST, "HTIL")
    client = Client()
    password_step(client, user)
    assert client.get("/statistikk/").status_code == 302
