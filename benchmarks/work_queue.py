"""Work queue and case page benchmark: server time at ten years of national volume on PostgreSQL.

    .venv/bin/python benchmarks/work_queue.py [--years 2015-2024] [--requests 40]

Generates the calibrated demo data set for the years and imports it into a throwaway PostgreSQL cluster with a
server's memory settings (benchmarks/national.py), runs VACUUM ANALYZE, gives a caseworker at the
office with the most open cases a share of them, then requests through Django's test client, logged in as that
caseworker (both login steps):

* the work queue /saker/ as it opens (the office's open cases, most urgent first, 50 a page), "mine", a filtered
  view (rights complaints in health) and the last page;
* the case page of open cases of the office, different ones, rights complaints with assessments among them.

Prints the server time of each at the 95th percentile against the target of 100 ms, and against the raw SQL of
the queue's first page (what the database alone needs); the load average, since the machine may be shared.
"""
import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.national import national_database  # noqa: E402
from benchmarks.statistics_report import machine_facts, timed  # noqa: E402

TARGET = 0.100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2015-2024", help="the years to generate (default: ten, 2015-2024)")
    parser.add_argument("--requests", type=int, default=40, help="requests of each page (default 40)")
    args = parser.parse_args()

    with national_database(args.years):
        run(args.requests)


def run(requests: int) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import setup_test_environment

    from tilsyn.cases.models import Case, Kind


    busiest = (Case.objects.filter(closed__isnull=True).values("office_id").annotate(n=Count("pk"))
               .order_by("-n").first())
    office_id, open_cases = busiest["office_id"], busiest["n"]
    client, user = caseworker_client(office_id)
    open_ids = list(Case.objects.filter(office_id=office_id, closed__isnull=True).values_list("pk", flat=True))
    rng = random.Random(7)
    Case.objects.filter(pk__in=rng.sample(open_ids, min(300, len(open_ids)))).update(caseworker=user)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    setup_test_environment()  # the test client, and ALLOWED_HOSTS for it
    last_page = max(1, -(-open_cases // 50))
    queues = {
        "queue": "/saker/",
        "mine": "/saker/?caseworker=meg",
        "filtered": f"/saker/?kind={Kind.RIGHTS_COMPLAINT}&sector=health&status=open",
        "last page": f"/saker/?side={last_page}",
    }
    complaints = list(Case.objects.filter(office_id=office_id, closed__isnull=True, kind=Kind.RIGHTS_COMPLAINT)
                      .annotate(n=Count("assessments")).filter(n__gt=0).values_list("pk", flat=True)[:requests])
    others = rng.sample(open_ids, requests)
    pages = [f"/saker/{pk}/" for pk in (complaints + others)[:requests]]

    for url in [*queues.values(), pages[0]]:  # warm: templates compiled, reference data cached
        ok(client.get(url))
    results = {name: [timed(lambda: ok(client.get(url))) for _ in range(requests)] for name, url in queues.items()}
    results["case page"] = [timed(lambda: ok(client.get(url))) for url in pages]
    raw = min(timed(lambda: raw_queue_page(connection, office_id)) for _ in range(5))

    print(f"Office {office_id}: {open_cases:,} open cases of {Case.objects.count():,}; "
          f"{len(complaints)} of the {len(pages)} case pages are rights complaints with assessments")
    for name, times in results.items():
        p95 = percentile(times, 0.95)
        print(f"{name:>10}: p95 {p95 * 1000:6.1f} ms, median {statistics.median(times) * 1000:6.1f} ms "
              f"of {len(times)}; target {TARGET * 1000:.0f} ms, ratio {p95 / TARGET:.2f}; "
              f"page / raw queue SQL {p95 / raw:.0f}×")
    print(f"Raw SQL of the queue's first page: {raw * 1000:.1f} ms")
    print(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(machine_facts(connection))


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def caseworker_client(office_id: int):
    """The test client logged in (both steps) as a caseworker at the office."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from tilsyn.accounts.models import Role
    from tilsyn.accounts.services import user_create, user_totp_device_ensure
    from tilsyn.reference.models import Office

    user = user_create(username="kari.benk", role=Role.CASEWORKER,
                       office=Office.objects.get(pk=office_id), password="Fjell-Kaffe-Regn-2024-x")
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user_totp_device_ensure(user=user).persistent_id
    session.save()
    return client, user


def ok(response):
    assert response.status_code == 200, response.status_code


def raw_queue_page(connection, office_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, case_year, case_sequence, title, kind, received, deadline, caseworker_id"
                       " FROM cases_case WHERE office_id = %s AND closed IS NULL"
                       " ORDER BY priority DESC, deadline ASC NULLS LAST, received, id LIMIT 50", [office_id])
        cursor.fetchall()
        cursor.execute("SELECT count(*) FROM cases_case WHERE office_id = %s AND closed IS NULL", [office_id])
        cursor.fetchall()


if __name__ == "__main__":
    main()
