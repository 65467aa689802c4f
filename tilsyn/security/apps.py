from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "tilsyn.security"
    verbose_name = "Sikkerhet"

    def ready(self):
        from django.db.models.signals import post_migrate

        from tilsyn.security.rls import rls_policies_apply
        # After every migrate: tables that new migrations added under a case get their row policies too.
        post_migrate.connect(rls_policies_apply, sender=self)
