"""Rights complaints (rettighetsklager): a decision of a service, complained about and reviewed by the office."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


class ComplaintType(models.TextChoices):
    HEALTH = "health", _("Helse- og omsorgstjenester")
    SOCIAL = "social", _("Sosiale tjenester")
    CHILD_WELFARE = "child_welfare", _("Vedtak i kommunal barnevernstjeneste")
    CWI_RIGHTS = "cwi_rights", _("Rettigheter på barnevernsinstitusjon")
    CWI_COERCION = "cwi_coercion", _("Tvangsbruk på barnevernsinstitusjon")
    COERCION_4A = "coercion_4a", _("Vedtak om helsehjelp uten samtykke (pbrl. kap. 4A)")
    ENVIRONMENTAL_HEALTH = "environmental_health", _("Miljørettet helsevern")


# Which provision catalogue each type of complaint assesses.
PROVISION_CATALOGUE = {
    ComplaintType.HEALTH: "health-complaint",
    ComplaintType.SOCIAL: "social-complaint",
    ComplaintType.CHILD_WELFARE: "cw-complaint",
    ComplaintType.CWI_RIGHTS: "cwi-rights-complaint",
    ComplaintType.CWI_COERCION: "cwi-coercion-complaint",
    ComplaintType.COERCION_4A: "health-complaint",
    ComplaintType.ENVIRONMENTAL_HEALTH: "health-complaint",
}


# The sector a type of complaint belongs to, as the annual report counts it.
SECTOR = {
    ComplaintType.HEALTH: "health",
    ComplaintType.SOCIAL: "social",
    ComplaintType.CHILD_WELFARE: "child_welfare",
    ComplaintType.CWI_RIGHTS: "child_welfare",
    ComplaintType.CWI_COERCION: "child_welfare",
    ComplaintType.COERCION_4A: "health",
    ComplaintType.ENVIRONMENTAL_HEALTH: "public_health",
}


class RightsComplaint(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="complaint")
    complaint_type = models.CharField(_("type klage"), max_length=24, choices=ComplaintType.choices)
    service_decision_date = models.DateField(_("dato for tjenestens vedtak"), null=True, blank=True,
                                             help_text=_("Dato for tjenestens vedtak"))
    first_instance_received = models.DateField(
        _("klagen mottatt hos tjenesten"), null=True, blank=True,
        help_text=_("Klagen mottatt hos tjenesten (førsteinstans)")
    )
    first_instance_forwarded = models.DateField(
        _("klagen oversendt fra tjenesten"), null=True, blank=True,
        help_text=_("Klagen oversendt fra tjenesten til statsforvalteren")
    )
    rejected = models.BooleanField(_("avvist"), default=False, help_text=_("Avvist uten realitetsbehandling"))
    rejection_reason = models.CharField(_("grunn til avvisning"), max_length=300, blank=True)

    def __str__(self):
        return str(self.case)

    @property
    def provision_catalogue(self) -> str:
        return PROVISION_CATALOGUE[self.complaint_type]
