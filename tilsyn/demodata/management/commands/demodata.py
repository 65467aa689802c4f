"""`tilsyn demodata`: the calibrated synthetic national data set, written as an exchange file and imported."""
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tilsyn.demodata.generate import DEFAULT_SEED, generate, parse_years, write
from tilsyn.exchange.importer import ImportRejected, import_cases


class Command(BaseCommand):
    help = ("Lager syntetiske demodata for hele landet, kalibrert mot årsrapporten 2024, skriver dem som "
            "utvekslingsfil og importerer dem.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"frø for tilfeldighetene ({DEFAULT_SEED})")
        parser.add_argument("--years", default="2022-2024", help="årene, f.eks. 2022-2024 eller 2015-2024")
        parser.add_argument("--scale", type=float, default=1.0, help="volumfaktor (1 = publiserte tall)")
        parser.add_argument("--output", help="skriv filen hit (ellers en midlertidig fil)")
        parser.add_argument("--no-import", action="store_true", help="bare skriv filen, ikke importer")

    def handle(self, *args, seed, years, scale, output, no_import, **options):
        try:
            year_list = parse_years(years)
        except ValueError as error:
            raise CommandError(str(error))
        if scale <= 0:
            raise CommandError("--scale må være større enn 0")
        if no_import and not output:
            raise CommandError("--no-import trenger --output")
        started = time.perf_counter()
        cases = generate(seed=seed, years=year_list, scale=scale)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(output) if output else Path(tmp) / "demodata.jsonl"
            write(cases, path)
            generated = time.perf_counter() - started
            span = f"{year_list[0]}–{year_list[-1]}"
            self.stdout.write(f"Laget {len(cases)} saker ({span}) på {generated:.1f} s: {path}")
            if no_import:
                return
            try:
                result = import_cases(path)
            except ImportRejected as rejected:
                for problem in rejected.problems:
                    self.stderr.write(str(problem))
                self.stderr.write(f"Ingenting ble importert: {rejected.total} feil.")
                sys.exit(1)
        self.stdout.write(f"Importert: {result.created} nye, {result.updated} endret, {result.unchanged} uendret "
                          f"(i alt {time.perf_counter() - started:.1f} s).")
