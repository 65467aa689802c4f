"""An import with a bad line writes nothing, and says in Norwegian which line, which field and what is wrong."""
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from tilsyn.cases.identifiers import valid_fodselsnummer, valid_org_number
from tilsyn.cases.models import Assessment, Case, JournalEntry, Party
from tilsyn.coercion.models import Ch9Vedtak
from tilsyn.complaints.models import RightsComplaint
from tilsyn.exchange import format as fmt
from tilsyn.exchange.importer import ImportRejected, import_cases
from tilsyn.exchange.rows import all_tables, block_tables
from tilsyn.exchange.validate import line_digest
from tilsyn.reference.models import Municipality
from tilsyn.supervision.models import Reaction, SupervisionCase

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "cases.jsonl"
MODELS = [Case, Party, Assessment, JournalEntry, Reaction, SupervisionCase, RightsComplaint, Ch9Vedtak]


def example(external_id: str) -> dict:
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if obj["external_id"] == external_id:
            return obj
    raise KeyError(external_id)


def copy_of(obj: dict, external_id: str) -> dict:
    """Another case like `obj`: a new external id, and no case number or system ids of its own yet."""
    obj = obj | {"external_id": external_id}
    del obj["case_number"], obj["system_id"]
    for entry in obj.get("journal", ()):
        del entry["system_id"]
    return obj


def complaint() -> dict:
    return example("NESTOR-SFOBOA-2024-5521")


def supervision() -> dict:
    return example("NESTOR-SFVL-2024-0417")


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def write(tmp_path: Path, *lines) -> Path:
    path = tmp_path / "cases.jsonl"
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> list[str]:
    """The problems reported for the file, after checking that nothing was written."""
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_cases(path)
    assert counts() == before
    return [str(problem) for problem in rejected.value.problems]


@pytest.fixture
def example_imported():
    import_cases(EXAMPLE)


# -- the refusals the brief names ---------------------------------------------------------------------------
def test_it_refuses_malformed_json(tmp_path):
    problems = refused(write(tmp_path, complaint(), '{"external_id": "X-1", "kind": '))
    assert problems == ["Linje 2: ugyldig JSON (Expecting value, tegn 31)."]


def test_it_refuses_an_unknown_office(tmp_path):
    line = complaint() | {"office": "SFXX"}
    assert refused(write(tmp_path, line)) == ["Linje 1, felt «office»: ukjent embete «SFXX»."]


def test_it_refuses_an_unknown_provision(tmp_path):
    line = complaint()
    line["assessments"][0]["provision"] = "hc-pbrl-99-finnes-ikke"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «assessments[0].provision»: ukjent bestemmelse «hc-pbrl-99-finnes-ikke»."]


def test_it_refuses_a_case_closed_before_it_was_received(tmp_path):
    line = complaint() | {"received": "2024-02-01", "closed": "2024-01-03"}
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «closed»: avsluttet (2024-01-03) er før mottatt (2024-02-01)."]


def test_it_refuses_a_case_without_a_received_date(tmp_path):
    line = complaint()
    del line["received"]
    assert refused(write(tmp_path, line)) == ["Linje 1, felt «received»: mangler (feltet er påkrevd)."]


def test_it_refuses_the_same_external_id_twice_and_names_both_lines(tmp_path):
    problems = refused(write(tmp_path, complaint(), supervision(), complaint()))
    assert problems == ["Linje 3, felt «external_id»: «NESTOR-SFOBOA-2024-5521» finnes allerede på linje 1."]


def test_one_bad_line_after_ten_good_ones_writes_nothing(tmp_path):
    lines = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    good = [obj for obj in lines if "origin" not in obj and "duplicate_of" not in obj[obj["kind"]]][:10]
    bad = copy_of(complaint(), "NESTOR-SFOBOA-2024-9999") | {"office": "SFXX"}
    problems = refused(write(tmp_path, *good, bad))
    assert problems == ["Linje 11, felt «office»: ukjent embete «SFXX»."]
    assert Case.objects.count() == 0


# -- more rules -----------------------------------------------------------------------------------------------
def test_it_refuses_an_unknown_municipality_and_an_unknown_code(tmp_path):
    line = supervision() | {"municipality": "0000"}
    line["supervision_case"]["sources"] = ["next_of_kin", "rumours"]
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «municipality»: ukjent kommunenummer «0000».",
        "Linje 1, felt «supervision_case.sources[1]»: ukjent kode «rumours» i kodeverket «source».",
    ]


def test_it_refuses_a_provision_from_another_catalogue(tmp_path):
    line = complaint()
    line["assessments"][0]["provision"] = "sc-stonad-livsopphold-18"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «assessments[0].provision»: bestemmelsen «sc-stonad-livsopphold-18» hører til katalogen "
        "«social-complaint», men denne saken bruker «health-complaint»."]


def test_it_refuses_an_outcome_that_does_not_fit_the_kind(tmp_path):
    line = complaint()
    line["assessments"][0]["outcome"] = "breach"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «assessments[0].outcome»: «breach» passer ikke for saker av typen «rights_complaint» "
        "(tillatt: «changed», «quashed», «upheld»)."]


def test_it_refuses_a_status_that_does_not_fit_the_closed_date(tmp_path):
    open_with_date = complaint() | {"status": "open"}
    closed_without_date = supervision()
    del closed_without_date["closed"]
    assert refused(write(tmp_path, open_with_date, closed_without_date)) == [
        "Linje 1, felt «status»: er «open», men saken har avsluttet-dato (2024-06-14); bruk status «closed».",
        "Linje 2, felt «closed»: mangler: status er «closed», så saken må ha en avsluttet-dato.",
    ]


def test_it_refuses_references_to_parties_that_are_not_there_and_refs_used_twice(tmp_path):
    line = supervision()
    line["assessments"][0]["party"] = "p9"
    line["parties"][1]["ref"] = "p1"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «parties[1].ref»: parten «p1» finnes allerede i saken.",
        "Linje 1, felt «assessments[0].party»: ingen part med ref «p9» i saken.",
    ]


def test_it_refuses_a_journal_number_used_twice(tmp_path):
    line = supervision()
    line["journal"][2]["number"] = 1
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «journal[2].number»: journalpost nummer 1 finnes allerede i saken."]


def test_it_refuses_a_case_number_taken_in_the_file(tmp_path):
    other = copy_of(supervision(), "NESTOR-SFVL-2024-0418") | {"case_number": "2024/417"}
    assert refused(write(tmp_path, supervision(), other)) == [
        "Linje 2, felt «case_number»: saksnummeret 2024/417 ved «SFVL» er allerede brukt på linje 1."]


def test_it_refuses_a_case_number_taken_in_the_database(tmp_path, example_imported):
    other = copy_of(supervision(), "NESTOR-SFVL-2024-0418") | {"case_number": "2024/417"}
    assert refused(write(tmp_path, other)) == [
        "Linje 1, felt «case_number»: saksnummeret 2024/417 ved «SFVL» tilhører allerede saken "
        "«NESTOR-SFVL-2024-0417»."]


def test_it_refuses_an_origin_that_is_neither_in_the_file_nor_in_the_database(tmp_path):
    line = complaint() | {"origin": "NESTOR-SFOBOA-1999-0001"}
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «origin»: fant ingen sak «NESTOR-SFOBOA-1999-0001» i filen eller i databasen."]


def test_it_accepts_an_origin_in_the_database(tmp_path, example_imported):
    line = copy_of(complaint(), "NESTOR-SFOBOA-2024-6000") | {"origin": "NESTOR-SFOBOA-2024-5521"}
    assert import_cases(write(tmp_path, line)).created == 1


def test_it_refuses_a_duplicate_of_that_is_not_a_notification(tmp_path, example_imported):
    line = example("HTIL-VARSEL-2024-1561")
    line["incident_notification"]["duplicate_of"] = "HTIL-2024-0288"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «incident_notification.duplicate_of»: «HTIL-2024-0288» er ikke et varsel om alvorlig "
        "hendelse."]


def test_it_refuses_a_kind_at_the_wrong_kind_of_office(tmp_path):
    notification_at_a_county_governor = example("HTIL-VARSEL-2024-0871") | {"office": "SFVL"}
    complaint_at_helsetilsynet = complaint() | {"office": "HTIL"}
    assert refused(write(tmp_path, notification_at_a_county_governor, complaint_at_helsetilsynet)) == [
        "Linje 1, felt «office»: saker av typen «incident_notification» behandles bare av Statens helsetilsyn "
        "(HTIL), ikke av «SFVL».",
        "Linje 2, felt «office»: saker av typen «rights_complaint» behandles av statsforvalterne, "
        "ikke av «HTIL».",
    ]


def test_it_refuses_identification_numbers_with_wrong_control_digits(tmp_path):
    line = supervision()
    line["parties"][0]["national_id"] = "23114119246"
    line["parties"][3]["org_number"] = "310001377"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «parties[0].national_id»: «23114119246» er ikke et gyldig fødselsnummer "
        "(kontrollsifrene stemmer ikke).",
        "Linje 1, felt «parties[3].org_number»: «310001377» er ikke et gyldig organisasjonsnummer "
        "(kontrollsifferet stemmer ikke).",
    ]


def test_it_refuses_a_kind_block_that_does_not_match_the_kind(tmp_path):
    line = complaint() | {"supervision_case": {}}
    del line["rights_complaint"]
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «rights_complaint»: mangler: en sak av typen «rights_complaint» skal ha blokken "
        "«rights_complaint».",
        "Linje 1, felt «supervision_case»: hører ikke til en sak av typen «rights_complaint».",
    ]


def test_schema_errors_are_told_in_norwegian(tmp_path):
    lines = [
        complaint() | {"received": "3. april 2024"},
        complaint() | {"status": "done"},
        complaint() | {"priority": "ja"},
        complaint() | {"colour": "blue"},
        complaint() | {"title": ""},
        "[1, 2]",
    ]
    assert refused(write(tmp_path, *lines)) == [
        "Linje 1, felt «received»: «3. april 2024» er ikke en dato på formen ÅÅÅÅ-MM-DD.",
        "Linje 2, felt «status»: ugyldig verdi «done» (tillatt: «open», «awaiting_documentation», «closed»).",
        "Linje 3, felt «priority»: skal være true eller false, ikke tekst.",
        "Linje 4, felt «colour»: ukjent felt.",
        "Linje 5, felt «title»: kan ikke være tom.",
        "Linje 6: linjen er ikke et JSON-objekt.",
    ]


def test_it_refuses_a_nul_character_which_the_database_cannot_store(tmp_path):
    line = complaint()
    line["parties"][0]["name"] = "Øyvind\u0000Aas"
    assert refused(write(tmp_path, line)) == [
        "Linje 1, felt «parties[0].name»: teksten inneholder tegnet \\u0000, som ikke kan lagres."]


def test_nan_and_infinity_are_not_json(tmp_path):
    text = json.dumps(complaint(), ensure_ascii=False)
    lines = [text.replace('"sector":', '"x":NaN,"sector":', 1), text.replace('"sector":', '"x":-Infinity,"sector":', 1)]
    problems = refused(write(tmp_path, *lines))
    assert len(problems) == 2
    assert all(p.startswith(f"Linje {n}: ugyldig JSON (") for n, p in enumerate(problems, 1)), problems


def test_a_line_with_a_byte_order_mark_is_read_as_before(tmp_path):
    path = write(tmp_path, "\ufeff" + json.dumps(complaint(), ensure_ascii=False))
    assert import_cases(path).created == 1


def test_invalid_utf8_is_named_as_such(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_bytes(json.dumps(complaint(), ensure_ascii=False).encode().replace(b"\xc3\xb8", b"\xf8", 1) + b"\n")
    assert refused(path) == ["Linje 1: linjen er ikke gyldig UTF-8."]


@pytest.mark.parametrize("source", ["examples", "edge cases"])
def test_the_fingerprint_is_the_standard_librarys_json(source):
    """line_digest writes with orjson; fingerprints stored by earlier imports were made with json.dumps."""
    if source == "examples":
        objects = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    else:
        objects = [{"b": "æøå \u2028 \U0001f600 \x01\x1f\x7f \"\\/", "a": [1.5, 0.1, 100.0, 9999.9, -0.0, 0, -7,
                                                                                 2**63, True, False, None, {}, []]}]
    for obj in objects:
        text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert line_digest(obj) == hashlib.sha256(text.encode()).digest()


def test_it_refuses_a_date_that_is_not_in_the_calendar(tmp_path):
    assert refused(write(tmp_path, complaint() | {"deadline": "2024-02-30"})) == [
        "Linje 1, felt «deadline»: «2024-02-30» er ikke en gyldig dato."]


def test_it_refuses_to_change_a_cases_system_id(tmp_path, example_imported):
    line = complaint() | {"system_id": "00000000-0000-4000-8000-000000000000", "title": "Ny tittel"}
    [problem] = refused(write(tmp_path, line))
    assert problem.startswith("Linje 1, felt «system_id»: saken har systemID ")


def test_it_keeps_the_first_hundred_problems_and_counts_them_all(tmp_path):
    lines = [copy_of(complaint(), f"X-{i}") | {"office": "SFXX"} for i in range(150)]
    with pytest.raises(ImportRejected) as rejected:
        import_cases(write(tmp_path, *lines))
    assert (len(rejected.value.problems), rejected.value.total) == (100, 150)


# -- the command ----------------------------------------------------------------------------------------------
def test_the_command_prints_every_problem_and_exits_with_status_1(tmp_path, capsys):
    path = write(tmp_path, complaint() | {"office": "SFXX"}, "{")
    with pytest.raises(SystemExit) as exit_:
        call_command("import", str(path))
    assert exit_.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Linje 1, felt «office»: ukjent embete «SFXX».",
        "Linje 2: ugyldig JSON (Expecting property name enclosed in double quotes, tegn 2).",
        "Ingenting ble importert: 2 feil.",
    ]



# -- the database changes between the check and the write -----------------------------------------------------
# What pass 1 checked may be gone when pass 2 writes: the database refuses the row, and nothing is written.
# Both ways of checking the keys are tried: per batch by the import on PostgreSQL (foreign_keys.py), and by
# the database itself where the import may not turn its checks off. The tests commit, since deferred keys are
# checked at the outermost commit.
@pytest.fixture(params=["per batch", "database"])
def key_checks(request, monkeypatch):
    if request.param == "per batch" and connection.vendor != "postgresql":
        pytest.skip("only the PostgreSQL import checks keys per batch")
    if request.param == "database":
        monkeypatch.setattr("tilsyn.exchange.writers.can_check_per_batch", lambda cursor, tables: False)
    return request.param


def removed_after_the_check(monkeypatch, remove) -> None:
    from tilsyn.exchange import importer

    check_file = importer.check_file

    def check_then_remove(*args):
        plan = check_file(*args)
        remove()
        return plan

    monkeypatch.setattr(importer, "check_file", check_then_remove)


@pytest.mark.django_db(transaction=True)
def test_a_municipality_removed_after_the_check_writes_nothing(tmp_path, monkeypatch, key_checks):
    line = supervision()
    removed_after_the_check(monkeypatch, lambda: Municipality.objects.filter(number=line["municipality"]).delete())
    with pytest.raises(IntegrityError):
        import_cases(write(tmp_path, complaint(), line))
    assert not Case.objects.exists() and not Party.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_origin_case_removed_after_the_check_writes_nothing(tmp_path, monkeypatch, example_imported,
                                                               key_checks):
    line = copy_of(complaint(), "NESTOR-SFOBOA-2024-6000") | {"origin": "NESTOR-SFVL-2024-0417"}
    removed_after_the_check(monkeypatch, lambda: Case.objects.filter(external_id=line["origin"]).delete())
    with pytest.raises(IntegrityError):
        import_cases(write(tmp_path, line))
    assert not Case.objects.filter(external_id="NESTOR-SFOBOA-2024-6000").exists()


def test_the_import_checks_keys_per_batch_only_when_allowed_and_no_trigger_of_ours_would_be_silenced():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's replica mode")
    from tilsyn.exchange.foreign_keys import can_check_per_batch

    tables = all_tables({kind: block_tables(block) for kind, block in fmt.BLOCKS.items()})
    with connection.cursor() as cursor:
        assert can_check_per_batch(cursor, tables)  # the test cluster's user is a superuser
        cursor.execute("CREATE ROLE tilsyn_test_importer")
        cursor.execute("SET ROLE tilsyn_test_importer")
        assert not can_check_per_batch(cursor, tables)
        cursor.execute("RESET ROLE")
        cursor.execute("GRANT SET ON PARAMETER session_replication_role TO tilsyn_test_importer")
        cursor.execute("SET ROLE tilsyn_test_importer")
        assert can_check_per_batch(cursor, tables)
        cursor.execute("RESET ROLE")
        cursor.execute("CREATE FUNCTION tilsyn_test_noop() RETURNS trigger LANGUAGE plpgsql AS"
                       " 'BEGIN RETURN NEW; END'")
        cursor.execute("CREATE TRIGGER tilsyn_test_noop AFTER INSERT ON cases_party"
                       " FOR EACH ROW EXECUTE FUNCTION tilsyn_test_noop()")
        assert not can_check_per_batch(cursor, tables)


@pytest.mark.django_db(transaction=True)
def test_the_command_says_when_the_database_changed_under_the_import(tmp_path, monkeypatch, capsys, key_checks):
    line = supervision()
    removed_after_the_check(monkeypatch, lambda: Municipality.objects.filter(number=line["municipality"]).delete())
    with pytest.raises(SystemExit) as exit_:
        call_command("import", str(write(tmp_path, line)))
    assert exit_.value.code == 1
    assert capsys.readouterr().err.startswith(
        "Ingenting ble importert: databasen ble endret mens importen pågikk. Prøv igjen.")
    assert not Case.objects.exists()

def test_the_command_reads_stdin_and_reports_what_it_did(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes()), encoding="utf-8"))
    call_command("import", "-")
    assert capsys.readouterr().out == "Importert: 26 nye, 0 endret, 0 uendret.\n"


# -- identifiers ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("number, valid", [
    ("23114119245", True),  # control digits right
    ("23114119246", False),  # second control digit wrong
    ("63114119245", False),  # D-number day, so the control digits no longer fit
    ("14837810060", True),  # synthetic test number: month + 80
    ("2311411924", False),  # ten digits
    ("3211411924x", False),
])
def test_fodselsnummer_checksums(number, valid):
    assert valid_fodselsnummer(number) is valid


@pytest.mark.parametrize("number, valid", [("974760673", True), ("974760674", False), ("97476067", False)])
def test_org_number_checksums(number, valid):
    assert valid_org_number(number) is valid
