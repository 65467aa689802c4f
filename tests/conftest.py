"""Shared pytest set-up for the tilsyn test suite.

pytest-django is configured in pyproject.toml (DJANGO_SETTINGS_MODULE=tilsyn.settings, testpaths=tests). The
database under test is the one DATABASE_URL names: SQLite when it is unset, PostgreSQL under
`python -m tilsyn.testing.pgcluster` (scripts/test runs the suite both ways). Migrations run when the test
database is made, and reference data is loaded into it by the reference app's post_migrate handler.

The personas the tests speak of: a caseworker at Vestland (office A), a caseworker at Rogaland (office B),
a manager at Vestland, Helsetilsynet's national user, an analyst and an administrator.
"""
import datetime

import pytest
from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tilsyn.accounts.models import Role
from tilsyn.accounts.services import user_create, user_totp_device_ensure
from tilsyn.audit.maintenance import maintenance_allow
from tilsyn.cases.models import Case, Kind, Sector
from tilsyn.reference.models import Office

PASSWORD = "et-langt-testpassord-9"
OFFICE_A, OFFICE_B = "SFVL", "SFROG"


def make_case(office_code: str, sequence: int, *, kind=Kind.RIGHTS_COMPLAINT, sector=Sector.HEALTH,
              received=datetime.date(2024, 3, 1), **fields) -> Case:
    fields.setdefault("title", f"Sak {sequence}")
    return Case.objects.create(
        external_id=f"T-{office_code}-{sequence}", kind=kind, office=Office.objects.get(code=office_code),
        sector=sector, case_year=received.year, case_sequence=sequence, received=received, **fields,
    )


def make_user(role: str, office_code: str | None, name: str = ""):
    office = Office.objects.get(code=office_code) if office_code else None
    return user_create(username=name or f"{role}-{office_code or 'none'}", role=role, office=office,
                       password=PASSWORD)


class VerifiedClient(Client):
    """The test client, but `login` and `force_login` also pass the second login step (the TOTP code), as
    a user with an authenticator app would. Tests of the second step itself use django.test.Client."""

    def login(self, **credentials):
        # django-axes checks every attempt for lockout, which needs the request the test client leaves out.
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)

    def _login(self, user, backend=None):
        super()._login(user, backend)
        device = user_totp_device_ensure(user=user)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture(autouse=True)
def _audit_log_emptied_after_transactional_tests(request):
    """A transactional test (browser tests, `django_db(transaction=True)`) ends by emptying every table; the audit
    log's append-only guard allows that only as deliberate maintenance."""
    marker = request.node.get_closest_marker("django_db")
    if not ({"transactional_db", "live_server"} & set(request.fixturenames)
            or (marker is not None and marker.kwargs.get("transaction"))):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    maintenance_allow(True)


@pytest.fixture(autouse=True)
def _audit_maintenance_off():
    maintenance_allow(False, database=False)  # (PostgreSQL's setting: tests of the guard turn it off)


@pytest.fixture
def client():
    return VerifiedClient()


def totp_code(user) -> str:
    """The code the user's authenticator app shows now (the one being enrolled, or a new one if they have
    none); never one already used, so a test may log the same user in twice within 30 seconds."""
    device = (TOTPDevice.objects.filter(user=user).order_by("-confirmed").first()
              or user_totp_device_ensure(user=user))
    device.refresh_from_db()
    clock = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    now = clock.t()
    clock.drift = max(0, device.last_t + 1 - now)
    return f"{clock.token():0{device.digits}d}"


@pytest.fixture
def caseworker_a(db):
    return make_user(Role.CASEWORKER, OFFICE_A)


@pytest.fixture
def caseworker_b(db):
    return make_user(Role.CASEWORKER, OFFICE_B)


@pytest.fixture
def national(db):
    return make_user(Role.NATIONAL, "HTIL")


@pytest.fixture
def analyst(db):
    return make_user(Role.ANALYST, "HTIL")


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMINISTRATOR, None)
