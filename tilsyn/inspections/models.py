"""Planned supervision (planlagt tilsyn): system audits and other methods, with activity points and quality dates.

Visits to child welfare institutions are planned inspections too, with the children's conversations recorded.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


class PlannedInspection(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="inspection")
    method = models.ForeignKey("reference.Term", on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"vocabulary": "inspection_method"})
    scope = models.ForeignKey("reference.Term", on_delete=models.PROTECT, related_name="+",
                              limit_choices_to={"vocabulary": "inspection_scope"})
    service_level = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", limit_choices_to={"vocabulary": "service_level"})
    theme = models.CharField(max_length=300, blank=True)
    activity_points = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    joint_with = models.ManyToManyField("reference.Office", related_name="+", blank=True,
                                        help_text=_("Andre embeter som deler aktiviteten og poengene"))
    joint_with_dsb = models.BooleanField(default=False, help_text=_("Felles tilsyn med DSB"))
    statutory = models.BooleanField(default=False, help_text=_("Lovpålagt tilsyn (barnevernsinstitusjoner)"))
    performed = models.DateField(null=True, blank=True, help_text=_("Gjennomført (stedlig tilsyn/åpningsmøte)"))
    closing_meeting = models.DateField(null=True, blank=True, help_text=_("Sluttmøte"))
    preliminary_report_sent = models.DateField(null=True, blank=True, help_text=_("Foreløpig rapport sendt"))
    final_report_sent = models.DateField(null=True, blank=True, help_text=_("Endelig rapport sendt"))
    breaches_found = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Antall lovbrudd/avvik"))
    # Quality indicators for a system audit's conclusion.
    states_failure_in_practice = models.BooleanField(null=True)
    states_consequence_for_users = models.BooleanField(null=True)
    states_management_failure = models.BooleanField(null=True)
    # Child welfare institutions: every child living there is offered a conversation.
    children_present = models.PositiveSmallIntegerField(null=True, blank=True)
    children_offered_conversation = models.PositiveSmallIntegerField(null=True, blank=True)
    children_talked_with = models.PositiveSmallIntegerField(null=True, blank=True)
    # Helsetilsynet's inspections under the blood, cell/tissue and organ regulations (tabell 10).
    regulation_area = models.CharField(max_length=20, blank=True,
                                       choices=[("blood", "Blod"), ("cells_tissue", "Celler og vev"),
                                                ("organs", "Organer")])
    units_interviewed = models.PositiveSmallIntegerField(null=True, blank=True)
    units_interviewed_digitally = models.PositiveSmallIntegerField(null=True, blank=True)
    units_document_inspection = models.PositiveSmallIntegerField(null=True, blank=True)
