"""`tilsyn oppdater-styringsdata [--year 2024 …] [--as-of 2024-12-31]`: refreshes the steering panel's daily
aggregates. Run it once a night (cron or a systemd timer, docs/steering.md); the panel shows when it last ran."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from tilsyn.steering.services import figures_refresh


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"ugyldig dato «{text}» (bruk ÅÅÅÅ-MM-DD)") from error


class Command(BaseCommand):
    help = "Beregner styringspanelets tall (måloppnåelse, restanser, nye og avsluttede saker) på nytt."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", dest="years", metavar="ÅR",
                            help="året panelet skal vise (kan gjentas); standard: i år og i fjor")
        parser.add_argument("--as-of", type=iso_date, help="tallene til og med denne dagen (standard: i dag)")

    def handle(self, *args, years, as_of, **options):
        refresh = figures_refresh(years=years, today=as_of)
        if not refresh.years:
            self.stdout.write("Ingen saker å beregne styringsdata for.")
            return
        self.stdout.write(f"Styringsdata for {', '.join(map(str, refresh.years))} oppdatert til og med "
                          f"{refresh.as_of:%d.%m.%Y} på {refresh.seconds:.1f} s.")
