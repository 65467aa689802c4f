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
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from tilsyn.exchange.foreign_keys import CASE_REFERENCES, BatchKeyCheck, can_check_per_batch
from tilsyn.exchange.rows import Table

BULK_CREATE_BATCH = 1_000
SEQUENCE_BLOCK = 100_000
SQLITE_CACHE_KIB = 262_144  # 256 MB


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
    """SQLite: one plain INSERT run with executemany. Values that SQLite cannot take as they are (UUIDs, aware
    datetimes, decimals) are stored as Django's field adaptation would store them, by a shortcut for the two
    that come a million times: a UUID in its usual form, and the one timestamp of the import. Several times
    faster than bulk_create, which builds a model object and a placeholder per value."""

    ADAPTED = (models.UUIDField, models.DateTimeField, models.DecimalField)

    def __init__(self):
        self.adapters: dict[Table, list[tuple[int, Callable]]] = {}

    def insert(self, table: Table, rows: Iterable[tuple]) -> None:
        adapters = self.adapters.get(table)
        if adapters is None:
            adapters = self.adapters[table] = [
                (i, field_adapter(table.model._meta.get_field(name)))
                for i, name in enumerate(table.columns)
                if isinstance(table.model._meta.get_field(name), self.ADAPTED)
            ]
        if adapters:
            rows = [adapt(row, adapters) for row in rows]
        columns = ", ".join(f'"{column}"' for column in table.db_columns)
        placeholders = ", ".join(["?"] * len(table.columns))
        # The driver's own cursor: Django's would rewrite the placeholders of every row.
        connection.connection.executemany(
            f'INSERT INTO "{table.model._meta.db_table}" ({columns}) VALUES ({placeholders})', rows)  # nosec B608


def adapt(row: tuple, adapters: list[tuple[int, Callable]]) -> tuple:
    row = list(row)
    for i, adapter in adapters:
        row[i] = adapter(row[i])
    return tuple(row)


def field_adapter(field: models.Field) -> Callable:
    """The value as `field.get_db_prep_save` gives it, in a fraction of the time where it can."""
    def django(value):
        return field.get_db_prep_save(value, connection)

    if isinstance(field, models.UUIDField) and not connection.features.has_native_uuid_field:
        def uuid_hex(value):
            if isinstance(value, str) and len(value) == 36:
                digits = value.replace("-", "")
                if len(digits) == 32 and value[8] == value[13] == value[18] == value[23] == "-":
                    return digits.lower()  # what uuid.UUID(value).hex gives
            return django(value)
        return uuid_hex
    if isinstance(field, models.DateTimeField):
        last: list = [object(), None]  # the import stamps every row with one time: adapt it once

        def same_time(value):
            if value is not last[0]:
                last[:] = [value, django(value)]
            return last[1]
        return same_time
    return django


class CopyWriter:
    """Inserts through PostgreSQL's COPY … FROM STDIN (psycopg 3)."""

    def __init__(self, database=None):
        self.database = database or connection

    def insert(self, table: Table, rows: Iterable[tuple]) -> None:
        columns = ", ".join(f'"{column}"' for column in table.db_columns)
        sql = f'COPY "{table.model._meta.db_table}" ({columns}) FROM STDIN'
        # Django does not wrap psycopg's copy(): its errors are made Django's (IntegrityError, …) here.
        with self.database.cursor() as cursor, self.database.wrap_database_errors:
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
    caller builds the next. One batch at a time: `insert` first waits for the one before.

    With `keys`, the COPYs run without the foreign-key triggers and `keys` checks the batch after them
    (`foreign_keys.py`); everything else on the connection, in this thread, keeps its triggers."""

    def __init__(self, database, keys: BatchKeyCheck | None):
        self.database = database
        self.writer = CopyWriter(database)
        self.keys = keys
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")
        self.running: Future | None = None

    def insert(self, batch: Batch) -> None:
        self.wait()
        self.running = self.thread.submit(self.write, batch)

    def write(self, batch: Batch) -> None:
        if self.keys is None:
            Synchronous(self.writer).insert(batch)
            return
        with self.database.cursor() as cursor:
            # On an error the transaction rolls back, and the setting with it.
            cursor.execute("SET LOCAL session_replication_role = replica")
            Synchronous(self.writer).insert(batch)
            cursor.execute("SET LOCAL session_replication_role = origin")
            self.keys.check(cursor, batch)

    def finish(self) -> None:
        self.wait()
        if self.keys is not None:
            with self.database.cursor() as cursor:
                self.keys.finish(cursor)

    def wait(self) -> None:
        running, self.running = self.running, None
        if running is not None:
            running.result()  # raises what the writer raised


@contextlib.contextmanager
def write_in_background(tables: list[Table], prefer_copy: bool = True) -> Iterator[Synchronous | InBackground]:
    """A writer for the import's batches into `tables`: COPY in a second thread on PostgreSQL, its foreign keys
    checked per batch where that is allowed (unless `prefer_copy` is False: then bulk_create), executemany on
    SQLite, bulk_create elsewhere."""
    if connection.vendor == "sqlite":
        with sqlite_page_cache(SQLITE_CACHE_KIB):
            yield Synchronous(ExecutemanyWriter())
        return
    if not (prefer_copy and connection.vendor == "postgresql"):
        yield Synchronous(OrmWriter())
        return
    database = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the per-thread proxy
    with database.cursor() as cursor:
        keys = BatchKeyCheck(tables) if can_check_per_batch(cursor, tables) else None
    database.inc_thread_sharing()
    writer = InBackground(database, keys)
    # The writer thread needs the GIL for a moment now and then to hand the server more rows; at the default
    # 5 ms switch interval the server sits idle meanwhile (measured: the write pass 13 % slower).
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        with contextlib.nullcontext() if keys else foreign_keys_checked_per_statement(database):
            yield writer
            writer.finish()
    finally:
        writer.thread.shutdown(wait=True)  # never leave the transaction while a COPY is running
        sys.setswitchinterval(switch_interval)
        database.dec_thread_sharing()


@contextlib.contextmanager
def sqlite_page_cache(kib: int) -> Iterator[None]:
    """SQLite: a page cache of `kib` for this connection while the import writes, back to what it was after.
    The default two megabytes hold little of the unique indexes on random UUIDs, so that nearly every row
    would read and write pages of them through the operating system."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


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
    yield  # on an error the transaction rolls back, and the setting with it: an aborted one takes no more SQL
    with database.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
