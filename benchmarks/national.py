"""Ten years of national data in PostgreSQL, as the statistics, steering and work-queue benchmarks all need it.

`national_database(years)` generates the calibrated demo data for the years, imports it into a throwaway
PostgreSQL cluster with a server's settings, runs VACUUM ANALYZE and leaves Django set up on that database.
"""
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

# A server as we would run one: memory for the data, and random reads priced as on SSD with the data in memory
# (PostgreSQL's default random_page_cost of 4 assumes spinning disks and steers the planner off the indexes).
SERVER_SETTINGS = {"shared_buffers": "2GB", "work_mem": "64MB", "effective_cache_size": "8GB",
                   "random_page_cost": "1.1", "effective_io_concurrency": "200", "maintenance_work_mem": "512MB",
                   "max_wal_size": "8GB"}


@contextmanager
def national_database(years: str):
    """Yields the number of cases, with Django set up on the loaded cluster; the cluster is gone afterwards."""
    from tilsyn.demodata.generate import generate, parse_years, write
    from tilsyn.testing.pgcluster import throwaway_cluster

    with tempfile.TemporaryDirectory(prefix="tilsyn-bench-") as tmp:
        path = Path(tmp) / "demodata.jsonl"
        started = time.perf_counter()
        cases = write(generate(years=parse_years(years)), path)
        print(f"Generated {cases:,} cases ({years}, {path.stat().st_size / 1e6:,.0f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        with throwaway_cluster(SERVER_SETTINGS) as url:
            os.environ["DATABASE_URL"] = url
            _load(path)
            yield cases


def _load(path: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilsyn.settings")
    os.environ["DEBUG"] = "0"  # no query log
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tilsyn.exchange.importer import import_cases

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    import_cases(path)
    print(f"Imported in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
