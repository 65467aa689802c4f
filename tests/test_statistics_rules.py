"""The cell rules of the statistics engine, each proven on a few hand-built cases."""
import datetime

import pytest
from test_statistics_fixtures import add_reaction, make_case, make_complaint, make_supervision, row

from tilsyn.notifications.models import IncidentNotification
from tilsyn.reference.models import Term
from tilsyn.statistics.engine import rounded
from tilsyn.statistics.formatting import format_number
from tilsyn.statistics.selectors import table_compute

pytestmark = pytest.mark.django_db
V28_BM1 = "1 – Avslutning med veiledning"
V28_BM2 = "2 – Oversendelse til virksomheten / helsepersonellet"
V28_BM5 = "5 – Statsforvalteren utreder og avgjør"
TRAVEL = "hc-pbrl-2-6-rett-dekning-pasientreise"
NURSING_HOME = "hc-pbrl-2-1a-plass-sykehjem"


def v28(**parameters):
    return table_compute(table_id="vedlegg-28", year=2024, **parameters)


def test_it_counts_closed_cases_per_office_and_handling_method():
    make_supervision("SFVL", method=1)
    make_supervision("SFVL", method=1)
    make_supervision("SFVL", method=5)
    make_supervision("SFROG", method=2)
    make_supervision("SFVL", method=1, received="2023-03-01", closed="2023-04-01")  # another year
    make_supervision("SFVL", method=1, closed=None)  # still open
    make_supervision("HTIL", method=None)  # Helsetilsynet's own cases are not the county governors'

    table = v28()

    assert row(table, "Vestland")[V28_BM1] == 2
    assert row(table, "Vestland")[V28_BM5] == 1
    assert row(table, "Vestland")["I alt"] == 3
    assert row(table, "Rogaland")[V28_BM2] == 1
    assert row(table, "Agder")["I alt"] == 0
    assert row(table, "Sum") == {V28_BM1: 2, V28_BM2: 1, "3 – Virksomheten følger opp og rapporterer": 0,
                                 "4 – Møte med virksomhet og pasient / bruker": 0, V28_BM5: 1, "I alt": 4}


def test_each_year_of_a_multi_year_table_is_counted_from_the_cases():
    make_complaint("SFVL", received="2022-01-05", closed="2022-02-01")
    make_complaint("SFVL", received="2022-12-20", closed="2023-01-10")
    make_complaint("SFVL", received="2024-01-05", closed="2024-02-01")
    make_complaint("SFVL", received="2024-01-05", closed="2024-02-01", rejected=True)  # not on its merits

    table = table_compute(table_id="tabell-11", year=2024)

    assert row(table, "Vestland") == {"Antall saker 2022": 1, "Antall saker 2023": 1, "Antall saker 2024": 1}
    assert row(table, "Nasjonalt restanseprosjekt, 2021-2022") == {
        "Antall saker 2022": None, "Antall saker 2023": None, "Antall saker 2024": None}


def test_outcome_shares_are_per_assessment_not_per_complaint():
    make_complaint("SFVL", outcomes=[(NURSING_HOME, "upheld"), (NURSING_HOME, "upheld"), (TRAVEL, "changed")])
    make_complaint("SFVL", outcomes=[(TRAVEL, "quashed")])
    make_complaint("SFVL", outcomes=[(TRAVEL, "changed")], rejected=True)

    table = table_compute(table_id="vedlegg-30", year=2024)

    assert row(table, "Vestland") == {"Antall vurderinger": 4, "Andel stadfestet": 50, "Andel endret": 25,
                                      "Andel opphevet": 25}
    assert row(table, "Rogaland")["Andel endret"] is None  # no assessments: no share, not 0 %


def test_provision_rows_count_assessments_and_the_cases_they_are_in():
    make_complaint("SFVL", outcomes=[(NURSING_HOME, "changed"), (TRAVEL, "upheld")])
    make_complaint("SFROG", outcomes=[(TRAVEL, "upheld")])

    table = table_compute(table_id="vedlegg-31", year=2024)

    section = "Pasient- og brukerrettighetsloven (pbrl.) § 2-1a. Rett til nødvendig hjelp fra kommunen"
    assert row(table, "- plass i sykehjem", section)["Antall vurderinger 2024"] == 1
    assert row(table, "- plass i sykehjem", section)["Herav helt/delvis medhold for klager 2024"] == 1
    assert row(table, "Pbrl. § 2-6. Rett til dekning av pasientreise")["Antall vurderinger 2024"] == 2
    assert row(table, "Sum vurderingsgrunnlag")["Antall vurderinger 2024"] == 3
    assert row(table, "Antall saker vurderingene er fordelt på")["Antall vurderinger 2024"] == 2


def social_complaint(office, days):
    received = datetime.date(2024, 2, 1)
    closed = received + datetime.timedelta(days=days)
    return make_complaint(office, complaint_type="social", sector="social", received=str(received),
                          closed=str(closed))


def test_within_three_months_means_at_most_91_days_from_received_to_closed():
    for days in [10] * 8 + [91, 92]:
        social_complaint("SFVL", days)

    assert row(table_compute(table_id="vedlegg-21", year=2024), "Vestland") == {
        "Realitetsbehandlet": 10, "Realitetsbehandlet innen 3 md.": 90}


def test_tabell_3_counts_the_offices_that_reached_the_target():
    for days in [10] * 9 + [120]:
        social_complaint("SFVL", days)  # 90 %: reached
    social_complaint("SFAGD", 30)  # 100 %: reached
    social_complaint("SFROG", 30)
    social_complaint("SFROG", 100)  # 50 %

    targets = table_compute(table_id="tabell-03", year=2024)

    assert row(targets, "Klagesaker, sosiale tjenester") == {
        "target_share": 90, "target_within_months": 3, "result_share": 85, "embeter_reached": 2,
        "embeter_total": 10}


def test_medians_are_in_months_of_30_4375_days_with_one_decimal():
    for days in (30, 61, 100, 200):  # median 80.5 days = 2.64 months
        make_supervision("HTIL", method=None, received="2024-01-02",
                         closed=str(datetime.date(2024, 1, 2) + datetime.timedelta(days=days)))
    make_supervision("HTIL", method=None, received="2024-03-01", closed=None)

    targets = table_compute(table_id="tabell-03", year=2024)

    assert row(targets, "Tilsynssaker")["result_median_months"] == 2.6
    assert row(targets, "Tilsynssaker")["result_new_cases"] == 5
    assert row(targets, "Tilsynssaker")["target_reached"] == 1


def notification(received, closed=None, *, routing="own_follow_up", routing_date=None):
    case = make_case("incident_notification", "HTIL", received=received, closed=closed)
    IncidentNotification.objects.create(
        case=case, routing=routing, routing_date=datetime.date.fromisoformat(routing_date or received),
        notifier_type=Term.objects.get(vocabulary="notifier_type", code="enterprise"),
        service_type=Term.objects.get(vocabulary="incident_service_type", code="somatic"))
    return case


def test_figures_as_of_a_date_leave_out_what_happened_after_it():
    notification("2024-02-01", "2024-05-01")
    notification("2024-03-01", "2024-11-15")  # closed after the as-of date: still open then
    notification("2024-10-20")

    as_of_autumn = table_compute(table_id="vedlegg-47", year=2024, as_of=datetime.date(2024, 10, 31))
    year_end = table_compute(table_id="vedlegg-47", year=2024)

    assert row(as_of_autumn, "Median saksbehandlingstid (måneder)")["2024"] == 3.0  # 90 days
    assert row(as_of_autumn, "Antall restanser ved årets slutt")["2024"] == 2
    assert row(year_end, "Antall restanser ved årets slutt")["2024"] == 1
    assert row(year_end, "Median saksbehandlingstid (måneder)")["2024"] == 5.7  # (90 + 259) / 2 days


def test_a_case_received_after_the_as_of_date_does_not_exist_yet():
    make_supervision("SFVL", method=1, received="2024-06-10", closed="2024-06-20")

    assert row(v28(as_of=datetime.date(2024, 6, 1)), "Vestland")["I alt"] == 0
    assert row(v28(as_of=datetime.date(2024, 6, 30)), "Vestland")["I alt"] == 1


def test_one_office_gets_its_own_row_and_its_own_figures():
    make_supervision("SFVL", method=1)
    make_supervision("SFROG", method=1)

    table = v28(office="SFVL")

    assert [printed["label"] for printed in table["rows"]] == ["Vestland", "Sum"]
    assert row(table, "Sum")["I alt"] == 1


def test_reactions_are_grouped_by_where_the_case_started():
    from_vestland = make_supervision("HTIL", method=None, referred_by="SFVL")
    add_reaction(from_vestland, "revocation", reasons=["substance_use", "drug_theft"])
    own = make_supervision("HTIL", method=None, started_at="helsetilsynet")
    add_reaction(own, "limitation", profession="nurse")

    by_start = table_compute(table_id="vedlegg-42", year=2024)
    reasons = table_compute(table_id="tabell-13", year=2024)

    assert row(by_start, "Vestland")["Helsepersonell | Tilbakekall av autorisasjon/ lisens"] == 1
    assert row(by_start, "Statens helsetilsyn")["Helsepersonell | Begrensning av autorisasjon/ lisens"] == 1
    assert row(by_start, "SUM")["Antall avsluttede saker"] == 2
    assert row(by_start, "SUM")["SUM"] == 2
    assert row(reasons, "Sum årsaker")["2024"] == 2
    assert row(reasons, "Antall tilbakekalte autorisasjoner")["2024"] == 1


def test_shares_round_half_up_as_the_report_does():
    assert rounded(12.5) == 13
    assert rounded(2.25, 1) == 2.3


def test_numbers_are_written_the_norwegian_way():
    assert format_number(1234) == "1\u00a0234"
    assert format_number(5.1, "måneder") == "5,1"
    assert format_number(5, "måneder") == "5,0"
    assert format_number(56, "prosent") == "56\u00a0%"
    assert format_number(None) == ""
