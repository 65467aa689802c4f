from django.core.management.base import BaseCommand

from tilsyn.reference.loader import load_reference_data
from tilsyn.reference.models import Municipality, Office, Provision, Target, Term


class Command(BaseCommand):
    help = "Laster referansedata (embeter, kommuner, bestemmelser, kodeverk, resultatmål) fra datafilene."

    def handle(self, *args, **options):
        load_reference_data()
        self.stdout.write(
            f"{Office.objects.count()} embeter, {Municipality.objects.count()} kommuner, "
            f"{Provision.objects.count()} bestemmelser, {Term.objects.count()} kodeverdier, "
            f"{Target.objects.count()} resultatmål"
        )
