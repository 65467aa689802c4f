"""Numbers the Norwegian way: 1 234 (a non-breaking space between thousands), 5,1 and 56 %."""
from django.utils.translation import gettext_lazy as _

from tilsyn.statistics.engine import COUNT, MONTHS, PERCENT

NBSP = "\u00a0"


def cell_unit(table: dict, row: dict, column: str) -> str:
    return (row.get("value_units") or {}).get(column) or (table.get("column_units") or {}).get(column) or COUNT


def format_number(value, unit: str = COUNT) -> str:
    if value is None:
        return ""
    decimals = 1 if unit == MONTHS or (isinstance(value, float) and not value.is_integer()) else 0
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}%" if unit == PERCENT else text


def has_sections(table: dict) -> bool:
    return any(row.get("section") for row in table["rows"])


def value_columns(table: dict) -> list[str]:
    """The columns the rows hold values for: the printed columns, except in a text table (tabell 3) whose rows
    hold named figures instead."""
    columns = list(table["columns"])
    keys = [key for row in table["rows"] for key in row["values"]]
    if set(keys) <= set(columns):
        return columns
    return list(dict.fromkeys(keys))


# Tabell 3 holds named figures rather than printed columns; their headings on a page.
FIGURE_LABELS = {
    "target_share": _("Mål, andel"), "target_within_weeks": _("Frist, uker"),
    "target_within_months": _("Frist, måneder"), "result_share": _("Resultat, andel"),
    "embeter_reached": _("Embeter som nådde målet"), "embeter_total": _("Embeter i alt"),
    "target_points": _("Mål, poeng"), "result_points": _("Resultat, poeng"),
    "target_max_new_cases": _("Maks. nye saker"), "target_median_months": _("Mål, median i måneder"),
    "target_max_new_cases_alt": _("Alternativt maks. nye saker"),
    "target_median_months_alt": _("Alternativt mål, median i måneder"), "result_new_cases": _("Nye saker"),
    "result_median_months": _("Median i måneder"), "target_reached": _("Nådd (1 = ja)"),
    "target_max_notifications": _("Maks. varsler"), "result_notifications": _("Mottatte varsler"),
    "related_share_overprovde_vedtak": _("Andel overprøvde vedtak innen fristen"),
    "lowest_embete_share_at_least": _("Laveste embete minst"),
    "result_share_of_residents_talked_to": _("Andel av beboerne det ble samtalt med"),
}


def table_display(table: dict, changed: set = frozenset()) -> dict:
    """A computed (or frozen) table ready for a page: rows grouped by section, every cell formatted, and the
    cells in `changed` ((section, label, column)) marked."""
    columns = value_columns(table)
    groups = []
    for row in table["rows"]:
        section = row.get("section")
        if not groups or groups[-1]["section"] != section:
            groups.append({"section": section, "rows": []})
        groups[-1]["rows"].append({"label": row["label"], "cells": [
            {"text": format_number(row["values"].get(column), cell_unit(table, row, column)),
             "changed": (section, row["label"], column) in changed}
            for column in columns]})
    return {"id": table["id"], "title": table["title"], "groups": groups, "has_sections": has_sections(table),
            "columns": [FIGURE_LABELS.get(column, column) for column in columns]}


def differences_display(differences: list[tuple], live: dict) -> list[dict]:
    """edition_diff's cells for a page, numbers formatted with the live table's units."""
    rows = {(row.get("section"), row["label"]): row for row in live["rows"]}
    shown = []
    for _table, section, label, column, frozen, current in differences:
        row = rows.get((section, label), {})
        unit = cell_unit(live, row, column)
        shown.append({"section": section, "label": label, "column": column,
                      "frozen": format_number(frozen, unit), "live": format_number(current, unit)})
    return shown


def comparison_display(frozen: dict | None, live: dict, differences: list[tuple]) -> dict:
    """A published table beside the live one, the cells that differ marked in both and listed."""
    changed = {(section, label, column) for _table, section, label, column, _frozen, _live in differences}
    return {"live": table_display(live, changed), "frozen": table_display(frozen, changed) if frozen else None,
            "differences": differences_display(differences, live)}
