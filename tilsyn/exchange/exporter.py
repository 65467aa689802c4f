"""Export of cases in the canonical form of the exchange format (docs/exchange-format.md).

Canonical: lines sorted by external id, keys in the documented order, defaults left out, lists in the order
they were imported (by id), compact separators, UTF-8 as is. Export, import into an empty database and export
again gives the same bytes. Cases are read in chunks, each chunk's children with one query per table.
"""
import io
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q

from tilsyn.cases.models import Assessment, Case, JournalEntry, Party
from tilsyn.exchange import format as fmt
from tilsyn.exchange.indexes import ReferenceIndex
from tilsyn.exchange.rows import REACTION_REASONS, block_tables
from tilsyn.supervision.models import Reaction

CHUNK = 2_000

CASE_COLUMNS = (
    "pk", "external_id", "system_id", "kind", "office_id", "sector", "case_year", "case_sequence", "title",
    "summary", "status", "priority", "municipality_id", "origin_id", "received", "deadline", "closed", "synthetic",
)
KIND, ORIGIN = CASE_COLUMNS.index("kind"), CASE_COLUMNS.index("origin_id")
PARTY_COLUMNS = (
    "pk", "case_id", "role", "name", "national_id", "org_number", "object_type_id", "profession_id",
    "service_level_id", "address", "postal_code", "postal_place", "municipality_id",
)
JOURNAL_COLUMNS = (
    "case_id", "number", "type", "title", "public_title", "correspondent", "document_date", "registered",
    "screened", "screening_basis", "system_id",
)


def cases_to_export(*, year: int | None = None, office: str | None = None, kind: str | None = None):
    """The cases an export with these filters holds. `year`: received or closed in the year, or open at some
    time in it (received before its end and not closed before its start)."""
    cases = Case.objects.all()
    if year is not None:
        cases = cases.filter(received__lte=date(year, 12, 31)).filter(
            Q(closed__isnull=True) | Q(closed__gte=date(year, 1, 1)))
    if office is not None:
        cases = cases.filter(office__code=office)
    if kind is not None:
        cases = cases.filter(kind=kind)
    return cases


def export_cases(stream, *, year: int | None = None, office: str | None = None, kind: str | None = None) -> int:
    """Write the cases, one line each, to `stream` (binary or text); returns how many."""
    write = stream.write if isinstance(stream, io.TextIOBase) else (lambda text: stream.write(text.encode()))
    # Sorted here rather than by the database, whose collation may not sort as the canonical form does.
    ordered = sorted(cases_to_export(year=year, office=office, kind=kind).values_list("external_id", "pk"))
    lines = LineWriter(ReferenceIndex.load())
    for start in range(0, len(ordered), CHUNK):
        chunk_ids = [pk for _, pk in ordered[start:start + CHUNK]]
        write("".join(line + "\n" for line in lines.chunk(chunk_ids)))
    return len(ordered)


class Chunk:
    """One chunk of cases and everything that belongs to them, fetched with one query per table."""

    def __init__(self, case_ids: list[int], blocks: dict):
        self.cases = {row[0]: row for row in Case.objects.filter(pk__in=case_ids).values_list(*CASE_COLUMNS)}
        self.parties = group(Party.objects.filter(case_id__in=case_ids).order_by("pk")
                             .values_list(*PARTY_COLUMNS), key=1)
        self.assessments = group(Assessment.objects.filter(case_id__in=case_ids).order_by("pk")
                                 .values_list("case_id", "provision_id", "party_id", "outcome"), key=0)
        self.journal = group(JournalEntry.objects.filter(case_id__in=case_ids).order_by("pk")
                             .values_list(*JOURNAL_COLUMNS), key=0)
        self.reactions = group(Reaction.objects.filter(case_id__in=case_ids).order_by("pk")
                               .values_list("pk", "case_id", "party_id", "type_id", "decided", "imi_notified"), key=1)
        reaction_ids = [r[0] for rows in self.reactions.values() for r in rows]
        self.reasons = many_values(REACTION_REASONS, reaction_ids)
        self.details: dict[str, dict[int, dict]] = {}  # kind → case id → detail row
        self.many: dict[str, dict[str, dict]] = {}  # kind → list field → case id → linked ids
        for kind, tables in blocks.items():
            self.fetch_details(kind, tables)
        self.external_ids = self.referred_external_ids()

    def fetch_details(self, kind: str, tables) -> None:
        ids = [pk for pk, row in self.cases.items() if row[KIND] == kind]
        if ids:
            rows = tables.detail.model.objects.filter(case_id__in=ids).values(*tables.detail.columns)
            self.details[kind] = {row["case_id"]: row for row in rows}
            self.many[kind] = {name: many_values(table, ids) for name, table in tables.many.items()}

    def referred_external_ids(self) -> dict[int, str]:
        """External ids of the cases these cases refer to (origin, duplicate_of), wherever those are."""
        ids = {row[ORIGIN] for row in self.cases.values() if row[ORIGIN]}
        ids |= {row["duplicate_of_id"] for row in self.details.get("incident_notification", {}).values()
                if row["duplicate_of_id"]}
        return dict(Case.objects.filter(pk__in=ids).values_list("pk", "external_id")) if ids else {}


def group(rows, *, key: int) -> dict[int, list[tuple]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def many_values(table, owner_ids: list[int]) -> dict[int, list[int]]:
    """owner id → ids it links to, in the order the links were made."""
    if not owner_ids:
        return {}
    owner, target = table.columns
    rows = table.model.objects.filter(**{f"{owner}__in": owner_ids}).order_by("pk").values_list(owner, target)
    linked = defaultdict(list)
    for owner_id, target_id in rows:
        linked[owner_id].append(target_id)
    return linked


def put(obj: dict, key: str, value, default=None) -> None:
    """Set obj[key] unless the value is the field's default, which the canonical form leaves out."""
    if value is None or value == default or (isinstance(value, (str, list)) and not value):
        return
    obj[key] = value


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


class LineWriter:
    """Turns chunks of cases into canonical lines."""

    def __init__(self, reference: ReferenceIndex):
        self.offices = reference.office_codes()
        self.municipalities = reference.municipality_numbers()
        self.provisions = reference.provision_codes()
        self.terms = reference.term_codes()
        self.blocks = {kind: block_tables(block) for kind, block in fmt.BLOCKS.items()}

    def chunk(self, case_ids: list[int]):
        chunk = Chunk(case_ids, self.blocks)
        for case_id in case_ids:
            yield json.dumps(self.case(chunk, case_id), ensure_ascii=False, separators=(",", ":"))

    def case(self, chunk: Chunk, case_id: int) -> dict:
        (_, external_id, system_id, kind, office_id, sector, year, sequence, title, summary, status, priority,
         municipality_id, origin_id, received, deadline, closed, synthetic) = chunk.cases[case_id]
        obj = {"external_id": external_id, "system_id": str(system_id), "kind": kind,
               "office": self.offices[office_id], "sector": sector, "case_number": f"{year}/{sequence}",
               "title": title}
        put(obj, "summary", summary)
        obj["status"] = status
        put(obj, "priority", priority, False)
        put(obj, "municipality", self.municipalities.get(municipality_id))
        put(obj, "origin", chunk.external_ids.get(origin_id))
        obj["received"] = received.isoformat()
        put(obj, "deadline", iso(deadline))
        put(obj, "closed", iso(closed))
        put(obj, "synthetic", synthetic, False)
        refs = {row[0]: f"p{i}" for i, row in enumerate(chunk.parties.get(case_id, ()), 1)}
        put(obj, "parties", [self.party(row, refs) for row in chunk.parties.get(case_id, ())])
        put(obj, "assessments", [self.assessment(row, refs) for row in chunk.assessments.get(case_id, ())])
        put(obj, "journal", [self.journal_entry(row) for row in chunk.journal.get(case_id, ())])
        obj[kind] = self.block(chunk, kind, case_id, refs)
        return obj

    def party(self, row: tuple, refs: dict[int, str]) -> dict:
        (pk, _, role, name, national_id, org_number, object_type_id, profession_id, service_level_id, address,
         postal_code, postal_place, municipality_id) = row
        party = {"ref": refs[pk], "role": role, "name": name}
        put(party, "national_id", national_id)
        put(party, "org_number", org_number)
        put(party, "object_type", self.terms.get(object_type_id))
        put(party, "profession", self.terms.get(profession_id))
        put(party, "service_level", self.terms.get(service_level_id))
        put(party, "address", address)
        put(party, "postal_code", postal_code)
        put(party, "postal_place", postal_place)
        put(party, "municipality", self.municipalities.get(municipality_id))
        return party

    def assessment(self, row: tuple, refs: dict[int, str]) -> dict:
        _, provision_id, party_id, outcome = row
        assessment = {"provision": self.provisions[provision_id]}
        put(assessment, "party", refs.get(party_id))
        put(assessment, "outcome", outcome)
        return assessment

    def journal_entry(self, row: tuple) -> dict:
        (_, number_, type_, title, public_title, correspondent, document_date, registered, screened,
         screening_basis, system_id) = row
        entry = {"number": number_, "type": type_, "title": title}
        put(entry, "public_title", public_title)
        put(entry, "correspondent", correspondent)
        entry["document_date"] = document_date.isoformat()
        entry["registered"] = registered.isoformat()
        put(entry, "screened", screened, True)
        put(entry, "screening_basis", screening_basis)
        entry["system_id"] = str(system_id)
        return entry

    def block(self, chunk: Chunk, kind: str, case_id: int, refs: dict[int, str]) -> dict:
        tables = self.blocks[kind]
        detail = chunk.details[kind][case_id]
        many = chunk.many[kind]
        block = {}
        for f in tables.block.fields:
            if f.type in fmt.MANY:
                codes = self.offices if f.type == fmt.OFFICES else self.terms
                put(block, f.name, [codes[i] for i in many[f.name].get(case_id, ())])
            elif f.type == fmt.REACTIONS:
                put(block, f.name, [self.reaction(chunk, row, refs) for row in chunk.reactions.get(case_id, ())])
            else:
                put(block, f.name, self.block_value(chunk, f, detail[tables.attnames[f.name]]), f.empty)
        return block

    def block_value(self, chunk: Chunk, f: fmt.Field, value):
        if value is None:
            return None
        if f.type == fmt.DATE:
            return value.isoformat()
        if f.type == fmt.DECIMAL:
            return number(value)
        if f.type == fmt.TERM:
            return self.terms[value]
        if f.type == fmt.OFFICE:
            return self.offices[value]
        if f.type == fmt.PROVISION:
            return self.provisions[value]
        if f.type == fmt.CASE_REF:
            return chunk.external_ids[value]
        return value

    def reaction(self, chunk: Chunk, row: tuple, refs: dict[int, str]) -> dict:
        pk, _, party_id, type_id, decided, imi_notified = row
        reaction = {"party": refs[party_id], "type": self.terms[type_id], "decided": decided.isoformat()}
        put(reaction, "revocation_reasons", [self.terms[i] for i in chunk.reasons.get(pk, ())])
        put(reaction, "imi_notified", iso(imi_notified))
        return reaction
