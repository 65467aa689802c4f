"""Supervision cases (tilsynssaker) at a county governor and at Helsetilsynet, and Helsetilsynet's reactions."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Case


# The provisions a supervision case assesses, per sector (reference.Provision.catalogue: vedlegg 5, 18, 29).
PROVISION_CATALOGUE = {"health": "health-supervision", "child_welfare": "cw-supervision",
                       "social": "social-supervision"}


class HandlingMethod(models.IntegerChoices):
    LEGACY = 0, _("0 Gammel veileder")
    GUIDANCE = 1, _("1 Avslutning med veiledning")
    FORWARDED = 2, _("2 Oversendelse til virksomheten/helsepersonellet")
    ENTERPRISE_FOLLOWS_UP = 3, _("3 Virksomheten følger opp og rapporterer")
    MEETING = 4, _("4 Møte med virksomhet og pasient/bruker")
    INVESTIGATION = 5, _("5 Statsforvalteren utreder og avgjør")


class Result(models.TextChoices):
    CLOSED_AFTER_INITIAL = "closed_after_initial", _("Avsluttet etter innledende utredning")
    NO_BREACH = "no_breach", _("Ikke lovbrudd")
    BREACH = "breach", _("Lovbrudd")
    FORWARDED_TO_HELSETILSYNET = "forwarded_to_helsetilsynet", _(
        "Oversendt Statens helsetilsyn for vurdering av administrativ reaksjon"
    )


class StartedAt(models.TextChoices):
    COUNTY_GOVERNOR = "county_governor", _("Statsforvalteren")
    HELSETILSYNET = "helsetilsynet", _("Statens helsetilsyn")
    FOREIGN_AUTHORITY = "foreign_authority", _("Utenlandsk tilsynsmyndighet")


class UserInvolvement(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Ikke vurdert")
    ACCEPTED = "accepted", _("Tilbudt og akseptert")
    DECLINED = "declined", _("Tilbudt og avslått")
    NOT_OFFERED = "not_offered", _("Ikke tilbudt")


class SupervisionCase(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="supervision")
    handling_method = models.PositiveSmallIntegerField(choices=HandlingMethod.choices, null=True, blank=True)
    sources = models.ManyToManyField("reference.Term", related_name="+", blank=True,
                                     limit_choices_to={"vocabulary": "source"})
    themes = models.ManyToManyField("reference.Term", related_name="+", blank=True,
                                    limit_choices_to={"vocabulary": "theme"})
    user_involvement = models.CharField(max_length=16, choices=UserInvolvement.choices,
                                        default=UserInvolvement.NOT_ASSESSED)
    user_involvement_date = models.DateField(null=True, blank=True)
    result = models.CharField(max_length=32, choices=Result.choices, blank=True)
    forwarded_to_helsetilsynet = models.DateField(null=True, blank=True)
    correction_ordered = models.DateField(null=True, blank=True, help_text=_("Pålegg om retting"))
    breach_follow_up_closed = models.DateField(
        null=True, blank=True, help_text=_("Oppfølgingen av lovbruddet avsluttet: forholdet er rettet")
    )
    # At Helsetilsynet: where the case started (vedlegg 42), and outcomes that are not reactions (vedlegg 44).
    started_at = models.CharField(max_length=20, choices=StartedAt.choices, default=StartedAt.COUNTY_GOVERNOR)
    referred_by = models.ForeignKey("reference.Office", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    non_reaction_outcome = models.ForeignKey("reference.Term", on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+",
                                             limit_choices_to={"vocabulary": "non_reaction_outcome"})
    suspended = models.DateField(null=True, blank=True, help_text=_("Suspensjon mens saken pågår"))
    voluntary_surrender = models.DateField(null=True, blank=True, help_text=_("Frivillig avkall"))
    police_report = models.DateField(null=True, blank=True, help_text=_("Anmeldt til politiet"))

    # The case page shows these details in the kind's own panel (case_panel.html), not as a generic list.
    facts_in_panel = True

    def __str__(self):
        return str(self.case)

    @property
    def provision_catalogue(self) -> str | None:
        return PROVISION_CATALOGUE.get(self.case.sector)

    def assessment_problems(self) -> list[str]:
        from tilsyn.supervision.selectors import supervision_assessment_problems

        return supervision_assessment_problems(self)

    def closing_problems(self) -> list[str]:
        from tilsyn.supervision.selectors import supervision_closing_problems

        return supervision_closing_problems(self)


class Reaction(models.Model):
    """An administrative reaction from Helsetilsynet to a person or an enterprise in a supervision case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reactions")
    party = models.ForeignKey("cases.Party", on_delete=models.CASCADE, related_name="reactions")
    type = models.ForeignKey("reference.Term", on_delete=models.PROTECT, related_name="+",
                             limit_choices_to={"vocabulary": "reaction_type"})
    decided = models.DateField()
    revocation_reasons = models.ManyToManyField("reference.Term", related_name="+", blank=True,
                                                limit_choices_to={"vocabulary": "revocation_reason"})
    imi_notified = models.DateField(null=True, blank=True,
                                    help_text=_("Varslet EU/EØS gjennom IMI (innen tre dager)"))

    def __str__(self):
        return f"{self.type}: {self.party.name}"
