"""The panel's figures as tables in the statistics' layout, so that the statistics' CSV and Excel writers
(tilsyn/statistics/exports.py) export them."""
from django.utils.translation import gettext as _

from tilsyn.statistics.engine import COUNT
from tilsyn.steering.selectors import MONTH_LABELS


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def targets_table(year: int, rows: list, office=None) -> dict:
    """Each target: its goal, the country's result, how many offices reached it and each office's result (the
    office view: that office's result beside the country's)."""
    if office is not None:
        columns = [_("Mål"), office.short_name, _("Landet")]
    else:
        names = next((r.offices for r in rows if r.offices), [])
        columns = [_("Mål"), _("Landet"), _("Embeter som nådde målet"), *(cell.office.short_name for cell in names)]
    table_rows = []
    for row in rows:
        if office is not None:
            values = [row.goal, row.office.value if row.office else row.country.value, row.country.value]
        else:
            values = [row.goal, row.country.value, row.offices_reached,
                      *([cell.value for cell in row.offices] or [None] * (len(columns) - 3))]
        units = {column: row.unit for column, value in zip(columns, values)
                 if column != _("Embeter som nådde målet") and row.unit != COUNT}
        table_rows.append({"label": row.target.label, "values": dict(zip(columns, values)), "value_units": units})
    day = next((row.day for row in rows if row.day), None)
    return {"id": f"styring-mal-{year}", "columns": columns, "rows": table_rows,
            "title": _("Resultatmål %(year)s, per %(day)s") % {"year": year, "day": _date(day)}}


def trend_table(year: int, rows: list) -> dict:
    """Each target's result so far in the year at the end of each month, this year and last."""
    columns = [str(label) for label in MONTH_LABELS]
    table_rows = []
    for row in rows:
        for shown, values in ((year, row.this_year), (year - 1, row.last_year)):
            units = {column: row.unit for column in columns} if row.unit != COUNT else {}
            table_rows.append({"section": row.target.label, "label": str(shown),
                               "values": dict(zip(columns, values)), "value_units": units})
    return {"id": f"styring-utvikling-{year}", "columns": columns, "rows": table_rows,
            "title": _("Resultat hittil i året ved utgangen av hver måned, %(year)s og %(last)s")
            % {"year": year, "last": year - 1}}


def backlogs_table(year: int, rows: list, end_day) -> dict:
    """Each backlog series at the start of the year and at its last day, for the country and each office."""
    start, end = _("Per %(day)s") % {"day": f"31.12.{year - 1}"}, _("Per %(day)s") % {"day": _date(end_day)}
    offices = next((r.offices for r in rows if r.offices), [])
    columns = [start, end, *(office.short_name for office, _start, _end in offices)]
    table_rows = []
    for row in rows:
        values = [row.start.value, row.end.value, *([last for _o, _s, last in row.offices]
                                                      or [None] * len(offices))]
        table_rows.append({"label": row.label, "values": dict(zip(columns, values))})
    return {"id": f"styring-restanser-{year}", "columns": columns, "rows": table_rows,
            "title": _("Restanser %(year)s") % {"year": year}}
