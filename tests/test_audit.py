"""The audit log: every read, change and export of a case, append-only; the manager's page and the export."""
import csv
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from conftest import OFFICE_A, OFFICE_B, PASSWORD, make_case, make_user
from tilsyn.accounts.models import Role
from tilsyn.audit.maintenance import audit_maintenance, maintenance_allow
from tilsyn.audit.models import AuditEntry
from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.models import Case
from tilsyn.reference.models import Office

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


# -- changing: recorded when the change is saved (transitions.case_save), so a refused write records nothing ------


def changes(case):
    return entries(case_id=case.pk, action=Action.CHANGE)


def test_an_api_write_refused_records_no_change_and_one_saved_records_one(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_a)

    def post(action, body):
        return client.post(f"/api/saker/{case.pk}/{action}", body, content_type="application/json").status_code

    assert post("tildel", {"caseworker": caseworker_a.username, "version": case.version + 1}) == 409  # stale
    assert post("gjenapne", {"on": "2024-03-02", "reason": "x", "version": case.version}) == 409  # not closed
    assert post("tildel", {"caseworker": "finnes-ikke", "version": case.version}) == 422
    assert post("frist", {"deadline": "2024-01-01", "reason": "x", "version": case.version}) in (409, 422)
    assert changes(case) == []

    assert post("tildel", {"caseworker": caseworker_a.username, "version": case.version}) == 200

    assert changes(case) == [(caseworker_a.username, "change", "api", case.pk)]


def test_a_page_action_refused_records_no_change_and_one_saved_records_one(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    client.force_login(caseworker_a)

    def assign(version):
        return client.post(f"/saker/{case.pk}/tildel/", {f"tildel-{case.pk}-caseworker": caseworker_a.pk,
                                                          f"tildel-{case.pk}-version": version}).status_code

    assert assign(case.version + 1) == 409
    assert changes(case) == []
    assert assign(case.version) == 302
    assert changes(case) == [(caseworker_a.username, "change", "side", case.pk)]


def test_a_kinds_api_write_refused_by_its_rules_records_no_change(client):
    from test_notification_handling import register
    htil = make_user(Role.CASEWORKER, "HTIL", "saksbehandler-htil")
    notification = register(htil)
    client.force_login(htil)

    refused = client.post(f"/api/varsler/{notification.pk}/oppfolging-fullfort",
                          {"on": "2024-03-13", "version": notification.version}, content_type="application/json")

    assert refused.status_code == 422 and changes(notification) == []


def notification_forwarded_to_office_b(client):
    """A Helsetilsynet caseworker registers a notification and forwards it to office B on the page."""
    from test_notification_handling import register
    from tilsyn.notifications.models import Routing
    htil = make_user(Role.CASEWORKER, "HTIL", "saksbehandler-htil")
    notification = register(htil)
    client.force_login(htil)
    client.post(f"/saker/varsler/{notification.pk}/fordel/", {
        "fordel-version": notification.version, "fordel-routing": Routing.FORWARDED_TO_COUNTY_GOVERNOR,
        "fordel-forwarded_to": Office.objects.get(code=OFFICE_B).pk, "fordel-assessment": "Følges opp lokalt.",
        "fordel-on": "2024-03-10"})
    return htil, notification


def test_routing_and_closing_a_notification_in_one_step_is_one_change(client):
    htil, notification = notification_forwarded_to_office_b(client)

    notification.refresh_from_db()
    assert notification.status == "closed"
    assert changes(notification) == [(htil.username, "change", "side", notification.pk)]


# -- registering: every registration goes through case_register, which records it with the request's origin ------


def complaint_form():
    from test_case_handling_complaints import form_data
    return form_data()


def supervision_form():
    from test_supervision_handling import registration_post
    return registration_post()


def notification_form():
    from test_notification_handling import term
    return {"received": "2024-03-01", "notifier_type": term("notifier_type", "patient_user").pk,
            "notifier_name": "Ola Nordmann", "service_type": term("incident_service_type", "mental_health_substance").pk,
            "service_name": "DPS Bjørgvin", "patient_name": "Ola Nordmann"}


@pytest.mark.parametrize("office, url, form", [(OFFICE_A, "/saker/klager/ny/", complaint_form),
                                               (OFFICE_A, "/saker/tilsynssaker/ny/", supervision_form),
                                               ("HTIL", "/saker/varsler/ny/", notification_form)])
def test_registering_a_case_on_its_form_records_who_created_it_and_from_where(client, office, url, form):
    user = make_user(Role.CASEWORKER, office, "registrerer")
    client.force_login(user)

    response = client.post(url, form(), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=Action.CREATE)
    case = Case.objects.get()
    assert (entry.case_id, entry.case_office_id, entry.username, entry.user_office, entry.channel, entry.path,
            entry.ip) == (case.pk, case.office_id, user.username, office, "side", url, "10.1.2.3")


def test_a_refused_registration_records_nothing(client, caseworker_a):
    client.force_login(caseworker_a)
    from test_supervision_handling import registration_post
    assert client.post("/saker/tilsynssaker/ny/", registration_post(**{"objekt-0-profession": ""})).status_code == 400
    assert not AuditEntry.objects.filter(action=Action.CREATE).exists()


def test_registering_through_the_api_is_recorded_as_from_the_api(client, caseworker_a):
    from test_case_handling_api import complaint_body
    client.force_login(caseworker_a)

    case = client.post("/api/klager/", complaint_body(), content_type="application/json").json()

    assert (caseworker_a.username, "create", "api", case["id"]) in entries()


def test_forwarding_records_the_new_case_at_the_receiving_office_as_created_by_the_sender(client):
    htil, notification = notification_forwarded_to_office_b(client)

    received = Case.objects.get(office__code=OFFICE_B)
    entry = AuditEntry.objects.get(action=Action.CREATE, case_id=received.pk)
    assert (entry.username, entry.case_office_id, entry.channel) == (htil.username, received.office_id, "side")


# -- lists: each case a list shows ----------------------------------------------------------------------------------


def test_the_api_work_queue_records_each_case_on_the_page(client, caseworker_a):
    cases = [make_case(OFFICE_A, n) for n in (1, 2, 3)]
    make_case(OFFICE_B, 1)
    client.force_login(caseworker_a)

    client.get("/api/saker/", {"page_size": 2})

    listed = AuditEntry.objects.filter(action=Action.LIST, channel="api")
    assert listed.count() == 2 and set(listed.values_list("case_id", flat=True)) <= {c.pk for c in cases}


def test_the_steering_drill_down_and_office_view_record_each_case_they_list(client):
    from test_steering import social_complaint
    mine, due = social_complaint(OFFICE_A, "2024-02-01", None), social_complaint(OFFICE_A, "2024-12-01", None)
    other = social_complaint(OFFICE_B, "2024-02-01", None)
    client.force_login(make_user(Role.MANAGER, OFFICE_A, "leder-a"))

    client.get("/styring/saker/", {"figur": "backlog", "nokkel": "all", "dag": "2024-06-30"})
    assert list(AuditEntry.objects.filter(action=Action.LIST).values_list("case_id", "path")) == [
        (mine.pk, "/styring/saker/?figur=backlog&nokkel=all&dag=2024-06-30")]

    client.get(f"/styring/embete/{OFFICE_A}/")
    assert set(AuditEntry.objects.filter(action=Action.LIST, path__startswith="/styring/embete/")
               .values_list("case_id", flat=True)) == {mine.pk, due.pk}
    assert not AuditEntry.objects.filter(case_id=other.pk).exists()


def test_the_commands_record_exports_and_imports_with_the_login_name(tmp_path):
    from test_statistics_fixtures import make_complaint
    make_complaint(OFFICE_A, complaint_type="health", sector="health", received="2024-03-01", closed=None)
    file = tmp_path / "saker.jsonl"

    call_command("export", str(file), stderr=io.StringIO())
    Case.objects.all().delete()
    call_command("import", str(file), stdout=io.StringIO())

    export, imported = AuditEntry.objects.filter(object_type="cases").order_by("id")
    assert (export.action, export.channel, export.detail) == (
        "export", "kommando", "tilsyn export: 1 saker, år=None embete=None type=None")
    assert export.username.startswith("os:")
    assert (imported.action, imported.detail) == ("create", f"tilsyn import {file}: 1 nye, 0 endret, 0 uendret")


def test_the_case_page_links_its_trail_for_the_offices_manager_only(client, caseworker_a):
    case = make_case(OFFICE_A, 1)
    link = f'href="/tilgangslogg/sak/{case.pk}/"'
    client.force_login(caseworker_a)
    assert link not in client.get(f"/saker/{case.pk}/").content.decode()
    client.force_login(make_user(Role.MANAGER, OFFICE_A, "leder-a"))
    assert link in client.get(f"/saker/{case.pk}/").content.decode()


def test_the_security_officer_finds_the_log_in_the_menu_and_nobody_else_does(client, caseworker_a):
    client.force_login(caseworker_a)
    assert 'href="/tilgangslogg/"' not in client.get("/").content.decode()
    client.force_login(make_user(Role.SECURITY_OFFICER, None, "sikkerhet"))
    assert 'href="/tilgangslogg/"' in client.get("/").content.decode()


def test_the_security_officer_sees_the_trail_of_any_case(client, caseworker_a):
    case = make_case(OFFICE_B, 1)
    audit_record(user=caseworker_a, action=Action.READ, case=case)
    client.force_login(make_user(Role.SECURITY_OFFICER, None, "sikkerhet"))
    page = client.get(f"/tilgangslogg/sak/{case.pk}/")
    assert page.status_code == 200 and caseworker_a.username in page.content.decode()


def test_the_trail_names_the_office_and_kind_beside_the_number_and_leads_back_where_the_viewer_may_go(client):
    """Each office numbers its own cases: 2024/1 at two offices are two cases. The manager goes back to the case,
    the security officer (who may read no case) to the log."""
    case = make_case(OFFICE_B, 1)
    make_case(OFFICE_A, 1)
    office = Office.objects.get(code=OFFICE_B)

    client.force_login(make_user(Role.SECURITY_OFFICER, None, "sikkerhet"))
    page = client.get(f"/tilgangslogg/sak/{case.pk}/").content.decode()
    assert "Hvem har sett sak 2024/1" in page and office.name in page and case.get_kind_display() in page
    assert 'href="/tilgangslogg/">Tilbake til tilgangsloggen</a>' in page and f'href="/saker/{case.pk}/"' not in page
    assert client.get("/tilgangslogg/").status_code == 200

    client.force_login(make_user(Role.MANAGER, OFFICE_B, "leder-b"))
    page = client.get(f"/tilgangslogg/sak/{case.pk}/").content.decode()
    assert office.name in page and f'href="/saker/{case.pk}/">Tilbake til saken</a>' in page
    assert client.get(f"/saker/{case.pk}/").status_code == 200
