"""Writes of the steering panel: refreshing its daily aggregates from the statistics engine's definitions.

Every figure is computed by the engine with the rule tabell 3 and the annual report use (targets.py for the
targets, backlogs.py for the backlogs), as of a day: the result «so far this year» at the end of each month is
the year's tabell 3 as of that day, and on 31 December it is tabell 3. Nothing here counts cases itself.
"""
import datetime
import time

from django.db import transaction
from django.db.models.functions import ExtractYear
from django.utils import timezone

from tilsyn.cases.models import Case
from tilsyn.reference.models import Office
from tilsyn.statistics.backlogs import BACKLOGS
from tilsyn.statistics.engine import Context, compute_tables, weekly_counts
from tilsyn.statistics.targets import target_attainments
from tilsyn.steering.models import Figure, Refresh
from tilsyn.steering.selectors import county_governors, figure_days, steering_targets


def default_years(*, today: datetime.date) -> list[int]:
    """This year and last year, those with closed cases; else the latest year with any (demo data)."""
    years = [year for year in (today.year, today.year - 1)
             if Case.objects.filter(closed__year=year).exists()]
    if years:
        return years
    latest = (Case.objects.filter(closed__lte=today).annotate(y=ExtractYear("closed"))
              .order_by("-closed").values_list("y", flat=True).first())
    return [latest] if latest else []


def figures_refresh(*, years: list[int] | None = None, today: datetime.date | None = None) -> Refresh:
    """Compute the panel's figures for `years` (default: `default_years`) as of `today`, and replace those years'
    figures with them in one transaction, so that the panel shows either the old figures or the new ones."""
    started_at, clock = timezone.now(), time.perf_counter()
    today = today or timezone.localdate()
    years = sorted(set(years or default_years(today=today)))
    offices = county_governors()
    figures = []
    for year in years:
        as_of = min(today, datetime.date(year, 12, 31))
        figures += _attainments(year, as_of, offices)
        figures += _backlogs(year, as_of, offices)
        figures += _flows(year, as_of)
    with transaction.atomic():
        Figure.objects.filter(year__in=years).delete()
        Figure.objects.bulk_create(figures, batch_size=2000)
        return Refresh.objects.create(started_at=started_at, finished_at=timezone.now(), as_of=today, years=years,
                                      seconds=time.perf_counter() - clock)


def _attainments(year: int, as_of: datetime.date, offices: list[Office]) -> list[Figure]:
    """Each target's result so far in the year at each month's end, in the year and the year before, both
    against the year's targets."""
    targets = steering_targets(year)
    figures = []
    for period_year, last in ((year, as_of), (year - 1, datetime.date(year - 1, 12, 31))):
        for day in figure_days(period_year, last):
            for target, result in target_attainments(targets, Context(year=period_year, as_of=day)):
                figures.append(Figure(year=year, kind=Figure.Kind.ATTAINMENT, key=target.code, day=day,
                                      value=result.value, goal=result.goal, reached=result.reached,
                                      offices_reached=result.offices_reached))
                figures += [Figure(year=year, kind=Figure.Kind.ATTAINMENT, key=target.code, day=day, office=office,
                                   value=value, goal=goal, reached=reached)
                            for office, (value, goal, reached) in zip(offices, result.offices)]
    return figures


def _backlogs(year: int, as_of: datetime.date, offices: list[Office]) -> list[Figure]:
    """Every backlog series at the end of last year's and this year's months (and at the start of last year):
    one query per series, a column per day."""
    days = [datetime.date(year - 2, 12, 31), *figure_days(year - 1, datetime.date(year - 1, 12, 31)),
            *figure_days(year, as_of)]
    tables = compute_tables([backlog.on_days(days) for backlog in BACKLOGS], Context(year=year, as_of=days[-1]))
    helsetilsynet = Office.objects.filter(kind=Office.Kind.NATIONAL).first()
    figures = []
    for backlog, table in zip(BACKLOGS, tables):
        *office_rows, total = [row["values"] for row in table["rows"]]
        owners = [helsetilsynet] if backlog.national else offices
        for day in days:
            column = day.isoformat()
            rows = [(None, total[column])] + [(office, values[column])
                                              for office, values in zip(owners, office_rows or [total])]
            figures += [Figure(year=year, kind=Figure.Kind.BACKLOG, key=backlog.code, day=day, office=office,
                               value=value) for office, value in rows]
    return figures


def _flows(year: int, as_of: datetime.date) -> list[Figure]:
    """Every backlog series' new and closed cases per week, this year and last year, per office and in all."""
    by_code = {office.code: office for office in Office.objects.all()}
    figures = []
    for period_year, last in ((year, as_of), (year - 1, None)):
        ctx = Context(year=period_year, as_of=last)
        for backlog in BACKLOGS:
            for kind, count in ((Figure.Kind.INFLOW, backlog.inflow), (Figure.Kind.CLOSURES, backlog.closures)):
                counts = weekly_counts(count, ctx, period_year)
                totals: dict[datetime.date, int] = {}
                for (office, week), n in counts.items():
                    week = max(week, datetime.date(period_year, 1, 1))  # the year's first part-week
                    totals[week] = totals.get(week, 0) + n
                    figures.append(Figure(year=year, kind=kind, key=backlog.code, day=week, office=by_code[office],
                                          value=n))
                figures += [Figure(year=year, kind=kind, key=backlog.code, day=week, value=n)
                            for week, n in totals.items()]
    return figures
