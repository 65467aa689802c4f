"""PostgreSQL row-level security: a query that forgot its filter still returns only the permitted rows."""
import pytest
from django.db import DatabaseError, connection, transaction

from conftest import OFFICE_A, OFFICE_B, make_case, make_user
from test_access_need_to_know import forwarded_notification
from tilsyn.accounts.models import Role
from tilsyn.audit.models import AuditEntry
from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.models import Case, Party
from tilsyn.security import rls

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")


@pytest.fixture
def cases():
    own, other = make_case(OFFICE_A, 1), make_case(OFFICE_B, 1)
    own.parties.create(role="complainant", name="Kari A")
    other.parties.create(role="complainant", name="Ola B")
    return own, other, forwarded_notification(OFFICE_A)


def as_user(user):
    rls.request_enter(user)
    return user


def test_an_unfiltered_query_as_an_office_user_returns_only_the_offices_and_forwarded_cases(cases, caseworker_a):
    own, other, forwarded = cases
    as_user(caseworker_a)
    try:
        assert set(Case.objects.all()) == {own, forwarded}
        assert {p.name for p in Party.objects.all()} == {"Kari A"}
        assert Case.objects.filter(pk=other.pk).count() == 0
    finally:
        rls.request_leave()
    assert Case.objects.count() == 3  # the owner (migrations, import, demodata) is not restricted


@pytest.mark.parametrize("role, office", [(Role.ANALYST, "HTIL"), (Role.ADMINISTRATOR, None)])
def test_users_who_read_no_cases_get_no_rows(cases, role, office):
    as_user(make_user(role, office))
    try:
        assert Case.objects.count() == 0 and Party.objects.count() == 0
    finally:
        rls.request_leave()


def test_aggregates_see_every_office_inside_unrestricted(cases, caseworker_a):
    as_user(caseworker_a)
    try:
        with rls.unrestricted():
            assert Case.objects.count() == 3
        assert Case.objects.count() == 2
    finally:
        rls.request_leave()


def test_a_page_that_forgot_its_filter_still_shows_only_permitted_cases(client, cases, caseworker_a, monkeypatch):
    own, other, forwarded = cases
    monkeypatch.setattr("tilsyn.cases.views.visible_cases", lambda user: Case.objects.all())
    client.force_login(caseworker_a)

    listed = {case.pk for case in client.get("/saker/", {"status": "all"}).context["page"]}

    assert listed == {own.pk}  # the queue is the office's own work; a forwarded copy is read from its page
    assert client.get(f"/saker/{other.pk}/").status_code == 404
    assert client.get(f"/saker/{forwarded.pk}/").status_code == 200


def test_a_drill_down_that_forgot_its_filter_still_lists_only_permitted_cases(client, cases, caseworker_a,
                                                                              monkeypatch):
    own, other, forwarded = cases
    monkeypatch.setattr("tilsyn.steering.selectors.visible_cases", lambda user: Case.objects.all())
    client.force_login(caseworker_a)

    page = client.get("/styring/saker/", {"figur": "backlog", "nokkel": "all", "dag": "2024-06-30"})

    assert own.pk in {case.pk for case in page.context["page"]}
    assert other.pk not in {case.pk for case in page.context["page"]}


def test_the_application_role_is_neither_owner_nor_superuser_nor_bypassing(cases):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [rls.app_role()])
        assert cursor.fetchone() == (False, False)
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'cases_case'")
        assert cursor.fetchone()[0] != rls.app_role()
        cursor.execute("SELECT relrowsecurity FROM pg_class WHERE relname IN ('cases_case', 'cases_party')")
        assert [row[0] for row in cursor.fetchall()] == [True, True]


def test_the_application_role_cannot_change_or_delete_audit_rows(caseworker_a):
    audit_record(user=caseworker_a, action=Action.READ, case=make_case(OFFICE_A, 1))
    as_user(caseworker_a)
    try:
        for statement in ["UPDATE audit_auditentry SET username = 'x'", "DELETE FROM audit_auditentry",
                          "TRUNCATE audit_auditentry"]:
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(statement)
        audit_record(user=caseworker_a, action=Action.READ, case=Case.objects.first())  # inserting is allowed
    finally:
        rls.request_leave()
    assert AuditEntry.objects.count() == 2
