"""Applications for authorisation to Helsetilsynet, and requests for access to records (innsynsbegjæringer)."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


class Decision(models.TextChoices):
    GRANTED = "granted", _("Innvilget")
    PARTLY_GRANTED = "partly_granted", _("Delvis innvilget")
    REFUSED = "refused", _("Avslått")


class AuthorisationApplication(models.Model):
    """An application for a new authorisation after revocation, or for a limitation to be lifted."""

    class Type(models.TextChoices):
        NEW_AUTHORISATION = "new_authorisation", _("Ny autorisasjon etter tilbakekall")
        LIMITED_AUTHORISATION = "limited_authorisation", _("Begrenset autorisasjon")
        LIFT_LIMITATION = "lift_limitation", _("Oppheving av begrensning")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="authorisation")
    application_type = models.CharField(max_length=24, choices=Type.choices)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)


class AccessRequest(models.Model):
    """A request for access to public records, or an appeal against a refusal (offentleglova)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="access_request")
    requested_reference = models.CharField(max_length=200, help_text=_("Saken eller dokumentene det bes innsyn i"))
    is_appeal = models.BooleanField(default=False, help_text=_("Klage på avslag om innsyn"))
    appealed_office = models.ForeignKey("reference.Office", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", help_text=_("Embetet som traff vedtaket det klages på"))
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
