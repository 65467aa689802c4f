"""`tilsyn statistikk --year 2024 [--office SFVL] [--as-of 2024-12-31] [--table vedlegg-28] --format json|csv|xlsx
[--output FILE]`; `--freeze "Årsrapport 2024"` keeps the year's tables as a published edition; `--compare DIR`
compares them cell by cell with the published ones (`-v 2` lists the cells that differ)."""
import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tilsyn.reference.models import Office
from tilsyn.statistics.comparison import compare_with_published
from tilsyn.statistics.exports import tables_csv, tables_xlsx
from tilsyn.statistics.selectors import tables_compute
from tilsyn.statistics.services import edition_freeze


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"ugyldig dato «{text}» (bruk ÅÅÅÅ-MM-DD)") from error


class Command(BaseCommand):
    help = "Beregner de publiserte tabellene (årsrapporten) fra sakene, eller fryser dem som en publisert utgave."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="årstallet tabellene gjelder")
        parser.add_argument("--office", help="ett embete (kode, f.eks. SFVL); uten: hele landet")
        parser.add_argument("--as-of", type=iso_date, help="tallene slik de sto denne datoen (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--table", action="append", dest="tables", metavar="ID",
                            help="bare denne tabellen (f.eks. vedlegg-28); kan gjentas")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="fil å skrive til (standard: standard ut; xlsx krever fil)")
        parser.add_argument("--freeze", metavar="NAVN", help="lagre årets tabeller som publisert utgave")
        parser.add_argument("--compare", metavar="MAPPE",
                            help="sammenlign celle for celle med publiserte tabeller (JSON-filene i MAPPE)")

    def handle(self, *args, year, office, as_of, tables, format, output, freeze, compare, **options):
        if office and not Office.objects.filter(code=office).exists():
            raise CommandError(f"ukjent embete «{office}»")
        if freeze:
            if office or tables:
                raise CommandError("--freeze lagrer alle tabeller for hele landet; uten --office og --table")
            edition = edition_freeze(year=year, name=freeze, as_of=as_of)
            self.stdout.write(f"Lagret «{edition.name}» ({len(edition.tables)} tabeller), id {edition.pk}.")
            return
        try:
            computed = tables_compute(year=year, office=office, as_of=as_of, table_ids=tables)
        except KeyError as error:
            raise CommandError(f"ukjent tabell: {error.args[0]}") from error
        if compare:
            self.compare(computed, Path(compare), verbose=options["verbosity"] > 1)
            return
        self.write(computed, format, output, one=bool(tables) and len(tables) == 1)

    def compare(self, computed: list[dict], directory: Path, verbose: bool) -> None:
        if not directory.is_dir():
            raise CommandError(f"fant ikke mappen {directory}")
        comparisons = compare_with_published(computed, directory)
        for c in comparisons:
            self.stdout.write(
                f"{c.table_id:<12} {c.cells:5d} celler, {c.matches:5d} like, {len(c.mismatches):4d} ulike")
            for section, label, column, published, mine in c.mismatches if verbose else ():
                self.stdout.write(f"    {section + ': ' if section else ''}{label} | {column}: "
                                  f"publisert {published}, beregnet {mine}")
        cells, matches = sum(c.cells for c in comparisons), sum(c.matches for c in comparisons)
        self.stdout.write(f"I alt {cells} celler, {matches} like, {cells - matches} ulike.")

    def write(self, computed: list[dict], format: str, output: str | None, one: bool) -> None:
        if format == "xlsx":
            if not output:
                raise CommandError("--format xlsx krever --output FIL")
            with open(output, "wb") as f:
                f.write(tables_xlsx(computed))
            return
        if format == "csv":
            text = tables_csv(computed)
        else:
            text = json.dumps(computed[0] if one else computed, ensure_ascii=False, indent=1) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")
