"""Helsetilsynet registers a notification of a serious incident and forwards it, with its assessment, to a county
governor, whose caseworker sees it in the work queue and reads the notification; in bokmål and in nynorsk.
axe-core runs on every page the walk visits."""
import pytest

from conftest import PASSWORD, make_user
from tests.browser.conftest import language_choose, log_in, no_violations, submit
from tilsyn.cases.models import Case, Kind, Status
from tilsyn.notifications.models import Routing

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "nb": {"queue": "Saker", "register": "Registrer: Varsel om alvorlig hendelse", "notifier_type": "Varsleren er",
           "next_of_kin": "Pårørende", "notifier": "Varslerens navn", "service_type": "Type tjeneste",
           "somatic": "Somatiske helsetjenester", "service": "Tjenesten hendelsen skjedde i (når en person varsler)",
           "patient": "Pasientens eller brukerens navn", "submit": "Registrer varselet",
           "routing": "Hva skjer med varselet", "office": "Statsforvalter (ved oversendelse)",
           "vestland": "Statsforvalteren i Vestland", "assessment": "Helsetilsynets vurdering",
           "route": "Fordel varselet", "log_out": "Logg ut"},
    "nn": {"queue": "Saker", "register": "Registrer: Varsel om alvorleg hending", "notifier_type": "Varslaren er",
           "next_of_kin": "Pårørande", "notifier": "Namnet til varslaren", "service_type": "Type teneste",
           "somatic": "Somatiske helsetenester", "service": "Tenesta hendinga skjedde i (når ein person varslar)",
           "patient": "Namnet til pasienten eller brukaren", "submit": "Registrer varselet",
           "routing": "Kva skjer med varselet", "office": "Statsforvaltar (ved oversending)",
           "vestland": "Statsforvaltaren i Vestland", "assessment": "Vurderinga til Helsetilsynet",
           "route": "Fordel varselet", "log_out": "Logg ut"},
}
ASSESSMENT = "Mogleg svikt i observasjonen etter operasjonen; bør følgjast opp lokalt."


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_notification_is_forwarded_and_the_county_governor_sees_it_in_the_queue(page, caseworker_a, language,
                                                                                   case_reads):
    words = WORDS[language]
    htil = make_user("caseworker", "HTIL", "saksbehandler-htil")

    log_in(page, htil.username, PASSWORD)
    language_choose(page, language)
    page.get_by_role("link", name=words["queue"], exact=True).click()
    page.get_by_role("link", name=words["register"]).click()
    no_violations(page, "registration form")
    page.get_by_label(words["notifier_type"]).select_option(label=words["next_of_kin"])
    page.get_by_label(words["notifier"]).fill("Kari Nordmann")
    page.get_by_label(words["service_type"]).select_option(label=words["somatic"])
    page.get_by_label(words["service"]).fill("Haukeland universitetssjukehus")
    page.get_by_label(words["patient"]).fill("Ola Nordmann")
    submit(page, words["submit"])

    notification = Case.objects.get(kind=Kind.INCIDENT_NOTIFICATION)
    assert page.url.endswith(f"/saker/{notification.pk}/")
    no_violations(page, "notification page")

    page.get_by_label(words["routing"]).select_option(Routing.FORWARDED_TO_COUNTY_GOVERNOR)
    page.get_by_label(words["office"]).select_option(label=words["vestland"])
    page.get_by_label(words["assessment"]).fill(ASSESSMENT)
    submit(page, words["route"])
    no_violations(page, "notification page, forwarded")
    notification.refresh_from_db()
    assert (notification.status, notification.notification.routing) == (Status.CLOSED,
                                                                          Routing.FORWARDED_TO_COUNTY_GOVERNOR)
    arrived = Case.objects.get(office=caseworker_a.office)

    submit(page, words["log_out"])
    log_in(page, caseworker_a.username, PASSWORD)
    language_choose(page, language)
    page.get_by_role("link", name=words["queue"], exact=True).click()
    no_violations(page, "county governor's queue")
    page.get_by_role("link", name=arrived.case_number, exact=True).click()
    assert page.get_by_text(ASSESSMENT).first.is_visible()
    no_violations(page, "county governor's new supervision case")

    page.locator(f'main a[href="/saker/{notification.pk}/"]').first.click()
    assert page.url.endswith(f"/saker/{notification.pk}/")
    assert page.get_by_text(ASSESSMENT).first.is_visible()
    no_violations(page, "the forwarded notification, read at the county governor")
    # Every case page the walk opened is in the audit log (tests/browser/conftest.py CaseReads).
    assert case_reads.visits and case_reads.unrecorded() == []
