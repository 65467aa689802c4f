"""The steering panel's daily aggregates: the figures `tilsyn oppdater-styringsdata` computes with the statistics
engine's definitions (tabell 3's rules, the backlog series) and the panel reads, so that a page never aggregates
the case tables itself."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Refresh(models.Model):
    """One run of `tilsyn oppdater-styringsdata`: the panel shows when its figures were last refreshed."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    as_of = models.DateField(help_text=_("Tallene gjelder til og med denne dagen"))
    years = models.JSONField(default=list)
    seconds = models.FloatField()

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = _("oppdatering av styringsdata")
        verbose_name_plural = _("oppdateringer av styringsdata")

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M} ({self.as_of})"


class Figure(models.Model):
    """One aggregate of the panel's `year` for one office (None: the whole country).

    * attainment: a target's result (`key` = the target's code) for the year to date at `day` (a month's last day
      or the refresh day), in the panel's year or the year before (measured against the panel year's targets);
      `value`, `goal`, `reached`, and for the country how many offices reached it.
    * backlog: the open cases of a backlog series (`key`) at the end of `day`.
    * inflow, closures: the series' cases started or closed in the week beginning `day` (a Monday, or 1 January
      for the part of a week that falls in the year).
    """

    class Kind(models.TextChoices):
        ATTAINMENT = "attainment", _("Måloppnåelse")
        BACKLOG = "backlog", _("Restanser")
        INFLOW = "inflow", _("Nye saker")
        CLOSURES = "closures", _("Avsluttede saker")

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=80)
    day = models.DateField()
    office = models.ForeignKey("reference.Office", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    value = models.FloatField(null=True)
    goal = models.FloatField(null=True)
    reached = models.BooleanField(null=True)
    offices_reached = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["year", "kind", "key"])]
        constraints = [models.UniqueConstraint(fields=["year", "kind", "key", "day", "office"],
                                               name="steering_figure_unique")]

    def __str__(self):
        return f"{self.year} {self.kind} {self.key} {self.day} {self.office_id or '-'}: {self.value}"
