"""A published edition of the statistics: the tables exactly as they were frozen for a report."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """The tables of a year as computed when the edition was frozen («Årsrapport 2024»). Later corrections of
    cases change the live figures, never an edition."""

    year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    frozen_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField(null=True, blank=True, help_text=_("Tallene slik de sto på denne datoen"))
    tables = models.JSONField(default=list, help_text=_("Tabellene slik de ble publisert"))

    class Meta:
        ordering = ["-year", "-frozen_at"]
        verbose_name = _("publisert utgave")
        verbose_name_plural = _("publiserte utgaver")

    def __str__(self):
        return f"{self.name} ({self.year})"
