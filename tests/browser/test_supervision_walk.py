"""A county governor's caseworker takes a supervision case through handling method 5 with a breach and sends it
to Helsetilsynet, whose national user sees it arrive in the work queue; in bokmål and in nynorsk. axe-core runs on
every page the walk visits."""
import datetime

import pytest

from conftest import PASSWORD
from tests.browser.conftest import language_choose, log_in, no_violations, submit
from tilsyn.cases.models import Case, Outcome, Status
from tilsyn.reference.models import Provision
from tilsyn.supervision.models import Result

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "nb": {"queue": "Saker", "register": "Registrer: Tilsynssak", "title": "Tittel", "source": "Pasient/bruker",
           "object_type": "Type tilsynsobjekt", "personnel": "Helsepersonell", "name": "Navn",
           "profession": "Yrke (helsepersonell)", "doctor": "Leger", "submit": "Registrer tilsynssaken",
           "method": "Behandlingsmåte", "save_method": "Lagre behandlingsmåte", "involvement": "Brukerinvolvering",
           "answered": "Dato for svaret", "save_involvement": "Lagre brukerinvolvering",
           "provision": "Bestemmelse", "add_provision": "Legg til bestemmelse", "outcome": "Utfall for {}",
           "save_outcome": "Lagre utfall", "forward": "Send til Statens helsetilsyn", "log_out": "Logg ut",
           "started": "Statsforvalteren: Statsforvalteren i Vestland"},
    "nn": {"queue": "Saker", "register": "Registrer: Tilsynssak", "title": "Tittel", "source": "Pasient/brukar",
           "object_type": "Type tilsynsobjekt", "personnel": "Helsepersonell", "name": "Namn",
           "profession": "Yrke (helsepersonell)", "doctor": "Legar", "submit": "Registrer tilsynssaka",
           "method": "Behandlingsmåte", "save_method": "Lagra behandlingsmåte", "involvement": "Brukarinvolvering",
           "answered": "Dato for svaret", "save_involvement": "Lagra brukarinvolvering",
           "provision": "Føresegn", "add_provision": "Legg til føresegn", "outcome": "Utfall for {}",
           "save_outcome": "Lagra utfall", "forward": "Send til Statens helsetilsyn", "log_out": "Logg ut",
           "started": "Statsforvaltaren: Statsforvaltaren i Vestland"},
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_case_is_investigated_with_a_breach_and_helsetilsynet_sees_it_arrive(page, caseworker_a, national,
                                                                              language, case_reads):
    words = WORDS[language]
    provision = Provision.objects.get(code="hs-hpl-helsefaglig-forsvarlighet-ovrig-4")

    log_in(page, caseworker_a.username, PASSWORD)
    language_choose(page, language)
    page.get_by_role("link", name=words["queue"], exact=True).click()
    page.get_by_role("link", name=words["register"]).click()
    no_violations(page, "registration form")
    page.get_by_label(words["title"], exact=True).fill("Mangelfull oppfølging etter operasjon")
    page.get_by_label(words["source"], exact=True).check()
    page.get_by_label(words["object_type"]).first.select_option(label=words["personnel"])
    page.get_by_label(words["name"], exact=True).first.fill("Lege Lise Lund")
    page.get_by_label(words["profession"]).first.select_option(label=words["doctor"])
    submit(page, words["submit"])

    case = Case.objects.get(office=caseworker_a.office)
    assert page.url.endswith(f"/saker/{case.pk}/")
    no_violations(page, "case page, registered")

    page.get_by_label(words["method"], exact=True).select_option("5")
    submit(page, words["save_method"])
    page.get_by_label(words["involvement"], exact=True).select_option("accepted")
    page.get_by_label(words["answered"]).fill(datetime.date.today().isoformat())
    submit(page, words["save_involvement"])
    page.get_by_label(words["provision"], exact=True).select_option(label=str(provision))
    submit(page, words["add_provision"])
    page.get_by_label(words["outcome"].format(provision), exact=True).select_option(Outcome.BREACH)
    submit(page, words["save_outcome"])
    no_violations(page, "case page, investigated")

    submit(page, words["forward"])
    no_violations(page, "case page, forwarded")
    case.refresh_from_db()
    assert (case.status, case.supervision.result) == (Status.CLOSED, Result.FORWARDED_TO_HELSETILSYNET)
    arrived = case.derived.get()

    submit(page, words["log_out"])
    log_in(page, national.username, PASSWORD)
    language_choose(page, language)
    page.get_by_role("link", name=words["queue"], exact=True).click()
    no_violations(page, "Helsetilsynet's queue")
    page.get_by_role("link", name=arrived.case_number, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mangelfull oppfølging etter operasjon"
    assert page.get_by_text(words["started"]).is_visible()
    no_violations(page, "Helsetilsynet's case page")
    # Every case page the walk opened is in the audit log (tests/browser/conftest.py CaseReads).
    assert case_reads.visits and case_reads.unrecorded() == []
