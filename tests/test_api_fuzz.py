"""schemathesis over the whole OpenAPI document, against the live test server, as a logged-in caseworker at
office A: no request, however odd, makes the server fail (5xx), and no response names a case of office B or its
people, nor does any request change one. Valid and invalid inputs both, on real cases of both offices and made-up
ids.

Each operation gets a modest number of examples (FUZZ_EXAMPLES, default 12) in each of six runs: valid and
invalid input, against a case of A's, a case of B's and generated ids.
"""
import datetime
import json
import os
import secrets
from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from conftest import OFFICE_A, OFFICE_B, make_case, make_user
from tilsyn.accounts.models import Role
from tilsyn.cases.models import Case, PartyRole
from tilsyn.cases.services import assessment_add, journal_entry_add
from tilsyn.complaints.models import ComplaintType, RightsComplaint
from tilsyn.reference.models import Provision

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
BJARNE = ("Bjarne Rogalending", "02020212345")  # office B's complainant


def cases_to_aim_at(caseworker, office=OFFICE_A, person=("", "")):
    """An open complaint with assessments, a journal and the complainant `person` (name, fødselsnummer), and a
    closed one: ids the generated requests can hit."""
    open_case = make_case(office, 1, deadline=datetime.date(2024, 6, 3), title=f"Klage fra {person[0] or office}")
    RightsComplaint.objects.create(case=open_case, complaint_type=ComplaintType.HEALTH)
    if person[0]:
        open_case.parties.create(role=PartyRole.COMPLAINANT, name=person[0], national_id=person[1])
    for provision in Provision.objects.filter(catalogue="health-complaint")[:2]:
        assessment_add(case_id=open_case.pk, provision=provision, actor=caseworker)
    journal_entry_add(case=open_case, type="I", title="Klage", document_date=datetime.date(2024, 3, 1))
    closed = make_case(office, 2, status="closed", closed=datetime.date(2024, 4, 1))
    RightsComplaint.objects.create(case=closed, complaint_type=ComplaintType.SOCIAL)
    return {"case_id": open_case.pk, "assessment_id": open_case.assessments.first().pk}


def office_b_cases() -> tuple[dict, list[str], dict]:
    """Office B's cases: the ids to aim at, what would show that a response names one (their external ids, the
    complainant's name and number, the open case's title), and the rows as they are (nothing may change them)."""
    ids = cases_to_aim_at(make_user(Role.CASEWORKER, OFFICE_B), OFFICE_B, BJARNE)
    cases = Case.objects.filter(office__code=OFFICE_B)
    marks = [*cases.values_list("external_id", flat=True), *BJARNE, f"Klage fra {BJARNE[0]}"]
    return ids, marks, case_rows(cases)


def case_rows(cases) -> dict:
    return {case.pk: (case.version, case.status, case.caseworker_id, case.deadline, case.closed,
                      sorted(case.assessments.values_list("pk", "outcome")), case.events.count())
            for case in cases}


def office_b_named(response, marks: list[str], b_ids: set[int]) -> list[str]:
    """What of office B's cases the response shows: a mark in its text, or a case summary with one of B's ids."""
    found = [mark for mark in marks if mark in response.text]
    try:
        body = response.json()
    except ValueError:
        return found
    stack = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "case_number" in item and isinstance(item.get("id"), int) and item["id"] in b_ids:
                found.append(f"sak id {item['id']}")
            stack += item.values()
        elif isinstance(item, list):
            stack += item
    return found


def logged_in(client, user) -> tuple[requests.Session, dict]:
    """A requests session and the cookies of the user's Django session (both login steps passed) with a CSRF
    token. The cookies go with every generated case too: the document declares the session cookie as the API's
    security scheme, and schemathesis would otherwise make one up."""
    client.force_login(user)
    csrf = secrets.token_hex(16)  # a 32-character secret: Django takes it unmasked in the header
    session = requests.Session()
    session.headers["X-CSRFToken"] = csrf
    return session, {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}


def test_no_request_makes_the_server_fail_or_shows_another_offices_case(live_server, client, caseworker_a):
    targets = [cases_to_aim_at(caseworker_a)]
    b_ids, marks, b_before = office_b_cases()
    targets.append(b_ids)
    b_cases = set(b_before)
    session, cookies = logged_in(client, caseworker_a)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    failures, leaks, statuses = [], [], Counter()

    for result in schema.get_all_operations():
        operation = result.ok()
        names = {parameter.name for parameter in operation.path_parameters}
        aimed = [{name: value for name, value in ids.items() if name in names} for ids in targets]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in [*(ids for ids in aimed if ids), None]:
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters,
                                                cookies=cookies)

                @given(case=strategy)
                @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
                def call(case):
                    response = case.call(session=session, base_url=live_server.url, cookies=cookies, timeout=30)
                    statuses[response.status_code] += 1
                    request = f"{case.method} {case.formatted_path} {case.body!r:.300}"
                    if response.status_code >= 500:
                        failures.append(f"{request} → {response.status_code} {response.text[:300]}")
                    named = office_b_named(response, marks, b_cases)
                    if named:
                        leaks.append(f"{request} → {response.status_code} names {named}")

                try:
                    call()
                except Unsatisfiable:  # nothing left to make invalid (an operation without input)
                    continue

    print(f"{sum(statuses.values())} requests: {dict(sorted(statuses.items()))}; "
          f"{len(leaks)} responses naming a case of office B")
    assert failures == [], "\n".join(failures[:20])
    assert leaks == [], "\n".join(leaks[:20])
    assert case_rows(Case.objects.filter(pk__in=b_cases)) == b_before  # and none of B's cases was changed
    # It did reach the API as the logged-in caseworker, and some requests were accepted.
    assert statuses[401] == 0 and statuses[200] + statuses[201] > 0


def test_the_leak_check_sees_a_case_of_office_b():
    """The check above would notice B's case in a response: by a mark in the text or by its id in a summary."""
    b_ids, marks, rows = office_b_cases()
    response = requests.Response()
    response._content = json.dumps([{"id": b_ids["case_id"], "external_id": "x", "case_number": "2024/1"}]).encode()
    assert office_b_named(response, marks, set(rows)) == [f"sak id {b_ids['case_id']}"]
    response._content = json.dumps({"detail": f"Klage fra {BJARNE[0]}"}).encode()
    assert office_b_named(response, marks, set(rows)) == [BJARNE[0], f"Klage fra {BJARNE[0]}"]
