"""Registering a rights complaint: the right fields, validation in Norwegian, likely duplicates shown, not refused."""
import datetime

import pytest

from conftest import make_user
from tilsyn.cases.models import CaseEvent, Kind, PartyRole
from tilsyn.complaints.selectors import complaint_duplicates_of
from tilsyn.reference.models import Provision

pytestmark = pytest.mark.django_db
D = datetime.date
KARI, OLA = "15038510190", "24091210041"
SERVICE_ORG = "100000008"


def form_data(**changes):
    provisions = Provision.objects.filter(catalogue="health-complaint")[:2]
    data = {
        "complaint_type": "health", "received": "2024-02-12", "complainant_name": "Kari Nordmann",
        "complainant_national_id": KARI, "patient_name": "Ola Nordmann", "patient_national_id": OLA,
        "service_name": "Bergen kommune, helse og omsorg", "service_org_number": SERVICE_ORG,
        "service_decision_date": "2024-01-03", "first_instance_received": "2024-01-15",
        "first_instance_forwarded": "2024-02-09", "provisions": [p.pk for p in provisions], "summary": "",
    }
    data.update(changes)
    return data


def test_a_caseworker_registers_a_complaint_with_its_parties_provisions_and_deadline(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get("/saker/klager/ny/").status_code == 200

    response = client.post("/saker/klager/ny/", form_data(caseworker=caseworker_a.pk))

    assert response.status_code == 302
    case = caseworker_a.cases.get()
    assert (case.kind, case.sector, case.case_number, case.deadline) == (
        Kind.RIGHTS_COMPLAINT, "health", "2024/1", D(2024, 5, 13))
    assert case.complaint.first_instance_forwarded == D(2024, 2, 9)
    assert sorted(case.parties.values_list("role", flat=True)) == sorted(
        [PartyRole.COMPLAINANT, PartyRole.PATIENT, PartyRole.SERVICE])
    assert case.assessments.count() == 2
    assert CaseEvent.objects.filter(case=case, type="registered").exists()
    assert "Ola Nordmann" in case.title


def test_wrong_numbers_and_dates_are_told_in_norwegian_by_field_and_nothing_is_saved(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post("/saker/klager/ny/", form_data(
        complainant_national_id="15038510191", service_org_number="123456789",
        first_instance_forwarded="2024-01-10", received="2099-01-01"))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Fødselsnummeret er ikke gyldig" in errors["complainant_national_id"][0]
    assert "Organisasjonsnummeret er ikke gyldig" in errors["service_org_number"][0]
    assert "oversendt før tjenesten mottok den" in errors["first_instance_forwarded"][0]
    assert "fram i tid" in errors["received"][0]
    assert not caseworker_a.cases.exists()


def test_a_provision_of_another_catalogue_and_none_at_all_are_refused(client, caseworker_a):
    client.force_login(caseworker_a)
    social = Provision.objects.filter(catalogue="social-complaint").first()
    wrong = client.post("/saker/klager/ny/", form_data(provisions=[social.pk]))
    assert "provisions" in wrong.context["form"].errors
    none = client.post("/saker/klager/ny/", form_data(provisions=[]))
    assert none.context["form"].errors["provisions"] == ["Velg minst én bestemmelse."]


def test_choosing_another_type_shows_its_provisions_and_keeps_what_was_typed(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post("/saker/klager/ny/", form_data(complaint_type="social", bytt_type="1"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["provisions"].queryset.values_list("catalogue", flat=True)) == {"social-complaint"}
    assert "Kari Nordmann" in response.content.decode()
    assert not caseworker_a.cases.exists()


def test_a_likely_duplicate_is_shown_but_registering_goes_ahead(client, caseworker_a):
    client.force_login(caseworker_a)
    client.post("/saker/klager/ny/", form_data())
    response = client.post("/saker/klager/ny/", form_data(received="2024-03-01", complainant_name="Kari N."),
                           follow=True)

    assert caseworker_a.office.cases.count() == 2
    page = response.content.decode()
    assert "Mulig dobbeltregistrering" in page and "2024/1" in page
    second = caseworker_a.office.cases.get(case_sequence=2)
    assert [c.case_number for c in complaint_duplicates_of(second)] == ["2024/1"]


def test_a_complaint_about_another_service_or_long_after_is_no_duplicate(client, caseworker_a):
    client.force_login(caseworker_a)
    client.post("/saker/klager/ny/", form_data())
    client.post("/saker/klager/ny/", form_data(service_org_number="", service_name="Askøy kommune"))
    client.post("/saker/klager/ny/", form_data(received="2024-07-01", first_instance_forwarded="2024-06-28"))
    for case in caseworker_a.office.cases.all():
        assert not complaint_duplicates_of(case).exists()


def test_helsetilsynet_does_not_register_rights_complaints(client, national):
    client.force_login(national)
    assert client.get("/saker/klager/ny/").status_code == 403


def test_the_queue_offers_registration_to_a_county_governor(client, caseworker_a):
    client.force_login(caseworker_a)
    assert "/saker/klager/ny/" in client.get("/saker/").content.decode()
    analyst = make_user("analyst", "HTIL", "analytiker")
    client.force_login(analyst)
    assert client.get("/saker/klager/ny/").status_code == 403
