"""A published edition keeps its tables; later corrections of cases change the live figures only."""
import pytest
from test_statistics_fixtures import make_supervision, row

from tilsyn.statistics.selectors import edition_diff, edition_table, table_compute, tables_compute
from tilsyn.statistics.services import edition_freeze
from tilsyn.supervision.models import SupervisionCase

pytestmark = pytest.mark.django_db
BM1, BM2 = "1 – Avslutning med veiledning", "2 – Oversendelse til virksomheten / helsepersonellet"


def test_a_frozen_edition_keeps_every_table_of_the_year():
    make_supervision("SFVL", method=1)

    edition = edition_freeze(year=2024, name="Årsrapport 2024")

    assert edition.name == "Årsrapport 2024"
    assert [table["id"] for table in edition.tables] == [table["id"] for table in tables_compute(year=2024)]
    assert row(edition_table(edition, "vedlegg-28"), "Vestland")[BM1] == 1


def test_a_corrected_case_changes_exactly_the_cells_it_is_counted_in():
    corrected = make_supervision("SFVL", method=1, received="2024-01-10", closed="2024-01-20")
    make_supervision("SFROG", method=1, received="2024-01-10", closed="2024-01-20")
    edition = edition_freeze(year=2024, name="Årsrapport 2024")

    SupervisionCase.objects.filter(case=corrected).update(handling_method=2)
    differences = edition_diff(edition, tables_compute(year=2024))

    assert row(edition_table(edition, "vedlegg-28"), "Vestland")[BM1] == 1  # the edition is unchanged
    assert row(table_compute(table_id="vedlegg-28", year=2024), "Vestland")[BM1] == 0
    assert [d for d in differences if d[0] == "vedlegg-28"] == [
        ("vedlegg-28", None, "Vestland", BM1, 1, 0),
        ("vedlegg-28", None, "Vestland", BM2, 0, 1),
        ("vedlegg-28", None, "Sum", BM1, 2, 1),
        ("vedlegg-28", None, "Sum", BM2, 0, 1),
    ]
    # The only other cells: tabell 3's results for handling methods 1 and 2, now from other cases.
    bm_rows = {"Tilsynssaker, helse- og omsorgstjenester – 1 Avslutning med veiledning",
               "Tilsynssaker, helse- og omsorgstjenester – 2 Oversendelse til virksomheten/helsepersonellet"}
    assert {(d[0], d[2]) for d in differences if d[0] != "vedlegg-28"} == {("tabell-03", label) for label in bm_rows}


def test_an_unchanged_database_gives_no_differences():
    make_supervision("SFVL", method=5)
    edition = edition_freeze(year=2024, name="Årsrapport 2024")

    assert edition_diff(edition, tables_compute(year=2024)) == []
