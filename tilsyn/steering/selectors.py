"""Reads of the steering panel: its figures as the pages show them, the backlog on any date, and the cases behind
a figure (only those the user may see: tilsyn.cases.access)."""
import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tilsyn.cases.access import visible_cases
from tilsyn.cases.models import Case
from tilsyn.reference.models import Office, Target
from tilsyn.security.rls import unrestricted
from tilsyn.statistics.backlogs import AGE_BANDS, ALL_CASES, BACKLOGS, BY_CODE
from tilsyn.statistics.engine import COUNT, Context, Count_, Ratio, compute_tables, measure_cases
from tilsyn.statistics.targets import ORDER, headline_measure, helsetilsynets_own, national, per_office, rule_of
from tilsyn.steering.models import Figure, Refresh

MONTHS = range(1, 13)
MONTH_LABELS = [gettext_lazy("jan."), gettext_lazy("feb."), gettext_lazy("mar."), gettext_lazy("apr."),
                gettext_lazy("mai"), gettext_lazy("jun."), gettext_lazy("jul."), gettext_lazy("aug."),
                gettext_lazy("sep."), gettext_lazy("okt."), gettext_lazy("nov."), gettext_lazy("des.")]


def county_governors() -> list[Office]:
    """The ten county governors in the report's order: the order of every per-office figure."""
    return list(Office.objects.filter(kind=Office.Kind.COUNTY_GOVERNOR).order_by("report_order"))


def steering_targets(year: int) -> list[Target]:
    """The targets the panel measures `year` against: for each target series of tabell 3, the target of the latest
    year up to `year` (the rules carry on until new ones are set), or of the first year after it."""
    by_series: dict[str, list[Target]] = {}
    for target in Target.objects.order_by("year"):
        by_series.setdefault(target.details.get("series"), []).append(target)
    chosen = []
    for series in ORDER:
        targets = by_series.get(series, [])
        earlier = [t for t in targets if t.year <= year]
        if earlier or targets:
            chosen.append(earlier[-1] if earlier else targets[0])
    return chosen


def figure_days(year: int, last: datetime.date) -> list[datetime.date]:
    """The days of `year` the panel keeps figures for: the end of each month up to `last`, and `last` itself."""
    days = [datetime.date(year, month, calendar.monthrange(year, month)[1]) for month in MONTHS]
    days = [day for day in days if day <= last]
    if last.year == year and last not in days:
        days.append(last)
    return days


def latest_refresh() -> Refresh | None:
    return Refresh.objects.first()


def panel_years() -> list[int]:
    return sorted(Figure.objects.values_list("year", flat=True).distinct(), reverse=True)


def home_office(user) -> Office | None:
    """The office whose view a user starts from: a county governor's own office (Helsetilsynet: the country)."""
    office = getattr(user, "office", None)
    return office if office is not None and office.kind == Office.Kind.COUNTY_GOVERNOR else None


# ---------------------------------------------------------------------------------------------- the panel


@dataclass
class Cell:
    value: float | None
    reached: bool | None = None
    office: Office | None = None
    goal: float | None = None


@dataclass
class TargetRow:
    target: Target
    unit: str
    goal: float | None
    country: Cell
    offices_reached: int | None
    offices: list[Cell]
    day: datetime.date | None
    this_year: list[float | None] = field(default_factory=list)
    last_year: list[float | None] = field(default_factory=list)
    office: Cell | None = None  # the office view's own office


@dataclass
class BacklogRow:
    code: str
    label: str
    start_day: datetime.date
    end_day: datetime.date | None
    start: Cell
    end: Cell
    offices: list[tuple[Office, float | None, float | None]]
    this_year: list[float | None] = field(default_factory=list)
    last_year: list[float | None] = field(default_factory=list)


@dataclass(frozen=True)
class _Stored:
    value: float | None
    goal: float | None
    reached: bool | None
    offices_reached: int | None


def _plain(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


class _Figures:
    """The year's stored figures of some kinds, looked up by (kind, key, day, office id), by month, and by the last
    day kept in a year. One query."""

    def __init__(self, year: int, kinds, where: Q = Q()):
        self.at, self.months, self.last = {}, {}, {}
        rows = Figure.objects.filter(where, year=year, kind__in=kinds).values_list(
            "kind", "key", "day", "office_id", "value", "goal", "reached", "offices_reached")
        for kind, key, day, office_id, value, goal, reached, offices_reached in rows:
            stored = _Stored(_plain(value), _plain(goal), reached, offices_reached)
            self.at[(kind, key, day, office_id)] = stored
            months = self.months.setdefault((kind, key, office_id, day.year), {})
            if day.month not in months or day > months[day.month][0]:
                months[day.month] = (day, stored.value)
            if day > self.last.get((kind, day.year), datetime.date.min):
                self.last[(kind, day.year)] = day

    def get(self, kind, key, day, office_id) -> _Stored | None:
        return self.at.get((kind, key, day, office_id))

    def by_month(self, kind, key, office_id, year) -> list:
        """The figure at the last day kept in each month of `year` (None for months not reached)."""
        months = self.months.get((kind, key, office_id, year), {})
        return [months[month][1] if month in months else None for month in MONTHS]

    def last_day(self, kind, year) -> datetime.date | None:
        return self.last.get((kind, year))


def last_day(year: int, kind: str) -> datetime.date | None:
    """The last day of `year` the year's figures of a kind were kept for."""
    return Figure.objects.filter(year=year, kind=kind, day__year=year).aggregate(last=Max("day"))["last"]


def _wanted(office: Office | None, days) -> Q:
    """The stored figures a page needs: the country's on every day (its trends), and the offices' on `days`, or
    one office's on every day."""
    return Q(office__isnull=True) | (Q(office=office) if office is not None else Q(day__in=days))


def target_rows(year: int, office: Office | None = None) -> list[TargetRow]:
    """Every target of the year: the country, each office, how many reached it, the trend this year and last.
    With `office`, the targets that office answers for (Helsetilsynet: its own), and its own figures."""
    offices = county_governors()
    kind = Figure.Kind.ATTAINMENT
    day = last_day(year, kind)
    figures = _Figures(year, [kind], _wanted(office, [day]))
    rows = []
    for target in steering_targets(year):
        country = figures.get(kind, target.code, day, None)
        if country is None or rule_of(target) is None:
            continue
        is_national = helsetilsynets_own(target)
        office_figures = [] if is_national else [figures.get(kind, target.code, day, o.pk) for o in offices]
        if office is not None and is_national != (office.kind == Office.Kind.NATIONAL):
            continue
        own = None if office is None or is_national else figures.get(kind, target.code, day, office.pk)
        trend_office = office.pk if own is not None else None
        rows.append(TargetRow(
            target=target, unit=headline_measure(target).unit, goal=country.goal,
            country=Cell(country.value, country.reached), offices_reached=country.offices_reached,
            offices=[] if is_national else [Cell(f.value if f else None, f.reached if f else None, o,
                                                 f.goal if f else None) for f, o in zip(office_figures, offices)],
            day=day, office=Cell(own.value, own.reached, office, own.goal) if own else None,
            this_year=figures.by_month(kind, target.code, trend_office, year),
            last_year=figures.by_month(kind, target.code, trend_office, year - 1)))
    return rows


def backlog_rows(year: int, office: Office | None = None) -> list[BacklogRow]:
    """Every backlog series at the start of the year (31 December before) and at its last day kept, for the
    country and each office, with the backlog at each month's end this year and last. With `office`, the series
    that office has (Helsetilsynet: its own) and its own figures."""
    offices = county_governors()
    kind = Figure.Kind.BACKLOG
    start, end = datetime.date(year - 1, 12, 31), last_day(year, kind)
    figures = _Figures(year, [kind], _wanted(office, [start, end]))
    rows = []
    for backlog in BACKLOGS:
        if office is not None and backlog.national != (office.kind == Office.Kind.NATIONAL):
            continue
        oid = None if office is None or backlog.national else office.pk

        def value(day, office_id, code=backlog.code):
            figure = figures.get(kind, code, day, office_id)
            return figure.value if figure else None

        rows.append(BacklogRow(
            code=backlog.code, label=str(backlog.label), start_day=start, end_day=end,
            start=Cell(value(start, oid)), end=Cell(value(end, oid)),
            offices=[] if backlog.national or office else [(o, value(start, o.pk), value(end, o.pk))
                                                           for o in offices],
            this_year=figures.by_month(kind, backlog.code, oid, year),
            last_year=figures.by_month(kind, backlog.code, oid, year - 1)))
    return rows


def weekly_flows(year: int, office: Office, series: str) -> list[dict]:
    """New and closed cases of one backlog series at the office, per week of the year."""
    rows = Figure.objects.filter(year=year, kind__in=[Figure.Kind.INFLOW, Figure.Kind.CLOSURES], key=series,
                                 office=office, day__year=year)
    weeks: dict[datetime.date, dict] = {}
    for figure in rows:
        week = weeks.setdefault(figure.day, {"week": figure.day, "inflow": 0, "closures": 0})
        week["inflow" if figure.kind == Figure.Kind.INFLOW else "closures"] = int(figure.value or 0)
    return [weeks[day] for day in sorted(weeks)]


def series_for(office: Office) -> list:
    return [b for b in BACKLOGS if b.national == (office.kind == Office.Kind.NATIONAL)]


# ---------------------------------------------------------------------------------------------- live figures


def backlog_on(day: datetime.date) -> list[dict]:
    """Every backlog series on `day`, for the country and each office: computed now by the engine, as of the day."""
    offices = county_governors()
    tables = [national(b.open) if b.national else per_office(b.open) for b in BACKLOGS]
    rows = []
    for backlog, table in zip(BACKLOGS, compute_tables(tables, Context(year=day.year, as_of=day))):
        values = [next(iter(row["values"].values())) for row in table["rows"]]
        rows.append({"code": backlog.code, "label": str(backlog.label), "national": backlog.national,
                     "country": values[-1],
                     "offices": [] if backlog.national else list(zip(offices, values[:-1]))})
    return rows


def age_bands(office: Office, day: datetime.date) -> list[dict]:
    """The office's open cases on `day` by age, per backlog series and for all its cases: computed now."""
    series = [*series_for(office), ALL_CASES]
    tables = [national(*(b.aged(day, band) for band in range(len(AGE_BANDS)))) for b in series]
    computed = compute_tables(tables, Context(year=day.year, as_of=day, office=office.code))
    return [{"code": b.code, "label": str(b.label), "bands": list(t["rows"][-1]["values"].values())}
            for b, t in zip(series, computed)]


def open_cases_on(user, office: Office, day: datetime.date):
    """The office's cases open at the end of `day` that the user may see (the backlog rule: ALL_CASES)."""
    behind = measure_cases(ALL_CASES.open, Context(year=day.year, as_of=day, office=office.code))
    return visible_cases(user).filter(pk__in=behind.values("pk")).select_related("office", "caseworker")


def oldest_open_cases(user, office: Office, day: datetime.date, limit: int = 10):
    return open_cases_on(user, office, day).order_by("received", "pk")[:limit]


def clock_paused_on(day: datetime.date) -> Q:
    """Cases waiting for documentation on `day`: their clock stopped that day or before (`paused_since`) and has
    not run since (resuming clears it). Their deadline does not run: it moves by the days paused when the
    documentation comes (tilsyn.cases.deadlines), so such a case is not due, however near its date."""
    return Q(paused_since__lte=day)


def cases_due_soon(user, office: Office, day: datetime.date, days: int = 14):
    """Open cases whose clock runs and whose deadline (tilsyn.cases.deadlines sets it) falls within `days` days of
    `day`: they miss it if nothing happens. Cases whose clock is paused are `cases_paused`."""
    return (open_cases_on(user, office, day).exclude(clock_paused_on(day))
            .filter(deadline__gte=day, deadline__lte=day + datetime.timedelta(days))
            .order_by("deadline", "received", "pk"))


def cases_paused(user, office: Office, day: datetime.date):
    """Open cases waiting for documentation on `day` (`clock_paused_on`): counted beside the cases due soon."""
    return open_cases_on(user, office, day).filter(clock_paused_on(day))


# ---------------------------------------------------------------------------------------------- drill-down


@dataclass
class DrillDown:
    """Which figure: a target's result (`key` = target code; `year` the year measured, `day` the as-of day), a
    backlog (`key` = series, `day`, optionally an age `band`), or a week's new or closed cases (`day` = the
    week's first day). `office`: one office's figure, None for the country."""

    kind: str
    key: str
    day: datetime.date
    office: Office | None = None
    band: int | None = None

    def context(self) -> Context:
        office = self.office.code if self.office else None
        if self.kind in (Figure.Kind.INFLOW, Figure.Kind.CLOSURES):
            sunday = self.day + datetime.timedelta(days=6 - self.day.weekday())
            return Context(year=self.day.year, office=office, since=self.day, as_of=sunday)
        return Context(year=self.day.year, office=office, as_of=self.day)

    def measure(self):
        if self.kind == Figure.Kind.ATTAINMENT:
            return headline_measure(Target.objects.get(code=self.key))
        series = BY_CODE[self.key] if self.key != ALL_CASES.code else ALL_CASES
        if self.kind == Figure.Kind.BACKLOG:
            return series.open if self.band is None else series.aged(self.day, self.band)
        return series.inflow if self.kind == Figure.Kind.INFLOW else series.closures

    def title(self) -> str:
        where = self.office.name if self.office else _("hele landet")
        if self.kind == Figure.Kind.ATTAINMENT:
            what = Target.objects.get(code=self.key).label
        else:
            what = str((BY_CODE.get(self.key) or ALL_CASES).label)
        return f"{what} – {Figure.Kind(self.kind).label} – {where}"


@dataclass
class DrillDownResult:
    title: str
    behind: int  # cases behind the figure, whoever may see them
    cases: object  # the ones the user may see
    marks: str | None  # what a marked case means («innen fristen»), or None


def drill_down(user, spec: DrillDown) -> DrillDownResult:
    """The cases behind a figure, by the figure's own measure and context (so list and number agree), narrowed to
    those the user may see. A share's cases are its whole, each marked when it counts towards the share."""
    ctx, measure = spec.context(), spec.measure()
    behind = measure_cases(measure, ctx)
    if behind is None:
        return DrillDownResult(spec.title(), 0, Case.objects.none(), None)
    cases = visible_cases(user).filter(pk__in=behind.values("pk"))
    marks = None
    part = getattr(measure, "part", None) if isinstance(measure, Ratio) else None
    if isinstance(part, Count_) and part.unit == COUNT:
        counted = measure_cases(part, ctx)
        cases = cases.annotate(marked=ExpressionWrapper(Q(pk__in=counted.values("pk")), output_field=BooleanField()))
        marks = _("Teller med i andelen")
    with unrestricted():  # how many cases lie behind the figure is itself an aggregate; the list is not
        count = behind.count()
    return DrillDownResult(spec.title(), count, cases.select_related("office", "caseworker").order_by("received", "pk"),
                           marks)
