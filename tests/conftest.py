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

from tilsyn.accounts.models import Role
from tilsyn.accounts.services import user_create
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
