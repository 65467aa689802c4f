"""The demo data set: generate every kind of case, number them, write them as exchange-format lines.

`generate()` makes the cases in memory (about 275 000 for 2022–2024); `write()` writes them sorted by external
id, one JSON object a line. The database is never touched here: `tilsyn demodata` imports the file with the
exchange importer, so the demo data goes through the same checks as any other file.
"""
import time
import warnings
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from tilsyn.demodata import applications, coercion, complaints, htil, inspections, notifications, supervision
from tilsyn.demodata.allocation import CalibrationWarning
from tilsyn.demodata.lines import DemoCase
from tilsyn.demodata.run import Run

DEFAULT_SEED = 2024
DEFAULT_YEARS = (2022, 2023, 2024)


def generate(*, seed: int = DEFAULT_SEED, years: Iterable[int] = DEFAULT_YEARS, scale: float = 1.0,
             timings: dict | None = None) -> list[DemoCase]:
    """Every case of the demo data set, in external-id order."""
    with warnings.catch_warnings():
        if scale != 1:  # scaled volumes cannot meet the published figures, and need not say so
            warnings.simplefilter("ignore", CalibrationWarning)
        return _generate(Run(seed=seed, years=list(years), scale=scale), timings)


def _generate(run: Run, timings: dict | None) -> list[DemoCase]:
    clock = time.perf_counter()
    from_sf = htil.generate(run)
    health_items = supervision.health(run, from_sf)
    supervision.social(run)
    supervision.child_welfare(run)
    notifications.generate(run, health_items)
    coerced = coercion.generate(run)
    complaints.generate(run, coerced)
    inspections.generate(run, coerced["ch9_vedtak"])
    applications.generate(run)
    tidy(run.cases, date(run.last, 12, 31))
    number(run.cases)
    if timings is not None:
        timings["generate"] = time.perf_counter() - clock
    return sorted(run.cases, key=lambda c: c.external_id)


def tidy(cases: list[DemoCase], end: date) -> None:
    """Nothing may be dated after the data set ends: journal entries and IMI notices close to 31 December of the
    last year are moved back to it."""
    for case in cases:
        last = case.closed or end
        for entry in case.journal:
            if entry.day > last:
                entry.day = last
        for reaction in case.block.get("reactions") or ():
            if reaction.get("imi_notified") and reaction["imi_notified"] > end:
                reaction["imi_notified"] = end


def number(cases: list[DemoCase]) -> None:
    """Noark case numbers: per office and year of receipt, in the order received."""
    by_key: dict[tuple[str, int], list[DemoCase]] = {}
    for case in cases:
        by_key.setdefault((case.office, case.received.year), []).append(case)
    for (_, year), group in by_key.items():
        group.sort(key=lambda c: (c.received, c.external_id))
        for sequence, case in enumerate(group, start=1):
            case.case_number = f"{year}/{sequence}"


def write(cases: list[DemoCase], path: str | Path) -> int:
    with open(path, "wb") as f:
        for start in range(0, len(cases), 5_000):
            f.write(b"".join(case.encoded() + b"\n" for case in cases[start:start + 5_000]))
    return len(cases)


def parse_years(text: str) -> list[int]:
    """«2022-2024» or «2024» or «2015,2020-2024»."""
    years: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            first, last = (int(p) for p in part.split("-", 1))
            years += range(first, last + 1)
        elif part:
            years.append(int(part))
    if not years or min(years) < 2000 or max(years) > 2100:
        raise ValueError(f"ugyldige år: {text}")
    return sorted(set(years))
