"""Users belong to one office and have one role. What each role may do is decided elsewhere (access control)."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Saksbehandler")
    MANAGER = "manager", _("Leder")
    NATIONAL = "national", _("Helsetilsynet, nasjonal")
    ANALYST = "analyst", _("Analytiker")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    office = models.ForeignKey(
        "reference.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    language = models.CharField(
        max_length=2, choices=[("nb", "Bokmål"), ("nn", "Nynorsk")], default="nb"
    )

    def __str__(self):
        return self.get_full_name() or self.username
