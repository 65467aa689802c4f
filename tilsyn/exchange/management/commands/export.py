"""`tilsyn export FILE`: write cases in the canonical exchange format; `-` writes to stdout."""
import sys

from django.core.management.base import BaseCommand, CommandError

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.models import Kind
from tilsyn.exchange.exporter import export_cases
from tilsyn.reference.models import Office


class Command(BaseCommand):
    help = ("Eksporterer saker i utvekslingsformatet (docs/exchange-format.md), sortert på ekstern id. "
            "«-» skriver til stdout.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="filen som skal skrives, eller - for stdout")
        parser.add_argument("--year", type=int,
                            help="bare saker mottatt eller avsluttet i året, eller åpne en tid i året")
        parser.add_argument("--office", help="bare saker ved embetet (kode, f.eks. SFVL)")
        parser.add_argument("--kind", choices=Kind.values, help="bare saker av denne typen")

    def handle(self, *args, file, year, office, kind, **options):
        if office and not Office.objects.filter(code=office).exists():
            raise CommandError(f"ukjent embete «{office}»")
        if file == "-":
            count = export_cases(sys.stdout.buffer, year=year, office=office, kind=kind)
            sys.stdout.buffer.flush()
        else:
            with open(file, "wb") as stream:
                count = export_cases(stream, year=year, office=office, kind=kind)
        audit_record(action=Action.EXPORT, detail=f"tilsyn export: {count} saker, år={year} embete={office} type={kind}")
        self.stderr.write(f"Eksportert: {count} saker.")
