"""The audit log from the browser: each case page and API read a user makes is recorded, and the pages of the log
(a manager's trail of a case, the security officer's log) and the account pages pass axe-core."""
import pytest
from playwright.sync_api import expect

from conftest import OFFICE_A, PASSWORD, make_case, make_user
from tests.browser.conftest import language_choose, log_in, no_violations
from tilsyn.accounts.models import Role
from tilsyn.audit.models import AuditEntry
from tilsyn.audit.services import Action, audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_reading_a_case_on_its_page_and_through_the_api_is_recorded(page, caseworker_a, case_reads):
    case = make_case(OFFICE_A, 1, title="Klage på fastlegen")
    log_in(page, caseworker_a.username, PASSWORD)
    page.get_by_role("link", name="Saker", exact=True).click()
    page.get_by_role("link", name=case.case_number, exact=True).click()

    for api in (f"/api/saker/{case.pk}", f"/api/saker/{case.pk}/tidslinje", "/api/saker/"):
        assert page.goto(api).status == 200

    assert len(case_reads.visits) == 3 and case_reads.unrecorded() == []
    user = caseworker_a.username
    recorded = set(AuditEntry.objects.filter(case_id=case.pk).values_list("username", "action", "channel"))
    assert recorded == {(user, "list", "side"), (user, "read", "side"), (user, "read", "api"), (user, "list", "api")}


def test_the_walks_check_finds_a_case_page_the_log_missed(page, caseworker_a, case_reads, monkeypatch):
    case = make_case(OFFICE_A, 1)
    monkeypatch.setattr("tilsyn.cases.views.audit_record", lambda **kwargs: None)
    log_in(page, caseworker_a.username, PASSWORD)
    page.goto(f"/saker/{case.pk}/")
    assert case_reads.unrecorded() == [(case.pk, f"/saker/{case.pk}/", 1)]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_manager_finds_who_looked_at_a_case_and_the_security_officer_the_log(page, caseworker_a, language):
    case = make_case(OFFICE_A, 1)
    audit_record(user=caseworker_a, action=Action.READ, case=case)
    manager = make_user(Role.MANAGER, OFFICE_A, "leder-a")
    officer = make_user(Role.SECURITY_OFFICER, None, "sikkerhet")

    log_in(page, manager.username, PASSWORD)
    language_choose(page, language)
    page.goto(f"/saker/{case.pk}/")
    page.get_by_role("link", name={"nb": "Hvem har sett saken", "nn": "Kven har sett saka"}[language]).click()
    expect(page.get_by_role("cell", name=caseworker_a.username)).to_be_visible()
    no_violations(page, "a case's trail")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/logg-inn/")

    log_in(page, officer.username, PASSWORD)
    language_choose(page, language)
    page.goto(f"/tilgangslogg/sak/{case.pk}/")  # the officer reads no case: the trail leads back to the log
    kind_and_office = {"nb": f"Rettighetsklage · {case.office.name}", "nn": f"Rettsklage · {case.office.name_nn}"}
    expect(page.get_by_text(kind_and_office[language], exact=False)).to_be_visible()
    no_violations(page, "a case's trail, for the security officer")
    page.get_by_role("link", name="Tilbake til tilgangsloggen").click()  # the same words in nynorsk
    page.wait_for_url("**/tilgangslogg/")
    no_violations(page, "the audit log")
    page.get_by_label("Sak (intern id)").fill("0")  # the same words in nynorsk
    page.get_by_role("button", name="Last ned CSV").click()
    page.wait_for_url("**/tilgangslogg/eksport.csv?**")
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    no_violations(page, "the audit log, refused")
