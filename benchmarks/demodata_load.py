"""Demo data benchmark: `tilsyn demodata` (generate the national 2022–2024 set and import it) into SQLite.

    .venv/bin/python benchmarks/demodata_load.py [--years 2022-2024] [--seed 2024]

Does what the command does — generate, write the exchange file, import it with `import_cases` — into a fresh
SQLite file, and prints each stage's wall time and CPU time (this process and its worker processes), the load
average, and two totals against the target of 60 s: as measured, and as the CPU time would take on two cores
of its own (generation and the write pass use one core, the check pass both). On a machine shared with other
work the first depends on the others; the second does not.
"""
import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2022-2024")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tilsyn-demodata-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'tilsyn.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilsyn.settings")
        os.environ["DEBUG"] = "0"
        import django

        django.setup()
        from django.core.management import call_command

        from tilsyn.demodata.generate import generate, parse_years, write
        from tilsyn.exchange.importer import import_cases

        call_command("migrate", verbosity=0)
        load_before = os.getloadavg()[0]
        clock = Clock()
        cases = generate(seed=args.seed, years=parse_years(args.years))
        clock.mark("generate")
        path = Path(tmp) / "demodata.jsonl"
        write(cases, path)
        clock.mark("write the file")
        result = import_cases(path, progress=clock.progress)
        clock.mark("write pass and commit")
        load_after = os.getloadavg()[0]

    print(f"Demo data {args.years}, seed {args.seed}: {len(cases):,} cases, {result.created:,} imported")
    for stage, wall, cpu in clock.stages:
        print(f"  {stage:<24} {wall:6.1f} s wall  {cpu:6.1f} s CPU")
    wall = sum(s[1] for s in clock.stages)
    cpu = sum(s[2] for s in clock.stages)
    own_cores = sum(c / (2 if stage == "check pass" else 1) for stage, _, c in clock.stages)
    print(f"Total:   {wall:.1f} s measured, {cpu:.1f} s CPU ({1e6 * cpu / len(cases):.0f} µs a case); "
          f"load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"Target:  {TARGET_SECONDS} s; measured {wall:.1f} s (ratio {wall / TARGET_SECONDS:.2f}); on two cores of "
          f"its own {own_cores:.1f} s (ratio {own_cores / TARGET_SECONDS:.2f})")
    import sqlite3

    print(f"Machine: {os.cpu_count()} CPUs, SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")


class Clock:
    """Wall and CPU time (own and of finished worker processes) per stage; `progress` is the importer's
    callback, which marks the end of the check pass when the write pass first reports."""

    def __init__(self):
        self.stages: list[tuple[str, float, float]] = []
        self.last = self.now()

    @staticmethod
    def now() -> tuple[float, float]:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        return time.perf_counter(), cpu

    def mark(self, stage: str) -> None:
        now = self.now()
        self.stages.append((stage, now[0] - self.last[0], now[1] - self.last[1]))
        self.last = now

    def progress(self, stage: str, done: int, total: int | None) -> None:
        if stage == "write" and not any(name == "check pass" for name, _, _ in self.stages):
            self.mark("check pass")


if __name__ == "__main__":
    main()
