"""From a checked line to database rows: the one place that knows how the format maps onto the tables.

Rows are plain tuples in a table's column order, so that the same rows can go through PostgreSQL's COPY,
SQLite's executemany or `bulk_create` (`writers.py`). Ids of cases, parties and reactions are handed out before the rows are built
(children must name their parent), the other tables get theirs from the database.
"""
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db import models

from tilsyn.cases.models import Assessment, Case, JournalEntry, Party
from tilsyn.cases.services import CaseNumberCounter
from tilsyn.exchange import format as fmt
from tilsyn.exchange.indexes import ReferenceIndex
from tilsyn.supervision.models import Reaction


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    columns: tuple[str, ...]  # attnames

    @cached_property
    def db_columns(self) -> tuple[str, ...]:
        return tuple(self.model._meta.get_field(name).column for name in self.columns)

    def __repr__(self):
        return f"Table({self.model._meta.db_table})"


CASE = Table(Case, (
    "id", "system_id", "external_id", "kind", "office_id", "sector", "case_year", "case_sequence", "title",
    "summary", "status", "priority", "municipality_id", "origin_id", "received", "deadline", "closed", "synthetic",
    "exchange_hash", "created_at", "updated_at", "version",
))
# What an import rewrites in a case that is already there: all but its identity and what the format leaves out.
CASE_UPDATE_FIELDS = [name for name in CASE.columns if name not in {"id", "system_id", "external_id", "created_at"}]

PARTY = Table(Party, (
    "id", "case_id", "role", "name", "national_id", "org_number", "object_type_id", "profession_id",
    "service_level_id", "address", "postal_code", "postal_place", "municipality_id",
))
ASSESSMENT = Table(Assessment, ("case_id", "provision_id", "party_id", "outcome"))
JOURNAL = Table(JournalEntry, (
    "system_id", "case_id", "number", "type", "title", "public_title", "correspondent", "document_date",
    "registered", "screened", "screening_basis",
))
REACTION = Table(Reaction, ("id", "case_id", "party_id", "type_id", "decided", "imi_notified"))


def many_to_many_table(model: type[models.Model], name: str) -> Table:
    relation = model._meta.get_field(name)
    return Table(relation.remote_field.through,
                 (relation.m2m_field_name() + "_id", relation.m2m_reverse_field_name() + "_id"))


REACTION_REASONS = many_to_many_table(Reaction, "revocation_reasons")


@dataclass(frozen=True)
class BlockTables:
    """The detail table of a kind, and a many-to-many table per list field."""

    block: fmt.Block
    detail: Table
    scalar_fields: tuple[fmt.Field, ...]
    many: dict[str, Table]
    attnames: dict[str, str]  # field name → column attname in the detail table


def block_tables(block: fmt.Block) -> BlockTables:
    model = block.model
    scalar = tuple(f for f in block.fields if f.type not in fmt.MANY and f.type != fmt.REACTIONS)
    attnames = {f.name: model._meta.get_field(f.name).attname for f in scalar}
    many = {f.name: many_to_many_table(model, f.name) for f in block.fields if f.type in fmt.MANY}
    return BlockTables(block, Table(model, ("case_id", *attnames.values())), scalar, many, attnames)


# Parents before children, so that the rows can be written in this order.
def all_tables(blocks: dict[str, BlockTables]) -> list[Table]:
    tables = [CASE, PARTY]
    tables += [b.detail for b in blocks.values()]
    tables += [REACTION, ASSESSMENT, JOURNAL, REACTION_REASONS]
    tables += [t for b in blocks.values() for t in b.many.values()]
    return tables


@dataclass
class Rows:
    """Rows to insert per table, and rows of cases to update in place."""

    insert: dict[Table, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    case_updates: list[tuple] = field(default_factory=list)

    def add(self, table: Table, row: tuple) -> None:
        self.insert[table].append(row)


@dataclass(frozen=True)
class ExistingCase:
    """What a changed case keeps from before: its number (unless it moved office) and its journal's system ids."""

    office_id: int
    case_year: int
    case_sequence: int
    journal_system_ids: dict[int, object]  # number → system id


class RowBuilder:
    """Builds the rows of one line at a time.

    `case_id_of` gives the id of any case in the file or the database by external id: every case's id is
    known before the first row is written, so a reference to a case further down the file is written as it
    is. The foreign keys are checked at commit (Django makes them deferrable, initially deferred)."""

    def __init__(self, reference: ReferenceIndex, case_id_of: Callable[[str], int], counter: CaseNumberCounter,
                 now):
        self.reference = reference
        self.case_id_of = case_id_of
        self.counter = counter
        self.now = now
        self.blocks = {kind: block_tables(block) for kind, block in fmt.BLOCKS.items()}

    def tables(self) -> list[Table]:
        return all_tables(self.blocks)

    def add_case(self, rows: Rows, obj: dict, *, case_id: int, digest: str, existing: ExistingCase | None,
                 party_ids: Iterator[int], reaction_ids: Iterator[int]) -> None:
        row = self.case_row(obj, case_id, digest, existing)
        if existing is None:
            rows.add(CASE, row)
        else:
            rows.case_updates.append(row)
        parties = self.parties(rows, obj, case_id, party_ids)
        self.assessments(rows, obj, case_id, parties)
        self.journal(rows, obj, case_id, existing)
        self.block(rows, obj, case_id, parties, reaction_ids)

    # -- the case row -------------------------------------------------------------------------------------
    def case_row(self, obj: dict, case_id: int, digest: str, existing: ExistingCase | None) -> tuple:
        external_id = obj["external_id"]
        office_id = self.reference.offices[obj["office"]].id
        received = date.fromisoformat(obj["received"])
        year, sequence = self.case_number(obj, office_id, received, existing)
        system_id = obj.get("system_id") or fmt.derived_case_system_id(external_id)
        return (
            case_id, system_id, external_id, obj["kind"], office_id, obj["sector"], year, sequence, obj["title"],
            obj.get("summary") or "", obj["status"], bool(obj.get("priority")),
            self.municipality_id(obj.get("municipality")), self.case_ref(obj.get("origin")),
            received, optional_date(obj.get("deadline")), optional_date(obj.get("closed")),
            bool(obj.get("synthetic")), digest, self.now, self.now, 1,
        )

    def case_number(self, obj: dict, office_id: int, received: date, existing: ExistingCase | None):
        number = obj.get("case_number")
        if number:
            year, sequence = number.split("/")
            return int(year), int(sequence)
        if existing is not None and existing.office_id == office_id:
            return existing.case_year, existing.case_sequence
        return received.year, self.counter.next(office_id=office_id, year=received.year)

    def case_ref(self, target: str | None) -> int | None:
        return self.case_id_of(target) if target else None

    # -- parties, assessments, journal --------------------------------------------------------------------
    def parties(self, rows: Rows, obj: dict, case_id: int, ids: Iterator[int]) -> dict[str, int]:
        party_ids = {}
        terms = self.reference.terms
        for party in obj.get("parties") or ():
            party_id = party_ids[party["ref"]] = next(ids)
            object_type, profession, service_level = (
                term_id(terms, vocabulary, party.get(name)) for name, vocabulary in fmt.PARTY_VOCABULARIES.items())
            rows.add(PARTY, (
                party_id, case_id, party["role"], party["name"], party.get("national_id") or "",
                party.get("org_number") or "", object_type, profession, service_level, party.get("address") or "",
                party.get("postal_code") or "", party.get("postal_place") or "",
                self.municipality_id(party.get("municipality")),
            ))
        return party_ids

    def assessments(self, rows: Rows, obj: dict, case_id: int, parties: dict[str, int]) -> None:
        for assessment in obj.get("assessments") or ():
            rows.add(ASSESSMENT, (
                case_id, self.reference.provisions[assessment["provision"]][0],
                parties.get(assessment.get("party")), assessment.get("outcome") or "",
            ))

    def journal(self, rows: Rows, obj: dict, case_id: int, existing: ExistingCase | None) -> None:
        kept = existing.journal_system_ids if existing else {}
        for entry in obj.get("journal") or ():
            number = entry["number"]
            system_id = (entry.get("system_id") or kept.get(number)
                         or fmt.derived_journal_system_id(obj["external_id"], number))
            screened = entry.get("screened")
            rows.add(JOURNAL, (
                system_id, case_id, number, entry["type"], entry["title"], entry.get("public_title") or "",
                entry.get("correspondent") or "", date.fromisoformat(entry["document_date"]),
                date.fromisoformat(entry["registered"]), screened is not False, entry.get("screening_basis") or "",
            ))

    # -- the kind block -----------------------------------------------------------------------------------
    def block(self, rows: Rows, obj: dict, case_id: int, parties: dict[str, int], reaction_ids) -> None:
        tables = self.blocks[obj["kind"]]
        values = obj[obj["kind"]]
        detail = [case_id]
        for f in tables.scalar_fields:
            detail.append(self.value(f, values.get(f.name)))
        rows.add(tables.detail, tuple(detail))
        for name, table in tables.many.items():
            field_ = tables.block.field(name)
            for code in values.get(name) or ():
                rows.add(table, (case_id, self.code_id(field_, code)))
        for reaction in values.get("reactions") or ():
            self.reaction(rows, case_id, reaction, parties, next(reaction_ids))

    def value(self, f: fmt.Field, value):
        """A block field's value as its column holds it."""
        if value is None or value == "":
            return f.empty
        if f.type == fmt.DATE:
            return date.fromisoformat(value)
        if f.type == fmt.DECIMAL:
            return Decimal(str(value))
        if f.type == fmt.CASE_REF:
            return self.case_id_of(value)
        if f.type in fmt.FOREIGN_KEYS:
            return self.code_id(f, value)
        return value

    def code_id(self, f: fmt.Field, code: str) -> int:
        if f.type in (fmt.TERM, fmt.TERMS):
            return self.reference.terms[f.vocabulary][code]
        if f.type in (fmt.OFFICE, fmt.OFFICES):
            return self.reference.offices[code].id
        return self.reference.provisions[code][0]

    def reaction(self, rows: Rows, case_id: int, reaction: dict, parties: dict[str, int], reaction_id: int):
        terms = self.reference.terms
        rows.add(REACTION, (
            reaction_id, case_id, parties[reaction["party"]], terms["reaction_type"][reaction["type"]],
            date.fromisoformat(reaction["decided"]), optional_date(reaction.get("imi_notified")),
        ))
        for reason in reaction.get("revocation_reasons") or ():
            rows.add(REACTION_REASONS, (reaction_id, terms["revocation_reason"][reason]))

    def municipality_id(self, number: str | None) -> int | None:
        return self.reference.municipalities[number] if number else None


def term_id(terms: dict[str, dict[str, int]], vocabulary: str, code: str | None) -> int | None:
    return terms[vocabulary][code] if code else None


def optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
