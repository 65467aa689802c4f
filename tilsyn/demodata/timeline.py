"""Dates: processing times drawn to meet published shares, means and medians, then placed in the year.

A year's closed cases of one stream (office, kind, …) are `closed` in number; `carried` of them were open at
the start of the year (the backlog at 31.12 the year before) and so were received the year before. The
number processed within a time limit, a mean or a median processing time are met exactly by choosing the
durations first; received = closed − duration. Cases still open at the end of the last year are received in
that year. Months are 30.4375 days (365.25 / 12). Durations are kept clear of every time limit (see `Limit`),
so that any sensible reading of «within 3 months» (calendar months, 90 days, working days) agrees.
"""
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_DAYS = 365.25 / 12


@dataclass(frozen=True)
class Limit:
    """A processing-time limit. Within: at most `within_max` days; beyond: at least `beyond_min` days."""
    within_max: int
    beyond_min: int


FOUR_WEEKS = Limit(25, 31)
ONE_MONTH = Limit(27, 33)
THREE_MONTHS = Limit(84, 96)
SIX_MONTHS = Limit(176, 190)


@dataclass(frozen=True)
class Model:
    """Processing times of a stream: log-normal around `median` days, cut to [low, high]."""
    median: float
    sigma: float = 0.7
    low: int = 1
    high: int = 360


@dataclass
class Duration:
    days: int
    low: int
    high: int
    pinned: bool = False


@dataclass
class Timing:
    received: date
    closed: date | None
    days: int | None = None


def draw(rng: random.Random, model: Model, low: int, high: int) -> int:
    low, high = max(low, 1), max(high, max(low, 1))
    for _ in range(12):
        value = round(model.median * math.exp(rng.gauss(0, model.sigma)))
        if low <= value <= high:
            return value
    return rng.randint(low, high)


def durations(rng: random.Random, n: int, model: Model, *, within: int | None = None, limit: Limit | None = None,
              mean_days: float | None = None, median_days: int | None = None,
              long_tail: tuple[int, int, int] | None = None) -> list[Duration]:
    """n processing times. `within` of them at most `limit.within_max` days, the rest at least
    `limit.beyond_min`; a mean of `mean_days` (rounded to the day's total); or exactly `median_days` as median
    with `long_tail` = (count, low, high) of the longest."""
    result: list[Duration] = []
    if median_days is not None:
        n_tail, tail_low, tail_high = long_tail or (0, 0, 0)
        below = (n - 1) // 2 if n % 2 else n // 2 - 1
        middle = n - 2 * below
        above = n - below - middle
        result += [Duration(draw(rng, model, model.low, median_days - 2), model.low, median_days - 2)
                   for _ in range(below)]
        result += [Duration(median_days, median_days, median_days, pinned=True) for _ in range(middle)]
        result += [Duration(draw(rng, model, tail_low, tail_high), tail_low, tail_high) for _ in range(n_tail)]
        upper = tail_low - 1 if n_tail else model.high
        result += [Duration(draw(rng, model, median_days + 2, upper), median_days + 2, upper)
                   for _ in range(above - n_tail)]
    elif within is not None and limit is not None:
        result += [Duration(draw(rng, model, model.low, limit.within_max), model.low, limit.within_max)
                   for _ in range(within)]
        high = max(model.high, limit.beyond_min + 30)
        result += [Duration(draw(rng, model, limit.beyond_min, high), limit.beyond_min, high)
                   for _ in range(n - within)]
    else:
        result += [Duration(draw(rng, model, model.low, model.high), model.low, model.high) for _ in range(n)]
    if mean_days is not None and result:
        adjust_mean(rng, result, mean_days)
    rng.shuffle(result)
    return result


def adjust_mean(rng: random.Random, items: list[Duration], mean_days: float) -> None:
    """Move durations (in place, within their bounds, the pinned ones not at all) to the given mean."""
    target = round(mean_days * len(items))
    diff = target - sum(d.days for d in items)
    free = [d for d in items if not d.pinned]
    while diff and free:
        movable = [d for d in free if (d.days < d.high if diff > 0 else d.days > d.low)]
        if not movable:
            return
        step = max(1, abs(diff) // len(movable))
        rng.shuffle(movable)
        for d in movable:
            room = (d.high - d.days) if diff > 0 else (d.days - d.low)
            move = min(room, step, abs(diff))
            d.days += move if diff > 0 else -move
            diff -= move if diff > 0 else -move
            if not diff:
                return


def place(rng: random.Random, year: int, items: list[Duration], carried: int,
          fixed: list[date] = ()) -> list[Timing]:
    """Closing dates in `year` for the durations; `carried` of the cases were received the year before.
    The first len(fixed) cases close on the given days (they count as carried when their duration says so)."""
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    prev_jan1, prev_dec31 = date(year - 1, 1, 1), date(year - 1, 12, 31)
    timings = []
    for closed, d in zip(fixed, items):
        d.days = min(d.days, (closed - prev_jan1).days)
        timings.append(Timing(closed - timedelta(days=d.days), closed, d.days))
    carried -= sum(1 for t in timings if t.received < jan1)
    items = items[len(timings):]
    carried = max(0, min(carried, len(items)))
    # Cases that take longer than the year must have come in the year before; then the longest-waiting.
    order = sorted(range(len(items)), key=lambda i: (items[i].days <= 364, -items[i].days * rng.uniform(0.4, 1.6)))
    carried_set = set(order[:carried])
    for i, d in enumerate(items):
        if i in carried_set:
            d.days = min(d.days, 729)
            low = max(jan1, prev_jan1 + timedelta(days=d.days))
            high = min(dec31, prev_dec31 + timedelta(days=d.days))
        else:
            d.days = min(d.days, 364)
            low, high = jan1 + timedelta(days=d.days), dec31
        closed = _weekday(low + timedelta(days=rng.randint(0, (high - low).days)), low, high)
        received = closed - timedelta(days=d.days)
        received = _received_weekday(received, d, i in carried_set, jan1)
        timings.append(Timing(received, closed, (closed - received).days))
    return timings


def _weekday(day: date, low: date, high: date) -> date:
    if day.weekday() < 5:
        return day
    back = day - timedelta(days=day.weekday() - 4)
    if back >= low:
        return back
    forward = day + timedelta(days=7 - day.weekday())
    return forward if forward <= high else day


def _received_weekday(received: date, d: Duration, carried: bool, jan1: date) -> date:
    if d.pinned or received.weekday() < 5:
        return received
    shift = -1 if received.weekday() == 5 else 1  # Saturday → Friday, Sunday → Monday
    moved = received + timedelta(days=shift)
    days = d.days - shift
    if d.low <= days <= d.high and ((moved < jan1) if carried else (moved >= jan1)):
        d.days = days
        return moved
    return received


def open_at_end(rng: random.Random, year: int, n: int, typical_age: float) -> list[Timing]:
    """Received dates of n cases still open on 31 December of `year`, most of them recent."""
    dec31 = date(year, 12, 31)
    result = []
    for _ in range(n):
        age = min(364, int(rng.expovariate(1 / max(typical_age, 1))))
        received = dec31 - timedelta(days=age)
        if received.weekday() >= 5:
            received -= timedelta(days=received.weekday() - 4)
        result.append(Timing(max(received, date(year, 1, 1)), None))
    return result


def days_for_months(value: float) -> int:
    return round(value * MONTH_DAYS)
