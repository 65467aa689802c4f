"""Steering panel benchmark: the national view and the aggregate refresh on ten years of national data in
PostgreSQL.

    .venv/bin/python benchmarks/steering.py [--years 2015-2024] [--requests 40]

Generates the calibrated demo data set for the years and imports it into a throwaway PostgreSQL cluster with a
server's memory settings (benchmarks/national.py), runs VACUUM ANALYZE, then:

* refreshes the panel's daily aggregates for the last year (`tilsyn oppdater-styringsdata`'s function), against
  the target of 60 s and against one raw aggregate SQL query over the case table (open, received and closed cases
  per office and kind in the year: what one pass over the cases costs on this server);
* requests the national view (/styring/) through Django's test client as a logged-in Helsetilsynet leader and
  takes the server time at the 95th percentile, against the target of 150 ms and against the raw SQL query that
  reads the year's aggregates from steering_figure.

Prints the load average too: the machine may be shared.
"""
import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.national import national_database  # noqa: E402
from benchmarks.statistics_report import machine_facts, timed  # noqa: E402

REFRESH_TARGET, VIEW_TARGET = 60.0, 0.150
YEAR = 2024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2015-2024", help="the years to generate (default: ten, 2015-2024)")
    parser.add_argument("--requests", type=int, default=40, help="requests of the national view (default 40)")
    args = parser.parse_args()

    with national_database(args.years):
        run(args.requests)


def run(requests: int) -> None:
    import datetime

    from django.db import connection
    from django.test.utils import setup_test_environment

    from tilsyn.steering.services import figures_refresh

    raw_cases = min(timed(lambda: raw_case_aggregate(connection)) for _ in range(3))
    refreshes = [timed(lambda: figures_refresh(years=[YEAR], today=datetime.date(YEAR + 1, 1, 15)))
                 for _ in range(2)]
    refresh = min(refreshes)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE steering_figure")

    setup_test_environment()  # the test client, and ALLOWED_HOSTS for it
    client = leader_client()
    client.get("/styring/")  # warm: templates compiled, reference data cached as in a running server
    views = sorted(timed(lambda: assert_ok(client.get("/styring/"))) for _ in range(requests))
    p95 = views[max(0, round(0.95 * len(views)) - 1)]
    raw_figures = min(timed(lambda: raw_figure_read(connection)) for _ in range(5))

    print(f"Refresh: {refresh:.1f} s (runs: {', '.join(f'{s:.1f}' for s in refreshes)}); target "
          f"{REFRESH_TARGET:.0f} s, ratio {refresh / REFRESH_TARGET:.2f}; raw aggregate SQL over the cases "
          f"{raw_cases * 1000:.0f} ms, refresh / raw {refresh / raw_cases:.0f}×")
    print(f"National view: p95 {p95 * 1000:.0f} ms, median {statistics.median(views) * 1000:.0f} ms of {requests} "
          f"requests; target {VIEW_TARGET * 1000:.0f} ms, ratio {p95 / VIEW_TARGET:.2f}; raw aggregate SQL of the "
          f"year's figures {raw_figures * 1000:.1f} ms, view / raw {p95 / raw_figures:.0f}×")
    print(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(machine_facts(connection))


def leader_client():
    """The test client logged in (both steps) as a national user at Helsetilsynet."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from tilsyn.accounts.models import Role
    from tilsyn.accounts.services import user_create, user_totp_device_ensure
    from tilsyn.reference.models import Office

    user = user_create(username="benchmark-leder", role=Role.NATIONAL, office=Office.objects.get(code="HTIL"),
                       password="et-langt-benchmarkpassord-1")
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user_totp_device_ensure(user=user).persistent_id
    session.save()
    return client


def assert_ok(response):
    assert response.status_code == 200, response.status_code


def raw_case_aggregate(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT office_id, kind, count(*) FILTER (WHERE received BETWEEN %s AND %s),"
            " count(*) FILTER (WHERE closed BETWEEN %s AND %s),"
            " count(*) FILTER (WHERE received <= %s AND (closed IS NULL OR closed > %s))"
            " FROM cases_case GROUP BY office_id, kind",
            [f"{YEAR}-01-01", f"{YEAR}-12-31"] * 2 + [f"{YEAR}-12-31"] * 2)
        cursor.fetchall()


def raw_figure_read(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, key, day, office_id, value, goal, reached, offices_reached FROM steering_figure"
                       " WHERE year = %s AND kind IN ('attainment', 'backlog')", [YEAR])
        cursor.fetchall()


if __name__ == "__main__":
    main()
