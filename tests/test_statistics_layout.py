"""Every declared table has exactly the layout of the published one: id, title, columns, row labels and sections,
in the same order, so that a computed table and the published one compare cell by cell."""
import json
from pathlib import Path

import pytest

from tilsyn.statistics.selectors import statistics_tables, table_compute

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "arsrapport-2024"
NOT_FROM_CASES = {"tabell-02", "tabell-05", "tabell-16", "tabell-17"}  # staff, activities: no cases behind them

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REFERENCE.is_dir(), reason="the published tables (../shared/reference) are not here"),
]


def published(table_id: str) -> dict:
    return json.loads((REFERENCE / f"{table_id}.json").read_text(encoding="utf-8"))


def test_every_case_derived_table_of_the_report_is_declared():
    in_report = {path.stem for path in REFERENCE.glob("*-*.json")} - {"figures-in-text"}

    assert {table.id for table in statistics_tables()} == in_report - NOT_FROM_CASES


@pytest.mark.parametrize("table_id", [table.id for table in statistics_tables()])
def test_the_computed_table_is_laid_out_as_the_published_one(table_id):
    computed, reference = table_compute(table_id=table_id, year=2024), published(table_id)

    assert computed["id"] == reference["id"]
    assert computed["title"] == reference["title"]
    assert computed["columns"] == reference["columns"]
    assert [(r.get("section"), r["label"]) for r in computed["rows"]] == [
        (r.get("section"), r["label"]) for r in reference["rows"]]
    for ours, theirs in zip(computed["rows"], reference["rows"]):
        if table_id == "tabell-03":  # a text table: the figures its text states, by name
            assert set(theirs["values"]) <= set(ours["values"]), ours["label"]
        else:
            assert list(ours["values"]) == reference["columns"], ours["label"]
