"""`tilsyn statistikk`: the tables as JSON, CSV or Excel from the command line, and editions."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from test_statistics_fixtures import row

from tilsyn.statistics.models import Edition

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "cases.jsonl"


def statistikk(*args) -> str:
    out = io.StringIO()
    call_command("statistikk", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def example_cases():
    from tilsyn.exchange.importer import import_cases

    import_cases(str(EXAMPLES))


def test_it_computes_every_table_from_the_example_cases(example_cases):
    tables = {table["id"]: table for table in json.loads(statistikk("--year", "2024", "--format", "json"))}

    assert len(tables) == 60
    closed_at_htil = "Tilsynssaker med helsepersonell/virksomhet avsluttet av Statens helsetilsyn"
    assert row(tables["tabell-01"], closed_at_htil, "Statens helsetilsyn")["2024"] == 2
    assert row(tables["tabell-13"], "Rusmiddelbruk")["2024"] == 1
    assert row(tables["tabell-13"], "Sum årsaker")["2024"] == 2
    assert row(tables["vedlegg-42"], "Vestland")["Helsepersonell | Tilbakekall av autorisasjon/ lisens"] == 1
    assert row(tables["vedlegg-44"], "Sum")["Frivillig avkall på autorisasjon / rekvireringsrett"] == 0
    # The repeated notification is left out; the own follow-up counts in the year it is completed (still open).
    assert row(tables["vedlegg-46"], "Totalsum")["Antall varsler mottatt | 2024"] == 1


def test_one_table_for_one_office_is_one_json_object():
    table = json.loads(statistikk("--year", "2024", "--office", "SFVL", "--table", "vedlegg-28"))

    assert table["id"] == "vedlegg-28"
    assert [r["label"] for r in table["rows"]] == ["Vestland", "Sum"]


def test_csv_has_one_section_per_table():
    text = statistikk("--year", "2024", "--table", "tabell-06", "--table", "tabell-07", "--format", "csv")

    sections = text.strip().split("\n\n")
    assert [section.split(",")[0] for section in sections] == ["tabell-06", "tabell-07"]


def test_xlsx_needs_a_file(tmp_path):
    with pytest.raises(CommandError):
        statistikk("--year", "2024", "--format", "xlsx")
    statistikk("--year", "2024", "--format", "xlsx", "--output", str(tmp_path / "t.xlsx"))

    assert (tmp_path / "t.xlsx").stat().st_size > 0


def test_an_unknown_table_or_office_is_an_error():
    with pytest.raises(CommandError):
        statistikk("--year", "2024", "--table", "tabell-99")
    with pytest.raises(CommandError):
        statistikk("--year", "2024", "--office", "SFXX")


def test_freeze_keeps_the_year_as_an_edition():
    statistikk("--year", "2024", "--as-of", "2024-12-31", "--freeze", "Årsrapport 2024")

    edition = Edition.objects.get()
    assert (edition.year, edition.name, str(edition.as_of)) == (2024, "Årsrapport 2024", "2024-12-31")
    assert len(edition.tables) == 60


REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "arsrapport-2024"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the published tables (../shared/reference) are not here")
def test_it_compares_the_tables_with_the_published_ones_cell_by_cell():
    text = statistikk("--year", "2024", "--table", "vedlegg-28", "--compare", str(REFERENCE), "--verbosity", "2")

    # No cases: only the two cells printed as none (Innlandet 0, Rogaland empty) match.
    assert "vedlegg-28      66 celler,     2 like,   64 ulike" in text
    assert "Vestland | I alt: publisert 952, beregnet 0" in text
