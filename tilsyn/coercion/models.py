"""Coercion (tvang og makt): what the services report or decide, and what the county governor reviews.

* helse- og omsorgstjenesteloven kap. 9: emergency decisions reported, vedtak reviewed (overprøvd), applications
  for dispensation from the education requirement;
* pasient- og brukerrettighetsloven kap. 4A: vedtak reviewed on arrival and again (etterkontroll) after 3 months;
* barnevernsloven kap. 10: coercion protocols from child welfare institutions, all checked.
Complaints about any of these are rights complaints (`complaints`), linked through `Case.origin`.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


class Ch9EmergencyDecision(models.Model):
    """A reported decision (beslutning) on harm-averting coercion in an emergency, about one person."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="ch9_emergency")
    decided = models.DateField()
    measure = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", limit_choices_to={"vocabulary": "coercion_measure_ch9"})


class Ch9Vedtak(models.Model):
    """A vedtak on planned coercion (hol. § 9-5 third paragraph b and c) that the office must review."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="ch9_vedtak")
    vedtak_date = models.DateField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True, help_text=_("Et vedtak gjelder høyst ett år"))
    measures = models.ManyToManyField("reference.Term", related_name="+", blank=True,
                                      limit_choices_to={"vocabulary": "coercion_measure_ch9"})
    approved = models.BooleanField(null=True, help_text=_("Godkjent ved overprøving; tomt før avgjørelsen"))
    personnel_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Personell som skal gjennomføre tiltakene")
    )
    on_site_inspection = models.DateField(null=True, blank=True, help_text=_("Stedlig tilsyn med tiltaket"))


class Ch9Dispensation(models.Model):
    """An application for dispensation from the education requirement, tied to a vedtak (Case.origin)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True,
                                related_name="ch9_dispensation")
    persons_applied_for = models.PositiveSmallIntegerField()
    persons_granted = models.PositiveSmallIntegerField(null=True, blank=True)


class Ch4AOutcome(models.TextChoices):
    TAKEN_INTO_ACCOUNT = "taken_into_account", _("Tatt til etterretning")
    QUASHED = "quashed", _("Opphevet")
    CHANGED = "changed", _("Endret")
    NOT_RELEVANT = "not_relevant", _("Uaktuelt å gjennomgå")


class Ch4AVedtak(models.Model):
    """A vedtak on health care without consent. Case.closed is the review on arrival."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="ch4a_vedtak")
    vedtak_date = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    measures = models.ManyToManyField("reference.Term", related_name="+", blank=True,
                                      limit_choices_to={"vocabulary": "coercion_measure_4a"})
    outcome = models.CharField(max_length=20, choices=Ch4AOutcome.choices, blank=True)
    lasts_over_three_months = models.BooleanField(default=False)
    follow_up_due = models.DateField(null=True, blank=True, help_text=_("Frist for etterkontroll"))
    follow_up_done = models.DateField(null=True, blank=True, help_text=_("Etterkontroll gjennomført"))
    follow_up_outcome = models.CharField(max_length=20, choices=Ch4AOutcome.choices, blank=True)


class CwCoercionProtocol(models.Model):
    """A protocol of coercion used at a child welfare institution (bvl. kap. 10). Case.closed: checked."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="cw_protocol")
    used = models.DateField(help_text=_("Dato for tvangsbruken"))
    provision = models.ForeignKey("reference.Provision", on_delete=models.PROTECT, related_name="+",
                                  limit_choices_to={"catalogue": "cwi-coercion-complaint"})
    child_complained = models.BooleanField(default=False)
