"""Supervision cases at a county governor: registration, handling method and its deadline, brukerinvolvering,
assessments and result, closing, and forwarding to Helsetilsynet, which sees the case arrive."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from conftest import OFFICE_A, OFFICE_B, PASSWORD, make_user
from tilsyn.cases.access import visible_cases
from tilsyn.cases.models import Case, CaseEvent, Outcome, PartyRole, Status
from tilsyn.cases.selectors import work_queue
from tilsyn.cases.services import (
    assessment_add, assessment_decide, assessment_remove, case_clock_pause, case_clock_resume, case_close,
    case_deadline_extend,
)
from tilsyn.cases.transitions import StaleCase, TransitionError
from tilsyn.reference.models import Office, Provision, Term
from tilsyn.statistics.selectors import table_compute
from tilsyn.supervision.models import Result, StartedAt, UserInvolvement
from tilsyn.supervision.services import (
    SupervisedObject, supervision_case_close, supervision_case_forward, supervision_case_register,
    supervision_method_choose, supervision_object_add, supervision_user_involvement_record,
)
from test_statistics_fixtures import row

pytestmark = pytest.mark.django_db
D = datetime.date
INVALID_FNR = "01017012345"
VALID_ORG = "974633574"


def term(vocabulary, code):
    return Term.objects.get(vocabulary=vocabulary, code=code)


def personnel(**fields):
    fields = {"object_type": term("supervised_object_type", "health_personnel"), "name": "Lege Lise Lund",
              "profession": term("profession", "doctor"), **fields}
    return SupervisedObject(**fields)


def enterprise(**fields):
    fields = {"object_type": term("supervised_object_type", "enterprise"), "name": "Haukeland universitetssjukehus",
              "org_number": VALID_ORG, "service_level": term("service_level", "specialist"), **fields}
    return SupervisedObject(**fields)


def register(actor, office=OFFICE_A, **fields):
    fields = {"sector": "health", "title": "Mangelfull oppfølging etter operasjon", "received": D(2024, 3, 1),
              "sources": [term("source", "patient_user")], "objects": [personnel(), enterprise()], **fields}
    return supervision_case_register(office=Office.objects.get(code=office), actor=actor, **fields)


def errors(excinfo) -> str:
    return " ".join(message for messages in excinfo.value.message_dict.values() for message in messages)


def investigated_with_breach(case, actor):
    """Method 5, involvement documented, one provision assessed as a breach."""
    supervision_method_choose(case_id=case.pk, method=5, actor=actor)
    supervision_user_involvement_record(case_id=case.pk, involvement=UserInvolvement.ACCEPTED, on=D(2024, 3, 8),
                                        actor=actor)
    provision = Provision.objects.get(code="hs-hpl-helsefaglig-forsvarlighet-ovrig-4")
    assessment = assessment_add(case_id=case.pk, provision=provision, actor=actor,
                                party=case.parties.get(role=PartyRole.SUPERVISED, object_type__code="health_personnel"))
    assessment_decide(case_id=case.pk, assessment_id=assessment.pk, outcome=Outcome.BREACH, actor=actor)
    return assessment


# -- registration ---------------------------------------------------------------------------------------------


def test_a_caseworker_registers_a_case_with_its_sources_and_supervised_objects(caseworker_a):
    case = register(caseworker_a, themes=[])

    assert (case.kind, case.office.code, case.status, case.deadline) == ("supervision_case", OFFICE_A, "open", None)
    assert [t.code for t in case.supervision.sources.all()] == ["patient_user"]
    objects = {p.object_type.code: p for p in case.parties.filter(role=PartyRole.SUPERVISED)}
    assert objects["health_personnel"].profession.code == "doctor"
    assert (objects["enterprise"].org_number, objects["enterprise"].service_level.code) == (VALID_ORG, "specialist")
    assert CaseEvent.objects.filter(case=case, type=CaseEvent.Type.REGISTERED).exists()


def test_a_child_welfare_case_has_themes_and_a_municipal_service_as_object(caseworker_a):
    service = SupervisedObject(object_type=term("supervised_object_type", "municipal_child_welfare"),
                               name="Bergen barnevernstjeneste", org_number=VALID_ORG)
    case = register(caseworker_a, sector="child_welfare", objects=[service],
                    themes=[term("theme", "participation"), term("theme", "care_order")])
    assert sorted(t.code for t in case.supervision.themes.all()) == ["care_order", "participation"]


@pytest.mark.parametrize("fields, message", [
    (lambda: {"sources": []}, "Velg minst én kilde"),
    (lambda: {"objects": [personnel(profession=None)]}, "Velg yrket"),
    (lambda: {"objects": [personnel(national_id=INVALID_FNR)]}, "Fødselsnummeret 01017012345 er ikke gyldig"),
    (lambda: {"objects": [personnel(org_number=VALID_ORG)]}, "ikke organisasjonsnummer"),
    (lambda: {"objects": [enterprise(org_number="974633575")]}, "Organisasjonsnummeret 974633575 er ikke gyldig"),
    (lambda: {"objects": [enterprise(org_number="")]}, "Skriv organisasjonsnummeret"),
    (lambda: {"objects": [enterprise(service_level=None)]}, "Velg tjenestenivået"),
    (lambda: {"sector": "social"}, "er ikke et tilsynsobjekt innen sosiale tjenester i nav"),
    (lambda: {"themes": [term("theme", "participation")]}, "hører ikke til helse"),
])
def test_registration_is_refused_with_the_reason_in_norwegian(caseworker_a, fields, message):
    with pytest.raises(ValidationError) as excinfo:
        register(caseworker_a, **fields())
    assert message in errors(excinfo)
    assert not Case.objects.exists()


def test_a_case_from_a_county_governor_is_not_registered_at_helsetilsynet_by_hand(national):
    with pytest.raises(ValidationError) as excinfo:
        register(national, office="HTIL")
    assert "oversendelse" in errors(excinfo)
    case = register(national, office="HTIL", started_at=StartedAt.HELSETILSYNET)
    assert case.supervision.started_at == StartedAt.HELSETILSYNET


def test_a_supervised_object_is_added_later_and_logged(caseworker_a):
    case = register(caseworker_a, objects=[])
    supervision_object_add(case_id=case.pk, obj=enterprise(), actor=caseworker_a, expected_version=case.version)
    assert case.parties.filter(role=PartyRole.SUPERVISED).count() == 1
    assert CaseEvent.objects.filter(case=case, field="supervised_object").exists()


# -- handling method and deadline -----------------------------------------------------------------------------


def test_the_handling_method_sets_the_deadline_from_its_target_moved_past_easter(caseworker_a):
    case = register(caseworker_a)  # received Friday 1 March 2024

    case = supervision_method_choose(case_id=case.pk, method=1, actor=caseworker_a, expected_version=case.version)
    # Four weeks lands on Good Friday 29 March; Easter Saturday, Sunday and Monday follow: Tuesday 2 April.
    assert case.deadline == D(2024, 4, 2)

    case = supervision_method_choose(case_id=case.pk, method=5, actor=caseworker_a, expected_version=case.version)
    assert case.deadline == D(2024, 9, 2)  # six months is Sunday 1 September
    changes = CaseEvent.objects.filter(case=case, type=CaseEvent.Type.DATE_CHANGED, field="deadline")
    assert [(e.old_value, e.new_value) for e in changes] == [("", "2024-04-02"), ("2024-04-02", "2024-09-02")]
    assert [e.new_value for e in CaseEvent.objects.filter(case=case, field="handling_method")] == ["1", "5"]


def test_a_new_method_keeps_the_paused_days_and_a_later_extension(caseworker_a):
    case = register(caseworker_a)  # received Friday 1 March 2024

    def choose(method):
        return supervision_method_choose(case_id=case.pk, method=method, actor=caseworker_a)

    assert choose(1).deadline == D(2024, 4, 2)
    case_clock_pause(case_id=case.pk, on=D(2024, 3, 4), reason="Ber om journal", actor=caseworker_a)
    assert case_clock_resume(case_id=case.pk, on=D(2024, 3, 14), actor=caseworker_a).deadline == D(2024, 4, 12)
    case_deadline_extend(case_id=case.pk, deadline=D(2024, 5, 2), reason="Venter på sakkyndig", actor=caseworker_a)
    case_clock_pause(case_id=case.pk, on=D(2024, 4, 15), actor=caseworker_a)
    # Ten days more: 12 May is a Sunday, so Monday 13 May; the extension moves with the pause.
    assert case_clock_resume(case_id=case.pk, on=D(2024, 4, 25), actor=caseworker_a).deadline == D(2024, 5, 13)

    # Method 2's four weeks and 20 paused days end 18 April: the extension is later and stands.
    assert choose(2).deadline == D(2024, 5, 13)
    # Method 3's three months end 1 June, 20 paused days later Friday 21 June: later than the extension.
    assert choose(3).deadline == D(2024, 6, 21)
    # Back to four weeks: the extension, recorded with its reason, still stands.
    assert choose(1).deadline == D(2024, 5, 13)

    changes = CaseEvent.objects.filter(case=case, type=CaseEvent.Type.DATE_CHANGED, field="deadline")
    assert [(e.old_value, e.new_value, e.reason) for e in changes][-2:] == [
        ("2024-05-13", "2024-06-21", "3 Virksomheten følger opp og rapporterer"),
        ("2024-06-21", "2024-05-13", "1 Avslutning med veiledning")]


def test_a_case_without_a_deadline_target_keeps_its_extended_deadline_when_the_method_changes(caseworker_a):
    service = SupervisedObject(object_type=term("supervised_object_type", "municipal_child_welfare"),
                               name="Bergen barnevernstjeneste", org_number=VALID_ORG)
    case = register(caseworker_a, sector="child_welfare", objects=[service])
    case_deadline_extend(case_id=case.pk, deadline=D(2024, 6, 3), reason="Avtalt med tjenesten", actor=caseworker_a)
    assert supervision_method_choose(case_id=case.pk, method=3, actor=caseworker_a).deadline == D(2024, 6, 3)


def test_a_child_welfare_case_has_no_deadline_target(caseworker_a):
    service = SupervisedObject(object_type=term("supervised_object_type", "municipal_child_welfare"),
                               name="Bergen barnevernstjeneste", org_number=VALID_ORG)
    case = register(caseworker_a, sector="child_welfare", objects=[service])
    assert supervision_method_choose(case_id=case.pk, method=5, actor=caseworker_a).deadline is None


def test_handling_methods_are_for_county_governors_and_one_to_five(caseworker_a, national):
    case = register(caseworker_a)
    with pytest.raises(ValidationError, match="1–5"):
        supervision_method_choose(case_id=case.pk, method=0, actor=caseworker_a)
    at_htil = register(national, office="HTIL", started_at=StartedAt.HELSETILSYNET)
    with pytest.raises(ValidationError, match="statsforvalterens"):
        supervision_method_choose(case_id=at_htil.pk, method=5, actor=national)


def test_assessments_belong_to_method_five_only(caseworker_a):
    case = register(caseworker_a)
    assessment = investigated_with_breach(case, caseworker_a)
    with pytest.raises(ValidationError, match="Fjern dem først"):
        supervision_method_choose(case_id=case.pk, method=2, actor=caseworker_a)
    case.supervision.refresh_from_db()
    assert case.supervision.handling_method == 5 and list(case.assessments.all()) == [assessment]

    assessment_remove(case_id=case.pk, assessment_id=assessment.pk, actor=caseworker_a)
    assert supervision_method_choose(case_id=case.pk, method=2, actor=caseworker_a).supervision.handling_method == 2


def health_provision():
    return Provision.objects.get(code="hs-hpl-helsefaglig-forsvarlighet-ovrig-4")


@pytest.mark.parametrize("method, message", [
    (None, "Velg behandlingsmåte 5 først"),
    (1, "saken har behandlingsmåte «1 Avslutning med veiledning»"),
    (4, "saken har behandlingsmåte «4 Møte med virksomhet og pasient/bruker»"),
])
def test_no_provision_is_assessed_unless_the_office_investigates_itself(caseworker_a, method, message):
    case = register(caseworker_a)
    if method:
        supervision_method_choose(case_id=case.pk, method=method, actor=caseworker_a)
    with pytest.raises(TransitionError, match=message):
        assessment_add(case_id=case.pk, provision=health_provision(), actor=caseworker_a)
    assert not case.assessments.exists()
    assert not CaseEvent.objects.filter(case=case, type=CaseEvent.Type.ASSESSMENT_ADDED).exists()


def test_helsetilsynet_assesses_provisions_without_a_handling_method(national):
    case = register(national, office="HTIL", started_at=StartedAt.HELSETILSYNET)
    assert assessment_add(case_id=case.pk, provision=health_provision(), actor=national).case == case


def test_the_second_of_two_people_choosing_a_method_is_told(caseworker_a):
    case = register(caseworker_a)
    seen = case.version
    supervision_method_choose(case_id=case.pk, method=3, actor=caseworker_a, expected_version=seen)
    with pytest.raises(StaleCase):
        supervision_method_choose(case_id=case.pk, method=4, actor=caseworker_a, expected_version=seen)


# -- brukerinvolvering ----------------------------------------------------------------------------------------


def test_user_involvement_is_documented_with_the_date_of_the_answer(caseworker_a):
    case = register(caseworker_a)
    supervision_user_involvement_record(case_id=case.pk, involvement=UserInvolvement.DECLINED, on=D(2024, 3, 5),
                                        actor=caseworker_a)
    case.supervision.refresh_from_db()
    assert (case.supervision.user_involvement, case.supervision.user_involvement_date) == ("declined", D(2024, 3, 5))
    event = CaseEvent.objects.get(case=case, field="user_involvement")
    assert (event.old_value, event.new_value) == ("not_assessed", "declined")


@pytest.mark.parametrize("involvement, on, message", [
    (UserInvolvement.ACCEPTED, None, "datoen for svaret"),
    (UserInvolvement.NOT_ASSESSED, None, "tilbudt å medvirke"),
    (UserInvolvement.DECLINED, D(2024, 2, 1), "før saken ble mottatt"),
])
def test_user_involvement_must_be_complete(caseworker_a, involvement, on, message):
    case = register(caseworker_a)
    with pytest.raises(ValidationError) as excinfo:
        supervision_user_involvement_record(case_id=case.pk, involvement=involvement, on=on, actor=caseworker_a)
    assert message in errors(excinfo)


# -- result and closing ---------------------------------------------------------------------------------------


def test_an_investigated_case_closes_with_a_breach(caseworker_a):
    case = register(caseworker_a)
    investigated_with_breach(case, caseworker_a)

    case = supervision_case_close(case_id=case.pk, result=Result.BREACH, on=D(2024, 6, 3), actor=caseworker_a)

    assert (case.status, case.closed, case.supervision.result) == (Status.CLOSED, D(2024, 6, 3), Result.BREACH)


@pytest.mark.parametrize("result, message", [
    ("", "Velg resultatet"),
    (Result.NO_BREACH, "kan ikke være «ikke lovbrudd»"),
])
def test_the_result_must_fit_the_assessments(caseworker_a, result, message):
    case = register(caseworker_a)
    investigated_with_breach(case, caseworker_a)
    with pytest.raises(ValidationError) as excinfo:
        supervision_case_close(case_id=case.pk, result=result, on=D(2024, 6, 3), actor=caseworker_a)
    assert message in errors(excinfo)
    assert Case.objects.get(pk=case.pk).status == Status.OPEN


def test_a_breach_needs_an_assessment_with_a_breach_and_every_assessment_decided(caseworker_a):
    case = register(caseworker_a)
    supervision_method_choose(case_id=case.pk, method=5, actor=caseworker_a)
    supervision_user_involvement_record(case_id=case.pk, involvement="not_offered", on=None, actor=caseworker_a)
    with pytest.raises(ValidationError, match="minst én vurdering med utfallet lovbrudd"):
        supervision_case_close(case_id=case.pk, result=Result.BREACH, on=D(2024, 6, 3), actor=caseworker_a)
    assessment_add(case_id=case.pk, provision=Provision.objects.filter(catalogue="health-supervision").first(),
                   actor=caseworker_a)
    with pytest.raises(ValidationError, match="Alle vurderingene må ha utfall"):
        supervision_case_close(case_id=case.pk, result=Result.NO_BREACH, on=D(2024, 6, 3), actor=caseworker_a)


def test_a_case_cannot_close_before_involvement_is_documented_whichever_page_closes_it(caseworker_a):
    case = register(caseworker_a)
    supervision_method_choose(case_id=case.pk, method=1, actor=caseworker_a)
    with pytest.raises(TransitionError, match="brukerinvolvering"):
        supervision_case_close(case_id=case.pk, on=D(2024, 3, 20), actor=caseworker_a)
    with pytest.raises(TransitionError, match="brukerinvolvering"):
        case_close(case_id=case.pk, on=D(2024, 3, 20), actor=caseworker_a)


def test_an_investigated_case_cannot_be_closed_without_its_result_on_the_common_page(caseworker_a):
    case = register(caseworker_a)
    investigated_with_breach(case, caseworker_a)
    with pytest.raises(TransitionError, match="Registrer resultatet"):
        case_close(case_id=case.pk, on=D(2024, 6, 3), actor=caseworker_a)


def test_methods_one_to_four_close_without_a_result(caseworker_a):
    case = register(caseworker_a)
    supervision_method_choose(case_id=case.pk, method=2, actor=caseworker_a)
    supervision_user_involvement_record(case_id=case.pk, involvement="not_offered", on=None, actor=caseworker_a)
    with pytest.raises(ValidationError, match="Bare saker med behandlingsmåte 5"):
        supervision_case_close(case_id=case.pk, result=Result.BREACH, on=D(2024, 3, 20), actor=caseworker_a)
    case = supervision_case_close(case_id=case.pk, on=D(2024, 3, 20), actor=caseworker_a)
    assert case.status == Status.CLOSED and case.supervision.result == ""


# -- forwarding to Helsetilsynet ------------------------------------------------------------------------------


def test_forwarding_closes_the_case_and_helsetilsynet_sees_it_arrive_in_its_queue(caseworker_a, national):
    case = register(caseworker_a)
    investigated_with_breach(case, caseworker_a)

    received = supervision_case_forward(case_id=case.pk, on=D(2024, 7, 1), actor=caseworker_a,
                                        reason="Mulig grunnlag for tilbakekall")

    case.refresh_from_db()
    assert (case.status, case.closed) == (Status.CLOSED, D(2024, 7, 1))
    assert (case.supervision.result, case.supervision.forwarded_to_helsetilsynet) == (
        Result.FORWARDED_TO_HELSETILSYNET, D(2024, 7, 1))
    assert (received.office.code, received.origin, received.received, received.status) == (
        "HTIL", case, D(2024, 7, 1), Status.OPEN)
    assert (received.supervision.started_at, received.supervision.referred_by.code) == (
        StartedAt.COUNTY_GOVERNOR, OFFICE_A)
    assert sorted(p.name for p in received.parties.all()) == sorted(p.name for p in case.parties.all())
    assert case.journal.get().title.startswith("Oversendelse til Statens helsetilsyn – Lege Lise Lund")
    assert received.journal.get().correspondent == "Statsforvalteren i Vestland"
    assert CaseEvent.objects.filter(case=case, type=CaseEvent.Type.FORWARDED, new_value="HTIL").exists()
    assert received in work_queue(cases=visible_cases(national))
    assert received not in visible_cases(caseworker_a)


def test_forwarded_cases_count_in_the_statistics_as_the_county_governors(caseworker_a, national):
    case = register(caseworker_a)
    investigated_with_breach(case, caseworker_a)
    received = supervision_case_forward(case_id=case.pk, on=D(2024, 7, 1), actor=caseworker_a)
    case_close(case_id=received.pk, on=D(2024, 10, 1), actor=national)

    v43 = table_compute(table_id="vedlegg-43", year=2024)
    assert row(v43, "Vestland")["Avsluttede saker 2024"] == 1


@pytest.mark.parametrize("setup, message", [
    ("method_two", "behandlingsmåte 5"),
    ("no_breach", "minst én vurdering med utfallet lovbrudd"),
])
def test_only_an_investigated_case_with_a_breach_is_forwarded(caseworker_a, setup, message):
    case = register(caseworker_a)
    supervision_method_choose(case_id=case.pk, method=2 if setup == "method_two" else 5, actor=caseworker_a)
    with pytest.raises(ValidationError) as excinfo:
        supervision_case_forward(case_id=case.pk, on=D(2024, 7, 1), actor=caseworker_a)
    assert message in errors(excinfo)
    assert not Case.objects.filter(office__code="HTIL").exists()


def test_a_child_welfare_case_is_not_forwarded_for_administrative_reaction(caseworker_a):
    service = SupervisedObject(object_type=term("supervised_object_type", "municipal_child_welfare"),
                               name="Bergen barnevernstjeneste", org_number=VALID_ORG)
    case = register(caseworker_a, sector="child_welfare", objects=[service])
    supervision_method_choose(case_id=case.pk, method=5, actor=caseworker_a)
    with pytest.raises(ValidationError, match="helse- og omsorgstjenester"):
        supervision_case_forward(case_id=case.pk, on=D(2024, 7, 1), actor=caseworker_a)


# -- the pages ------------------------------------------------------------------------------------------------


def registration_post(**fields):
    data = {"title": "Feilmedisinering på sykehjem", "sector": "health", "received": "2024-03-01",
            "sources": [str(term("source", "next_of_kin").pk)], "objekt-TOTAL_FORMS": "2",
            "objekt-INITIAL_FORMS": "0", "objekt-MIN_NUM_FORMS": "0", "objekt-MAX_NUM_FORMS": "20",
            "objekt-0-object_type": str(term("supervised_object_type", "health_personnel").pk),
            "objekt-0-name": "Sykepleier Siri", "objekt-0-profession": str(term("profession", "nurse").pk)}
    data.update(fields)
    return data


def test_a_caseworker_registers_a_case_in_the_browser_form(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get("/saker/tilsynssaker/ny/").status_code == 200

    response = client.post("/saker/tilsynssaker/ny/", registration_post())

    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/saker/{case.pk}/"
    assert case.parties.get().profession.code == "nurse"
    page = client.get(response.url).content.decode()
    assert "Tilsynssaken" in page and "Lagre behandlingsmåte" in page


def test_a_refused_registration_keeps_what_was_typed_and_says_why(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post("/saker/tilsynssaker/ny/", registration_post(**{"objekt-0-profession": ""}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Velg yrket til helsepersonellet." in page and "Feilmedisinering på sykehjem" in page
    assert not Case.objects.exists()


def test_the_panel_actions_change_the_case_and_a_stale_form_is_told(client, caseworker_a):
    case = register(caseworker_a)
    client.force_login(caseworker_a)
    url = f"/saker/tilsynssaker/{case.pk}/behandlingsmate/"

    assert client.post(url, {"behandlingsmate-version": case.version, "behandlingsmate-method": "5"}).status_code == 302
    response = client.post(url, {"behandlingsmate-version": case.version, "behandlingsmate-method": "3"})

    assert response.status_code == 409 and "endret av en annen" in response.content.decode()
    case.supervision.refresh_from_db()
    assert case.supervision.handling_method == 5


def test_the_case_page_offers_assessments_only_in_method_five_and_a_refusal_keeps_the_input(client, caseworker_a):
    case = register(caseworker_a)
    supervision_method_choose(case_id=case.pk, method=2, actor=caseworker_a)
    client.force_login(caseworker_a)

    page = client.get(f"/saker/{case.pk}/").content.decode()
    assert "Legg til bestemmelse" not in page and "Velg behandlingsmåte 5 først" in page

    version = Case.objects.get(pk=case.pk).version  # a page loaded before: its form still posts
    response = client.post(f"/saker/{case.pk}/vurderinger/", {
        "vurdering-provision": health_provision().pk, "vurdering-version": version})
    page = response.content.decode()
    assert response.status_code == 400 and "Velg behandlingsmåte 5 først" in page
    assert f'<option value="{health_provision().pk}" selected>' in page
    assert not case.assessments.exists()

    supervision_method_choose(case_id=case.pk, method=5, actor=caseworker_a)
    page = client.get(f"/saker/{case.pk}/").content.decode()
    assert "Legg til bestemmelse" in page and "Velg behandlingsmåte 5 først" not in page


def test_another_office_cannot_see_or_change_the_case(client, caseworker_a, caseworker_b):
    case = register(caseworker_a)
    client.force_login(caseworker_b)
    response = client.post(f"/saker/tilsynssaker/{case.pk}/behandlingsmate/",
                           {"behandlingsmate-version": case.version, "behandlingsmate-method": "5"})
    assert response.status_code == 404


def test_an_analyst_cannot_register_cases(client):
    analyst = make_user("analyst", "HTIL")
    client.force_login(analyst)
    assert client.get("/saker/tilsynssaker/ny/").status_code == 403


# -- the API --------------------------------------------------------------------------------------------------


def test_the_api_walks_a_case_to_helsetilsynet_which_lists_it(client, caseworker_a, national):
    client.force_login(caseworker_a)
    body = {"title": "Feil i legemiddelhåndtering", "sector": "health", "received": "2024-03-01",
            "sources": ["next_of_kin"], "objects": [
                {"object_type": "health_personnel", "name": "Lege Lise Lund", "profession": "doctor"}]}
    created = client.post("/api/tilsynssaker/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]

    chosen = client.post(f"/api/tilsynssaker/{case_id}/behandlingsmate", {"method": 5, "version": 1},
                         content_type="application/json").json()
    assert (chosen["handling_method"], chosen["deadline"]) == (5, "2024-09-02")
    client.post(f"/api/tilsynssaker/{case_id}/brukerinvolvering", {"involvement": "not_offered", "version": 2},
                content_type="application/json")
    investigated = Case.objects.get(pk=case_id)
    provision = Provision.objects.filter(catalogue="health-supervision").first()
    assessment = assessment_add(case_id=case_id, provision=provision, actor=caseworker_a)
    assessment_decide(case_id=case_id, assessment_id=assessment.pk, outcome=Outcome.BREACH, actor=caseworker_a)
    version = Case.objects.get(pk=case_id).version
    forwarded = client.post(f"/api/tilsynssaker/{case_id}/oversendelse", {"on": "2024-07-01", "version": version},
                            content_type="application/json")
    assert forwarded.status_code == 200 and forwarded.json()["result"] == Result.FORWARDED_TO_HELSETILSYNET
    assert investigated.derived.get().office.code == "HTIL"

    client.force_login(national)
    listed = client.get("/api/saker/").json()["items"]
    assert [item["title"] for item in listed] == ["Feil i legemiddelhåndtering"]


def test_the_api_refuses_in_norwegian_with_4xx(client, caseworker_a, caseworker_b):
    client.force_login(caseworker_a)
    unknown = client.post("/api/tilsynssaker/", {"title": "x", "sector": "health", "received": "2024-03-01",
                                                 "sources": ["no_such_source"]}, content_type="application/json")
    assert unknown.status_code == 422 and "Ukjent kode «no_such_source»" in unknown.json()["detail"]
    nowhere = client.post("/api/tilsynssaker/", {"title": "x", "sector": "health", "received": "2024-03-01",
                                                 "sources": ["media"], "municipality": "0000"},
                          content_type="application/json")
    assert nowhere.status_code == 422 and nowhere.json()["errors"] == {
        "municipality": ["Ukjent kommunenummer «0000»."]}
    empty = client.post("/api/tilsynssaker/", {"title": "x", "sector": "health", "received": "2024-03-01",
                                               "sources": [""]}, content_type="application/json")
    assert empty.status_code == 422 and empty.json()["errors"] == {"sources": ["Ukjent kode «»."]}
    case = register(caseworker_a)
    client.post(f"/api/tilsynssaker/{case.pk}/behandlingsmate", {"method": 3, "version": case.version},
                content_type="application/json")
    stale = client.post(f"/api/tilsynssaker/{case.pk}/behandlingsmate", {"method": 4, "version": case.version},
                        content_type="application/json")
    assert stale.status_code == 409 and "endret av en annen" in stale.json()["detail"]
    closing = client.post(f"/api/tilsynssaker/{case.pk}/avslutning", {"on": "2024-03-20", "version": case.version + 1},
                          content_type="application/json")
    assert closing.status_code == 409 and "brukerinvolvering" in closing.json()["detail"]
    nul = client.post("/api/tilsynssaker/", {"title": "a\u0000b", "sector": "health", "received": "2024-03-01",
                                             "sources": ["media"]}, content_type="application/json")
    assert nul.status_code == 422

    version = Case.objects.get(pk=case.pk).version
    assessing = client.post(f"/api/saker/{case.pk}/vurderinger", {"provision": health_provision().code,
                                                                  "version": version},
                            content_type="application/json")
    assert assessing.status_code == 409 and "Velg behandlingsmåte 5 først" in assessing.json()["detail"]
    assert not case.assessments.exists()

    client.force_login(caseworker_b)
    assert client.get(f"/api/tilsynssaker/{case.pk}").status_code == 404
