"""Reference data: offices, municipalities, legal provisions, vocabularies and targets.

All rows come from the versioned files in `reference/data/` (see `loader.py`); nothing here is typed into code.
Rows are never deleted by a reload, only marked inactive, so that old cases keep their references.
"""
from django.db import models
from django.utils.translation import get_language


class Office(models.Model):
    """An embete: Statens helsetilsyn or one of the ten county governors."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "Statens helsetilsyn"
        COUNTY_GOVERNOR = "county_governor", "Statsforvalter"

    code = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    name_nn = models.CharField(max_length=200)
    short_name = models.CharField(max_length=200)
    report_order = models.PositiveSmallIntegerField()
    report_labels = models.JSONField(default=list)

    class Meta:
        ordering = ["report_order"]

    def __str__(self):
        return self.name

    @property
    def localized_name(self) -> str:
        """The name in the user's language (nynorsk where the user reads nynorsk)."""
        return self.name_nn if self.name_nn and get_language() == "nn" else self.name

    @property
    def is_national(self) -> bool:
        return self.kind == self.Kind.NATIONAL


class Municipality(models.Model):
    number = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    county_number = models.CharField(max_length=2)
    county_name = models.CharField(max_length=100)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "municipalities"

    def __str__(self):
        return f"{self.number} {self.name}"


class Provision(models.Model):
    """A legal provision as the annual report's tables label it, in one catalogue (one table's row set)."""

    code = models.CharField(max_length=120, unique=True)
    catalogue = models.CharField(max_length=40, db_index=True)
    law = models.CharField(max_length=20)
    section = models.CharField(max_length=200, blank=True)
    label = models.CharField(max_length=300)
    table_ref = models.CharField(max_length=20)
    complaint_group = models.CharField(max_length=20, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["catalogue", "sort_order"]

    def __str__(self):
        return f"{self.section} – {self.label}" if self.section else self.label


class Term(models.Model):
    """One entry of a small vocabulary (sources, themes, professions, reaction types …)."""

    vocabulary = models.CharField(max_length=40)
    code = models.CharField(max_length=80)
    label = models.CharField(max_length=300)
    label_nn = models.CharField(max_length=300, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["vocabulary", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code")]

    def __str__(self):
        return self.label

    @property
    def localized(self) -> str:
        """The label in the user's language: nynorsk where the reference data has it."""
        return self.label_nn if self.label_nn and get_language() == "nn" else self.label


class Target(models.Model):
    """A result target for one year (Tabell 3): a share within a time limit, a median, or points."""

    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=80)
    owner = models.CharField(max_length=20)
    label = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    measure = models.CharField(max_length=20)
    applies_to = models.JSONField(default=dict)
    target_share = models.DecimalField(max_digits=5, decimal_places=1, null=True)
    within_days = models.PositiveSmallIntegerField(null=True)
    within_weeks = models.PositiveSmallIntegerField(null=True)
    within_months = models.PositiveSmallIntegerField(null=True)
    target_median_months = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    max_new_cases = models.PositiveIntegerField(null=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="target_unique_per_year")]

    def __str__(self):
        return f"{self.year} {self.label}"


class ActivityPointTarget(models.Model):
    """Planned-supervision points an office is to earn in a sector in a year (vedlegg 16, 24, 26)."""

    year = models.PositiveSmallIntegerField()
    office = models.ForeignKey(Office, on_delete=models.PROTECT)
    sector = models.CharField(max_length=30)
    target_points = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "office", "sector"], name="points_target_unique")
        ]
