"""`tilsyn demo`: demo accounts for every role and office, printed with passwords that stay the same."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tilsyn.accounts.models import Role, User
from tilsyn.exchange.importer import import_cases

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "cases.jsonl"


def run_demo(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    call_command("demo", "--no-server", stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    return {line.split()[0]: line.split()[1] for line in output.splitlines() if line.startswith("  ")}


def test_it_prints_an_account_for_every_role_at_every_office(tmp_path, monkeypatch):
    import_cases(EXAMPLES)  # data present: the demo does not generate the national set again

    accounts = passwords(run_demo(tmp_path, monkeypatch))

    assert {"saksbehandler.sfvl", "leder.sfvl", "saksbehandler.htil", "nasjonal.htil", "analytiker.htil",
            "admin"} <= set(accounts)
    assert len(accounts) == 11 * 2 + 3
    assert User.objects.get(username="leder.sfvl").role == Role.MANAGER
    assert User.objects.get(username="leder.sfvl").check_password(accounts["leder.sfvl"])


def test_the_passwords_stay_the_same_from_one_start_to_the_next(tmp_path, monkeypatch):
    import_cases(EXAMPLES)
    first = passwords(run_demo(tmp_path, monkeypatch))
    second = passwords(run_demo(tmp_path, monkeypatch))
    assert first == second


def test_it_refuses_to_run_in_production(tmp_path, monkeypatch, settings):
    settings.PRODUCTION = True
    with pytest.raises(Exception, match="ikke tillatt"):
        run_demo(tmp_path, monkeypatch)
