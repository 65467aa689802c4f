"""Every persona tries every page, API endpoint, export and drill-down against every other persona's cases.

Pages come from the URL resolver and API endpoints from the OpenAPI document, so whatever someone adds later is
tried too; drill-downs and downloads are found by following the links the pages themselves offer. A leak is a
response that names a person of a case the persona may not see (their name or fødselsnummer)."""
import re
import sys

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import OFFICE_A, OFFICE_B, VerifiedClient, make_case, make_user
from tilsyn.accounts.models import Role
from tilsyn.cases import access
from tilsyn.cases.models import Case
from tilsyn.security import rls

pytestmark = pytest.mark.django_db

PEOPLE = {"A": ("Aslaug Vestlending", "01010112345", OFFICE_A), "B": ("Bjarne Rogalending", "02020212345", OFFICE_B),
          "H": ("Helga Nasjonalsen", "03030312345", "HTIL")}
PERSONAS = {  # name: (role, office, the cases it may read)
    "caseworker A": (Role.CASEWORKER, OFFICE_A, {"A"}),
    "caseworker B": (Role.CASEWORKER, OFFICE_B, {"B"}),
    "manager A": (Role.MANAGER, OFFICE_A, {"A"}),
    "Helsetilsynet": (Role.NATIONAL, "HTIL", {"H"}),
    "analyst": (Role.ANALYST, "HTIL", set()),
    "administrator": (Role.ADMINISTRATOR, None, set()),
    "security officer": (Role.SECURITY_OFFICER, None, set()),
    "anonymous": (None, None, set()),
}
NOT_TRIED = {"logout", "logout_everywhere", "language_set", "password_change"}  # would end the persona's session


def routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith(("api/", "admin/")):
                continue
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name not in NOT_TRIED:
            yield prefix + str(pattern.pattern)


def filled(route: str, case_ids: list[int], assessment_ids: list[int]) -> list[str]:
    """Every way of filling the route's parameters with the test's cases (and a few codes)."""
    paths = ["/" + route]
    values = {"case_id": case_ids, "assessment_id": assessment_ids or [1], "code": [OFFICE_A, OFFICE_B, "HTIL"],
              "table_id": ["vedlegg-28", "tabell-3"], "vocabulary": ["source"]}
    for name in re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", route):
        name = name[0] or name[1]
        paths = [re.sub(rf"<(?:\w+:)?{name}>|\{{{name}\}}", str(v), p, count=1) for p in paths for v in values.get(name, [1])]
    return paths


@pytest.fixture
def world():
    cases = {}
    for key, (name, national_id, office) in PEOPLE.items():
        case = make_case(office, 1, title=f"Klage fra {name}", summary=f"{name} ({national_id}) klaget.")
        case.parties.create(role="complainant", name=name, national_id=national_id)
        cases[key] = case
    return cases


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def persona_attempts(world, personas=PERSONAS) -> tuple[int, list, list]:
    """Each of `personas` tries every page, API endpoint, export and drill-down: (attempts, leaks, 5xx errors),
    a leak and an error as (persona, method, path, what)."""
    case_ids = [case.pk for case in world.values()]
    assessment_ids = []
    api_paths = []
    document = VerifiedClient().get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        api_paths += [(method.upper(), p) for method in operations for p in filled(path.lstrip("/"), case_ids, [1])]
    page_paths = [p for route in routes() for p in filled(route, case_ids, assessment_ids)]
    page_paths += ["/saker/analyse.csv?year=2024", "/tilgangslogg/eksport.csv", "/saker/?status=all",
                   "/api/saker/?status=all"]

    attempts, leaks, errors = 0, [], []
    for persona, (role, office, may_read) in personas.items():
        # A page that fails is recorded and reported, not raised: the question here is what leaks.
        client = Client(raise_request_exception=False) if role is None else VerifiedClient(raise_request_exception=False)
        if role is not None:
            client.force_login(make_user(role, office, persona.replace(" ", "-")))
        forbidden = [value for key, (name, national_id, _) in PEOPLE.items() if key not in may_read
                     for value in (name, national_id)]
        tried, queue = set(), [("GET", p) for p in page_paths] + api_paths
        queue += [("POST", p) for p in page_paths if "/saker/" in p and re.search(r"/\d+/", p)]
        while queue:
            method, path = queue.pop(0)
            if (method, path) in tried:
                continue
            tried.add((method, path))
            if method == "GET":
                response = client.get(path)
            else:
                response = client.generic(method, path, "{}", content_type="application/json")
            attempts += 1
            body = body_of(response)
            if response.status_code >= 500:
                errors.append((persona, method, path, response.status_code))
            leaked = [value for value in forbidden if value in body]
            if leaked:
                leaks.append((persona, method, path, leaked))
            if method == "GET" and response.status_code == 200 and "html" in response.get("Content-Type", ""):
                # Follow the drill-downs and downloads the page offers.
                for link in re.findall(r'href="(/(?:styring/saker|statistikk|saker|tilgangslogg)/[^"]*\?[^"]+)"', body):
                    queue.append(("GET", link.replace("&amp;", "&")))
    return attempts, leaks, errors


def test_no_persona_sees_another_personas_cases(world, capsys):
    attempts, leaks, errors = persona_attempts(world)
    with capsys.disabled():
        print(f"\n{attempts} attempts, {len(leaks)} leaks")
        for error in sorted(set((e[2], e[3]) for e in errors)):
            print("5xx (not a leak, but a bug):", *error)
    assert leaks == []
    assert attempts > 500


def test_the_check_reports_leaks_when_the_office_filter_is_dropped(world, monkeypatch):
    """The suite above would notice: with `visible_cases` giving every office's cases (and, on PostgreSQL, row
    security letting every row through too), caseworker A's case pages and API name B's and H's people."""
    original = access.visible_cases

    def every_office(user):
        return Case.objects.all() if access.reads_cases(user) else Case.objects.none()

    for module in list(sys.modules.values()):
        if getattr(module, "visible_cases", None) is original:
            monkeypatch.setattr(module, "visible_cases", every_office)
    monkeypatch.setattr(rls, "request_enter", lambda user: rls._set("all", None))

    attempts, leaks, errors = persona_attempts(world, {"caseworker A": PERSONAS["caseworker A"]})

    leaked = {path for _persona, _method, path, _values in leaks}
    other = world["B"].pk
    assert {f"/saker/{other}/", f"/api/saker/{other}"} <= leaked
    assert errors == [] and attempts > 100
