"""Checks of each exchange-format line on its own, before anything is written (the first pass of an import).

A line is checked first against docs/case.schema.json (compiled once with fastjsonschema), then against the
rules a schema cannot express: codes that must exist in the reference data (held in dicts, `indexes.py`: no
query per line), dates in the right order, party references that resolve, a provision from the right
catalogue. What needs other lines or the database (an external id used twice, a case number taken, references
to other cases) is checked by `file_check.py` from the `LineFacts` each line leaves. Lines can so be checked
in several processes at once (`parallel.py`). Every problem names its line and field, in Norwegian, for the
person who has to fix the file.
"""
import hashlib
import json
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple

import fastjsonschema
import orjson

from tilsyn.cases.identifiers import valid_fodselsnummer, valid_org_number
from tilsyn.complaints.models import PROVISION_CATALOGUE
from tilsyn.exchange import format as fmt
from tilsyn.exchange.indexes import ReferenceIndex
from tilsyn.exchange.schema_messages import schema_problem_message

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "case.schema.json"
MAX_PROBLEMS_KEPT = 100
NATIONAL_ONLY = {kind for kind, block in fmt.BLOCKS.items() if block.at == fmt.NATIONAL}
COUNTY_GOVERNOR_ONLY = {kind for kind, block in fmt.BLOCKS.items() if block.at == fmt.COUNTY_GOVERNOR}
BLOCK_NAMES = frozenset(fmt.BLOCKS)


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str | None
    message: str

    def __str__(self):
        where = f"Linje {self.line}" if self.field is None else f"Linje {self.line}, felt «{self.field}»"
        return f"{where}: {self.message}."


class ProblemList:
    """The problems found so far: the first hundred kept, all of them counted."""

    def __init__(self, keep: int = MAX_PROBLEMS_KEPT):
        self.keep = keep
        self.kept: list[ImportProblem] = []
        self.total = 0

    def add(self, problem: ImportProblem) -> None:
        self.total += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)

    def sorted(self) -> list[ImportProblem]:
        return sorted(self.kept, key=lambda p: p.line)


def load_schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


@cache
def schema_validator():
    """The schema compiled to Python, tuned for speed without changing what it accepts: the `allOf` (kind ↔
    kind block) is left to `LineCheck.kind_block`, as fastjsonschema would try all eleven if/then pairs on
    every line; and every `$ref` is replaced by what it refers to, which spares a function call per field."""
    schema = load_schema()
    schema.pop("allOf")
    definitions = schema.pop("$defs")
    return fastjsonschema.compile(inline_refs(schema, definitions))


def inline_refs(node, definitions: dict):
    if isinstance(node, dict):
        if "$ref" in node:
            return inline_refs(definitions[node["$ref"].removeprefix("#/$defs/")], definitions)
        return {key: inline_refs(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(value, definitions) for value in node]
    return node


class NotJson(ValueError):
    """NaN or Infinity: Python's json reads them, but they are not JSON."""


def refuse_constant(name: str):
    raise NotJson(name)


def parse_json(raw: bytes):
    """One line's JSON value. orjson reads it, three to four times faster than the standard library; a line
    orjson refuses is read again by the standard library, which also takes a UTF-8 byte order mark and words its
    errors as the import's messages always have. NaN and Infinity are refused by both.
    Raises UnicodeDecodeError or json.JSONDecodeError."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        try:
            return json.loads(raw, parse_constant=refuse_constant)
        except NotJson:
            raise error from None


def json_error(raw: bytes) -> json.JSONDecodeError:
    try:
        parse_json(raw)
    except json.JSONDecodeError as error:
        return error
    raise AssertionError("the line parsed after all")


def line_digest(obj: dict) -> bytes:
    """Fingerprint of a line's content, whatever the order of its keys or its spacing: the SHA-256 of its
    compact JSON with sorted keys. orjson writes the same bytes as the standard library's
    `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` for every value a line can hold
    (tests/test_exchange_errors.py checks it), so the fingerprints of earlier imports still match."""
    try:
        text = orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer of more than 64 bits, which only the standard library writes
        text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(text).digest()


class LineFacts(NamedTuple):
    """What the checks of the whole file (`file_check.py`) and the write pass need to know of a line. A named
    tuple rather than a dataclass: there is one per line, made in a worker process and sent back in a pickle,
    which a tuple makes and pickles in a fraction of the time."""

    line: int
    external_id: str
    digest: bytes | None  # only for a case already in the database, whose last import it is compared with
    office_id: int | None
    case_number: tuple[int, int] | None  # (year, sequence) when the line gives one
    notification: bool  # an incident notification, which `duplicate_of` may point at
    system_id: str | None  # as given, lower case; None when absent
    system_id_derived: bool  # equal to the one the import would derive
    journal_system_ids: tuple[tuple[str, str], ...]  # (field, system id) given and not derived
    references: tuple[tuple[str, str, bool], ...]  # (field, external id, must be a notification)
    parties: int
    reactions: int


@dataclass
class CheckedLines:
    """The line checks of a run of lines; line numbers count from 1 at the run's first line."""

    lines: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    facts: list[LineFacts] = field(default_factory=list)


def check_lines(lines, reference: ReferenceIndex, existing: Container[str]) -> CheckedLines:
    """Check each line on its own: JSON, schema and the rules of `LineCheck`. `existing`: the external ids
    of the cases in the database."""
    result = CheckedLines()
    validate_schema = schema_validator()
    for line_no, raw in enumerate(lines, 1):
        result.lines = line_no
        if not raw.strip():
            continue
        obj = parse(line_no, raw, validate_schema, result.problems)
        if obj is not None:
            check = LineCheck(reference, line_no, obj)
            result.problems.extend(check.run())
            result.facts.append(check.facts(obj["external_id"] in existing))
    return result


def parse(line_no: int, raw: bytes, validate_schema, problems: list[ImportProblem]) -> dict | None:
    try:
        obj = parse_json(raw)
    except UnicodeDecodeError:
        problems.append(ImportProblem(line_no, None, "linjen er ikke gyldig UTF-8"))
        return None
    except json.JSONDecodeError:
        error = json_error(raw.rstrip())  # where in the line, not past its line break
        problems.append(ImportProblem(line_no, None, f"ugyldig JSON ({error.msg}, tegn {error.colno})"))
        return None
    try:
        validate_schema(obj)
    except fastjsonschema.JsonSchemaValueException as error:
        problems.append(ImportProblem(line_no, *schema_problem_message(error)))
        return None
    if b"\\u0000" in raw and (path := nul_character_at(obj)):  # PostgreSQL cannot store it in text
        problems.append(ImportProblem(line_no, path, "teksten inneholder tegnet \\u0000, som ikke kan lagres"))
        return None
    return obj


def nul_character_at(node, path: str | None = None) -> str | None:
    """The path of the first string holding a NUL character, if any."""
    if isinstance(node, str):
        return path if "\x00" in node else None
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        inner = f"{path}[{key}]" if isinstance(key, int) else (key if path is None else f"{path}.{key}")
        if found := nul_character_at(value, inner):
            return found
    return None


class LineCheck:
    """The rules for one line that has passed the schema. `run` returns the problems, `facts` what the checks
    of the whole file need."""

    def __init__(self, reference: ReferenceIndex, line_no: int, obj: dict):
        self.reference = reference
        self.line_no = line_no
        self.obj = obj
        self.kind = obj["kind"]
        self.external_id = obj["external_id"]
        self.problems: list[ImportProblem] = []
        self.party_refs: set[str] = set()
        self.office = None
        self.references: list[tuple[str, str, bool]] = []
        self.journal_system_ids: list[tuple[str, str]] = []

    def add(self, field: str | None, message: str) -> None:
        self.problems.append(ImportProblem(self.line_no, field, message))

    def run(self) -> list[ImportProblem]:
        self.kind_block()
        if self.problems:
            return self.problems
        self.office_and_kind()
        self.municipality("municipality", self.obj.get("municipality"))
        self.dates_and_status()
        self.parties()
        self.assessments()
        self.journal()
        self.block()
        self.case_ref("origin", self.obj.get("origin"), notification=False)
        return self.problems

    def facts(self, in_database: bool) -> LineFacts:
        obj = self.obj
        number = obj.get("case_number")
        year, _, sequence = (number or "").partition("/")
        system_id = (obj.get("system_id") or "").lower() or None
        block = obj.get(self.kind) or {}
        return LineFacts(
            line=self.line_no,
            external_id=self.external_id,
            digest=line_digest(obj) if in_database else None,
            office_id=self.office.id if self.office else None,
            case_number=(int(year), int(sequence)) if number else None,
            notification=self.kind == "incident_notification",
            system_id=system_id,
            system_id_derived=system_id == fmt.derived_case_system_id(self.external_id),
            journal_system_ids=tuple(self.journal_system_ids),
            references=tuple(self.references),
            parties=len(obj.get("parties") or ()),
            reactions=len(block.get("reactions") or ()) if self.kind == "supervision_case" else 0,
        )

    # -- the case -----------------------------------------------------------------------------------------
    def kind_block(self) -> None:
        if self.kind not in self.obj:
            self.add(self.kind, f"mangler: en sak av typen «{self.kind}» skal ha blokken «{self.kind}»")
        for other in sorted(BLOCK_NAMES.intersection(self.obj)):
            if other != self.kind:
                self.add(other, f"hører ikke til en sak av typen «{self.kind}»")

    def office_and_kind(self) -> None:
        code = self.obj["office"]
        self.office = self.reference.offices.get(code)
        if self.office is None:
            self.add("office", f"ukjent embete «{code}»")
        elif self.office.national and self.kind in COUNTY_GOVERNOR_ONLY:
            self.add("office", f"saker av typen «{self.kind}» behandles av statsforvalterne, ikke av «{code}»")
        elif not self.office.national and self.kind in NATIONAL_ONLY:
            self.add("office", f"saker av typen «{self.kind}» behandles bare av Statens helsetilsyn (HTIL), "
                               f"ikke av «{code}»")

    def dates_and_status(self) -> None:
        received = self.date("received", self.obj["received"])
        self.date("deadline", self.obj.get("deadline"))
        closed = self.date("closed", self.obj.get("closed"))
        if received and closed and closed < received:
            self.add("closed", f"avsluttet ({closed}) er før mottatt ({received})")
        status = self.obj["status"]
        if status == "closed" and not self.obj.get("closed"):
            self.add("closed", "mangler: status er «closed», så saken må ha en avsluttet-dato")
        elif status != "closed" and self.obj.get("closed"):
            self.add("status", f"er «{status}», men saken har avsluttet-dato ({self.obj['closed']}); "
                               "bruk status «closed»")

    # -- parties, assessments, journal --------------------------------------------------------------------
    def parties(self) -> None:
        for i, party in enumerate(self.obj.get("parties") or ()):
            path = f"parties[{i}]"
            ref = party["ref"]
            if ref in self.party_refs:
                self.add(f"{path}.ref", f"parten «{ref}» finnes allerede i saken")
            self.party_refs.add(ref)
            national_id = party.get("national_id")
            if national_id and not valid_fodselsnummer(national_id):
                self.add(f"{path}.national_id", f"«{national_id}» er ikke et gyldig fødselsnummer "
                                                "(kontrollsifrene stemmer ikke)")
            org_number = party.get("org_number")
            if org_number and not valid_org_number(org_number):
                self.add(f"{path}.org_number", f"«{org_number}» er ikke et gyldig organisasjonsnummer "
                                               "(kontrollsifferet stemmer ikke)")
            for name, vocabulary in fmt.PARTY_VOCABULARIES.items():
                self.term(f"{path}.{name}", vocabulary, party.get(name))
            self.municipality(f"{path}.municipality", party.get("municipality"))

    def assessments(self) -> None:
        assessments = self.obj.get("assessments")
        if not assessments:
            return
        catalogue, outcomes = self.assessment_rules()
        if outcomes is None:
            self.add("assessments", f"saker av typen «{self.kind}» har ikke vurderinger")
            return
        for i, assessment in enumerate(assessments):
            path = f"assessments[{i}]"
            if catalogue is None:
                self.add(f"{path}.provision", f"tilsynssaker i sektoren «{self.obj['sector']}» har ingen "
                                              "bestemmelseskatalog, og kan ikke ha vurderinger")
            else:
                self.provision(f"{path}.provision", assessment["provision"], catalogue)
            self.party_ref(f"{path}.party", assessment.get("party"))
            outcome = assessment.get("outcome")
            if outcome and outcome not in outcomes:
                allowed = ", ".join(f"«{o}»" for o in sorted(outcomes))
                self.add(f"{path}.outcome", f"«{outcome}» passer ikke for saker av typen «{self.kind}» "
                                            f"(tillatt: {allowed})")

    def assessment_rules(self) -> tuple[str | None, set[str] | None]:
        """The provision catalogue and the outcomes that assessments in this case may use."""
        if self.kind == "supervision_case":
            return fmt.SUPERVISION_CATALOGUE.get(self.obj["sector"]), fmt.SUPERVISION_OUTCOMES
        if self.kind == "rights_complaint":
            return PROVISION_CATALOGUE[self.obj["rights_complaint"]["complaint_type"]], fmt.COMPLAINT_OUTCOMES
        return None, None

    def journal(self) -> None:
        numbers = set()
        for i, entry in enumerate(self.obj.get("journal") or ()):
            path = f"journal[{i}]"
            number = entry["number"]
            if number in numbers:
                self.add(f"{path}.number", f"journalpost nummer {number} finnes allerede i saken")
            numbers.add(number)
            self.date(f"{path}.document_date", entry["document_date"])
            self.date(f"{path}.registered", entry["registered"])
            system_id = (entry.get("system_id") or "").lower()
            if system_id and system_id != fmt.derived_journal_system_id(self.external_id, number):
                self.journal_system_ids.append((f"{path}.system_id", system_id))

    # -- the kind block -----------------------------------------------------------------------------------
    def block(self) -> None:
        spec = fmt.BLOCKS[self.kind]
        block = self.obj[self.kind]
        for name, value in block.items():
            if value is None:
                continue
            field = spec.field(name)
            check = BLOCK_FIELD_CHECKS.get(field.type)
            if check:
                check(self, f"{self.kind}.{name}", field, value)
        rules = BLOCK_RULES.get(self.kind)
        if rules:
            rules(self, block)

    def check_date_field(self, path: str, field: fmt.Field, value: str) -> None:
        self.date(path, value)

    def check_term_field(self, path: str, field: fmt.Field, value: str) -> None:
        self.term(path, field.vocabulary, value)

    def check_terms_field(self, path: str, field: fmt.Field, values: list) -> None:
        for i, value in enumerate(values):
            self.term(f"{path}[{i}]", field.vocabulary, value)

    def check_office_field(self, path: str, field: fmt.Field, value: str) -> None:
        if value and value not in self.reference.offices:
            self.add(path, f"ukjent embete «{value}»")

    def check_offices_field(self, path: str, field: fmt.Field, values: list) -> None:
        for i, value in enumerate(values):
            self.check_office_field(f"{path}[{i}]", field, value)

    def check_provision_field(self, path: str, field: fmt.Field, value: str) -> None:
        self.provision(path, value, field.vocabulary)

    def check_case_ref_field(self, path: str, field: fmt.Field, value: str) -> None:
        self.case_ref(path, value, notification=True)

    def check_decimal_field(self, path: str, field: fmt.Field, value) -> None:
        if Decimal(str(value)) != round(Decimal(str(value)), 1):
            self.add(path, f"{value} har mer enn én desimal")

    def check_reactions(self, path: str, field: fmt.Field, reactions: list) -> None:
        if reactions and self.office is not None and not self.office.national:
            self.add(path, "administrative reaksjoner vedtas bare av Statens helsetilsyn (HTIL)")
        for i, reaction in enumerate(reactions):
            where = f"{path}[{i}]"
            self.party_ref(f"{where}.party", reaction["party"])
            self.term(f"{where}.type", "reaction_type", reaction["type"])
            self.date(f"{where}.decided", reaction["decided"])
            self.date(f"{where}.imi_notified", reaction.get("imi_notified"))
            for j, reason in enumerate(reaction.get("revocation_reasons") or ()):
                self.term(f"{where}.revocation_reasons[{j}]", "revocation_reason", reason)

    # -- block rules the schema cannot say --------------------------------------------------------------
    def supervision_rules(self, block: dict) -> None:
        if block.get("result") == "forwarded_to_helsetilsynet" and not block.get("forwarded_to_helsetilsynet"):
            self.add("supervision_case.forwarded_to_helsetilsynet",
                     "mangler: resultatet er oversendt Statens helsetilsyn, så datoen for oversendelsen må være med")

    def notification_rules(self, block: dict) -> None:
        routing = block.get("routing")
        if routing and not block.get("routing_date"):
            self.add("incident_notification.routing_date", f"mangler: varselet er avgjort («{routing}»), "
                                                           "så datoen for avgjørelsen må være med")
        forwarded_to = block.get("forwarded_to")
        if routing == "forwarded_to_county_governor" and not forwarded_to:
            self.add("incident_notification.forwarded_to", "mangler: varselet er oversendt statsforvalteren, "
                                                           "så embetet det gikk til må være med")
        entry = self.reference.offices.get(forwarded_to) if forwarded_to else None
        if entry is not None and entry.national:
            self.add("incident_notification.forwarded_to", "et varsel oversendes en statsforvalter, ikke HTIL")

    def dispensation_rules(self, block: dict) -> None:
        granted = block.get("persons_granted")
        if granted is not None and granted > block["persons_applied_for"]:
            self.add("coercion_ch9_dispensation.persons_granted",
                     f"{granted} innvilget er flere enn de {block['persons_applied_for']} det er søkt for")

    def ch9_vedtak_rules(self, block: dict) -> None:
        self.date_order(block, "coercion_ch9_vedtak", "valid_from", "valid_to", "gyldig fra", "gyldig til")

    # -- small helpers --------------------------------------------------------------------------------------
    def date(self, path: str, value: str | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.add(path, f"«{value}» er ikke en gyldig dato")
            return None

    def date_order(self, block: dict, kind: str, first: str, last: str, first_label: str, last_label: str) -> None:
        start, end = block.get(first), block.get(last)
        if start and end and end < start:  # ISO dates compare as strings
            self.add(f"{kind}.{last}", f"{last_label} ({end}) er før {first_label} ({start})")

    def term(self, path: str, vocabulary: str, code: str | None) -> None:
        if code and code not in self.reference.terms.get(vocabulary, ()):
            self.add(path, f"ukjent kode «{code}» i kodeverket «{vocabulary}»")

    def municipality(self, path: str, number: str | None) -> None:
        if number and number not in self.reference.municipalities:
            self.add(path, f"ukjent kommunenummer «{number}»")

    def provision(self, path: str, code: str, catalogue: str) -> None:
        entry = self.reference.provisions.get(code)
        if entry is None:
            self.add(path, f"ukjent bestemmelse «{code}»")
        elif entry[1] != catalogue:
            self.add(path, f"bestemmelsen «{code}» hører til katalogen «{entry[1]}», men denne saken bruker "
                           f"«{catalogue}»")

    def party_ref(self, path: str, ref: str | None) -> None:
        if ref and ref not in self.party_refs:
            self.add(path, f"ingen part med ref «{ref}» i saken")

    def case_ref(self, path: str, target: str | None, *, notification: bool) -> None:
        if target == self.external_id:
            self.add(path, "en sak kan ikke vise til seg selv")
        elif target:
            self.references.append((path, target, notification))


BLOCK_FIELD_CHECKS = {
    fmt.DATE: LineCheck.check_date_field,
    fmt.TERM: LineCheck.check_term_field,
    fmt.TERMS: LineCheck.check_terms_field,
    fmt.OFFICE: LineCheck.check_office_field,
    fmt.OFFICES: LineCheck.check_offices_field,
    fmt.PROVISION: LineCheck.check_provision_field,
    fmt.CASE_REF: LineCheck.check_case_ref_field,
    fmt.DECIMAL: LineCheck.check_decimal_field,
    fmt.REACTIONS: LineCheck.check_reactions,
}

BLOCK_RULES = {
    "supervision_case": LineCheck.supervision_rules,
    "incident_notification": LineCheck.notification_rules,
    "coercion_ch9_dispensation": LineCheck.dispensation_rules,
    "coercion_ch9_vedtak": LineCheck.ch9_vedtak_rules,
}
