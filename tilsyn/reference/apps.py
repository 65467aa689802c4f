from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReferenceConfig(AppConfig):
    name = "tilsyn.reference"
    verbose_name = "Referansedata"

    def ready(self):
        from tilsyn.reference.loader import load_after_migrate

        post_migrate.connect(load_after_migrate, sender=self)
