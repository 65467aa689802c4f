"""Tabell 3: the year's result targets (reference data) and the results computed from the cases.

A text table in the report; here each target row gives the numbers the report's text states: the target
(`target_share`, `target_within_weeks`/`_months`, `target_points`, medians and case volumes), the result
(`result_share`, `result_points`, `result_median_months` …) and, for the county governors' targets, how many of
the ten offices reached it (`embeter_reached` of `embeter_total`). Which cases a target measures is said once,
in RULES, by series (the target's code without the year).
"""
import math

from django.db.models import Exists, OuterRef, Q

from tilsyn.statistics.engine import (COUNT, MONTHS, PERCENT, POINTS, Col, Context, Ratio, Row, Table,
                                      compute_table, month_limit, plain, year_label)

COLUMNS = ("Resultatmål {y}", "Resultat {y}", "Vurdering/Kommentar")


def _per_office(ctx: Context, *measures) -> tuple[list[list], list]:
    """Each measure for every county governor (rows) and for all of them (the last, total row)."""
    from tilsyn.statistics.axes import offices

    table = Table("per-office", "", tuple(Col(str(i), m) for i, m in enumerate(measures)),
                  (offices("Alle"),))
    rows = [list(row["values"].values()) for row in compute_table(table, ctx)["rows"]]
    return rows[:-1], rows[-1]


def _within_days(target) -> int:
    if target.within_weeks:
        return target.within_weeks * 7
    if target.within_days:
        return target.within_days
    return month_limit(target.within_months)


def _target_values(target) -> dict:
    values = {"target_share": plain(target.target_share)}
    if target.within_weeks:
        values["target_within_weeks"] = target.within_weeks
    elif target.within_months:
        values["target_within_months"] = target.within_months
    return values


def _share_within(count):
    def rule(target, ctx):
        from tilsyn.statistics.engine import within

        offices, total = _per_office(ctx, within(count(), _within_days(target)))
        reached = [row[0] for row in offices if row[0] is not None and row[0] >= target.target_share]
        return {**_target_values(target), "result_share": total[0], "embeter_reached": len(reached),
                "embeter_total": len(offices)}

    return rule


def _dispensations(target, ctx):
    from tilsyn.statistics import sources as s
    from tilsyn.statistics import tables as t
    from tilsyn.statistics.engine import Count_

    values = _share_within(lambda: Count_(s.coercion_cases("coercion_ch9_dispensation")))(target, ctx)
    _, reviews = _per_office(ctx, t.within(t.CH9_REVIEWED, _within_days(target)))
    return {**values, "related_share_overprovde_vedtak": reviews[0]}


def _supervision_median(target, ctx):
    from tilsyn.statistics import sources as s
    from tilsyn.statistics import tables as t
    from tilsyn.statistics.engine import ProcessingMonths

    new, median = _national(ctx, t.HTIL_NEW_CASES, ProcessingMonths(s.supervision_cases(None, s.NATIONAL)))
    alt_max, alt_median = target.details.get("alt_max_new_cases"), target.details.get("alt_target_median_months")
    limit = target.target_median_months if new <= target.max_new_cases else (
        alt_median if alt_max and new <= alt_max else None)
    reached = None if median is None else int(limit is not None and median <= limit)
    return {"target_max_new_cases": target.max_new_cases, "target_median_months": plain(target.target_median_months),
            "target_max_new_cases_alt": alt_max, "target_median_months_alt": alt_median,
            "result_new_cases": new, "result_median_months": median, "target_reached": reached}


def _incident_median(target, ctx):
    from tilsyn.statistics import sources as s
    from tilsyn.statistics import tables as t
    from tilsyn.statistics.engine import ProcessingMonths

    notifications, median = _national(ctx, t.NOTIFICATIONS, ProcessingMonths(s.own_follow_up()))
    reached = None if median is None else int(
        notifications <= target.max_new_cases and median <= target.target_median_months)
    return {"target_max_notifications": target.max_new_cases,
            "target_median_months": plain(target.target_median_months), "result_notifications": notifications,
            "result_median_months": median, "target_reached": reached}


def _national(ctx: Context, *measures) -> list:
    """Helsetilsynet's own figures: each measure over every office, in one row."""
    table = Table("national", "", tuple(Col(str(i), m) for i, m in enumerate(measures)), (Row("Alle"),))
    return list(compute_table(table, ctx)["rows"][0]["values"].values())


def _institution_inspections(target, ctx):
    from tilsyn.statistics import sources as s
    from tilsyn.statistics import tables as t

    institution = s.has_object("pk")(t.INSTITUTION)
    offices, total = _per_office(ctx, Ratio(t.CW_INSPECTIONS.narrowed(institution),
                                            t.CW_STATUTORY.narrowed(institution)))
    reached = [row for row in offices if row[0] is not None and row[0] >= target.target_share]
    return {"target_share": plain(target.target_share), "result_share": total[0], "embeter_reached": len(reached),
            "embeter_total": len(offices)}


def _points(sector, service_level, targets_sector):
    def rule(target, ctx):
        from tilsyn.statistics import tables as t

        offices, total = _per_office(ctx, t.points(sector, service_level), t.point_target(targets_sector))
        known = all(row[1] for row in offices)
        reached = sum(1 for points, goal in offices if goal and points >= goal) if known else None
        return {"target_points": target.details.get("target_points"), "result_points": total[0],
                "embeter_reached": reached, "embeter_total": len(offices)}

    return rule


def _children(field, of):
    def measure():
        from tilsyn.statistics import sources as s
        from tilsyn.statistics import tables as t
        from tilsyn.statistics.engine import Sum_

        institution = s.has_object("pk")(t.INSTITUTION)
        return Ratio(Sum_(s.inspections("child_welfare"), f"inspection__{field}", institution),
                     Sum_(s.inspections("child_welfare"), f"inspection__{of}", institution))

    return measure


def _conversations_offered(target, ctx):
    offices, total = _per_office(ctx, _children("children_offered_conversation", "children_present")())
    shares = [row[0] for row in offices if row[0] is not None]
    lowest = math.floor(min(shares) / 10) * 10 if shares else None
    return {"target_share": plain(target.target_share), "result_share": total[0],
            "embeter_reached": sum(1 for share in shares if share >= target.target_share),
            "embeter_total": len(offices), "lowest_embete_share_at_least": lowest}


def _conversations_held(target, ctx):
    _, total = _per_office(ctx, _children("children_talked_with", "children_offered_conversation")())
    return {"target_share": plain(target.target_share), "result_share_of_residents_talked_to": total[0]}


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
    "htil-supervision-median": _supervision_median,
    "htil-incident-follow-up-median": _incident_median,
    **{f"sf-health-supervision-bm{m}": _share_within(_supervision_method(m)) for m in range(1, 6)},
    # The report measures this target over every complaint from a child in an institution (vedlegg 13, whose
    # footnote states the target: 746 + 9 complaints, 87 %), not only those about coercion.
    "sf-cwi-coercion-complaint": _share_within(_table_measure("CWI_COMPLAINTS")),
    "sf-social-complaint": _share_within(_table_measure("SOCIAL_COMPLAINTS")),
    "sf-health-complaint": _share_within(_health_complaints_without_travel),
    "sf-coercion-ch9-review": _share_within(_table_measure("CH9_REVIEWED")),
    "sf-coercion-ch9-dispensation": _dispensations,
    "sf-cwi-inspections": _institution_inspections,
    "sf-activity-social": _points("social", None, "social"),
    "sf-activity-municipal-health": _points("health", "municipal", "municipal_health"),
    "sf-activity-specialist-health": _points("health", "specialist", "specialist_health"),
    "sf-child-conversation-offered": _conversations_offered,
    "sf-child-conversation-held": _conversations_held,
}
ORDER = list(RULES)


def result_targets(table: Table, ctx: Context) -> dict:
    from tilsyn.reference.models import Target

    targets = sorted(Target.objects.filter(year=ctx.year),
                     key=lambda t: (ORDER.index(t.details.get("series")) if t.details.get("series") in RULES
                                    else len(ORDER), t.code))
    rows = []
    for target in targets:
        rule = RULES.get(target.details.get("series"))
        values = rule(target, ctx) if rule else _target_values(target)
        rows.append({"label": target.label, "values": values})
    keys = dict.fromkeys(key for row in rows for key in row["values"])
    return {"id": table.id, "title": year_label(table.title, ctx.year),
            "columns": [year_label(c, ctx.year) for c in COLUMNS],
            "column_units": {key: _unit(key) for key in keys if _unit(key) != COUNT}, "rows": rows}


def _unit(key: str) -> str:
    if "share" in key:
        return PERCENT
    if "median_months" in key:
        return MONTHS
    return POINTS if key.endswith("_points") else COUNT
