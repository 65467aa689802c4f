"""The test infrastructure itself: the right database is under test, and the project passes Django's checks."""
import io
import os

import dj_database_url
import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_database_under_test_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL")
    expected = dj_database_url.parse(url) if url else None
    expected_vendor = "postgresql" if expected and "postgresql" in expected["ENGINE"] else "sqlite"
    print(f"database under test: {connection.vendor} {connection.settings_dict['NAME']}")

    assert connection.vendor == expected_vendor
    if expected_vendor == "postgresql":
        # Same server as DATABASE_URL; pytest-django works in a test_ copy of its database.
        assert connection.settings_dict["HOST"] == expected["HOST"]
        assert connection.settings_dict["NAME"] == "test_" + expected["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_tilsyn_check_passes():
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()
