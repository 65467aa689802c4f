"""The 2024 report reproduced: the demo data set for 2014–2024, `tilsyn statistikk --year 2024` on it, and every
cell of the published tables compared with the computed one.

The cells that differ must be exactly those of tilsyn/statistics/known_differences.json, each with its reason (a
contradiction in the report, or a figure the cases cannot give): a new difference fails, and so does a fixed one,
so the list stays true. docs/statistics.md, «Reproducing the 2024 report», is written from the same file.

The data set goes back to 2014 because vedlegg 35 does (kap. 9, 2014–2024; tabell 15 reaches 2018, tabell 8 and 9,
vedlegg 6 and 10 2020, vedlegg 47 2021). It is generated and imported once for the module, in a transaction
rolled back after it: some 800 000 cases, minutes rather than seconds, hence `slow`.
"""
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from tilsyn.statistics import known_differences
from tilsyn.statistics.comparison import compare_with_published

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "arsrapport-2024"
KNOWN = known_differences.load()

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"the published tables are not at {REFERENCE}")


@pytest.fixture(scope="module")
def comparisons(django_db_setup, django_db_blocker, tmp_path_factory):
    output = tmp_path_factory.mktemp("statistikk") / f"{KNOWN['year']}.json"
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("demodata", years=KNOWN["data"]["years"], seed=KNOWN["data"]["seed"], stdout=io.StringIO())
            call_command("statistikk", year=KNOWN["year"], format="json", output=str(output))
            transaction.set_rollback(True)
    computed = json.loads(output.read_text(encoding="utf-8"))
    return compare_with_published(computed, REFERENCE)


@pytest.mark.slow
@pytest.mark.django_db
@needs_reference
def test_every_published_table_from_cases_is_compared(comparisons):
    tables = [*REFERENCE.glob("tabell-*.json"), *REFERENCE.glob("vedlegg-*.json")]
    published = {p.stem for p in tables} - known_differences.NOT_COMPUTED
    assert {c.table_id for c in comparisons} == published


@pytest.mark.slow
@pytest.mark.django_db
@needs_reference
def test_the_cells_that_differ_are_exactly_the_known_differences(comparisons):
    differing = known_differences.differing_cells(comparisons)
    known = set(known_differences.known_cells(KNOWN))
    assert sorted(differing - known, key=repr) == [], "new differences: add them with a reason, or fix them"
    assert sorted(known - differing, key=repr) == [], "fixed differences: take them out of known_differences.json"


def test_every_known_difference_has_a_reason_and_a_kind():
    for reason in KNOWN["reasons"]:
        assert reason["kind"] in known_differences.KINDS
        assert reason["title"] and reason["explanation"] and reason["cells"]


def test_the_docs_list_the_known_differences_cell_by_cell():
    text = known_differences.DOCS.read_text(encoding="utf-8")
    assert known_differences.docs_section(text) == known_differences.markdown(KNOWN), \
        "docs/statistics.md is out of date: python -m tilsyn.statistics.known_differences --write"
