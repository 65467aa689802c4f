"""Reads of the statistics, shared by the pages, the command and the exports."""
import datetime

from tilsyn.statistics.engine import Context, compute_table, compute_tables
from tilsyn.statistics.models import Edition


def statistics_tables() -> list:
    """The declared tables, in report order."""
    from tilsyn.statistics.tables import TABLES

    return list(TABLES)


def statistics_table(table_id: str):
    """The declaration of one table, or None."""
    from tilsyn.statistics.tables import BY_ID

    return BY_ID.get(table_id)


def table_compute(*, table_id: str, year: int, office: str | None = None,
                  as_of: datetime.date | None = None) -> dict:
    table = statistics_table(table_id)
    if table is None:
        raise KeyError(table_id)
    return compute_table(table, Context(year=year, office=office, as_of=as_of))


def tables_compute(*, year: int, office: str | None = None, as_of: datetime.date | None = None,
                   table_ids: list[str] | None = None) -> list[dict]:
    """The tables (all, or those named) for a year, one office or all, as they stood on `as_of`."""
    ctx = Context(year=year, office=office, as_of=as_of)
    tables = statistics_tables()
    if table_ids:
        unknown = set(table_ids) - {table.id for table in tables}
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        tables = [table for table in tables if table.id in table_ids]
    return compute_tables(tables, ctx)


def edition_table(edition: Edition, table_id: str) -> dict | None:
    return next((table for table in edition.tables if table["id"] == table_id), None)


def _cells(table: dict):
    for row in table["rows"]:
        for column, value in row["values"].items():
            yield (row.get("section"), row["label"], column), value


def edition_diff(edition: Edition, live: list[dict] | dict) -> list[tuple]:
    """The cells where the frozen edition and the live figures differ:
    (table id, section, row label, column, frozen value, live value), in the live tables' order."""
    live_tables = [live] if isinstance(live, dict) else live
    differences = []
    for table in live_tables:
        frozen = dict(_cells(edition_table(edition, table["id"]) or {"rows": []}))
        current = dict(_cells(table))
        for key in list(current) + [key for key in frozen if key not in current]:
            if frozen.get(key) != current.get(key):
                differences.append((table["id"], *key, frozen.get(key), current.get(key)))
    return differences


def editions_for_year(year: int):
    return Edition.objects.filter(year=year).order_by("-frozen_at")
