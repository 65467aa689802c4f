"""Users belong to one office and have one role. What each role may do is decided elsewhere (access control)."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Saksbehandler")
    MANAGER = "manager", _("Leder")
    NATIONAL = "national", _("Helsetilsynet, nasjonal")
    ANALYST = "analyst", _("Analytiker")
    ADMINISTRATOR = "administrator", _("Administrator")
    SECURITY_OFFICER = "security", _("Sikkerhetsansvarlig")


class User(AbstractUser):
    office = models.ForeignKey(
        "reference.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    language = models.CharField(
        max_length=2, choices=[("nb", "Bokmål"), ("nn", "Nynorsk")], default="nb"
    )

    # Raised by "log out everywhere": every session carries a hash of it, so all of them end at once.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    def _get_session_auth_hash(self, secret=None):
        # Django's own hash covers the password only; adding the epoch lets a user end their sessions
        # without changing the password (the fallback-key variant goes through here too).
        key_salt = "tilsyn.accounts.User.session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_epoch}", secret=secret,
                           algorithm="sha256").hexdigest()

    def __str__(self):
        return self.get_full_name() or self.username
