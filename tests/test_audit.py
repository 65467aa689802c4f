"""The audit log: every read, change and export of a case, append-only; the manager's page and the export."""
import csv
import io

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from conftest import OFFICE_A, OFFICE_B, PASSWORD, make_case, make_user
from tilsyn.accounts.models import Role
from tilsyn.audit.maintenance import audit_maintenance, maintenance_allow
from tilsyn.audit.models import AuditEntry
from tilsyn.audit.services import Action, audit_record

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).values_list("username", "action", "channel", "case_id"))


def test_opening_a_case_page_records_who_when_what_and_from_where(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_a)

    client.get(f"/saker/{case.pk}/", REMOTE_ADDR="10.1.2.3")

    entry = AuditEntry.objects.get(case_id=case.pk, action=Action.READ)
    assert (entry.username, entry.user_office, entry.channel, entry.ip) == (caseworker_a.username, OFFICE_A, "side",
                                                                             "10.1.2.3")
    assert entry.path == f"/saker/{case.pk}/" and entry.at is not None


def test_reading_a_case_through_the_api_is_recorded(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_a)
    client.get(f"/api/saker/{case.pk}")
    assert (caseworker_a.username, "read", "api", case.pk) in entries()


def test_the_work_queue_records_each_case_it_lists(client, caseworker_a):
    one, two = make_case(OFFICE_A, 1), make_case(OFFICE_A, 2)
    client.force_login(caseworker_a)
    client.get("/saker/")
    assert {e[3] for e in entries(action=Action.LIST)} == {one.pk, two.pk}


def test_a_case_the_user_may_not_see_leaves_no_read_entry(client, caseworker_b):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_b)
    assert client.get(f"/saker/{case.pk}/").status_code == 404
    assert entries(case_id=case.pk) == []


def test_the_log_cannot_be_changed_or_deleted(caseworker_a):
    maintenance_allow(False)
    audit_record(user=caseworker_a, action=Action.READ, case=make_case(OFFICE_A, 1))
    entry = AuditEntry.objects.get()

    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(username="noen-andre")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")

    assert AuditEntry.objects.get().username == caseworker_a.username


def test_maintenance_may_delete_deliberately(caseworker_a):
    audit_record(user=caseworker_a, action=Action.READ, case=make_case(OFFICE_A, 1))
    with audit_maintenance():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 0


def test_a_manager_sees_who_looked_at_a_case_of_their_office(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    audit_record(user=caseworker_a, action=Action.READ, case=case)
    manager = make_user(Role.MANAGER, OFFICE_A, "leder-a")
    client.force_login(manager)

    page = client.get(f"/tilgangslogg/sak/{case.pk}/").content.decode()

    assert caseworker_a.username in page and "Hvem har sett sak 2024/1" in page


@pytest.mark.parametrize("role, office", [(Role.CASEWORKER, OFFICE_A), (Role.MANAGER, OFFICE_B),
                                          (Role.ANALYST, "HTIL"), (Role.ADMINISTRATOR, None)])
def test_nobody_else_sees_the_trail(client, role, office):
    case = make_case(OFFICE_A, 1)
    client.force_login(make_user(role, office))
    assert client.get(f"/tilgangslogg/sak/{case.pk}/").status_code == 404


def test_the_security_officer_exports_the_log_as_csv_and_the_export_is_logged(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    audit_record(user=caseworker_a, action=Action.READ, case=case)
    officer = make_user(Role.SECURITY_OFFICER, None, "sikkerhet")
    client.force_login(officer)
    assert client.get("/tilgangslogg/").status_code == 200

    response = client.get("/tilgangslogg/eksport.csv", {"username": caseworker_a.username})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert response["Content-Type"].startswith("text/csv")
    assert [(r["username"], r["action"], r["case_id"]) for r in rows] == [(caseworker_a.username, "read", str(case.pk))]
    assert (officer.username, "export") in [(e[0], e[1]) for e in entries()]


def test_only_the_security_officer_exports_the_log(client, caseworker_a):
    client.force_login(make_user(Role.MANAGER, OFFICE_A, "leder-a"))
    assert client.get("/tilgangslogg/eksport.csv").status_code == 403
    assert client.get("/tilgangslogg/").status_code == 403
