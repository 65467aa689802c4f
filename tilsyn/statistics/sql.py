"""The SQL pieces the ORM lacks on both databases: whole days between two dates, and a median; and how the
statistics' queries run on PostgreSQL.

PostgreSQL subtracts dates to whole days and has `percentile_cont`; SQLite has `julianday` and, for the median,
an aggregate we register on every new connection (apps.py), so that medians are computed in the database on
both.
"""
import contextlib
import statistics

from django.db import connection, transaction
from django.db.models import Aggregate, FloatField, Func, IntegerField


@contextlib.contextmanager
def without_jit():
    """PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high, and a statistics query
    (tens of conditional aggregates, EXISTS subqueries) is estimated high but runs in milliseconds: on ten years
    of data, compiling took 1.1 s of vedlegg 35's 1.15 s query, and 1.3 s of the whole report's 8.6 s. So JIT is
    off for these queries (SET LOCAL: until the transaction ends). Nothing to do on SQLite."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


class DaysBetween(Func):
    """`end - start` in whole days (null when either is null)."""

    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(start, end)

    def as_sql(self, compiler, connection, **extra_context):
        start, end = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"({end[0]} - {start[0]})", (*end[1], *start[1])

    def as_sqlite(self, compiler, connection, **extra_context):
        start, end = (compiler.compile(expression) for expression in self.get_source_expressions())
        return (f"CAST(ROUND(julianday({end[0]}) - julianday({start[0]})) AS INTEGER)", (*end[1], *start[1]))


class Median(Aggregate):
    function = "tilsyn_median"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        ordered = self.copy()
        ordered.function = "percentile_cont"
        ordered.template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        return super(Median, ordered).as_sql(compiler, connection, **extra_context)


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("tilsyn_median", 1, _SqliteMedian)
