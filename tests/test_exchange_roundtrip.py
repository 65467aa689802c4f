"""The exchange format round trip: import the example file, export it, get the same bytes; every field stored."""
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.db import connection

from tilsyn.cases.models import Assessment, Case, JournalEntry, Party
from tilsyn.cases.services import case_number_next
from tilsyn.coercion.models import Ch4AVedtak, Ch9Dispensation, Ch9EmergencyDecision, Ch9Vedtak, CwCoercionProtocol
from tilsyn.exchange import format as fmt
from tilsyn.exchange.exporter import export_cases
from tilsyn.exchange.importer import ImportResult, import_cases
from tilsyn.exchange.synthetic import synthetic_lines
from tilsyn.exchange.validate import load_schema
from tilsyn.reference.models import Office

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLE = DOCS / "examples" / "cases.jsonl"
D = datetime.date


def exported(**filters) -> bytes:
    stream = io.BytesIO()
    export_cases(stream, **filters)
    return stream.getvalue()


def example_lines() -> list[dict]:
    return [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, objs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objs), encoding="utf-8")
    return path


def case(external_id: str) -> Case:
    return Case.objects.get(external_id=external_id)


@pytest.fixture
def imported():
    return import_cases(EXAMPLE)


# -- the round trip -----------------------------------------------------------------------------------------
def test_the_example_holds_a_case_of_every_kind():
    kinds = {obj["kind"] for obj in example_lines()}
    assert kinds == set(fmt.BLOCKS)


def test_the_example_is_valid_against_the_schema():
    validator = jsonschema.Draft202012Validator(load_schema())
    for obj in example_lines():
        assert not list(validator.iter_errors(obj)), obj["external_id"]


def test_the_schema_lists_the_fields_of_every_kind_block_in_canonical_order():
    definitions = load_schema()["$defs"]
    for kind, block in fmt.BLOCKS.items():
        assert list(definitions[kind]["properties"]) == [f.name for f in block.fields], kind
    assert list(load_schema()["properties"])[:len(fmt.CASE_FIELDS)] == list(fmt.CASE_FIELDS)
    assert list(definitions["party"]["properties"]) == list(fmt.PARTY_FIELDS)
    assert list(definitions["journal_entry"]["properties"]) == list(fmt.JOURNAL_FIELDS)
    assert list(definitions["reaction"]["properties"]) == list(fmt.REACTION_FIELDS)


def test_importing_the_example_and_exporting_it_gives_the_same_bytes(imported):
    assert imported == ImportResult(created=26, updated=0, unchanged=0)
    assert exported() == EXAMPLE.read_bytes()


def test_importing_it_again_changes_nothing(imported):
    before = list(Case.objects.order_by("pk").values_list("pk", "version", "updated_at"))
    counts = {model: model.objects.count() for model in (Party, Assessment, JournalEntry)}

    assert import_cases(EXAMPLE) == ImportResult(created=0, updated=0, unchanged=26)

    assert list(Case.objects.order_by("pk").values_list("pk", "version", "updated_at")) == before
    assert {model: model.objects.count() for model in counts} == counts
    assert exported() == EXAMPLE.read_bytes()


def test_a_changed_line_updates_that_case_in_place(imported, tmp_path):
    before = case("NESTOR-SFOBOA-2024-5521")
    objs = example_lines()
    complaint = next(obj for obj in objs if obj["external_id"] == "NESTOR-SFOBOA-2024-5521")
    complaint["title"] = "Klage på avslag om langtidsplass – endret tittel"
    complaint["assessments"][1]["outcome"] = "quashed"
    complaint["parties"].append({"ref": "p4", "role": "representative", "name": "Advokat Eva Strand"})

    result = import_cases(write_lines(tmp_path / "changed.jsonl", objs))

    assert result == ImportResult(created=0, updated=1, unchanged=25)
    after = case("NESTOR-SFOBOA-2024-5521")
    assert (after.pk, after.system_id, after.case_number) == (before.pk, before.system_id, before.case_number)
    assert after.title == "Klage på avslag om langtidsplass – endret tittel"
    assert after.version == before.version + 1
    assert list(after.assessments.order_by("pk").values_list("outcome", flat=True)) == ["changed", "quashed"]
    assert after.parties.count() == 4
    assert list(after.journal.values_list("system_id", flat=True)) == list(
        JournalEntry.objects.filter(case=after).values_list("system_id", flat=True))
    assert exported(office="SFOBOA").decode().count("Advokat Eva Strand") == 1


def test_a_changed_first_notification_keeps_its_repeats(imported, tmp_path):
    objs = example_lines()
    first = next(obj for obj in objs if obj["external_id"] == "HTIL-VARSEL-2024-1544")
    first["incident_notification"]["assessment_summary"] = "Ny vurdering."

    assert import_cases(write_lines(tmp_path / "changed.jsonl", objs)).updated == 1

    repeat = case("HTIL-VARSEL-2024-1561").notification
    assert repeat.duplicate_of.case.external_id == "HTIL-VARSEL-2024-1544"


def test_a_line_from_another_system_without_ids_gets_derived_ids(tmp_path):
    obj = next(o for o in example_lines() if o["external_id"] == "NESTOR-SFNO-2024-0733")
    del obj["system_id"], obj["case_number"]
    for entry in obj["journal"]:
        del entry["system_id"]

    import_cases(write_lines(tmp_path / "one.jsonl", [obj]))

    stored = case("NESTOR-SFNO-2024-0733")
    assert str(stored.system_id) == fmt.derived_case_system_id("NESTOR-SFNO-2024-0733")
    assert str(stored.journal.get(number=2).system_id) == fmt.derived_journal_system_id("NESTOR-SFNO-2024-0733", 2)
    assert stored.case_number == "2024/1"


def test_a_case_without_a_number_gets_the_next_free_one_of_its_received_year(imported, tmp_path):
    obj = next(o for o in example_lines() if o["external_id"] == "NESTOR-SFVL-2024-0950")
    obj["external_id"] = "NESTOR-SFVL-2024-0951"
    del obj["system_id"], obj["case_number"], obj["journal"]
    office = Office.objects.get(code="SFVL")
    assert case_number_next(office=office, year=2024) == 419

    import_cases(write_lines(tmp_path / "one.jsonl", [obj]))

    assert case("NESTOR-SFVL-2024-0951").case_number == "2024/419"


def test_an_import_reads_from_a_text_stream_too():
    with open(EXAMPLE, encoding="utf-8") as text:
        assert import_cases(io.StringIO(text.read())).created == 26


# -- export filters -----------------------------------------------------------------------------------------
def external_ids(data: bytes) -> list[str]:
    return [json.loads(line)["external_id"] for line in data.decode().splitlines()]


def test_export_by_office_and_kind(imported):
    assert external_ids(exported(office="SFTRL", kind="coercion_ch9_vedtak")) == ["NESTOR-SFTRL-2024-4502"]


def test_export_by_year_takes_cases_received_closed_or_open_in_it(imported):
    in_2023 = external_ids(exported(year=2023))
    assert in_2023 == ["NESTOR-SFTRL-2023-1190"]  # received 2023-11-20, closed 2024-04-30
    in_2024 = external_ids(exported(year=2024))
    assert "NESTOR-SFTRL-2023-1190" in in_2024  # open in 2024, closed then
    assert "HTIL-AUT-2025-0007" not in in_2024  # received 2025
    assert "NESTOR-SFMR-2024-0655" in external_ids(exported(year=2025))  # still open


# -- every field stored -------------------------------------------------------------------------------------
def test_a_supervision_case_stores_every_field(imported):
    sfvl = case("NESTOR-SFVL-2024-0417")
    assert (sfvl.kind, sfvl.office.code, sfvl.sector, sfvl.case_number) == ("supervision_case", "SFVL", "health",
                                                                           "2024/417")
    assert sfvl.summary.startswith("Datter klager over forskrivning")
    assert (sfvl.status, sfvl.priority, sfvl.synthetic, sfvl.municipality.number) == ("closed", True, True, "4601")
    assert (sfvl.received, sfvl.deadline, sfvl.closed) == (D(2024, 2, 5), D(2024, 8, 5), D(2024, 7, 22))
    patient, next_of_kin, doctor, enterprise = sfvl.parties.order_by("pk")
    assert (patient.role, patient.name, patient.address, patient.postal_code, patient.postal_place,
            patient.municipality.number) == ("patient", "Astrid Lunde", "Fjellveien 12", "5019", "Bergen", "4601")
    assert len(patient.national_id) == 11 and next_of_kin.role == "next_of_kin"
    assert (doctor.object_type.code, doctor.profession.code) == ("health_personnel", "doctor")
    assert (enterprise.org_number, enterprise.object_type.code, enterprise.service_level.code) == (
        "310001376", "enterprise", "municipal")
    assert [(a.provision.code, a.party.name, a.outcome) for a in sfvl.assessments.order_by("pk")] == [
        ("hs-hpl-forsvarlig-forskrivning-vanedannende-legemidler-4", "Espen Sæther", "breach"),
        ("hs-hpl-informasjon-10", "Espen Sæther", "no_breach"),
    ]
    first = sfvl.journal.get(number=1)
    assert (first.type, first.public_title, first.correspondent, first.document_date, first.registered,
            first.screened, first.screening_basis) == (
        "I", "Klage på helsehjelp", "Hilde Lunde Vik", D(2024, 2, 1), D(2024, 2, 5), True,
        "Offl. § 13 jf. fvl. § 13 første ledd nr. 1")
    details = sfvl.supervision
    assert (details.handling_method, details.user_involvement, details.user_involvement_date, details.result,
            details.forwarded_to_helsetilsynet) == (5, "accepted", D(2024, 2, 12), "forwarded_to_helsetilsynet",
                                                    D(2024, 7, 22))
    assert [t.code for t in details.sources.all()] == ["next_of_kin"]


def test_helsetilsynets_case_stores_its_reaction(imported):
    htil = case("HTIL-2024-0288")
    assert htil.origin.external_id == "NESTOR-SFVL-2024-0417"
    details = htil.supervision
    assert (details.result, details.referred_by.code, details.suspended, details.police_report,
            details.started_at) == ("breach", "SFVL", D(2024, 8, 9), D(2024, 9, 3), "county_governor")
    reaction = htil.reactions.get()
    assert (reaction.party.name, reaction.type.code, reaction.decided, reaction.imi_notified) == (
        "Espen Sæther", "revocation", D(2024, 11, 28), D(2024, 11, 29))
    assert sorted(r.code for r in reaction.revocation_reasons.all()) == ["drug_theft", "substance_use"]
    assert htil.journal.get(number=4).screened is False

    foreign = case("HTIL-2024-0301").supervision
    assert (foreign.started_at, foreign.non_reaction_outcome.code, foreign.voluntary_surrender) == (
        "foreign_authority", "voluntary_surrender", D(2024, 9, 30))

    child_welfare = case("NESTOR-SFTRL-2023-1190").supervision
    assert sorted(t.code for t in child_welfare.themes.all()) == ["participation", "report_investigation"]
    assert (child_welfare.user_involvement, child_welfare.correction_ordered,
            child_welfare.breach_follow_up_closed) == ("not_offered", D(2024, 3, 14), D(2024, 4, 30))


def test_rights_complaints_store_every_field(imported):
    health = case("NESTOR-SFOBOA-2024-5521")
    assert (health.complaint.complaint_type, health.complaint.service_decision_date,
            health.complaint.first_instance_received, health.complaint.first_instance_forwarded) == (
        "health", D(2024, 1, 19), D(2024, 2, 2), D(2024, 4, 2))
    assert [(a.provision.code, a.outcome) for a in health.assessments.order_by("pk")] == [
        ("hc-pbrl-2-1a-plass-sykehjem", "changed"), ("hc-pbrl-2-1a-helsetjenester-hjemmet", "upheld")]

    social = case("NESTOR-SFINN-2024-2210")
    assert (social.status, social.complaint.complaint_type, social.assessments.get().outcome) == (
        "awaiting_documentation", "social", "")

    rejected = case("NESTOR-SFROG-2024-0902").complaint
    assert rejected.rejected and rejected.rejection_reason.startswith("Klagefristen på tre uker")

    coercion = case("NESTOR-SFAGD-2024-3120")
    assert (coercion.complaint.complaint_type, coercion.origin.external_id) == ("cwi_coercion",
                                                                              "NESTOR-SFAGD-2024-3107")
    protocol = case("NESTOR-SFAGD-2024-3107").cw_protocol
    assert (protocol.used, protocol.provision.code, protocol.child_complained) == (
        D(2024, 3, 1), "cwic-bvl-10-8-kroppsvisitasjon", True)


def test_incident_notifications_store_every_field(imported):
    first = case("HTIL-VARSEL-2024-1544").notification
    assert (first.notifier_type.code, first.service_type.code, first.incident_date,
            first.initial_investigation_completed, first.routing, first.routing_date, first.forwarded_to.code) == (
        "enterprise", "somatic", D(2024, 6, 7), D(2024, 6, 26), "forwarded_to_county_governor", D(2024, 6, 28),
        "SFMR")
    assert first.assessment_summary.startswith("Pasienten ventet over fire timer")
    repeat = case("HTIL-VARSEL-2024-1561").notification
    assert (repeat.duplicate_of_id, repeat.notifier_type.code) == (first.pk, "next_of_kin")
    own = case("HTIL-VARSEL-2024-0871").notification
    assert (own.routing, own.follow_up_method, own.service_type.code) == ("own_follow_up", "on_site",
                                                                          "mental_health_substance")
    assert case("NESTOR-SFMR-2024-0655").origin.external_id == "HTIL-VARSEL-2024-1544"


def test_coercion_cases_store_every_field(imported):
    emergency = Ch9EmergencyDecision.objects.get(case__external_id="NESTOR-SFTRL-2024-4410")
    assert (emergency.decided, emergency.measure.code) == (D(2024, 2, 11), "holding")
    vedtak = Ch9Vedtak.objects.get(case__external_id="NESTOR-SFTRL-2024-4502")
    assert (vedtak.vedtak_date, vedtak.valid_from, vedtak.valid_to, vedtak.approved, vedtak.personnel_count,
            vedtak.on_site_inspection) == (D(2024, 2, 27), D(2024, 4, 15), D(2025, 2, 27), True, 6, D(2024, 6, 4))
    assert sorted(m.code for m in vedtak.measures.all()) == ["alarm_exit", "locking"]
    assert Ch9Vedtak.objects.get(case__external_id="NESTOR-SFNO-2024-1206").approved is False
    dispensation = Ch9Dispensation.objects.get(case__external_id="NESTOR-SFTRL-2024-4503")
    assert (dispensation.persons_applied_for, dispensation.persons_granted) == (3, 2)
    assert dispensation.case.origin.external_id == "NESTOR-SFTRL-2024-4502"
    ch4a = Ch4AVedtak.objects.get(case__external_id="NESTOR-SFVT-2024-0388")
    assert (ch4a.vedtak_date, ch4a.valid_to, ch4a.outcome, ch4a.follow_up_outcome, ch4a.lasts_over_three_months,
            ch4a.follow_up_due, ch4a.follow_up_done) == (D(2024, 1, 18), D(2025, 1, 18), "taken_into_account",
                                                        "changed", True, D(2024, 5, 18), D(2024, 5, 6))
    assert sorted(m.code for m in ch4a.measures.all()) == ["admission", "detention"]
    assert CwCoercionProtocol.objects.count() == 1


def test_planned_inspections_store_every_field(imported):
    audit = case("NESTOR-SFVL-2024-0120").inspection
    assert (audit.method.code, audit.scope.code, audit.service_level.code, audit.activity_points,
            [o.code for o in audit.joint_with.all()], audit.joint_with_dsb, audit.statutory) == (
        "system_audit", "nationwide", "specialist", Decimal("5.0"), ["SFMR"], False, False)
    assert (audit.performed, audit.closing_meeting, audit.preliminary_report_sent, audit.final_report_sent,
            audit.breaches_found) == (D(2024, 4, 9), D(2024, 4, 11), D(2024, 5, 21), D(2024, 10, 30), 2)
    assert (audit.states_failure_in_practice, audit.states_consequence_for_users,
            audit.states_management_failure) == (True, True, False)
    institution = case("NESTOR-SFOBOA-2024-7740").inspection
    assert (institution.statutory, institution.activity_points, institution.breaches_found,
            institution.children_present, institution.children_offered_conversation,
            institution.children_talked_with, institution.states_failure_in_practice) == (
        True, Decimal("2.5"), 0, 4, 4, 3, None)
    blood = case("HTIL-2024-0042").inspection
    assert (blood.regulation_area, blood.units_interviewed, blood.units_interviewed_digitally,
            blood.units_document_inspection, blood.activity_points) == ("blood", 5, 3, 12, Decimal("0"))
    assert case("NESTOR-SFINN-2024-0310").inspection.joint_with_dsb is True


def test_applications_and_access_requests_store_every_field(imported):
    application = case("HTIL-AUT-2025-0007")
    assert (application.authorisation.application_type, application.authorisation.decision,
            application.origin.external_id) == ("new_authorisation", "refused", "HTIL-2024-0288")
    assert application.journal.get(number=2).type == "S"
    appeal = case("HTIL-INNSYN-2024-0133").access_request
    assert (appeal.is_appeal, appeal.appealed_office.code, appeal.decision) == (True, "SFVL", "refused")
    assert appeal.requested_reference.startswith("Statsforvalteren i Vestland sak 2024/417")
    assert case("NESTOR-SFVL-2024-0950").access_request.is_appeal is False


# -- volume ---------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_hundred_thousand_cases_make_the_round_trip_byte_for_byte(tmp_path):
    source = tmp_path / "cases.jsonl"
    with open(source, "w", encoding="utf-8") as f:
        for line in synthetic_lines(100_000):
            f.write(line + "\n")

    assert import_cases(source).created == 100_000

    target = tmp_path / "exported.jsonl"
    with open(target, "wb") as f:
        assert export_cases(f) == 100_000
    assert target.read_bytes() == source.read_bytes()


def test_a_large_import_leaves_fresh_planner_statistics(monkeypatch):
    """PostgreSQL plans the first queries after a large import for the rows it wrote, not for empty tables."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    monkeypatch.setattr("tilsyn.exchange.importer.ANALYZE_FROM_CASES", 20)
    import_cases(EXAMPLE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_case'")
        assert cursor.fetchone()[0] == Case.objects.count()
