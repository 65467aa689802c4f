"""A caseworker handles a rights complaint from arrival to decision in the browser, in bokmål and in nynorsk:
register → assess two provisions → one changed, one upheld → close → it leaves the queue. axe on every page."""
import datetime

import pytest

from conftest import PASSWORD
from tests.browser.conftest import language_choose, log_in, no_violations
from tilsyn.cases.models import Case, Outcome, Status
from tilsyn.reference.models import Provision

pytestmark = pytest.mark.django_db(transaction=True)

KARI = "15038510190"
WORDS = {
    "nb": {"queue": "Saker", "register": "Registrer: Rettighetsklage", "complainant": "Klagerens navn",
           "complainant_id": "Klagerens fødselsnummer", "service": "Tjenesten", "decision": "Dato for tjenestens vedtak",
           "fi_received": "Klagen mottatt hos tjenesten", "fi_forwarded": "Klagen oversendt fra tjenesten",
           "submit": "Registrer klagen", "outcome": "Utfall for {}", "save": "Lagre utfall",
           "close": "Avslutt saken", "no_cases": "Ingen saker."},
    "nn": {"queue": "Saker", "register": "Registrer: Rettsklage", "complainant": "Namnet til klagaren",
           "complainant_id": "Fødselsnummeret til klagaren", "service": "Tenesta",
           "decision": "Dato for vedtaket til tenesta", "fi_received": "Klaga motteken hos tenesta",
           "fi_forwarded": "Klaga send over frå tenesta", "submit": "Registrer klaga", "outcome": "Utfall for {}",
           "save": "Lagra utfall", "close": "Avslutt saka", "no_cases": "Ingen saker."},
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_complaint_is_registered_assessed_decided_closed_and_leaves_the_queue(page, caseworker_a, language,
                                                                                 case_reads):
    words = WORDS[language]
    first, second = Provision.objects.filter(catalogue="health-complaint").order_by("sort_order")[:2]
    today = datetime.date.today()

    log_in(page, caseworker_a.username, PASSWORD)
    language_choose(page, language)
    page.get_by_role("link", name=words["queue"], exact=True).click()
    no_violations(page, "queue")

    page.get_by_role("link", name=words["register"]).click()
    no_violations(page, "registration form")
    page.get_by_label(words["complainant"]).fill("Kari Nordmann")
    page.get_by_label(words["complainant_id"]).fill(KARI)
    page.get_by_label(words["service"], exact=True).fill("Bergen kommune, helse og omsorg")
    page.get_by_label(words["decision"]).fill((today - datetime.timedelta(days=40)).isoformat())
    page.get_by_label(words["fi_received"]).fill((today - datetime.timedelta(days=30)).isoformat())
    page.get_by_label(words["fi_forwarded"]).fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_label(str(first), exact=True).check()
    page.get_by_label(str(second), exact=True).check()
    page.get_by_role("button", name=words["submit"]).click()

    case = Case.objects.get(office=caseworker_a.office)
    assert page.url.endswith(f"/saker/{case.pk}/")
    no_violations(page, "case page")

    for provision, outcome in [(first, Outcome.CHANGED), (second, Outcome.UPHELD)]:
        select = page.get_by_label(words["outcome"].format(provision), exact=True)
        select.select_option(outcome)
        page.locator("form", has=select).get_by_role("button", name=words["save"]).click()
        page.wait_for_load_state()
    no_violations(page, "case page, decided")

    page.get_by_role("button", name=words["close"]).click()
    page.wait_for_load_state()
    no_violations(page, "case page, closed")
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert sorted(case.assessments.values_list("outcome", flat=True)) == sorted([Outcome.CHANGED, Outcome.UPHELD])

    page.get_by_role("link", name=words["queue"], exact=True).click()
    assert page.get_by_role("link", name=case.case_number).count() == 0
    assert page.get_by_text(words["no_cases"]).is_visible()
    no_violations(page, "queue after closing")
    # Every case page the walk opened is in the audit log (tests/browser/conftest.py CaseReads).
    assert case_reads.visits and case_reads.unrecorded() == []
