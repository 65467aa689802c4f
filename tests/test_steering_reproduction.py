"""The steering panel on the demo data: its 2024 figures are tabell 3's (shares, medians, points and «N of 10
offices»), as the statistics engine computes it and as the report publishes it, and its backlogs at 1 January
and 31 December are the published ones.

The demo data for 2022–2024 (seed 2024) is generated and imported once for the module, in a transaction rolled
back after it, and the panel's figures refreshed from it: some 280 000 cases, a couple of minutes, hence `slow`.
"""
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from tilsyn.reference.models import Office
from tilsyn.statistics import known_differences
from tilsyn.statistics.selectors import table_compute
from tilsyn.steering.models import Figure
from tilsyn.steering.selectors import steering_targets
from tilsyn.steering.services import figures_refresh

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "arsrapport-2024"
YEAR, START, END = 2024, datetime.date(2023, 12, 31), datetime.date(2024, 12, 31)
# Tabell 3's result figure of each kind of target, and the panel's name for «how many offices reached it».
RESULTS = ("result_share", "result_points", "result_median_months", "result_share_of_residents_talked_to")

needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"the published tables are not at {REFERENCE}")
pytestmark = [pytest.mark.slow, pytest.mark.django_db, needs_reference]


@pytest.fixture(scope="module")
def panel(django_db_setup, django_db_blocker):
    """{(kind, key, day, office code or None): Figure} of the 2024 panel, and tabell 3 computed by the engine."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("demodata", years="2022-2024", seed=2024, stdout=io.StringIO())
            figures_refresh(years=[YEAR], today=datetime.date(2025, 1, 15))
            figures = {(f.kind, f.key, f.day, f.office.code if f.office else None): f
                       for f in Figure.objects.filter(year=YEAR).select_related("office")}
            targets = {target.label: target.code for target in steering_targets(YEAR)}
            computed = table_compute(table_id="tabell-03", year=YEAR)
            transaction.set_rollback(True)
    return figures, targets, computed


def published(table_id: str) -> dict:
    return json.loads((REFERENCE / f"{table_id}.json").read_text(encoding="utf-8"))


def panel_values(figures, code) -> dict:
    """The panel's figure for a target at the year's end, named as tabell 3 names it."""
    country = figures[(Figure.Kind.ATTAINMENT, code, END, None)]
    return {"result": country.value, "embeter_reached": country.offices_reached}


def tabell_3_values(values: dict) -> dict:
    found = {"result": next((values[key] for key in RESULTS if key in values), None)}
    if "embeter_reached" in values:
        found["embeter_reached"] = values["embeter_reached"]
    return found


def test_every_target_is_on_the_panel_with_tabell_3s_figures_as_the_engine_computes_them(panel):
    figures, targets, computed = panel
    for row in computed["rows"]:
        expected = tabell_3_values(row["values"])
        got = panel_values(figures, targets[row["label"]])
        assert {key: got[key] for key in expected} == expected, row["label"]


def test_the_panels_figures_are_the_published_tabell_3_but_for_the_known_differences(panel):
    figures, targets, _computed = panel
    known = {(cell["label"], cell["column"]) for reason in known_differences.load()["reasons"]
             for cell in reason["cells"] if cell["table"] == "tabell-03"}
    compared = 0
    for row in published("tabell-03")["rows"]:
        got = panel_values(figures, targets[row["label"]])
        for column, value in row["values"].items():
            name = "result" if column in RESULTS else column
            if name not in got or (row["label"], column) in known:
                continue
            assert got[name] == value, (row["label"], column)
            compared += 1
    assert compared == 29  # 18 results and 13 «N of 10», less the two known differences


def test_each_offices_attainment_is_counted_into_n_of_10(panel):
    figures, targets, _computed = panel
    code = targets["Klagesaker helse- og omsorgstjenester"]
    offices = Office.objects.filter(kind=Office.Kind.COUNTY_GOVERNOR).values_list("code", flat=True)
    reached = [figures[(Figure.Kind.ATTAINMENT, code, END, office)].reached for office in offices]
    assert sum(reached) == figures[(Figure.Kind.ATTAINMENT, code, END, None)].offices_reached == 2


def text_figure(statement: str) -> int:
    """A figure the report states in its text (figures-in-text.json), found by its statement."""
    found = [f["value"] for f in published("figures-in-text") if f["statement"] == statement]
    assert len(found) == 1, statement
    return found[0]


def own_follow_up_backlog(year: int) -> int:
    row = next(row for row in published("vedlegg-47")["rows"] if row["label"] == "Antall restanser ved årets slutt")
    return row["values"][str(year)]


def test_the_backlogs_at_1_january_and_31_december_are_the_published_ones(panel):
    figures, _targets, _computed = panel
    published_backlogs = {
        ("sf-health-supervision", None): (text_figure("Ved inngangen av 2024 var det registrert 1 460 restanser"),
                                          text_figure("ved utgangen av året var 1 467 restanser")),
        ("sf-health-complaint", None): (text_figure("Ved inngangen til 2024 var det 3 297 saker i restanse"),
                                        text_figure("mot 3 455 ved utgangen av året")),
        # The text states the offices' start in the same sentence as their end; figures-in-text lists the end.
        ("sf-health-complaint", "SFOBOA"): (1619, text_figure(
            "1619 saker ved inngangen til 2024 til 2301 restanser ved utgangen av 2024")),
        ("sf-health-complaint", "SFVL"): (867, text_figure(
            "Statsforvalteren i Vestland har hatt en nedgang fra 867 til 198 restanser")),
        ("sf-social-complaint", None): (text_figure("mot 524 ved utgangen av 2023"),
                                        text_figure("(restanser) var 668 mot 524 ved utgangen av 2023")),
        ("sf-coercion-ch9-review", None): (text_figure("mot 463 i 2023"),
                                           text_figure("Restansene ved utgangen av 2024 var 476")),
        ("htil-supervision", None): (text_figure("mot 118 på samme tid i 2023"), text_figure(
            "Per 31. desember 2024 var 114 tilsynssaker til behandling i Helsetilsynet")),
        ("htil-incident-follow-up", None): (own_follow_up_backlog(2023), own_follow_up_backlog(2024)),
    }
    for (series, office), (start, end) in published_backlogs.items():
        got = tuple(figures[(Figure.Kind.BACKLOG, series, day, office)].value for day in (START, END))
        assert got == (start, end), (series, office)
