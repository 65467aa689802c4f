"""`tilsyn totp BRUKERNAVN`: a demo user's current one-time code, for trying Tilsyn without an app."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from tilsyn.accounts.authentication import totp_device
from tilsyn.accounts.models import User


class Command(BaseCommand):
    help = "Skriver ut engangskoden en bruker får i autentiseringsappen nå (bare utenfor produksjon)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError("Engangskoder skrives ikke ut når TILSYN_ENV=production.")
        user = User.objects.filter(username=username).first()
        device = totp_device(user) if user else None
        if device is None:
            raise CommandError(f"{username} har ingen autentiseringsapp satt opp.")
        clock = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{clock.token():0{device.digits}d}")
