"""schemathesis over the whole OpenAPI document, against the live test server, as a logged-in caseworker: no
request, however odd, makes the server fail (5xx). Valid and invalid inputs both, on real cases and made-up ids.

Each operation gets a modest number of examples (FUZZ_EXAMPLES, default 12) in each of four runs: valid and
invalid input, against a real case and against generated ids.
"""
import datetime
import os
import secrets
from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from conftest import OFFICE_A, make_case
from tilsyn.cases.services import assessment_add, journal_entry_add
from tilsyn.complaints.models import ComplaintType, RightsComplaint
from tilsyn.reference.models import Provision

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))


def cases_to_aim_at(caseworker):
    """An open complaint with assessments and a journal, and a closed one: ids the generated requests can hit."""
    open_case = make_case(OFFICE_A, 1, deadline=datetime.date(2024, 6, 3))
    RightsComplaint.objects.create(case=open_case, complaint_type=ComplaintType.HEALTH)
    for provision in Provision.objects.filter(catalogue="health-complaint")[:2]:
        assessment_add(case_id=open_case.pk, provision=provision, actor=caseworker)
    journal_entry_add(case=open_case, type="I", title="Klage", document_date=datetime.date(2024, 3, 1))
    closed = make_case(OFFICE_A, 2, status="closed", closed=datetime.date(2024, 4, 1))
    RightsComplaint.objects.create(case=closed, complaint_type=ComplaintType.SOCIAL)
    return {"case_id": open_case.pk, "assessment_id": open_case.assessments.first().pk}


def logged_in(client, user) -> tuple[requests.Session, dict]:
    """A requests session and the cookies of the user's Django session (both login steps passed) with a CSRF
    token. The cookies go with every generated case too: the document declares the session cookie as the API's
    security scheme, and schemathesis would otherwise make one up."""
    client.force_login(user)
    csrf = secrets.token_hex(16)  # a 32-character secret: Django takes it unmasked in the header
    session = requests.Session()
    session.headers["X-CSRFToken"] = csrf
    return session, {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}


def test_no_request_makes_the_server_fail(live_server, client, caseworker_a):
    ids = cases_to_aim_at(caseworker_a)
    session, cookies = logged_in(client, caseworker_a)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    failures, statuses = [], Counter()

    for result in schema.get_all_operations():
        operation = result.ok()
        names = {parameter.name for parameter in operation.path_parameters}
        aimed = {name: value for name, value in ids.items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in ([aimed, None] if aimed else [None]):
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters,
                                                cookies=cookies)

                @given(case=strategy)
                @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
                def call(case):
                    response = case.call(session=session, base_url=live_server.url, cookies=cookies, timeout=30)
                    statuses[response.status_code] += 1
                    if response.status_code >= 500:
                        failures.append(f"{case.method} {case.formatted_path} {case.body!r:.300} → "
                                        f"{response.status_code} {response.text[:300]}")

                try:
                    call()
                except Unsatisfiable:  # nothing left to make invalid (an operation without input)
                    continue

    print(f"{sum(statuses.values())} requests: {dict(sorted(statuses.items()))}")
    assert failures == [], "\n".join(failures[:20])
    # It did reach the API as the logged-in caseworker, and some requests were accepted.
    assert statuses[401] == 0 and statuses[200] + statuses[201] > 0
