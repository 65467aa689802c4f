"""Tabell 3: the year's result targets (reference data) and the results computed from the cases.

A text table in the report; here each target row gives the numbers the report's text states: the target
(`target_share`, `target_within_weeks`/`_months`, `target_points`, medians and case volumes), the result
(`result_share`, `result_points`, `result_median_months` …) and, for the county governors' targets, how many of
the ten offices reached it (`embeter_reached` of `embeter_total`). Which cases a target measures is said once,
in RULES, by series (the target's code without the year).

A rule says which figures it needs (`tables`: engine tables, one row per office and a total, or Helsetilsynet's
one row) and what it makes of them (`values`). The tables of all targets go into the plan of the other tables
computed with tabell 3, so that they share its queries.
"""
import math
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from tilsyn.cases.deadlines import limit_days
from tilsyn.statistics.engine import (COUNT, MONTHS, PERCENT, POINTS, Col, Context, Measure, Ratio, Row, Table,
                                      new_plan, plain, planned_table, year_label)

COLUMNS = ("Resultatmål {y}", "Resultat {y}", "Vurdering/Kommentar")


def per_office(*measures) -> Table:
    """Each measure for every county governor (rows) and for all of them (the last, total row)."""
    from tilsyn.statistics.axes import offices

    return Table("per-office", "", tuple(Col(str(i), m) for i, m in enumerate(measures)), (offices("Alle"),))


def national(*measures) -> Table:
    """Helsetilsynet's own figures: each measure over every office, in one row."""
    return Table("national", "", tuple(Col(str(i), m) for i, m in enumerate(measures)), (Row("Alle"),))


@dataclass(frozen=True)
class Attainment:
    """A target's result for the whole country, and for each county governor where the target is theirs: the
    figure (a share in whole percent, points, a median in months), what it is measured against, and whether it
    reached it. Tabell 3 prints the country's figure and `offices_reached`; the steering panel all of it."""

    value: float | None
    unit: str
    goal: float | None
    reached: bool | None
    offices: tuple = ()  # (figure, goal, reached) per county governor, in report order

    @property
    def offices_reached(self) -> int | None:
        """How many offices reached the target; None for Helsetilsynet's own targets, or when it cannot be told
        for some office (no points target)."""
        if not self.offices or any(reached is None for _, _, reached in self.offices):
            return None
        return sum(1 for _, _, reached in self.offices if reached)


def at_least(value, goal) -> bool:
    return value is not None and goal is not None and value >= goal


def share_attainment(target, computed: dict) -> Attainment:
    """A share against the target's share, for the country (the total row) and for each office."""
    offices, total = rows_of(computed)
    goal = plain(target.target_share)
    return Attainment(total[0], PERCENT, goal, at_least(total[0], goal),
                      tuple((row[0], goal, at_least(row[0], goal)) for row in offices))


def rows_of(computed: dict) -> tuple[list[list], list]:
    """A per-office table's office rows and its total row, as lists of values."""
    rows = [list(row["values"].values()) for row in computed["rows"]]
    return rows[:-1], rows[-1]


def _target_values(target) -> dict:
    values = {"target_share": plain(target.target_share)}
    if target.within_weeks:
        values["target_within_weeks"] = target.within_weeks
    elif target.within_months:
        values["target_within_months"] = target.within_months
    return values


class ShareWithin:
    """The share of `count()`'s cases closed within the target's time limit, and the offices reaching it.

    Every rule says which figures it needs (`tables`), what a target's result is (`attainment`: the steering
    panel's figures), how tabell 3 prints it (`values`), and which of its measures is the headline figure whose
    cases a drill-down lists (`headline`: the first column of the first table, unless said otherwise)."""

    headline = 0

    def __init__(self, count):
        self.count = count

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics.engine import within

        return [per_office(within(self.count(), limit_days(target)))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        return share_attainment(target, computed[0])

    def values(self, target, computed: list[dict]) -> dict:
        result = self.attainment(target, computed)
        return {**_target_values(target), "result_share": result.value, "embeter_reached": result.offices_reached,
                "embeter_total": len(result.offices)}


class Dispensations(ShareWithin):
    """Dispensations decided within the limit, and beside them the vedtak reviewed within it."""

    def __init__(self):
        def count():
            from tilsyn.statistics import sources as s
            from tilsyn.statistics.engine import Count_

            return Count_(s.coercion_cases("coercion_ch9_dispensation"))

        super().__init__(count)

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics import tables as t

        return super().tables(target) + [per_office(t.within(t.CH9_REVIEWED, limit_days(target)))]

    def values(self, target, computed: list[dict]) -> dict:
        _, reviews = rows_of(computed[1])
        return {**super().values(target, computed), "related_share_overprovde_vedtak": reviews[0]}


class SupervisionMedian:
    """Helsetilsynet's supervision cases: new cases, and the median time of those closed."""

    headline = 1

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics import sources as s
        from tilsyn.statistics import tables as t
        from tilsyn.statistics.engine import ProcessingMonths

        return [national(t.HTIL_NEW_CASES, ProcessingMonths(s.supervision_cases(None, s.NATIONAL)))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        new, median = rows_of(computed[0])[1]
        alt_max, alt_median = target.details.get("alt_max_new_cases"), target.details.get("alt_target_median_months")
        limit = target.target_median_months if new <= target.max_new_cases else (
            alt_median if alt_max and new <= alt_max else None)
        reached = None if median is None else limit is not None and median <= limit
        return Attainment(median, MONTHS, plain(limit), reached)

    def values(self, target, computed: list[dict]) -> dict:
        new, median = rows_of(computed[0])[1]
        alt_max, alt_median = target.details.get("alt_max_new_cases"), target.details.get("alt_target_median_months")
        reached = self.attainment(target, computed).reached
        reached = None if reached is None else int(reached)
        return {"target_max_new_cases": target.max_new_cases,
                "target_median_months": plain(target.target_median_months),
                "target_max_new_cases_alt": alt_max, "target_median_months_alt": alt_median,
                "result_new_cases": new, "result_median_months": median, "target_reached": reached}


class IncidentMedian:
    """Notifications received, and the median time of Helsetilsynet's own follow-up."""

    headline = 1

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics import sources as s
        from tilsyn.statistics import tables as t
        from tilsyn.statistics.engine import ProcessingMonths

        return [national(t.NOTIFICATIONS, ProcessingMonths(s.own_follow_up()))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        notifications, median = rows_of(computed[0])[1]
        reached = None if median is None else (
            notifications <= target.max_new_cases and median <= target.target_median_months)
        return Attainment(median, MONTHS, plain(target.target_median_months), reached)

    def values(self, target, computed: list[dict]) -> dict:
        notifications, median = rows_of(computed[0])[1]
        reached = self.attainment(target, computed).reached
        reached = None if reached is None else int(reached)
        return {"target_max_notifications": target.max_new_cases,
                "target_median_months": plain(target.target_median_months),
                "result_notifications": notifications, "result_median_months": median, "target_reached": reached}


class InstitutionInspections:
    """Inspections performed at institutions as a share of the statutory ones."""

    headline = 0

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics import sources as s
        from tilsyn.statistics import tables as t

        institution = s.has_object("pk")(t.INSTITUTION)
        return [per_office(Ratio(t.CW_INSPECTIONS.narrowed(institution), t.CW_STATUTORY.narrowed(institution)))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        return share_attainment(target, computed[0])

    def values(self, target, computed: list[dict]) -> dict:
        result = self.attainment(target, computed)
        return {"target_share": result.goal, "result_share": result.value,
                "embeter_reached": result.offices_reached, "embeter_total": len(result.offices)}


class Points:
    """Activity points against the offices' points targets (reference data)."""

    headline = 0

    def __init__(self, sector, service_level, targets_sector):
        self.sector, self.service_level, self.targets_sector = sector, service_level, targets_sector

    def tables(self, target) -> list[Table]:
        from tilsyn.statistics import tables as t

        return [per_office(t.points(self.sector, self.service_level), t.point_target(self.targets_sector))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        offices, total = rows_of(computed[0])
        goal = target.details.get("target_points")
        return Attainment(total[0], POINTS, goal, at_least(total[0], goal) if goal else None,
                          tuple((points, office_goal, points >= office_goal if office_goal else None)
                                for points, office_goal in offices))

    def values(self, target, computed: list[dict]) -> dict:
        result = self.attainment(target, computed)
        return {"target_points": result.goal, "result_points": result.value,
                "embeter_reached": result.offices_reached, "embeter_total": len(result.offices)}


def _children(field, of):
    from tilsyn.statistics import sources as s
    from tilsyn.statistics import tables as t
    from tilsyn.statistics.engine import Sum_

    institution = s.has_object("pk")(t.INSTITUTION)
    return Ratio(Sum_(s.inspections("child_welfare"), f"inspection__{field}", institution),
                 Sum_(s.inspections("child_welfare"), f"inspection__{of}", institution))


class ConversationsOffered:
    """Children offered a conversation, of those present, per office."""

    headline = 0

    def tables(self, target) -> list[Table]:
        return [per_office(_children("children_offered_conversation", "children_present"))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        return share_attainment(target, computed[0])

    def values(self, target, computed: list[dict]) -> dict:
        result = self.attainment(target, computed)
        shares = [share for share, _, _ in result.offices if share is not None]
        lowest = math.floor(min(shares) / 10) * 10 if shares else None
        return {"target_share": result.goal, "result_share": result.value,
                "embeter_reached": result.offices_reached, "embeter_total": len(result.offices),
                "lowest_embete_share_at_least": lowest}


class ConversationsHeld:
    """Children talked with, of those offered a conversation."""

    headline = 0

    def tables(self, target) -> list[Table]:
        return [per_office(_children("children_talked_with", "children_offered_conversation"))]

    def attainment(self, target, computed: list[dict]) -> Attainment:
        return share_attainment(target, computed[0])

    def values(self, target, computed: list[dict]) -> dict:
        result = self.attainment(target, computed)
        return {"target_share": result.goal, "result_share_of_residents_talked_to": result.value}


def _health_complaints_without_travel():
    from tilsyn.cases.models import Assessment
    from tilsyn.statistics import tables as t

    travel = Assessment.objects.filter(case=OuterRef("pk"), provision__complaint_group="patient_travel")
    return t.HEALTH_COMPLAINTS.narrowed(~Q(Exists(travel)))


def _supervision_method(method):
    def count():
        from tilsyn.statistics import tables as t

        return t.HEALTH_CASES.narrowed(Q(supervision__handling_method=method))

    return count


def _table_measure(name):
    def count():
        from tilsyn.statistics import tables as t

        return getattr(t, name)

    return count


# The printed order of tabell 3, and the rule for each target series.
RULES = {
    "htil-supervision-median": SupervisionMedian(),
    "htil-incident-follow-up-median": IncidentMedian(),
    **{f"sf-health-supervision-bm{m}": ShareWithin(_supervision_method(m)) for m in range(1, 6)},
    # The report measures this target over every complaint from a child in an institution (vedlegg 13, whose
    # footnote states the target: 746 + 9 complaints, 87 %), not only those about coercion.
    "sf-cwi-coercion-complaint": ShareWithin(_table_measure("CWI_COMPLAINTS")),
    "sf-social-complaint": ShareWithin(_table_measure("SOCIAL_COMPLAINTS")),
    "sf-health-complaint": ShareWithin(_health_complaints_without_travel),
    "sf-coercion-ch9-review": ShareWithin(_table_measure("CH9_REVIEWED")),
    "sf-coercion-ch9-dispensation": Dispensations(),
    "sf-cwi-inspections": InstitutionInspections(),
    "sf-activity-social": Points("social", None, "social"),
    "sf-activity-municipal-health": Points("health", "municipal", "municipal_health"),
    "sf-activity-specialist-health": Points("health", "specialist", "specialist_health"),
    "sf-child-conversation-offered": ConversationsOffered(),
    "sf-child-conversation-held": ConversationsHeld(),
}
ORDER = list(RULES)


def result_targets(table: Table, ctx: Context, plan):
    """Plans the figures every target of the year needs; returns what lays tabell 3 out once the plan has run."""
    from tilsyn.reference.models import Target

    planned = []
    for target in in_order(Target.objects.filter(year=ctx.year)):
        rule = rule_of(target)
        layouts = [planned_table(needed, ctx, plan) for needed in rule.tables(target)] if rule else []
        planned.append((target, rule, layouts))

    def layout() -> dict:
        rows = []
        for target, rule, layouts in planned:
            values = rule.values(target, [lay() for lay in layouts]) if rule else _target_values(target)
            rows.append({"label": target.label, "values": values})
        keys = dict.fromkeys(key for row in rows for key in row["values"])
        return {"id": table.id, "title": year_label(table.title, ctx.year),
                "columns": [year_label(c, ctx.year) for c in COLUMNS],
                "column_units": {key: _unit(key) for key in keys if _unit(key) != COUNT}, "rows": rows}

    return layout


def rule_of(target):
    """The rule that measures a target, or None for a target no rule measures."""
    return RULES.get(target.details.get("series"))


def in_order(targets) -> list:
    """Targets in the printed order of tabell 3."""
    return sorted(targets, key=lambda t: (ORDER.index(t.details.get("series")) if t.details.get("series") in RULES
                                          else len(ORDER), t.code))


def target_attainments(targets, ctx: Context) -> list[tuple]:
    """(target, Attainment) for each target a rule measures, for the context (a year, as of a date, one office or
    all): the figures tabell 3 prints, computed by the same rules in one plan. The targets may be another year's
    (last year measured against this year's targets)."""
    plan = new_plan(ctx)
    planned = [(target, rule_of(target), [planned_table(table, ctx, plan) for table in rule_of(target).tables(target)])
               for target in in_order(targets) if rule_of(target)]
    plan.run()
    return [(target, rule.attainment(target, [lay() for lay in layouts])) for target, rule, layouts in planned]


def helsetilsynets_own(target) -> bool:
    """Whether a target is Helsetilsynet's own (one national figure) rather than each county governor's."""
    return rule_of(target).tables(target)[0].id == "national"


def headline_measure(target) -> Measure:
    """The measure of a target's headline figure: the one whose cases a drill-down lists."""
    rule = rule_of(target)
    return rule.tables(target)[0].columns[rule.headline].measure


def _unit(key: str) -> str:
    if "share" in key:
        return PERCENT
    if "median_months" in key:
        return MONTHS
    return POINTS if key.endswith("_points") else COUNT
