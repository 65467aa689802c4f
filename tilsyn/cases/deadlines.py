"""Deadlines, in one place: the time limits of the targets, the Norwegian public holidays, paused clocks.

Two questions are answered here and nowhere else:
* *When is this case due?* The target's time limit counted from the day the office received the case, plus the
  days the clock was paused waiting for documentation; a due date on a weekend or public holiday moves to the
  next working day. An explicit extension sets a later date (`Case.extended_deadline`, moved by later pauses
  too); when the deadline is worked out again (a new handling method), the extension stands if it is later
  (`case_deadline`).
* *Was it closed within the limit?* The statistics' rule, as the annual report counts: closed at most the
  limit's number of days after it was received (no holiday shift, no pauses), a month being a twelfth of a
  year in whole days (1 month = 30 days, 3 = 91, 6 = 182). The case page and the statistics both ask
  `limit_days`, so a case counts the same in both.
The time limits themselves are reference data (`reference.Target`, Tabell 3), never typed here.
"""
import datetime
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

from tilsyn.reference.models import Target


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Norway(years=year, include_sundays=False))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def time_limit(target: Target) -> relativedelta | None:
    """The target's limit as a calendar period ("4 uker", "3 md."), or None for medians, points and shares."""
    if target.within_days:
        return relativedelta(days=target.within_days)
    if target.within_weeks:
        return relativedelta(weeks=target.within_weeks)
    if target.within_months:
        return relativedelta(months=target.within_months)
    return None


MONTH_DAYS = 365.25 / 12


def month_days(months: int) -> int:
    """Whole days that count as "within N months" in the statistics (3 months = 91 days)."""
    return int(months * MONTH_DAYS)


def limit_days(target: Target) -> int | None:
    """The target's limit in whole days for "closed within", or None for medians, points and shares."""
    if target.within_days:
        return target.within_days
    if target.within_weeks:
        return target.within_weeks * 7
    if target.within_months:
        return month_days(target.within_months)
    return None


def closed_within(*, received: datetime.date, closed: datetime.date, days: int) -> bool:
    return (closed - received).days <= days


def due_date(*, received: datetime.date, limit: relativedelta, paused_days: int = 0) -> datetime.date:
    return next_working_day(received + limit + datetime.timedelta(days=paused_days))


# The facts of a case a deadline target can depend on (Target.applies_to keys).
DEADLINE_KEYS = ("kind", "sector", "handling_method", "complaint_type")


def deadline_target(*, year: int, kind: str, sector: str, handling_method: int | None = None,
                    complaint_type: str | None = None) -> Target | None:
    """The share-within-a-limit target that sets this case's deadline, from the latest year up to `year`."""
    facts = {"kind": kind, "sector": sector, "handling_method": handling_method, "complaint_type": complaint_type}
    candidates = Target.objects.filter(measure="share_within", year__lte=year).order_by("-year")
    for target in candidates:
        applies = {key: value for key, value in target.applies_to.items() if key in DEADLINE_KEYS}
        if applies.get("kind") == kind and all(facts[key] == value for key, value in applies.items()):
            return target
    return None


def deadline_moved(deadline: datetime.date, *, days: int) -> datetime.date:
    """`deadline` moved `days` later, as a pause of the clock moves it, landing on a working day."""
    return next_working_day(deadline + datetime.timedelta(days=days))


def case_target(case) -> Target | None:
    """The target that sets `case`'s time limit, from the facts of its kind's details (handling method …)."""
    from tilsyn.cases.kinds import case_details

    details = case_details(case)
    facts = {key: getattr(details, key, None) for key in ("handling_method", "complaint_type")}
    year = (case.closed or case.received).year
    return deadline_target(year=year, kind=case.kind, sector=case.sector, **facts)


def case_due_date(case) -> datetime.date | None:
    """The deadline a new case gets: its target's time limit from the day it was received, or None."""
    target = case_target(case)
    limit = time_limit(target) if target else None
    return due_date(received=case.received, limit=limit, paused_days=case.paused_days) if limit else None


def case_deadline(case) -> datetime.date | None:
    """The deadline worked out again from the case's facts now (e.g. a new handling method): its target's time
    limit from the day it was received, moved by the days the clock was paused, on a working day; or the date of
    an explicit extension, when that is later. None when there is neither."""
    due = case_due_date(case)
    extended = case.extended_deadline
    return extended if extended is not None and (due is None or extended > due) else due


def case_closed_within_target(case) -> bool | None:
    """Whether a closed case counts as within its target's limit in the statistics (None: open, or no limit)."""
    target = case_target(case)
    days = limit_days(target) if target else None
    if case.closed is None or days is None:
        return None
    return closed_within(received=case.received, closed=case.closed, days=days)
