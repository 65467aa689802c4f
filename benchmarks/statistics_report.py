"""Statistics benchmark: the whole 2024 report on ten years of national data in PostgreSQL.

    .venv/bin/python benchmarks/statistics_report.py [--years 2015-2024] [--runs 5]

Generates the calibrated demo data set for the years (tilsyn.demodata, as `tilsyn demodata` does), imports it
into a throwaway PostgreSQL cluster (tilsyn.testing.pgcluster) with a server's memory settings, runs VACUUM
ANALYZE, then computes every table of the 2024 report with the function `tilsyn statistikk` uses, a few times.
Prints the best and the median time against the target of 5 s, and against one `SELECT count(*)` over the case
table on the same server (a baseline that says how fast this machine reads the data at all), then the tables
that take longest.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.national import SERVER_SETTINGS, national_database  # noqa: E402

TARGET_SECONDS = 5.0
REPORT_YEAR = 2024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2015-2024", help="the years to generate (default: ten, 2015-2024)")
    parser.add_argument("--runs", type=int, default=5, help="how many times to compute the report (default 5)")
    args = parser.parse_args()

    with national_database(args.years) as cases:
        run(cases, args.runs)


def run(cases: int, runs: int) -> None:
    from django.db import connection

    from tilsyn.statistics.engine import Context, compute_table
    from tilsyn.statistics.selectors import statistics_tables, tables_compute

    count_seconds = min(timed(lambda: count_cases(connection)) for _ in range(3))
    report = [timed(lambda: tables_compute(year=REPORT_YEAR)) for _ in range(runs)]
    best, median = min(report), statistics.median(report)
    ctx = Context(year=REPORT_YEAR)
    slowest = sorted(((timed(lambda: compute_table(table, ctx)), table.id) for table in statistics_tables()),
                     reverse=True)[:5]

    print(f"Cases:   {count_cases(connection):,} in cases_case, {rows_in_case_tables(connection):,} rows in the "
          f"case tables")
    print(f"Report:  {len(statistics_tables())} tables of {REPORT_YEAR}, best {best:.2f} s, median {median:.2f} s "
          f"of {runs} runs")
    print(f"Target:  {TARGET_SECONDS:.0f} s; ratio {best / TARGET_SECONDS:.2f} (best), "
          f"{median / TARGET_SECONDS:.2f} (median)")
    print(f"Baseline: SELECT count(*) FROM cases_case {count_seconds * 1000:.0f} ms; report / count(*) "
          f"{best / count_seconds:.0f}× (best)")
    print("Slowest: " + ", ".join(f"{table_id} {seconds:.2f} s" for seconds, table_id in slowest))
    print(machine_facts(connection))


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def count_cases(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case")
        return cursor.fetchone()[0]


def rows_in_case_tables(connection) -> int:
    """Rows of every table that holds cases or parts of them (parties, assessments, kind blocks, links …)."""
    from django.apps import apps

    labels = ("cases", "supervision", "complaints", "notifications", "coercion", "inspections", "applications")
    models = [m for label in labels for m in apps.get_app_config(label).get_models()]
    tables = [m._meta.db_table for m in models]
    tables += [f.remote_field.through._meta.db_table for m in models for f in m._meta.local_many_to_many]
    with connection.cursor() as cursor:
        total = 0
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            total += cursor.fetchone()[0]
    return total


def machine_facts(connection) -> str:
    cpu_model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                      if line.startswith("model name")), "unknown")
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    settings = ", ".join(f"{k} {v}" for k, v in SERVER_SETTINGS.items())
    return (f"Machine: {os.cpu_count()} CPUs ({cpu_model}), {mem_kb / 1024 / 1024:.1f} GB RAM, PostgreSQL {version} "
            f"({settings}), Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
