"""Writing the rows built by `rows.py`, three ways behind one interface.

* PostgreSQL: COPY … FROM STDIN, in a second thread on the same connection, so that the server stores one
  batch while Python builds the next. COPY is there for speed alone: `bulk_create` spends most of its time
  building model objects and SQL (see benchmarks/README.md for the figures).
* SQLite: executemany of one INSERT, for the same reason (the 100 000-case test would take twice as long).
* Any other database: `bulk_create`, the portable way.

All three write the same tuples, and must be used inside the import's transaction.
"""
import contextlib
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from tilsyn.exchange.rows import Table

BULK_CREATE_BATCH = 1_000
SEQUENCE_BLOCK = 100_000


class IdAllocator:
    """Hands out primary keys ahead of the insert, so that children can name their parent in the same batch.

    PostgreSQL: taken from the table's own sequence, safe alongside other writers. SQLite: counted on from the
    highest id, safe because the import's transaction holds SQLite's write lock from its start."""

    def __init__(self):
        self.next_free: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int) -> Sequence[int]:
        if count == 0:
            return ()
        if connection.vendor == "postgresql":
            return self.from_sequence(model, count)
        start = self.next_free.get(model) or self.highest(model) + 1
        self.next_free[model] = start + count
        return range(start, start + count)

    def from_sequence(self, model, count: int) -> array:
        ids = array("q")
        with connection.cursor() as cursor:
            while len(ids) < count:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [model._meta.db_table, model._meta.pk.column, min(SEQUENCE_BLOCK, count - len(ids))],
                )
                ids.extend(row[0] for row in cursor.fetchall())
        return ids

    def highest(self, model) -> int:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            # Identifiers from the model's own metadata, never from input.
            cursor.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) FROM "{table}"')  # nosec B608
            highest = cursor.fetchone()[0]
            # AUTOINCREMENT tables never reuse an id, not even one whose row was deleted.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        return max(highest, row[0] if row else 0)


class OrmWriter:
    """Inserts through `bulk_create`: portable, and fast enough for SQLite and for files of moderate size."""

    def insert(self, table: Table, rows: Iterable[tuple]) -> None:
        model, columns = table.model, table.columns
        objects = [model(**dict(zip(columns, row))) for row in rows]
        model.objects.bulk_create(objects, batch_size=BULK_CREATE_BATCH)


class ExecutemanyWriter:
    """SQLite: one plain INSERT run with executemany; values that SQLite cannot take as they are (UUIDs, aware
    datetimes, decimals) go through Django's own field adaptation. Several times faster than bulk_create,
    which builds a model object and a placeholder per value."""

    ADAPTED = (models.UUIDField, models.DateTimeField, models.DecimalField)

    def insert(self, table: Table, rows: Iterable[tuple]) -> None:
        fields = [table.model._meta.get_field(name) for name in table.columns]
        adapted = [i for i, f in enumerate(fields) if isinstance(f, self.ADAPTED)]
        if adapted:
            rows = [self.adapt(row, fields, adapted) for row in rows]
        columns = ", ".join(f'"{column}"' for column in table.db_columns)
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(f'INSERT INTO "{table.model._meta.db_table}" ({columns}) VALUES ({placeholders})',
                               rows)

    @staticmethod
    def adapt(row: tuple, fields: list, adapted: list[int]) -> tuple:
        row = list(row)
        for i in adapted:
            row[i] = fields[i].get_db_prep_save(row[i], connection)
        return tuple(row)


class CopyWriter:
    """Inserts through PostgreSQL's COPY … FROM STDIN (psycopg 3)."""

    def __init__(self, database=None):
        self.database = database or connection

    def insert(self, table: Table, rows: Iterable[tuple]) -> None:
        columns = ", ".join(f'"{column}"' for column in table.db_columns)
        sql = f'COPY "{table.model._meta.db_table}" ({columns}) FROM STDIN'
        with self.database.cursor() as cursor:
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)


Batch = list[tuple[Table, list[tuple]]]


class Synchronous:
    """Writes each batch at once, in this thread."""

    def __init__(self, writer):
        self.writer = writer

    def insert(self, batch: Batch) -> None:
        for table, rows in batch:
            self.writer.insert(table, rows)

    def wait(self) -> None:
        pass


class InBackground:
    """Writes each batch in a second thread, on this thread's connection (so in its transaction), while the
    caller builds the next. One batch at a time: `insert` first waits for the one before."""

    def __init__(self, database):
        self.writer = CopyWriter(database)
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")
        self.running: Future | None = None

    def insert(self, batch: Batch) -> None:
        self.wait()
        self.running = self.thread.submit(Synchronous(self.writer).insert, batch)

    def wait(self) -> None:
        running, self.running = self.running, None
        if running is not None:
            running.result()  # raises what the writer raised


@contextlib.contextmanager
def write_in_background(prefer_copy: bool = True) -> Iterator[Synchronous | InBackground]:
    """A writer for the import's batches: COPY in a second thread on PostgreSQL (unless `prefer_copy` is
    False: then bulk_create), executemany on SQLite, bulk_create elsewhere."""
    if connection.vendor == "sqlite":
        yield Synchronous(ExecutemanyWriter())
        return
    if not (prefer_copy and connection.vendor == "postgresql"):
        yield Synchronous(OrmWriter())
        return
    database = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the per-thread proxy
    database.inc_thread_sharing()
    writer = InBackground(database)
    # The writer thread needs the GIL for a moment now and then to hand the server more rows; at the default
    # 5 ms switch interval the server sits idle meanwhile (measured: the write pass 13 % slower).
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        with foreign_keys_checked_per_statement(database):
            yield writer
            writer.wait()
    finally:
        writer.thread.shutdown(wait=True)  # never leave the transaction while a COPY is running
        sys.setswitchinterval(switch_interval)
        database.dec_thread_sharing()


# Foreign keys to other cases: a line may name a case further down the file, written in a later batch.
CASE_REFERENCES = [("cases_case", "origin_id"), ("notifications_incidentnotification", "duplicate_of_id")]


@contextlib.contextmanager
def foreign_keys_checked_per_statement(database) -> Iterator[None]:
    """PostgreSQL: check foreign keys at the end of each COPY instead of all at commit (Django makes them
    deferred), so that the server checks one batch while Python builds the next rather than all of them at
    the end with Python idle; references between cases stay deferred. Back to deferred afterwards."""
    with database.cursor() as cursor:
        deferred = [name for table, column in CASE_REFERENCES
                    for name, info in database.introspection.get_constraints(cursor, table).items()
                    if info["foreign_key"] and info["columns"] == [column]]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"SET CONSTRAINTS {', '.join(quote(name) for name in deferred)} DEFERRED")
    try:
        yield
    finally:
        with database.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
