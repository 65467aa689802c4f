"""Import benchmark: ten years of national volume (a million cases) into a throwaway PostgreSQL cluster.

    .venv/bin/python benchmarks/import_1m.py [--cases N] [--bulk-create] [--sqlite]

Generates the cases with tilsyn.exchange.synthetic (the same generator as the volume test), starts a fresh
cluster (tilsyn.testing.pgcluster), migrates, imports with timing, and prints the rate against the target of
5 000 cases a second, with the facts of the machine it ran on.
"""
import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_CASES_PER_SECOND = 5_000
# A server as we would run one for a big import: more memory than the throwaway default.
SERVER_SETTINGS = {"shared_buffers": "1GB", "max_wal_size": "8GB", "maintenance_work_mem": "256MB"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="how many cases (default: a million)")
    parser.add_argument("--bulk-create", action="store_true", help="write with bulk_create instead of COPY")
    parser.add_argument("--sqlite", action="store_true", help="import into an SQLite file instead")
    args = parser.parse_args()

    from tilsyn.exchange.synthetic import write_synthetic_file
    from tilsyn.testing.pgcluster import throwaway_cluster

    with tempfile.TemporaryDirectory(prefix="tilsyn-bench-") as tmp:
        path = Path(tmp) / "cases.jsonl"
        started = time.perf_counter()
        write_synthetic_file(path, args.cases)
        print(f"Generated {args.cases:,} cases ({path.stat().st_size / 1e6:,.0f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        if args.sqlite:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'tilsyn.sqlite3'}"
            run(path, args.cases, use_copy=False)
            return
        with throwaway_cluster(SERVER_SETTINGS) as url:
            os.environ["DATABASE_URL"] = url
            run(path, args.cases, use_copy=not args.bulk_create)


def run(path: Path, cases: int, *, use_copy: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilsyn.settings")
    os.environ["DEBUG"] = "0"  # no query log: it would hold every statement of the import in memory
    django.setup()
    from django.core.management import call_command

    from tilsyn.exchange.importer import import_cases

    call_command("migrate", verbosity=0)
    load_before = os.getloadavg()[0]
    cpu = CpuMeter()
    stages = StageTimer(cpu)
    started = time.perf_counter()
    result = import_cases(path, progress=stages, prefer_copy=use_copy)
    elapsed = time.perf_counter() - started
    python_seconds, server_seconds = cpu.seconds()
    assert result.created == cases, result
    rows = rows_in_case_tables()
    rate = cases / elapsed
    print(f"Imported {cases:,} cases, {rows:,} rows, in {elapsed:.1f} s "
          f"(checking {stages.seconds('check'):.1f} s, writing and committing "
          f"{elapsed - stages.seconds('check'):.1f} s, {write_path(use_copy)})")
    print(f"Rate:    {rate:,.0f} cases/s, {rows / elapsed:,.0f} rows/s")
    print(f"Target:  {TARGET_CASES_PER_SECOND:,} cases/s; ratio {rate / TARGET_CASES_PER_SECOND:.2f}")
    print(f"CPU:     Python {python_seconds:.0f} s (with worker processes), database server "
          f"{server_seconds:.0f} s: {1e6 * (python_seconds + server_seconds) / cases:.0f} µs a case in all; "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    check_python, check_server = stages.cpu_at_write or (python_seconds, server_seconds)
    write_python, write_server = python_seconds - check_python, server_seconds - check_server
    # Alone on the machine: the check pass keeps every core busy; in the write pass Python and the server
    # work side by side, so the slower of the two sets the pace.
    from tilsyn.exchange.parallel import PARALLEL_FROM_BYTES

    check_cores = (os.cpu_count() or 1) if path.stat().st_size >= PARALLEL_FROM_BYTES else 1
    alone = check_python / check_cores + max(write_python, write_server)
    print(f"         check pass: Python {1e6 * check_python / cases:.0f} µs a case; write pass: Python "
          f"{1e6 * write_python / cases:.0f} µs, server {1e6 * write_server / cases:.0f} µs")
    print(f"Alone:   {alone:.1f} s on {os.cpu_count()} CPUs of its own, {cases / alone:,.0f} cases/s "
          f"(ratio {cases / alone / TARGET_CASES_PER_SECOND:.2f}): the CPU time spread as the two passes use it")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Memory:  {peak_mb:,.0f} MB at most in the importing process")
    print(machine_facts())


def write_path(use_copy: bool) -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return "SQLite executemany"
    return "COPY" if use_copy else "bulk_create"


class CpuMeter:
    """CPU seconds used since it was made, by this process and its children, and by our PostgreSQL backend:
    a measure of the work that does not depend on what else the machine is doing. (SQLite runs in this
    process: its server seconds are 0.)"""

    def __init__(self):
        from django.db import connection

        self.backend = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend = cursor.fetchone()[0]
        self.start = self.python(), self.server()

    def python(self) -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def server(self) -> float:
        if self.backend is None:
            return 0.0
        with open(f"/proc/{self.backend}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def seconds(self) -> tuple[float, float]:
        return self.python() - self.start[0], self.server() - self.start[1]


class StageTimer:
    """Progress callback noting when each stage (check, write) started and last reported, and the CPU time
    used when the write pass first reported (the check pass's workers have ended by then)."""

    def __init__(self, cpu: "CpuMeter"):
        self.cpu = cpu
        self.cpu_at_write: tuple[float, float] | None = None
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.previous_end = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.perf_counter()
        if stage not in self.first:
            self.first[stage] = self.previous_end
            if stage == "write":
                self.cpu_at_write = self.cpu.seconds()
        self.last[stage] = self.previous_end = now

    def seconds(self, stage: str) -> float:
        return self.last.get(stage, 0) - self.first.get(stage, 0)


def rows_in_case_tables() -> int:
    from django.apps import apps
    from django.db import connection

    labels = ("cases", "supervision", "complaints", "notifications", "coercion", "inspections", "applications")
    tables = [m._meta.db_table for label in labels for m in apps.get_app_config(label).get_models()]
    tables += [f.remote_field.through._meta.db_table for label in labels
               for m in apps.get_app_config(label).get_models() for f in m._meta.local_many_to_many]
    with connection.cursor() as cursor:
        total = 0
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            total += cursor.fetchone()[0]
    return total


def machine_facts() -> str:
    from django.db import connection

    cpu_model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                      if line.startswith("model name")), "unknown")
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = (f"PostgreSQL {cursor.fetchone()[0]} (throwaway cluster: fsync and synchronous_commit "
                        "off)")
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL)"
    return (f"Machine: {os.cpu_count()} CPUs ({cpu_model}), {mem_kb / 1024 / 1024:.1f} GB RAM, {database}, "
            f"Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
