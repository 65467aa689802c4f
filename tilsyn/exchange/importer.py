"""Import of a case exchange file (docs/exchange-format.md): check everything, then write it all or nothing.

Pass 1 reads the file and checks every line (`validate.py`, `file_check.py`; several processes for a large
file, `parallel.py`), noting for each line whether its case is new, changed or unchanged (by the fingerprint of
the line last imported). One problem anywhere and nothing is written. Pass 2 reads the file again and, in one
transaction, writes the new and changed cases in batches: rows are built by `rows.py` and written by
`writers.py`. Only small indexes are held in memory, never the whole file, so a million lines import as well
as ten.
"""
import contextlib
import io
import os
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from tilsyn.cases.models import Assessment, Case, JournalEntry, Party
from tilsyn.cases.services import CaseNumberCounter, case_numbers_highest
from tilsyn.exchange import format as fmt
from tilsyn.exchange.chunks import batched
from tilsyn.exchange.file_check import CHANGED, NEW, UNCHANGED, FileCheck
from tilsyn.exchange.indexes import CaseIndex, ReferenceIndex
from tilsyn.exchange.parallel import checked_runs
from tilsyn.exchange.rows import CASE, CASE_UPDATE_FIELDS, ExistingCase, RowBuilder, Rows
from tilsyn.exchange.validate import ImportProblem, line_digest, parse_json
from tilsyn.exchange.writers import IdAllocator, write_in_background
from tilsyn.notifications.models import IncidentNotification
from tilsyn.supervision.models import Reaction

BATCH_LINES = 2_000
ANALYZE_FROM_CASES = 10_000

Progress = Callable[[str, int, int | None], None]  # (stage, bytes done, bytes in all)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


class ImportRejected(Exception):
    """The file had problems, so nothing was written. `problems` holds the first hundred, `total` counts all."""

    def __init__(self, problems: list[ImportProblem], total: int):
        super().__init__(f"{total} feil")
        self.problems = problems
        self.total = total


@dataclass
class Plan:
    """What pass 1 found out, for pass 2."""

    check: FileCheck
    statuses: bytearray = field(default_factory=bytearray)  # one per line: SKIP, NEW, CHANGED, UNCHANGED
    case_ids: array = field(default_factory=lambda: array("q"))  # one per line, given before pass 2

    def case_id_of(self, external_id: str) -> int:
        """The id of a case in the file or in the database."""
        line = self.check.lines_by_external_id.get(external_id)
        if line is not None:
            return self.case_ids[line - 1]
        return self.check.cases.by_external_id[external_id][0]

    def count(self, status: int) -> int:
        return self.statuses.count(status)


def import_cases(path_or_stream, *, progress: Progress | None = None, prefer_copy: bool = True) -> ImportResult:
    """Import a JSON Lines file (a path, or a binary or text stream) of cases. Raises ImportRejected."""
    with open_source(path_or_stream) as (source, size):
        plan = check_file(source, size, progress)
        if plan.check.problems.total:
            raise ImportRejected(plan.check.problems.sorted(), plan.check.problems.total)
        source.seek(0)
        with transaction.atomic():
            write_file(source, size, plan, progress, prefer_copy)
    return ImportResult(plan.count(NEW), plan.count(CHANGED), plan.count(UNCHANGED))


@contextlib.contextmanager
def open_source(path_or_stream) -> Iterator[tuple]:
    """The file as a binary stream that can be read twice, and its size; streams (stdin among them) are copied
    to a temporary file first."""
    if isinstance(path_or_stream, (str, os.PathLike)):
        with open(path_or_stream, "rb") as f:
            yield f, os.fstat(f.fileno()).st_size
        return
    with tempfile.TemporaryFile() as spool:
        if isinstance(path_or_stream, io.TextIOBase):
            for text in path_or_stream:
                spool.write(text.encode())
        else:
            shutil.copyfileobj(path_or_stream, spool)
        size = spool.tell()
        spool.seek(0)
        yield spool, size


# -- pass 1 ---------------------------------------------------------------------------------------------------
def check_file(source, size: int | None, progress: Progress | None) -> Plan:
    reference = ReferenceIndex.load()
    cases = CaseIndex.load()
    plan = Plan(FileCheck(reference, cases))

    def report(done: int) -> None:
        if progress:
            progress("check", done, size)

    for checked in checked_runs(source, size, reference, cases.by_external_id, report):
        plan.check.add_lines(checked, len(plan.statuses) + 1, plan.statuses)
    plan.check.finish()
    return plan


# -- pass 2 ---------------------------------------------------------------------------------------------------
def write_file(source, size: int | None, plan: Plan, progress: Progress | None, prefer_copy: bool) -> None:
    ids = IdAllocator()
    assign_case_ids(plan, ids)
    party_ids = iter(ids.take(Party, plan.check.parties_to_write))
    reaction_ids = iter(ids.take(Reaction, plan.check.reactions_to_write))
    highest = case_numbers_highest()
    for key, sequence in plan.check.highest_sequence.items():
        highest[key] = max(highest.get(key, 0), sequence)
    builder = RowBuilder(plan.check.reference, plan.case_id_of, CaseNumberCounter(highest), timezone.now())
    with write_in_background(builder.tables(), prefer_copy) as writer:
        for batch in batched(lines_to_write(source, size, plan, progress), BATCH_LINES):
            changed = [plan.case_ids[line_no - 1] for line_no, _ in batch if plan.statuses[line_no - 1] == CHANGED]
            if changed:
                writer.wait()  # what follows reads and deletes; the rows of earlier batches must be in first
            existing = kept_from_changed_cases(changed)
            repeat_links = repeats_of(changed)
            clear_changed_cases(changed)
            rows = Rows()
            for line_no, obj in batch:
                case_id = plan.case_ids[line_no - 1]
                builder.add_case(rows, obj, case_id=case_id, digest=line_digest(obj).hex(),
                                 existing=existing.get(case_id), party_ids=party_ids, reaction_ids=reaction_ids)
            update_cases(rows.case_updates)
            writer.insert([(table, rows.insert[table]) for table in builder.tables() if rows.insert.get(table)])
            if changed:
                writer.wait()
                restore_repeat_links(repeat_links)
    if plan.count(NEW) + plan.count(CHANGED) >= ANALYZE_FROM_CASES:
        analyze(builder.tables())


def analyze(tables) -> None:
    """PostgreSQL: fresh planner statistics for the tables a large import wrote, in its transaction, so that the
    first queries after it (and those inside the same transaction) are not planned for the tables as they were.
    Without it a query on a freshly loaded database may be planned as if the tables were empty: nested loops
    over hundreds of thousands of rows. ANALYZE blocks neither readers nor writers."""
    if connection.vendor != "postgresql":
        return
    names = ", ".join(f'"{table.model._meta.db_table}"' for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")


def assign_case_ids(plan: Plan, ids: IdAllocator) -> None:
    """Every line's case id, before anything is written: the id it has, or a new one for a new case."""
    existing = plan.check.cases.by_external_id
    plan.case_ids = array("q", bytes(8 * len(plan.statuses)))
    new_ids = iter(ids.take(Case, plan.count(NEW)))
    for external_id, line in plan.check.lines_by_external_id.items():
        known = existing.get(external_id)
        plan.case_ids[line - 1] = known[0] if known else next(new_ids)


def lines_to_write(source, size, plan: Plan, progress) -> Iterator[tuple[int, dict]]:
    statuses = plan.statuses
    done = 0
    for line_no, raw in enumerate(source, 1):
        done += len(raw)
        if statuses[line_no - 1] in (NEW, CHANGED):
            yield line_no, parse_json(raw)
        if progress and line_no % 5_000 == 0:
            progress("write", done, size)
    if progress:
        progress("write", done, size)


def kept_from_changed_cases(case_ids: list[int]) -> dict[int, ExistingCase]:
    """What changed cases keep: their number, and the system ids of their journal entries."""
    if not case_ids:
        return {}
    journal: dict[int, dict] = {case_id: {} for case_id in case_ids}
    entries = JournalEntry.objects.filter(case_id__in=case_ids).values_list("case_id", "number", "system_id")
    for case_id, number, system_id in entries:
        journal[case_id][number] = system_id
    cases = Case.objects.filter(pk__in=case_ids).values_list("pk", "office_id", "case_year", "case_sequence")
    return {pk: ExistingCase(office_id, year, sequence, journal[pk]) for pk, office_id, year, sequence in cases}


def repeats_of(case_ids: list[int]) -> list[tuple[int, int]]:
    """Notifications outside the batch naming one of these cases as the first report of their incident:
    deleting the detail row sets their link to null (SET_NULL), so it is put back afterwards."""
    if not case_ids:
        return []
    repeats = IncidentNotification.objects.filter(duplicate_of_id__in=case_ids).exclude(case_id__in=case_ids)
    return list(repeats.values_list("case_id", "duplicate_of_id"))


def clear_changed_cases(case_ids: list[int]) -> None:
    """Remove what the new lines replace: parties, assessments, reactions, journal, the kind's details."""
    if not case_ids:
        return
    for model in (Assessment, Reaction, Party, JournalEntry):
        model.objects.filter(case_id__in=case_ids).delete()
    for block in fmt.BLOCKS.values():
        block.model.objects.filter(case_id__in=case_ids).delete()


def restore_repeat_links(links: list[tuple[int, int]]) -> None:
    if not links:
        return
    still_notifications = set(IncidentNotification.objects.filter(case_id__in={t for _, t in links})
                              .values_list("case_id", flat=True))
    restored = [IncidentNotification(case_id=case_id, duplicate_of_id=target)
                for case_id, target in links if target in still_notifications]
    IncidentNotification.objects.bulk_update(restored, ["duplicate_of"], batch_size=1_000)


def update_cases(rows: list[tuple]) -> None:
    """Rewrite changed cases in place: same id, same system id, one version up."""
    if not rows:
        return
    cases = []
    for row in rows:
        case = Case(**dict(zip(CASE.columns, row)))
        case.version = F("version") + 1
        cases.append(case)
    Case.objects.bulk_update(cases, CASE_UPDATE_FIELDS, batch_size=500)
