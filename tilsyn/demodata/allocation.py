"""Exact quota allocation: splitting published totals into integer cells that add up.

Everything here is deterministic given its inputs (and, where it takes one, a `random.Random`). Published
shares are rounded percentages; `share_range` gives the counts that print as a share, and
`counts_for_shares` picks counts per office that print as each office's share, add up to a national share and
let exactly the published number of offices reach a target.
"""
import itertools
import math
import random
import warnings
from collections.abc import Sequence


class CalibrationWarning(UserWarning):
    """Published figures that a scaled or unpublished year cannot meet exactly."""


def round_half_up(x: float) -> int:
    return math.floor(x + 0.5 + 1e-9)


def share(count: int, total: int) -> int:
    """A count as a rounded percentage of total, as the report prints it."""
    return round_half_up(100 * count / total) if total else 0


def share_range(total: int, pct: float) -> tuple[int, int]:
    """The counts k (0 ≤ k ≤ total) that print as pct per cent of total: an interval, possibly empty."""
    if total == 0:
        return (0, 0) if pct == 0 else (1, 0)
    lo = math.ceil((pct - 0.5) * total / 100 - 1e-9)
    hi = math.ceil((pct + 0.5) * total / 100 - 1e-9) - 1
    return max(lo, 0), min(hi, total)


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into integers proportional to weights (ties go to the earlier index)."""
    if total == 0 or not weights:
        return [0] * len(weights)
    weight_sum = sum(weights)
    if weight_sum <= 0:
        weights = [1.0] * len(weights)
        weight_sum = float(len(weights))
    quotas = [total * w / weight_sum for w in weights]
    counts = [math.floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def allocate_capped(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Like largest_remainder, but no cell gets more than its cap; raises when the caps are too small."""
    if total > sum(caps):
        raise ValueError(f"cannot place {total} in cells holding {sum(caps)}")
    counts = [0] * len(weights)
    remaining = total
    open_cells = [i for i in range(len(weights)) if caps[i] > 0]
    while remaining > 0:
        active = [i for i in open_cells if counts[i] < caps[i]]
        shares = largest_remainder(remaining, [max(weights[i], 1e-9) for i in active])
        for i, extra in zip(active, shares):
            take = min(extra, caps[i] - counts[i])
            counts[i] += take
            remaining -= take
    return counts


def scale_counts(counts: Sequence[int], factor: float) -> list[int]:
    """Counts multiplied by factor, rounded so that the total is the rounded scaled total."""
    if factor == 1:
        return list(counts)
    return largest_remainder(round_half_up(sum(counts) * factor), counts)


def fit_matrix(row_totals: Sequence[int], col_totals: Sequence[int], weights: Sequence[Sequence[float]],
               caps: Sequence[Sequence[int]] | None = None) -> list[list[int]]:
    """An integer matrix with the given row and column totals, shaped like `weights` (iterative proportional
    fitting, then column by column rounding that never overdraws a row). `caps` bound single cells."""
    if sum(row_totals) != sum(col_totals):  # only with scaled volumes: the columns give way
        warnings.warn(f"row totals {sum(row_totals)} differ from column totals {sum(col_totals)}",
                      CalibrationWarning)
        col_totals = largest_remainder(sum(row_totals), [c + 0.01 for c in col_totals])
    n_rows, n_cols = len(row_totals), len(col_totals)
    x = [[max(float(weights[i][j]), 0.0) for j in range(n_cols)] for i in range(n_rows)]
    for _ in range(60):
        for i in range(n_rows):
            s = sum(x[i])
            if s > 0:
                x[i] = [v * row_totals[i] / s for v in x[i]]
        for j in range(n_cols):
            s = sum(x[i][j] for i in range(n_rows))
            if s > 0:
                for i in range(n_rows):
                    x[i][j] *= col_totals[j] / s
    remaining = list(row_totals)
    result = [[0] * n_cols for _ in range(n_rows)]
    order = sorted(range(n_cols), key=lambda j: col_totals[j])
    for j in order:
        cell_caps = [min(remaining[i], caps[i][j] if caps else remaining[i]) for i in range(n_rows)]
        column = allocate_capped(col_totals[j], [x[i][j] for i in range(n_rows)], cell_caps)
        for i in range(n_rows):
            result[i][j] = column[i]
            remaining[i] -= column[i]
    if any(remaining):
        raise ValueError("matrix could not be fitted to its totals")
    return result


def spread_total(n: int, total: int, lo: int, hi: int, rng: random.Random, *, spread: float = 0.5) -> list[int]:
    """n integers in [lo, hi] adding up to total, scattered around the mean."""
    if n == 0:
        return []
    if not lo * n <= total <= hi * n:  # only with scaled volumes: keep within the bounds
        warnings.warn(f"{total} cannot be spread over {n} items in [{lo}, {hi}]", CalibrationWarning)
        total = min(hi * n, max(lo * n, total))
    mean = total / n
    width = max((hi - lo) * spread / 2, 0.5)
    values = [min(hi, max(lo, round(rng.gauss(mean, width)))) for _ in range(n)]
    adjust_total(values, total, [lo] * n, [hi] * n, rng)
    return values


def adjust_total(values: list[int], total: int, lows: Sequence[int], highs: Sequence[int],
                 rng: random.Random) -> None:
    """Move values (in place) within their bounds until they add up to total."""
    diff = total - sum(values)
    step = 1 if diff > 0 else -1
    while diff:
        movable = [i for i, v in enumerate(values) if (highs[i] > v if step > 0 else lows[i] < v)]
        if not movable:
            raise ValueError("values cannot reach the total within their bounds")
        rng.shuffle(movable)
        per_item = max(1, abs(diff) // len(movable))
        for i in movable:
            room = highs[i] - values[i] if step > 0 else values[i] - lows[i]
            move = min(room, per_item, abs(diff))
            values[i] += step * move
            diff -= step * move
            if not diff:
                break


def assign_tags(n_items: int, tag_counts: dict[str, int], rng: random.Random,
                start: list[list[str]] | None = None) -> list[list[str]]:
    """Give each tag to exactly `count` distinct items, preferring items with the fewest tags so far, so
    that every item gets one before any gets two. Tags are handed out largest count first."""
    tags = start if start is not None else [[] for _ in range(n_items)]
    for tag, count in sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count > n_items:
            raise ValueError(f"tag {tag} on {count} of {n_items} items")
        candidates = [i for i in range(n_items) if tag not in tags[i]]
        rng.shuffle(candidates)
        candidates.sort(key=lambda i: len(tags[i]))
        for i in candidates[:count]:
            tags[i].append(tag)
    return tags


def counts_for_shares(totals: dict[str, int], *, national_share: float | None = None,
                      printed: dict[str, float] | None = None, threshold: float | None = None,
                      reached: int | None = None, must_reach: Sequence[str] = (),
                      preferred: dict[str, float] | None = None, exact_total: int | None = None,
                      rng: random.Random) -> dict[str, int]:
    """Counts per office (k ≤ n) such that: each office with a printed share prints it; the national total
    prints `national_share`; exactly `reached` offices have k/n ≥ threshold/100 (those in `must_reach`
    among them). `preferred` shares (per cent) steer the offices the report does not print; `exact_total`
    fixes the national count."""
    printed = printed or {}
    preferred = preferred or {}
    offices = list(totals)

    def base_range(office: str) -> tuple[int, int]:
        n = totals[office]
        if office in printed:
            return share_range(n, printed[office])
        return 0, n

    def reach_range(office: str, reach: bool) -> tuple[int, int]:
        lo, hi = base_range(office)
        if threshold is None:
            return lo, hi
        bar = math.ceil(threshold * totals[office] / 100 - 1e-9)
        return (max(lo, bar), hi) if reach else (lo, min(hi, bar - 1))

    grand = sum(totals.values())
    national = share_range(grand, national_share) if national_share is not None else (0, grand)
    if exact_total is not None:
        national = (max(national[0], exact_total), min(national[1], exact_total))
    if threshold is None or reached is None:
        choices = [frozenset()]
    else:
        forced = {o for o in offices if o in must_reach or (o in printed and printed[o] > threshold)}
        free = [o for o in offices if o not in forced and reach_range(o, True)[0] <= reach_range(o, True)[1]
                and not (o in printed and printed[o] < threshold)]
        shuffled = list(free)
        rng.shuffle(shuffled)
        choices = [forced | set(c) for c in itertools.combinations(shuffled, reached - len(forced))] \
            if reached >= len(forced) else []
    for chosen in choices:
        ranges = {o: reach_range(o, o in chosen) if threshold is not None and reached is not None
                  else base_range(o) for o in offices}
        if any(lo > hi for lo, hi in ranges.values()):
            continue
        lo_sum = sum(lo for lo, _ in ranges.values())
        hi_sum = sum(hi for _, hi in ranges.values())
        target_lo, target_hi = max(lo_sum, national[0]), min(hi_sum, national[1])
        if target_lo > target_hi:
            continue
        wish = {}
        centre = national_share if national_share is not None else 50
        for o in offices:
            lo, hi = ranges[o]
            if o in printed or o in preferred:
                pct = printed.get(o, preferred.get(o))
            elif threshold is not None and reached is not None:
                pct = rng.uniform(threshold + 0.5, min(99.5, threshold + 14)) if o in chosen \
                    else rng.uniform(max(0.0, min(centre, threshold) - 16), threshold - 1)
            else:
                pct = rng.uniform(max(0.0, centre - 12), min(100.0, centre + 12))
            wish[o] = min(hi, max(lo, round_half_up(pct * totals[o] / 100)))
        target = min(target_hi, max(target_lo, sum(wish.values())))
        counts = dict(wish)
        diff = target - sum(counts.values())
        if diff:
            room = [ranges[o][1] - counts[o] if diff > 0 else counts[o] - ranges[o][0] for o in offices]
            moves = allocate_capped(abs(diff), room, room)
            for o, move in zip(offices, moves):
                counts[o] += move if diff > 0 else -move
        return counts
    # Scaled or tiny volumes can make the published shares impossible: then simply the shares.
    warnings.warn("published shares cannot be met exactly; using proportional counts", CalibrationWarning)
    centre = national_share if national_share is not None else 50
    return {o: min(totals[o], round_half_up(printed.get(o, preferred.get(o, centre)) * totals[o] / 100))
            for o in offices}


def outcome_counts(assessments: dict[str, int], printed: dict[str, tuple[float, float, float]],
                   national: tuple[float, float, float], success: tuple[int, int],
                   rng: random.Random) -> dict[str, tuple[int, int]]:
    """Changed and quashed assessments per office, such that each office prints its shares upheld / changed /
    quashed, the country prints the national shares, and changed + quashed (the complainant's success) add
    up to a total in `success` (lo, hi). Offices without printed shares take the national ones."""
    offices = list(assessments)
    ranges = {}
    for o in offices:
        n = assessments[o]
        u, c, q = printed.get(o, national)
        (ulo, uhi), (clo, chi), (qlo, qhi) = share_range(n, u), share_range(n, c), share_range(n, q)
        mlo, mhi = max(clo + qlo, n - uhi), min(chi + qhi, n - ulo)
        ranges[o] = (mlo, mhi, clo, chi, qlo, qhi)
    grand = sum(assessments.values())
    (ulo, uhi), (clo, chi), (qlo, qhi) = (share_range(grand, x) for x in national)
    lo = max(sum(r[0] for r in ranges.values()), success[0], grand - uhi, clo + qlo)
    hi = min(sum(r[1] for r in ranges.values()), success[1], grand - ulo, chi + qhi)
    if lo > hi or any(r[0] > r[1] for r in ranges.values()):
        warnings.warn("published outcome shares cannot be met exactly; using proportional counts",
                      CalibrationWarning)
        return {o: (round_half_up(assessments[o] * printed.get(o, national)[1] / 100),
                    round_half_up(assessments[o] * printed.get(o, national)[2] / 100)) for o in offices}
    wish = {o: min(ranges[o][1], max(ranges[o][0], round((printed.get(o, national)[1] + printed.get(o, national)[2])
                                                         * assessments[o] / 100))) for o in offices}
    total = min(hi, max(lo, sum(wish.values())))
    success_by_office = dict(wish)
    diff = total - sum(wish.values())
    if diff:
        room = [ranges[o][1] - wish[o] if diff > 0 else wish[o] - ranges[o][0] for o in offices]
        for o, move in zip(offices, allocate_capped(abs(diff), room, room)):
            success_by_office[o] += move if diff > 0 else -move
    changed = {}
    for o in offices:
        m, (_, _, c_lo, c_hi, q_lo, q_hi) = success_by_office[o], ranges[o]
        c_range = (max(c_lo, m - q_hi), min(c_hi, m - q_lo))
        share_c = printed.get(o, national)[1] / max(printed.get(o, national)[1] + printed.get(o, national)[2], 1)
        changed[o] = [c_range[0], c_range[1], min(c_range[1], max(c_range[0], round(m * share_c)))]
    want_c = (max(clo, total - qhi), min(chi, total - qlo))
    diff = min(want_c[1], max(want_c[0], sum(v[2] for v in changed.values()))) - sum(v[2] for v in changed.values())
    if diff:
        room = [changed[o][1] - changed[o][2] if diff > 0 else changed[o][2] - changed[o][0] for o in offices]
        for o, move in zip(offices, allocate_capped(abs(diff), room, room)):
            changed[o][2] += move if diff > 0 else -move
    return {o: (changed[o][2], success_by_office[o] - changed[o][2]) for o in offices}
