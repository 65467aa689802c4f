"""The steering panel: figures from the statistics engine's definitions, refreshed into daily aggregates, and the
cases behind each figure for those who may see them. Small hand-built cases; the demo-data reproduction of tabell
3 and the published backlogs is in test_steering_reproduction.py."""
import datetime
import io

import pytest
from conftest import OFFICE_A, OFFICE_B, VerifiedClient, make_user
from django.core.management import call_command
from openpyxl import load_workbook
from test_statistics_fixtures import make_complaint, make_supervision

from tilsyn.accounts.models import Role
from tilsyn.cases.models import Case, Status
from tilsyn.reference.models import Office
from tilsyn.statistics.backlogs import ALL_CASES, days_before
from tilsyn.statistics.engine import MONTHS, PERCENT
from tilsyn.statistics.selectors import table_compute
from tilsyn.steering.models import Figure, Refresh
from tilsyn.steering.selectors import DrillDown, backlog_on, cases_due_soon, cases_paused, drill_down, target_rows
from tilsyn.steering.services import figures_refresh
from tilsyn.steering.templatetags.steering import figure

pytestmark = pytest.mark.django_db
NEW_YEAR_2025 = datetime.date(2025, 1, 15)
SOCIAL = "sf-social-complaint-2024"


def social_complaint(office, received, days):
    received = datetime.date.fromisoformat(received)
    return make_complaint(office, complaint_type="social", sector="social", received=str(received),
                          closed=str(received + datetime.timedelta(days=days)) if days is not None else None)


@pytest.fixture
def complaints():
    """Vestland 90 % within three months (reached), Agder 100 %, Rogaland 50 %: the country 85 %, 2 of 10."""
    for days in [10] * 9 + [120]:
        social_complaint(OFFICE_A, "2024-02-01", days)
    social_complaint("SFAGD", "2024-02-01", 30)
    social_complaint(OFFICE_B, "2024-02-01", 30)
    social_complaint(OFFICE_B, "2024-08-01", 100)
    social_complaint(OFFICE_A, "2023-03-01", 100)  # last year: not within
    social_complaint(OFFICE_A, "2024-11-20", None)  # open at the end of the year


def stored(key, day, office=None, kind=Figure.Kind.ATTAINMENT, year=2024):
    office = Office.objects.get(code=office) if office else None
    return Figure.objects.get(year=year, kind=kind, key=key, day=day, office=office)


def test_the_years_figures_are_tabell_3s(complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    published = next(row["values"] for row in table_compute(table_id="tabell-03", year=2024)["rows"]
                     if row["label"] == "Klagesaker, sosiale tjenester")
    country = stored(SOCIAL, datetime.date(2024, 12, 31))
    assert (country.value, country.goal, country.reached, country.offices_reached) == (
        published["result_share"], 90, False, published["embeter_reached"]) == (85, 90, False, 2)
    assert (stored(SOCIAL, datetime.date(2024, 12, 31), OFFICE_A).value,
            stored(SOCIAL, datetime.date(2024, 12, 31), OFFICE_A).reached) == (90, True)
    assert stored(SOCIAL, datetime.date(2024, 12, 31), OFFICE_B).reached is False


def test_the_result_at_a_months_end_is_tabell_3_as_of_that_day(complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    as_of = table_compute(table_id="tabell-03", year=2024, as_of=datetime.date(2024, 6, 30))
    published = next(row["values"] for row in as_of["rows"] if row["label"] == "Klagesaker, sosiale tjenester")
    assert stored(SOCIAL, datetime.date(2024, 6, 30)).value == published["result_share"] == 92  # 11 of 12
    assert stored(SOCIAL, datetime.date(2024, 1, 31)).value is None  # nothing closed yet


def test_last_year_is_measured_against_this_years_targets(complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    row = next(row for row in target_rows(2024) if row.target.code == SOCIAL)
    assert row.last_year[11] == 0 and row.last_year[:5] == [None] * 5  # one case, closed in June, not within
    assert row.this_year[11] == 85


def test_this_year_runs_to_the_day_of_the_refresh(complaints):
    figures_refresh(years=[2024], today=datetime.date(2024, 7, 10))

    days = sorted({f.day for f in Figure.objects.filter(kind=Figure.Kind.ATTAINMENT, key=SOCIAL,
                                                        day__year=2024)})
    assert days[-2:] == [datetime.date(2024, 6, 30), datetime.date(2024, 7, 10)]


def test_the_backlog_on_a_day_counts_cases_received_by_then_and_not_closed_by_its_end(complaints):
    social_complaint(OFFICE_A, "2024-06-30", 1)  # closed 1 July: open at the end of 30 June

    rows = {row["code"]: row for row in backlog_on(datetime.date(2024, 6, 30))}

    vestland = dict((o.code, n) for o, n in rows["sf-social-complaint"]["offices"])[OFFICE_A]
    assert vestland == 1
    assert rows["sf-social-complaint"]["country"] == 1
    assert rows["htil-supervision"]["offices"] == []


def test_the_backlog_at_the_years_end_is_the_start_plus_new_less_closed(complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    start = stored("sf-social-complaint", datetime.date(2023, 12, 31), kind=Figure.Kind.BACKLOG).value
    end = stored("sf-social-complaint", datetime.date(2024, 12, 31), kind=Figure.Kind.BACKLOG).value
    weeks = Figure.objects.filter(year=2024, key="sf-social-complaint", office=None, day__year=2024)
    inflow = sum(f.value for f in weeks.filter(kind=Figure.Kind.INFLOW))
    closures = sum(f.value for f in weeks.filter(kind=Figure.Kind.CLOSURES))
    assert (start, inflow, closures, end) == (0, 14, 13, 1)
    assert start + inflow - closures == end


def test_a_refresh_replaces_the_years_figures_and_is_recorded(complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)
    first = Figure.objects.count()
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    assert Figure.objects.count() == first
    assert Refresh.objects.count() == 2
    assert Refresh.objects.first().years == [2024]


def test_the_command_refreshes_and_says_so(complaints):
    out = io.StringIO()
    call_command("oppdater-styringsdata", years=[2024], as_of=NEW_YEAR_2025, stdout=out)

    assert "Styringsdata for 2024 oppdatert til og med 15.01.2025" in out.getvalue()
    assert Figure.objects.filter(year=2024).exists()


def test_without_a_year_it_refreshes_the_latest_year_with_closed_cases(complaints):
    refresh = figures_refresh(today=datetime.date(2026, 11, 23))

    assert refresh.years == [2024]


# -- the cases behind a figure ------------------------------------------------------------------------------


def test_an_office_manager_sees_only_their_offices_cases_behind_a_national_figure(complaints):
    manager = make_user(Role.MANAGER, OFFICE_A)

    result = drill_down(manager, DrillDown(kind="attainment", key=SOCIAL, day=datetime.date(2024, 12, 31)))

    assert result.behind == 13
    assert {case.office.code for case in result.cases} == {OFFICE_A}
    assert result.cases.count() == 10


def test_a_share_marks_the_cases_that_count_towards_it(complaints):
    manager = make_user(Role.MANAGER, OFFICE_A)
    office = Office.objects.get(code=OFFICE_A)

    result = drill_down(manager, DrillDown(kind="attainment", key=SOCIAL, day=datetime.date(2024, 12, 31),
                                           office=office))

    assert sorted(case.marked for case in result.cases) == [False] + [True] * 9


def test_helsetilsynet_drills_into_its_own_cases_but_not_the_county_governors(complaints, national):
    make_supervision("HTIL", method=None, received="2024-01-02", closed="2024-03-01")

    own = drill_down(national, DrillDown(kind="attainment", key="htil-supervision-median-2024",
                                         day=datetime.date(2024, 12, 31)))
    county = drill_down(national, DrillDown(kind="backlog", key="sf-social-complaint",
                                            day=datetime.date(2024, 12, 31)))

    assert (own.behind, own.cases.count()) == (1, 1)
    assert (county.behind, county.cases.count()) == (1, 0)


def test_an_age_band_lists_the_open_cases_of_that_age(complaints):
    manager = make_user(Role.MANAGER, OFFICE_A)
    office = Office.objects.get(code=OFFICE_A)

    young = drill_down(manager, DrillDown(kind="backlog", key="sf-social-complaint", office=office,
                                          day=datetime.date(2024, 12, 31), band=1))  # 1–3 months
    old = drill_down(manager, DrillDown(kind="backlog", key="sf-social-complaint", office=office,
                                        day=datetime.date(2024, 12, 31), band=4))

    assert (young.behind, old.behind) == (1, 0)


def test_a_weeks_new_cases_are_those_received_that_week(complaints):
    manager = make_user(Role.MANAGER, OFFICE_A)

    result = drill_down(manager, DrillDown(kind="inflow", key="sf-social-complaint",
                                           day=datetime.date(2024, 1, 29)))  # the week of 1 February

    assert result.behind == 12


# -- pages --------------------------------------------------------------------------------------------------


@pytest.fixture
def manager(client):
    user = make_user(Role.MANAGER, OFFICE_A)
    client.force_login(user)
    return client


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    assert client.get("/styring/")["Location"].startswith("/logg-inn/")


def test_the_national_view_shows_each_target_against_every_office(manager, complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    page = manager.get("/styring/").content.decode()

    assert "Klagesaker, sosiale tjenester" in page
    assert "85\u00a0%" in page and "2 av 10" in page
    assert "Tallene ble sist oppdatert" in page
    assert 'href="/styring/saker/?figur=attainment&amp;nokkel=sf-social-complaint-2024&amp;dag=2024-12-31' in page
    assert "vendor/chart.umd.min.js" in page


def test_before_the_first_refresh_the_panel_says_how_to_make_its_figures(manager):
    assert "tilsyn oppdater-styringsdata" in manager.get("/styring/").content.decode()


def test_the_office_view_shows_the_offices_figures_and_its_cases_near_their_deadline(manager, complaints):
    due = social_complaint(OFFICE_A, "2024-12-01", None)
    due.deadline = datetime.date(2025, 1, 5)
    due.save()
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    page = manager.get(f"/styring/embete/{OFFICE_A}/").content.decode()

    assert "90\u00a0%" in page
    assert "Åpne saker etter alder" in page
    assert f'/saker/{due.pk}/' in page


def test_a_case_waiting_for_documentation_is_not_due_soon_but_counted_beside_the_list(manager, complaints):
    """Its clock is paused: the deadline moves by the days paused when the documentation comes, so it is not
    about to be missed. Paused after the day, it was running on the day, and is due soon then."""
    due, paused, paused_later = (social_complaint(OFFICE_A, "2024-12-01", None) for _ in range(3))
    Case.objects.filter(pk__in=[due.pk, paused.pk, paused_later.pk]).update(deadline=datetime.date(2025, 1, 5))
    Case.objects.filter(pk=paused.pk).update(status=Status.AWAITING_DOCUMENTATION,
                                             paused_since=datetime.date(2024, 12, 20))
    Case.objects.filter(pk=paused_later.pk).update(status=Status.AWAITING_DOCUMENTATION,
                                                   paused_since=datetime.date(2025, 1, 2))
    user = make_user(Role.MANAGER, OFFICE_A, "leder-a")
    end = datetime.date(2024, 12, 31)

    assert {c.pk for c in cases_due_soon(user, Office.objects.get(code=OFFICE_A), end)} == {due.pk, paused_later.pk}
    assert list(cases_paused(user, Office.objects.get(code=OFFICE_A), end)) == [paused]

    figures_refresh(years=[2024], today=NEW_YEAR_2025)
    page = manager.get(f"/styring/embete/{OFFICE_A}/").content.decode()
    due_list = page.split("Saker som når fristen innen 14 dager")[1].split("De eldste åpne sakene")[0]
    assert f"/saker/{due.pk}/" in due_list and f"/saker/{paused.pk}/" not in due_list
    assert "1 sak venter på dokumentasjon og er ikke med" in due_list
    assert 'href="/saker/?status=awaiting_documentation"' in due_list

    client_b = VerifiedClient()
    client_b.force_login(make_user(Role.MANAGER, OFFICE_B, "leder-b"))
    other = client_b.get(f"/styring/embete/{OFFICE_A}/").content.decode()
    assert "0 saker venter på dokumentasjon" in other and "status=awaiting_documentation" not in other


def test_the_office_view_before_any_case_or_refresh_is_a_page(manager):
    """It once took the year 1 as its last day and fell over counting age bands a year before it."""
    assert manager.get(f"/styring/embete/{OFFICE_A}/").status_code == 200
    assert manager.get(f"/styring/embete/{OFFICE_A}/", {"ar": "1"}).status_code == 200


@pytest.mark.parametrize("figure", [{"figur": "backlog", "nokkel": "all", "dag": "0001-01-02", "aldersgruppe": "3"},
                                    {"figur": "inflow", "nokkel": "all", "dag": "9999-12-31"}])
def test_a_drill_down_to_a_day_at_the_calendars_edge_is_not_found(manager, figure):
    assert manager.get("/styring/saker/", figure).status_code == 404


def test_an_age_band_near_the_calendars_start_counts_from_its_first_day():
    assert days_before(datetime.date(1, 2, 1), 365) == datetime.date.min
    assert "datetime.date(1, 1, 1)" in str(ALL_CASES.aged(datetime.date(1, 2, 1), 3).where)


def test_the_drill_down_page_lists_only_visible_cases(manager, complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    page = manager.get("/styring/saker/", {"figur": "attainment", "nokkel": SOCIAL, "dag": "2024-12-31"})

    assert page.status_code == 200
    assert "13 saker ligger bak tallet; du har tilgang til 10." in page.content.decode()


def test_an_unknown_figure_is_not_found(manager):
    assert manager.get("/styring/saker/", {"figur": "attainment", "nokkel": "nope", "dag": "2024-12-31"}
                       ).status_code == 404


def test_the_backlog_on_any_date_is_a_page(manager, complaints):
    page = manager.get("/styring/restanser/", {"dato": "2024-06-30"}).content.decode()

    assert "Restanser per 30.6.2024" in page


def test_the_panel_downloads_as_csv_and_excel(manager, complaints):
    figures_refresh(years=[2024], today=NEW_YEAR_2025)

    csv = manager.get("/styring/", {"format": "csv"})
    xlsx = manager.get("/styring/", {"format": "xlsx"})

    assert csv["Content-Disposition"] == 'attachment; filename="styring-2024.csv"'
    assert ',"Klagesaker, sosiale tjenester",90,85,2,' in csv.content.decode()
    sheets = load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert sheets == ["styring-mal-2024", "styring-utvikling-2024", "styring-restanser-2024"]


def test_figures_are_written_the_norwegian_way():
    assert figure(1234) == "1\u00a0234"
    assert figure(5.1, MONTHS) == "5,1\u00a0md."
    assert figure(56, PERCENT) == "56\u00a0%"
    assert figure(None) == "–"
