"""An import's foreign keys on PostgreSQL: checked per batch, set-based, instead of by a trigger per row.

PostgreSQL checks a foreign key with a trigger for every row inserted: half of the server's work in a large
import (121 µs a case with the triggers, 64 without; benchmarks/README.md). Pass 1 has already
checked every reference against the reference data and the cases, so where it is safe the import writes its
COPYs with `session_replication_role = replica`, in which those triggers do not fire, and checks each batch's
references itself: one query per referenced table over the distinct ids the batch names, taking the lock the
triggers would take (FOR KEY SHARE), so that nobody can delete a referenced row before the import commits.
References to other cases (`origin`, `duplicate_of`), which may name a case further down the file, are checked
once after the last batch. A reference that is not there raises IntegrityError, as the trigger would.

Safe means: PostgreSQL, the privilege to set the parameter (a superuser, or on PostgreSQL 15
`GRANT SET ON PARAMETER session_replication_role`), and no triggers of our own on the tables written, which
replica mode would silence too. Anywhere else the triggers check the rows, with the same result.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, models

from tilsyn.exchange.rows import Table

# References from a case to another case: a line may name a case further down the file, in a later batch.
CASE_REFERENCES = {("cases_case", "origin_id"), ("notifications_incidentnotification", "duplicate_of_id")}


@dataclass(frozen=True)
class Reference:
    position: int  # of the column in the table's rows
    column: str
    parent: str  # the referenced table
    key: str  # and its column


def references(table: Table) -> list[Reference]:
    found = []
    for position, name in enumerate(table.columns):
        field = table.model._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            target = field.target_field
            found.append(Reference(position, field.column, target.model._meta.db_table, target.column))
    return found


def can_check_per_batch(cursor, tables: Iterable[Table]) -> bool:
    """PostgreSQL, allowed to set the parameter, and no trigger on the tables but the foreign keys' own."""
    cursor.execute("SELECT current_setting('is_superuser') = 'on', current_setting('server_version_num')::int")
    superuser, version = cursor.fetchone()
    if not superuser:
        if version < 150000:  # parameter privileges came with PostgreSQL 15
            return False
        cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        if not cursor.fetchone()[0]:
            return False
    cursor.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(%s::regclass[])",
                   [[table.model._meta.db_table for table in tables]])
    return cursor.fetchone()[0] == 0


class BatchKeyCheck:
    """The references of the rows written, checked a batch at a time (`check`) and at the end (`finish`)."""

    def __init__(self, tables: Iterable[Table]):
        self.references = {table: references(table) for table in tables}
        self.later: dict[tuple[str, str], set] = defaultdict(set)

    def check(self, cursor, batch: list[tuple[Table, list[tuple]]]) -> None:
        named: dict[tuple[str, str], set] = defaultdict(set)
        for table, rows in batch:
            for ref in self.references[table]:
                later = (table.model._meta.db_table, ref.column) in CASE_REFERENCES
                (self.later if later else named)[(ref.parent, ref.key)].update(row[ref.position] for row in rows)
        for (parent, key), ids in named.items():
            lock_all(cursor, parent, key, ids)

    def finish(self, cursor) -> None:
        for (parent, key), ids in self.later.items():
            lock_all(cursor, parent, key, ids)
        self.later.clear()


def lock_all(cursor, parent: str, key: str, ids: set) -> None:
    """Lock the rows as a foreign-key trigger would; IntegrityError if one of them is not there."""
    ids.discard(None)
    if not ids:
        return
    # Table and column names from the models' own metadata, never from input.
    cursor.execute(f'SELECT "{key}" FROM "{parent}" WHERE "{key}" = ANY(%s) FOR KEY SHARE', [list(ids)])  # nosec B608
    missing = ids.difference(row[0] for row in cursor.fetchall())
    if missing:
        raise IntegrityError(f'{parent}.{key} = {min(missing)} is not there (of {len(missing)} missing)')
