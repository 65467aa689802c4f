"""`tilsyn demo`: the web application on SQLite with the national demo data, ready to try."""
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from tilsyn.accounts.authentication import totp_secret
from tilsyn.accounts.services import demo_users_ensure
from tilsyn.cases.models import Case


class Command(BaseCommand):
    help = "Starter nettløsningen med nasjonale demodata og skriver ut demobrukere, passord og TOTP-nøkler."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-server", action="store_true", help="Klargjør data og brukere, men start ikke.")

    def handle(self, *args, addrport, no_server, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo er ikke tillatt når TILSYN_ENV=production.")
        call_command("migrate", verbosity=0)
        if not Case.objects.exists():
            self.stdout.write("Laster nasjonale demodata (første oppstart) …")
            call_command("demodata")
            self.stdout.write("Beregner styringspanelets tall …")
            call_command("oppdater-styringsdata")
        self.print_accounts(self.ensure_accounts())
        if not no_server:
            call_command("runserver", addrport, use_reloader=False)

    def ensure_accounts(self) -> dict[str, dict]:
        # Passwords and TOTP keys are kept in the working directory, beside the SQLite file, so that they
        # stay the same between starts (and the authenticator app keeps working).
        store = Path.cwd() / "tilsyn.demo-users.json"
        known = json.loads(store.read_text()) if store.exists() else {}
        known = {name: entry for name, entry in known.items() if isinstance(entry, dict)}  # older: passwords only
        accounts = demo_users_ensure(known)
        store.write_text(json.dumps(accounts, indent=2))
        store.chmod(0o600)
        return accounts

    def print_accounts(self, accounts: dict[str, dict]) -> None:
        self.stdout.write("\nDemobrukere (brukernavn  passord  TOTP-nøkkel for autentiseringsappen):")
        for username, account in accounts.items():
            secret = totp_secret(TOTPDevice(key=account["totp_key"]))
            self.stdout.write(f"  {username:<24} {account['password']:<18} {secret}")
        self.stdout.write("\nEngangskoden: legg nøkkelen inn i en autentiseringsapp, eller kjør `tilsyn totp BRUKERNAVN`.\n")
