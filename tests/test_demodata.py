"""The demo data set: deterministic, valid exchange lines, and calibrated to the annual report 2024.

The published figures come from tilsyn/demodata/calibration.json (built from the transcribed report by
build_calibration.py). The calibration tests generate 2024 once at full volume, import it with the exchange
importer and count with plain ORM aggregates, as the statistics will.
"""
import json
from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, Q

from tilsyn.cases.models import Assessment, Case, Kind
from tilsyn.demodata import reference
from tilsyn.demodata.allocation import share
from tilsyn.demodata.generate import generate, parse_years, write
from tilsyn.exchange.importer import import_cases
from tilsyn.notifications.models import IncidentNotification

CAL = reference.calibration()
OFFICES = reference.county_governors()


def lines(**options) -> list[str]:
    return [case.line() for case in generate(**options)]


# -- generation ----------------------------------------------------------------------------------------------
def test_the_same_seed_gives_the_same_bytes():
    assert lines(seed=7, years=[2024], scale=0.03) == lines(seed=7, years=[2024], scale=0.03)


def test_lines_are_what_the_standard_librarys_json_writes():
    for case in generate(seed=5, years=[2024], scale=0.02):
        assert case.line() == json.dumps(case.as_dict(), ensure_ascii=False, separators=(",", ":"))


def test_another_seed_gives_other_cases():
    assert lines(seed=7, years=[2024], scale=0.03) != lines(seed=8, years=[2024], scale=0.03)


def test_generation_runs_for_years_without_published_figures():
    cases = generate(seed=1, years=[2019, 2020], scale=0.02)
    assert {c.received.year for c in cases} >= {2019, 2020}
    assert all(c.closed is None or c.closed <= date(2020, 12, 31) for c in cases)


def test_every_line_is_synthetic_and_closed_exactly_when_it_has_a_closing_date():
    for line in lines(seed=3, years=[2024], scale=0.02):
        obj = json.loads(line)
        assert obj["synthetic"] is True
        assert (obj["status"] == "closed") == ("closed" in obj)
        assert obj.get("closed", obj["received"]) >= obj["received"]


def test_years_are_read_as_ranges_and_lists():
    assert parse_years("2022-2024") == [2022, 2023, 2024]
    assert parse_years("2015,2020-2021") == [2015, 2020, 2021]


# -- three years, counted in memory -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def three_years():
    return generate(seed=5, years=[2022, 2023, 2024])


def test_social_complaints_per_office_match_vedlegg_19_for_every_year(three_years):
    decided = Counter(
        (c.closed.year, c.office) for c in three_years
        if c.kind == "rights_complaint" and c.block["complaint_type"] == "social" and c.closed
        and not c.block.get("rejected")
    )
    for year, by_office in CAL["social"]["complaints_by_office"].items():
        assert {o: decided[(int(year), o)] for o in OFFICES} == by_office


def test_notifications_received_and_routed_match_tabell_1_and_vedlegg_46_for_every_year(three_years):
    notifications = [c for c in three_years if c.kind == "incident_notification"]
    incidents = [c for c in notifications if not c.block.get("duplicate_of")]
    for year in (2022, 2023, 2024):
        assert sum(1 for c in notifications if c.received.year == year) == CAL["notifications"]["received"][str(year)]
        routed = Counter(c.block.get("routing", "in_progress") for c in incidents
                         if c.received.year == year and c.block.get("routing") != "own_follow_up")
        routed["own_follow_up"] = sum(1 for c in incidents if c.block.get("routing") == "own_follow_up"
                                      and c.closed and c.closed.year == year)
        assert {k: routed[k] for k in CAL["notifications"]["by_routing"][str(year)]} == \
            CAL["notifications"]["by_routing"][str(year)]


def test_coercion_series_match_vedlegg_35_for_every_year(three_years):
    for year in (2022, 2023, 2024):
        series = CAL["coercion"]["series"][str(year)]
        emergency = [c for c in three_years if c.kind == "coercion_ch9_emergency" and c.block["decided"].year == year]
        reviewed = [c for c in three_years if c.kind == "coercion_ch9_vedtak" and c.closed and c.closed.year == year]
        approved = [c for c in reviewed if c.block.get("approved")]
        persons = {c.parties[0]["national_id"] for c in approved if c.block["valid_to"] >= date(year, 12, 31)}
        assert len(emergency) == series["emergency"]
        assert len({c.parties[0]["national_id"] for c in emergency}) == series["emergency_persons"]
        assert (len(approved), len(reviewed) - len(approved), len(persons)) == \
            (series["approved"], series["not_approved"], series["persons_31_12"])


def test_helsetilsynet_reactions_per_origin_match_vedlegg_42(three_years):
    closed = [c for c in three_years if c.office == "HTIL" and c.kind == "supervision_case"
              and c.closed and c.closed.year == 2024]
    counted: dict[str, Counter] = {}
    for c in closed:
        origin = c.block.get("referred_by") or c.block.get("started_at")
        counted.setdefault(origin, Counter())["closed"] += 1
        for reaction in c.block.get("reactions", []):
            counted[origin][reaction["type"]] += 1
    columns = ["closed"] + CAL["htil_supervision"]["reaction_columns"]
    for origin, row in CAL["htil_supervision"]["closed_2024_by_origin"].items():
        assert [counted[origin][k] for k in columns] == row, origin


def test_backlogs_at_new_year_match_the_text(three_years):
    def open_on(kind_filter, day):
        return sum(1 for c in three_years
                   if kind_filter(c) and c.received <= day and (c.closed is None or c.closed > day))

    def health_supervision(c):
        return c.kind == "supervision_case" and c.sector == "health" and c.office != "HTIL"

    def health_complaint(c):
        return c.kind == "rights_complaint" and c.block["complaint_type"] == "health"

    for check, (start, end) in [(health_supervision, (1460, 1467)), (health_complaint, (3297, 3455))]:
        assert (open_on(check, date(2023, 12, 31)), open_on(check, date(2024, 12, 31))) == (start, end)


# -- imported: counted in the database ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    """2024 at full volume, imported once for the module and rolled back after it."""
    path = tmp_path_factory.mktemp("demodata") / "demo.jsonl"
    count = write(generate(seed=2024, years=[2024]), path)
    with django_db_blocker.unblock():
        with transaction.atomic():
            result = import_cases(path)
            yield count, result
            transaction.set_rollback(True)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_line_is_imported(imported):
    count, result = imported
    assert result.created == count


@pytest.mark.slow
@pytest.mark.django_db
def test_health_supervision_cases_closed_per_office_and_handling_method_match_vedlegg_28(imported):
    rows = (Case.objects.filter(kind=Kind.SUPERVISION_CASE, sector="health", office__kind="county_governor",
                                closed__year=2024)
            .values_list("office__code", "supervision__handling_method").annotate(n=Count("id")))
    counted = {(office, method): n for office, method, n in rows}
    for office, by_method in CAL["health_supervision"]["closed_2024_by_method"].items():
        assert [counted.get((office, m), 0) for m in range(1, 6)] == by_method


@pytest.mark.slow
@pytest.mark.django_db
def test_shares_within_the_deadline_and_offices_reaching_it_match_tabell_3(imported):
    limits = {1: 28, 2: 28, 3: 91, 4: 91, 5: 182}
    for method, target in CAL["health_supervision"]["within_targets_2024"].items():
        cases = Case.objects.filter(kind=Kind.SUPERVISION_CASE, sector="health", office__kind="county_governor",
                                    closed__year=2024, supervision__handling_method=int(method))
        within = Counter()
        total = Counter()
        for office, received, closed in cases.values_list("office__code", "received", "closed"):
            total[office] += 1
            within[office] += (closed - received).days <= limits[int(method)]
        assert share(sum(within.values()), sum(total.values())) == target["result_share"]
        if target.get("embeter_reached") is not None:
            reached = sum(1 for o in total if within[o] / total[o] >= 0.8)
            assert reached == target["embeter_reached"]


@pytest.mark.slow
@pytest.mark.django_db
def test_social_complaints_per_office_match_vedlegg_19(imported):
    rows = (Case.objects.filter(kind=Kind.RIGHTS_COMPLAINT, complaint__complaint_type="social",
                                complaint__rejected=False, closed__year=2024)
            .values_list("office__code").annotate(n=Count("id")))
    assert dict(rows) == CAL["social"]["complaints_by_office"]["2024"]


@pytest.mark.slow
@pytest.mark.django_db
def test_emergency_decisions_and_their_persons_per_office_match_vedlegg_32(imported):
    rows = (Case.objects.filter(kind=Kind.COERCION_CH9_EMERGENCY, ch9_emergency__decided__year=2024)
            .values_list("office__code")
            .annotate(n=Count("id", distinct=True), persons=Count("parties__national_id", distinct=True)))
    assert {office: [n, persons] for office, n, persons in rows} == CAL["coercion"]["emergency_2024_by_office"]


@pytest.mark.slow
@pytest.mark.django_db
def test_notification_routing_matches_vedlegg_46(imported):
    incidents = IncidentNotification.objects.filter(duplicate_of__isnull=True)
    received = incidents.filter(case__received__year=2024)
    counted = dict(received.exclude(routing="own_follow_up").values_list("routing").annotate(n=Count("case")))
    counted["own_follow_up"] = incidents.filter(routing="own_follow_up", case__closed__year=2024).count()
    counted["in_progress"] = counted.pop("", 0)
    assert counted == CAL["notifications"]["by_routing"]["2024"]
    all_received = IncidentNotification.objects.filter(case__received__year=2024).count()
    assert all_received == CAL["notifications"]["received"]["2024"]


@pytest.mark.slow
@pytest.mark.django_db
def test_health_complaint_assessments_per_provision_match_vedlegg_31(imported):
    rows = (Assessment.objects.filter(case__kind=Kind.RIGHTS_COMPLAINT, case__complaint__complaint_type="health",
                                      case__complaint__rejected=False, case__closed__year=2024)
            .values_list("provision__code")
            .annotate(n=Count("id"), success=Count("id", filter=Q(outcome__in=["changed", "quashed"]))))
    counted = {code: (n, success) for code, n, success in rows}
    for code, (_, _, assessed, success) in CAL["health_complaints"]["assessments"].items():
        assert counted.get(code, (0, 0)) == (assessed, success), code


@pytest.mark.slow
@pytest.mark.django_db
def test_health_complaint_outcome_shares_per_office_match_vedlegg_30(imported):
    rows = (Assessment.objects.filter(case__kind=Kind.RIGHTS_COMPLAINT, case__complaint__complaint_type="health",
                                      case__complaint__rejected=False, case__closed__year=2024)
            .values_list("case__office__code", "outcome").annotate(n=Count("id")))
    by_office: dict[str, Counter] = {}
    for office, outcome, n in rows:
        by_office.setdefault(office, Counter())[outcome] = n
    for office, (assessed, upheld, changed, quashed) in CAL["health_complaints"]["outcomes_2024"].items():
        counts = by_office[office]
        total = sum(counts.values())
        assert total == assessed
        assert [share(counts[o], total) for o in ("upheld", "changed", "quashed")] == [upheld, changed, quashed]
