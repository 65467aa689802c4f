"""`tilsyn import FILE`: read cases from an exchange file (docs/exchange-format.md); `-` reads stdin."""
import sys

from django.core.management.base import BaseCommand
from django.db import IntegrityError

from tilsyn.audit.services import Action, audit_record
from tilsyn.exchange.importer import ImportRejected, import_cases

# Below this size the import is over before a progress bar would have told anything.
PROGRESS_MIN_BYTES = 5_000_000


class Command(BaseCommand):
    help = "Importerer saker fra en JSON Lines-fil i utvekslingsformatet (docs/exchange-format.md). «-» leser stdin."

    def add_arguments(self, parser):
        parser.add_argument("file", help="filen som skal importeres, eller - for stdin")

    def handle(self, *args, file, **options):
        source = sys.stdin.buffer if file == "-" else file
        try:
            with ProgressBar(enabled=self.stderr.isatty()) as progress:
                result = import_cases(source, progress=progress)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            if rejected.total > len(rejected.problems):
                self.stderr.write(f"… og {rejected.total - len(rejected.problems)} feil til.")
            self.stderr.write(f"Ingenting ble importert: {rejected.total} feil.")
            sys.exit(1)
        except IntegrityError as error:
            # Something pass 1 checked was removed or changed by someone else before pass 2 wrote.
            self.stderr.write("Ingenting ble importert: databasen ble endret mens importen pågikk. Prøv igjen.\n"
                              f"({error})")
            sys.exit(1)
        summary = f"{result.created} nye, {result.updated} endret, {result.unchanged} uendret"
        audit_record(action=Action.CREATE, detail=f"tilsyn import {file}: {summary}")
        self.stdout.write(f"Importert: {summary}.")


class ProgressBar:
    """A rich progress bar on the terminal for files large enough to take a while: checking, then writing."""

    STAGES = {"check": "Kontrollerer", "write": "Skriver"}

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.tasks = {}

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if total is not None and total < PROGRESS_MIN_BYTES:
            return
        if self.bar is None:
            self.bar = self.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(self.STAGES.get(stage, stage), total=total)
        self.bar.update(self.tasks[stage], completed=done)

    def start(self):
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True))
        bar.start()
        return bar

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
