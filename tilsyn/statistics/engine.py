"""The statistics engine: a published table is rows × columns, every cell a measure over a source of rows.

A *source* is a set of database rows to aggregate (closed supervision cases at the county governors, the
assessments in health complaints, Helsetilsynet's reactions …) and the date that puts a row in a year. A
*measure* is one or more SQL aggregates over a source (a count, a sum, a median) and how they make the printed
number (a count as is, a share in whole percent, a median in months with one decimal). Rows and columns narrow
the cell down: by a *facet* (office, provision, handling method, object type … each source says where it keeps
it) and by the year (the table's year, or one of the years before it).

Rows that come from reference data (offices, provisions, vocabularies) form a *dimension*: the engine groups by
it in SQL, one `values(...).annotate(...)` query per source, plus one `aggregate(...)` for the total row. Other
rows (years, one measure per row) become conditional aggregates in one `aggregate(...)` query per source. So a
table costs a few queries whatever the number of cases, and nothing loops over cases in Python.

"As of" a date: only cases received on or before it count, and every dated event (closed, decided, performed …)
only if it happened on or before it.
"""
import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_
from typing import Any, Callable, Mapping

from django.apps import apps
from django.db.models import Avg, Case, Count, F, IntegerField, Q, Sum, Value, When

from tilsyn.security import rls
from tilsyn.statistics.sql import DaysBetween, Median, without_jit

# A month, for processing times: the mean length of a month in the Gregorian calendar.
MONTH_DAYS = Decimal("30.4375")

COUNT, PERCENT, MONTHS, AVERAGE, POINTS = "antall", "prosent", "måneder", "gjennomsnitt", "poeng"


@dataclass(frozen=True)
class Context:
    """What a table is computed for: a year, one office or all (None), and optionally an "as of" date; `since`
    narrows the year to the days from that date on (a week of the steering panel's flows)."""

    year: int
    office: str | None = None
    as_of: datetime.date | None = None
    since: datetime.date | None = None

    def bounds(self, year: int) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day of `year` that count, or None when the year starts after the as-of date."""
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if self.as_of is not None:
            end = min(end, self.as_of)
        if self.since is not None:
            start = max(start, self.since)
        return (start, end) if start <= end else None


# ---------------------------------------------------------------------------------------------- numbers


def rounded(value, decimals: int = 0):
    """Round half up, as the report does (2.5 → 3), to an int or to a float with `decimals` decimals."""
    if value is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(exact) if decimals == 0 else float(exact)


def plain(value):
    """A database number as JSON wants it: int when whole."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def ratio(part, whole, *, scale=1, decimals=0):
    if part is None or not whole:
        return None
    return rounded(Decimal(str(part)) * scale / Decimal(str(whole)), decimals)


def months(days, decimals: int = 1):
    return None if days is None else rounded(Decimal(str(days)) / MONTH_DAYS, decimals)


def year_label(text: str, year: int) -> str:
    """Fill in `{y}`, `{y-1}` … with the table's year: «Antall saker {y-2}» → «Antall saker 2022»."""
    return re.sub(r"\{y([+-]\d+)?\}", lambda m: str(year + int(m.group(1) or 0)), text)


# ---------------------------------------------------------------------------------------------- sources


@dataclass(frozen=True, eq=False)
class Source:
    """Rows of one model to aggregate, and how to find a row's office, case, year and facets.

    `case` is the path from the model to its case ("" for Case itself, None for rows that are not about a case);
    `date` the path of the date that puts a row in a year (or `period`, a function of the year's first and last
    day giving a filter; or `year_field` for reference rows that carry a year). `paths` maps a facet name to a
    field path (a row is in the facet when the path's value is in the facet's values) or to a function of the
    values giving a filter (for facets over many-valued relations, so that no join multiplies the rows).
    """

    model: str
    where: Q = field(default_factory=Q)
    case: str | None = ""
    date: str | None = "closed"
    period: Callable[[datetime.date, datetime.date], Q] | None = None
    year_field: str | None = None
    paths: Mapping[str, Any] = field(default_factory=dict)
    annotations: Mapping[str, Callable[[], Any]] = field(default_factory=dict)
    description: str = ""

    def path(self, name: str):
        if name in self.paths:
            return self.paths[name]
        if name == "office" and self.case is not None:
            return f"{self.case}office__code"
        raise KeyError(f"{self.model} ({self.description}) has no facet «{name}»")

    def queryset(self, ctx: Context):
        rows = apps.get_model(self.model)._default_manager.filter(self.where)
        if self.annotations:
            rows = rows.annotate(**{name: make() for name, make in self.annotations.items()})
        if ctx.office:
            office = self.paths.get("office", f"{self.case}office__code" if self.case is not None else None)
            rows = rows.filter(**{office: ctx.office}) if office else rows.none()
        if ctx.as_of and self.case is not None:
            rows = rows.filter(**{f"{self.case}received__lte": ctx.as_of})
        return rows.order_by()

    def in_year(self, ctx: Context, year: int) -> Q:
        if self.year_field:
            return Q(**{self.year_field: year})
        bounds = ctx.bounds(year)
        if bounds is None:
            return Q(pk__in=[])
        if self.period:
            return self.period(*bounds)
        return Q(**{f"{self.date}__range": bounds})

    def facet(self, name: str, values) -> Q:
        path = self.path(name)
        return path(list(values)) if callable(path) else Q(**{f"{path}__in": list(values)})

    def case_path(self, name: str) -> str:
        return f"{self.case or ''}{name}"


# ---------------------------------------------------------------------------------------------- measures


@dataclass(frozen=True, eq=False)
class Part:
    """One SQL aggregate over one source; `make` builds it from the cell's filter.

    `per_row=False`: computed over the whole row dimension (a share of the column's total). `isolated`: the
    aggregate joins a many-valued relation, so it gets a query of its own where the join multiplies nothing else.
    """

    source: Source
    make: Callable[[Q], Any]
    per_row: bool = True
    isolated: bool = False


class Measure:
    """What a cell shows: SQL aggregates (`parts`) and how they make the printed number (`value`)."""

    unit = COUNT
    parts: tuple = ()

    def value(self, got: list):
        raise NotImplementedError


class Empty(Measure):
    """An empty cell: the report prints nothing here, or the figure cannot come from the cases."""

    def value(self, got):
        return None


EMPTY = Empty()


class Count_(Measure):
    """How many rows of the source (distinct `counting`, the row itself by default) match `where`."""

    def __init__(self, source: Source, where: Q = Q(), *, counting: str = "pk", per_row=True, isolated=False):
        self.source, self.where, self.counting, self.per_row, self.isolated = (
            source, where, counting, per_row, isolated)
        self.parts = (Part(source, self._aggregate, per_row, isolated),)

    def _aggregate(self, cell: Q):
        # Facets over many-valued relations are EXISTS subqueries, so a row is never repeated: only counting
        # something else than the row itself (the cases of assessments, the persons of decisions) needs DISTINCT.
        return Count(self.counting, filter=cell & self.where, distinct=self.counting != "pk")

    def value(self, got):
        return got[0] or 0

    def of(self, counting: str, *, isolated=False) -> "Count_":
        """The same rows, counting something else: the cases the assessments are in, the persons …"""
        return Count_(self.source, self.where, counting=counting, per_row=self.per_row, isolated=isolated)

    def narrowed(self, where: Q) -> "Count_":
        return Count_(self.source, self.where & where, counting=self.counting, per_row=self.per_row,
                      isolated=self.isolated)

    def overall(self) -> "Count_":
        """The same count over the whole row dimension (the denominator of a share of the total)."""
        return Count_(self.source, self.where, counting=self.counting, per_row=False, isolated=self.isolated)


class Sum_(Measure):
    def __init__(self, source: Source, expression, where: Q = Q(), *, unit=COUNT, per_row=True):
        self.unit, self.source, self.where = unit, source, where
        self.parts = (Part(source, lambda cell: Sum(expression, filter=cell & where), per_row),)

    def value(self, got):
        return plain(got[0]) or 0


class Average(Measure):
    unit = AVERAGE

    def __init__(self, source: Source, expression, where: Q = Q(), *, decimals=0):
        self.decimals = decimals
        self.parts = (Part(source, lambda cell: Avg(expression, filter=cell & where)),)

    def value(self, got):
        return rounded(got[0], self.decimals)


class ProcessingMonths(Measure):
    """Median (or mean) processing time in months with one decimal: from `start` to `end`, in days / 30.4375."""

    unit = MONTHS

    def __init__(self, source: Source, where: Q = Q(), *, start="received", end="closed", mean=False):
        self.source, self.where = source, where
        days = DaysBetween(F(source.case_path(start)), F(source.case_path(end)))
        aggregate = Avg if mean else Median
        self.parts = (Part(source, lambda cell: aggregate(days, filter=cell & where)),)

    def value(self, got):
        return months(got[0])


class Ratio(Measure):
    """`part` / `whole` × `scale`, rounded: shares in whole percent, averages per vedtak …"""

    def __init__(self, part: Measure, whole: Measure, *, scale=100, decimals=0, unit=PERCENT):
        self.part, self.whole, self.scale, self.decimals, self.unit = part, whole, scale, decimals, unit
        self.parts = part.parts + whole.parts

    def value(self, got):
        n = len(self.part.parts)
        return ratio(self.part.value(got[:n]), self.whole.value(got[n:]), scale=self.scale, decimals=self.decimals)


class Added(Measure):
    """The sum of several measures: registrations by the office itself plus as a partner in joint inspections."""

    def __init__(self, *measures: Measure):
        self.measures = measures
        self.parts = tuple(part for measure in measures for part in measure.parts)

    def value(self, got):
        total, at = 0, 0
        for measure in self.measures:
            value = measure.value(got[at:at + len(measure.parts)])
            at += len(measure.parts)
            total += value or 0
        return total


def share(count: Count_, where: Q) -> Ratio:
    """The share (whole percent) of `count`'s rows that also match `where`."""
    return Ratio(count.narrowed(where), count)


def share_of_total(count: Count_) -> Ratio:
    """The share (whole percent) of the column's total that the row holds."""
    return Ratio(count, count.overall())


def within(count: Count_, days: int, *, start="received", end="closed") -> Ratio:
    """The share (whole percent) of `count`'s rows closed at most `days` days after they were received."""
    source = count.source
    limit = Q(**{f"{source.case_path(end)}__lte": F(source.case_path(start)) + datetime.timedelta(days=days)})
    return share(count, limit)


# ---------------------------------------------------------------------------------------------- rows, columns


@dataclass(frozen=True, eq=False)
class Dimension:
    """Rows grouped by one facet: the engine groups by it in SQL when the source keeps it in one field."""

    name: str
    members: tuple  # one tuple of facet values per row


@dataclass(frozen=True)
class Row:
    """A printed row. Its cells take the row's `measure`, or the column's (through `each`, if given), unless
    `cells` names a measure for a column (EMPTY for a cell left empty). `year` is an offset from the table's year.
    """

    label: str
    section: str | None = None
    measure: Measure | None = None
    year: int | None = None
    where: Mapping[str, tuple] = field(default_factory=dict)
    cells: Mapping[str, Measure] = field(default_factory=dict)
    each: Callable[[Measure], Measure] | None = None
    dimension: Dimension | None = None
    key: int | None = None
    dimension_name: str | None = None

    def resolve(self, ctx: Context) -> list["Row"]:
        return [self]


@dataclass(frozen=True)
class Members:
    """Rows from reference data, grouped by the facet `name`; `members(ctx)` gives (label, section, values) each,
    values None for a printed row no case can fall in. `total` labels the total row, computed over all members;
    `total_cells` overrides its measure in some columns."""

    name: str
    members: Callable[[Context], list[tuple[str, str | None, tuple | None]]]
    total: str | None = None
    total_cells: Mapping[str, Measure] = field(default_factory=dict)

    def resolve(self, ctx: Context) -> list[Row]:
        members = self.members(ctx)
        dimension = Dimension(self.name, tuple(values for _, _, values in members if values))
        rows, key = [], 0
        for label, section, values in members:
            if values:
                rows.append(Row(label, section, where={self.name: tuple(values)}, dimension=dimension, key=key,
                                dimension_name=self.name))
                key += 1
            else:
                rows.append(Row(label, section, measure=EMPTY))
        if self.total:
            every = tuple(value for values in dimension.members for value in values)
            rows.append(Row(self.total, where={self.name: every}, cells=self.total_cells,
                            dimension_name=self.name))
        return rows


@dataclass(frozen=True)
class Col:
    label: str
    measure: Measure | None = None
    year: int = 0
    where: Mapping[str, tuple] = field(default_factory=dict)

    def resolve(self, ctx: Context) -> list["Col"]:
        return [self]


@dataclass(frozen=True)
class Facets:
    """Columns from reference data: one per (label, values) that `groups(ctx)` gives, each the facet `name`."""

    name: str
    groups: Callable[[Context], list[tuple[str, tuple]]]
    measure: Measure

    def resolve(self, ctx: Context) -> list[Col]:
        return [Col(label, self.measure, where={self.name: values}) for label, values in self.groups(ctx)]


@dataclass(frozen=True)
class Table:
    """One published table, declared once: `counts` says in a sentence what it counts (docs and pages).
    `compute`, for a table that is not rows × columns (tabell 3), adds what it needs to the plan and returns
    what lays it out once the plan has run, as `planned_table` does for the others."""

    id: str
    title: str
    columns: tuple
    rows: tuple
    counts: str = ""
    compute: Callable[["Table", Context, "_Plan"], Callable[[], dict]] | None = None

    def resolved_columns(self, ctx: Context) -> list["Col"]:
        return [column for spec in self.columns for column in spec.resolve(ctx)]


def cell_measure(row: Row, column: Col) -> Measure:
    if column.label in row.cells:
        return row.cells[column.label]
    if row.measure is not None:
        return row.measure
    if column.measure is None:
        raise ValueError(f"no measure for «{row.label}» × «{column.label}»")
    return row.each(column.measure) if row.each else column.measure


# ---------------------------------------------------------------------------------------------- the plan


def _frozen(where: Mapping) -> tuple:
    return tuple(sorted((name, tuple(values)) for name, values in where.items()))


class _Query:
    """The aggregates of one source (grouped by one dimension, or not), run as one SQL query."""

    def __init__(self, source: Source, dimension: Dimension | None):
        self.source, self.dimension = source, dimension
        self.aggregates, self.aliases, self.years, self.results = {}, {}, set(), {}

    def alias(self, ctx: Context, part: Part, year: int, where: Mapping) -> str:
        key = (id(part), year, _frozen(where))
        if key not in self.aliases:
            cell = self.source.in_year(ctx, year)
            for name, values in where.items():
                cell &= self.source.facet(name, values)
            self.aliases[key] = alias = f"v{len(self.aliases)}"
            self.aggregates[alias] = part.make(cell)
            self.years.add(year)
        return self.aliases[key]

    def run(self, ctx: Context) -> None:
        rows = self.source.queryset(ctx).filter(reduce(or_, (self.source.in_year(ctx, y) for y in self.years)))
        if self.dimension is None:
            self.results = {None: rows.aggregate(**self.aggregates)}
            return
        path = self.source.path(self.dimension.name)
        every = [value for values in self.dimension.members for value in values]
        key = Case(*(When(**{f"{path}__in": list(values)}, then=Value(i))
                     for i, values in enumerate(self.dimension.members)), output_field=IntegerField())
        grouped = rows.filter(**{f"{path}__in": every}).annotate(row_key=key).values("row_key")
        self.results = {row["row_key"]: row for row in grouped.annotate(**self.aggregates)}

    def get(self, key, alias):
        return self.results.get(key, {}).get(alias)


class _Plan:
    def __init__(self, ctx: Context):
        self.ctx, self.queries = ctx, {}

    def _query(self, source, dimension, isolated_part=None) -> _Query:
        grouped = (dimension.name, dimension.members) if dimension else None  # the same rows in any table
        key = (id(source), grouped, id(isolated_part) if isolated_part else None)
        if key not in self.queries:
            self.queries[key] = _Query(source, dimension)
        return self.queries[key]

    def add(self, part: Part, year: int, row: Row, column: Col) -> Callable[[], Any]:
        where = {**row.where, **column.where}
        dimension = None
        if row.dimension_name and not part.per_row:
            where.pop(row.dimension_name)
        elif row.dimension and isinstance(part.source.path(row.dimension.name), str):
            dimension = row.dimension
            where.pop(row.dimension.name)
        query = self._query(part.source, dimension, part if part.isolated else None)
        alias = query.alias(self.ctx, part, year, where)
        key = row.key if dimension else None
        return lambda: query.get(key, alias)

    def run(self) -> None:
        # Counts over the whole country whoever asks: row security is lifted for these aggregate queries only.
        with without_jit(), rls.unrestricted():
            for query in self.queries.values():
                query.run(self.ctx)


# ---------------------------------------------------------------------------------------------- computing


def resolved_rows(table: Table, ctx: Context) -> list[Row]:
    return [row for spec in table.rows for row in spec.resolve(ctx)]


def compute_table(table: Table, ctx: Context) -> dict:
    """The table for the context, laid out as the reference files are: id, title, columns, rows of values."""
    return compute_tables([table], ctx)[0]


def compute_tables(tables: list[Table], ctx: Context) -> list[dict]:
    """The tables for the context. Their cells share one plan, so that what several tables aggregate over the
    same source (and the same rows) is one query: the report reads each source once, not once per table."""
    plan = _Plan(ctx)
    layouts = [(table.compute or planned_table)(table, ctx, plan) for table in tables]
    plan.run()
    return [layout() for layout in layouts]


def new_plan(ctx: Context) -> _Plan:
    """A plan to add tables to (`planned_table`) and then run once, for callers that lay out the results
    themselves (the steering panel's target attainments)."""
    return _Plan(ctx)


def planned_table(table: Table, ctx: Context, plan: _Plan) -> Callable[[], dict]:
    """Adds the table's cells to the plan; returns what lays the table out once the plan has run."""
    rows, columns = resolved_rows(table, ctx), table.resolved_columns(ctx)
    cells = []
    for row in rows:
        for column in columns:
            measure = cell_measure(row, column)
            year = ctx.year + (row.year if row.year is not None else column.year)
            getters = [plan.add(part, year, row, column) for part in measure.parts]
            cells.append((measure, getters))

    def layout() -> dict:
        values = iter([(measure.value([get() for get in getters]), measure.unit) for measure, getters in cells])
        computed = [[next(values) for _ in columns] for _ in rows]
        labels = [year_label(column.label, ctx.year) for column in columns]
        return table_layout(table, ctx.year, rows, labels, computed)

    return layout


def table_layout(table: Table, year: int, rows: list[Row], labels: list[str], computed: list[list]) -> dict:
    column_units = [_usual_unit([cells[i][1] for cells in computed]) for i in range(len(labels))]
    result = {"id": table.id, "title": year_label(table.title, year), "columns": labels, "rows": []}
    if any(unit != COUNT for unit in column_units):
        result["column_units"] = dict(zip(labels, column_units))
    for row, cells in zip(rows, computed):
        printed = {"label": year_label(row.label, year)}
        if row.section is not None:
            printed["section"] = row.section
        printed["values"] = {label: value for label, (value, _) in zip(labels, cells)}
        odd = {label: unit for label, (_, unit), usual in zip(labels, cells, column_units) if unit != usual}
        if odd:
            printed["value_units"] = odd
        result["rows"].append(printed)
    return result


def _usual_unit(units: list[str]) -> str:
    # On a tie the first row's unit: the order of a set of strings changes from one process to the next.
    return max(dict.fromkeys(units), key=units.count) if units else COUNT



# ---------------------------------------------------------------------------------------------- behind a figure


def counted(measure: Measure) -> Measure:
    """The measure whose rows a figure is about: a share's whole (its part marks the rows that count towards it),
    any other measure itself."""
    return counted(measure.whole) if isinstance(measure, Ratio) else measure


def measure_cases(measure: Measure, ctx: Context, year: int | None = None):
    """The cases behind a figure: the cases of the rows the measure aggregates for the context (its office, its
    year or `year`, as of its date), as a queryset of `cases.Case`. The same source and filter as the figure, so
    the list and the number cannot disagree. None for a measure over reference data (points targets)."""
    rows = counted(measure)
    source = getattr(rows, "source", None)
    if source is None or source.case is None:
        return None
    selected = source.queryset(ctx).filter(source.in_year(ctx, ctx.year if year is None else year) & rows.where)
    return apps.get_model("cases.Case").objects.filter(pk__in=selected.values(f"{source.case}pk"))


def weekly_counts(count: Count_, ctx: Context, year: int) -> dict[tuple[str, datetime.date], int]:
    """`count` per office and week (the Monday it starts) of the year: the rows the engine counts for the year,
    grouped by the week of the source's date instead of the year. One query."""
    from django.db.models.functions import TruncWeek

    source = count.source
    rows = source.queryset(ctx).filter(source.in_year(ctx, year) & count.where)
    grouped = (rows.annotate(week=TruncWeek(source.date)).values(source.path("office"), "week")
               .annotate(n=Count("pk")))
    return {(row[source.path("office")], _as_date(row["week"])): row["n"] for row in grouped}


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
