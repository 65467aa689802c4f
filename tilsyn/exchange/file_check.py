"""Checks that need more than one line: the rules of the whole file and of the database it goes into.

Fed with each line's `LineFacts` in line order, `FileCheck` finds external ids and case numbers used twice
(in the file, or by another case in the database), system ids given twice, and says for every line whether its
case is new, changed or unchanged. `finish` then checks references between cases, which may point further
down the file, and the few things that need a query (in batches, `database_checks.py`).

It also keeps what the write pass needs: the line of every external id, the highest case number given per
office and year, and how many parties and reactions will be written.
"""
from tilsyn.exchange.database_checks import check_against_database
from tilsyn.exchange.indexes import CaseIndex, ReferenceIndex, case_number_key
from tilsyn.exchange.validate import CheckedLines, ImportProblem, LineFacts, ProblemList

# What the first pass decides for each line.
SKIP, NEW, CHANGED, UNCHANGED = 0, 1, 2, 3


class FileCheck:
    def __init__(self, reference: ReferenceIndex, cases: CaseIndex):
        self.reference = reference
        self.cases = cases
        self.problems = ProblemList()
        self.lines_by_external_id: dict[str, int] = {}
        self.highest_sequence: dict[tuple[int, int], int] = {}
        self.number_lines: dict[int, int] = {}  # case_number_key → line
        self.references: list[tuple[int, str, str, str, bool]] = []  # line, field, source, target, notification
        self.notifications: set[str] = set()
        self.case_system_ids: dict[str, tuple[int, str]] = {}  # given system id → (line, external id)
        self.journal_system_ids: dict[str, tuple[int, str, str]] = {}  # … → (line, external id, field)
        self.parties_to_write = 0
        self.reactions_to_write = 0
        self.office_codes = reference.office_codes()

    def refuse(self, line: int, field: str | None, message: str) -> None:
        self.problems.add(ImportProblem(line, field, message))

    def add_lines(self, checked: CheckedLines, first_line: int, statuses: bytearray) -> None:
        """Take in a run of checked lines starting at `first_line`, noting each line's status."""
        offset = first_line - 1
        for problem in checked.problems:
            self.problems.add(ImportProblem(problem.line + offset, problem.field, problem.message))
        run_statuses = bytearray(checked.lines)
        for facts in checked.facts:
            run_statuses[facts.line - 1] = self.add(facts, facts.line + offset)
        statuses += run_statuses

    def add(self, facts: LineFacts, line: int) -> int:
        """The file-wide rules for one line; returns its status (NEW, CHANGED, UNCHANGED)."""
        earlier = self.lines_by_external_id.setdefault(facts.external_id, line)
        if earlier != line:
            self.refuse(line, "external_id", f"«{facts.external_id}» finnes allerede på linje {earlier}")
            return SKIP  # a repeated line: what else is wrong with it hardly matters
        self.case_number(facts, line)
        self.system_ids(facts, line)
        for field, target, notification in facts.references:
            self.references.append((line, field, facts.external_id, target, notification))
        if facts.notification:
            self.notifications.add(facts.external_id)
        before = self.cases.by_external_id.get(facts.external_id)
        if before is not None and before[1] == facts.digest.hex():
            return UNCHANGED  # the same content as last imported
        self.parties_to_write += facts.parties
        self.reactions_to_write += facts.reactions
        return NEW if before is None else CHANGED

    def case_number(self, facts: LineFacts, line: int) -> None:
        if facts.case_number is None or facts.office_id is None:
            return
        year, sequence = facts.case_number
        key = case_number_key(facts.office_id, year, sequence)
        number = f"{year}/{sequence}"
        office = self.office_codes[facts.office_id]
        earlier = self.number_lines.setdefault(key, line)
        holder = self.cases.number_holders.get(key)
        if earlier != line:
            self.refuse(line, "case_number", f"saksnummeret {number} ved «{office}» er allerede brukt på linje "
                                             f"{earlier}")
        elif holder is not None and holder != facts.external_id:
            self.refuse(line, "case_number", f"saksnummeret {number} ved «{office}» tilhører allerede saken "
                                             f"«{holder}»")
        highest = self.highest_sequence
        if sequence > highest.get((facts.office_id, year), 0):
            highest[(facts.office_id, year)] = sequence

    def system_ids(self, facts: LineFacts, line: int) -> None:
        """A system id given in the file must be unique. One derived from a new external id is, as the external
        id is; any other is checked here and, after the last line, against the database."""
        system_id = facts.system_id
        if system_id and not (facts.system_id_derived and facts.external_id not in self.cases.by_external_id):
            earlier = self.case_system_ids.setdefault(system_id, (line, facts.external_id))
            if earlier[0] != line:
                self.refuse(line, "system_id", f"systemID {system_id} er allerede brukt på linje {earlier[0]}")
        for field, journal_id in facts.journal_system_ids:
            earlier = self.journal_system_ids.setdefault(journal_id, (line, facts.external_id, field))
            if earlier[0] != line:
                self.refuse(line, field, f"systemID {journal_id} er allerede brukt på linje {earlier[0]}")

    def finish(self) -> None:
        """References between cases, now that every line has been seen; then the checks that need a query."""
        in_database = []
        for line, field, source, target, notification in self.references:
            if target in self.lines_by_external_id:
                if notification and target not in self.notifications:
                    self.refuse(line, field, f"«{target}» er ikke et varsel om alvorlig hendelse")
            elif target in self.cases.by_external_id:
                if notification:
                    in_database.append((line, field, target))
            else:
                self.refuse(line, field, f"fant ingen sak «{target}» i filen eller i databasen")
        for line, field, message in check_against_database(self, in_database):
            self.refuse(line, field, message)
