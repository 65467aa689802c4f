"""Notifications of serious incidents (varsler om alvorlige hendelser) to Helsetilsynet."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


class Routing(models.TextChoices):
    CLOSED_AFTER_INITIAL = "closed_after_initial", _("Avsluttet etter innledende undersøkelser")
    FORWARDED_TO_COUNTY_GOVERNOR = "forwarded_to_county_governor", _(
        "Oversendt til statsforvalteren for vurdering av tilsynsmessig oppfølging"
    )
    OWN_FOLLOW_UP = "own_follow_up", _("Tilsynsmessig oppfølging ved Helsetilsynet")
    NOT_COVERED = "not_covered", _("Ikke varslingspliktig/-berettiget eller utgår")


class FollowUpMethod(models.TextChoices):
    ON_SITE = "on_site", _("Stedlig tilsyn")
    OTHER = "other", _("Annen tilsynsmessig oppfølging")


class IncidentNotification(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="notification")
    notifier_type = models.ForeignKey("reference.Term", on_delete=models.PROTECT, related_name="+",
                                      limit_choices_to={"vocabulary": "notifier_type"})
    service_type = models.ForeignKey("reference.Term", on_delete=models.PROTECT, related_name="+",
                                     limit_choices_to={"vocabulary": "incident_service_type"})
    incident_date = models.DateField(null=True, blank=True)
    # Incidents notified more than once count as one: later notifications point at the first.
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="repeats")
    initial_investigation_completed = models.DateField(null=True, blank=True)
    routing = models.CharField(max_length=32, choices=Routing.choices, blank=True)
    routing_date = models.DateField(null=True, blank=True)
    forwarded_to = models.ForeignKey("reference.Office", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    follow_up_method = models.CharField(max_length=8, choices=FollowUpMethod.choices, blank=True)
    assessment_summary = models.TextField(blank=True, help_text=_("Helsetilsynets vurdering"))

    # The case page shows these details in the kind's own panel (case_panel.html), not as a generic list.
    facts_in_panel = True

    def __str__(self):
        return str(self.case)

    def closing_problems(self) -> list[str]:
        if self.routing or self.duplicate_of_id:
            return []
        return [str(_("Fordel varselet etter den innledende undersøkelsen."))]
