"""Need-to-know: who reads which cases, and what analysts get instead (pseudonymised data)."""
import csv
import io

import pytest

from conftest import OFFICE_A, OFFICE_B, make_case, make_user
from tilsyn.accounts.models import Role
from tilsyn.cases.access import can_see_case, pseudonymised_cases, reads_cases, visible_cases
from tilsyn.cases.pseudonymise import case_pseudonymised, pseudonym, text_scrubbed
from tilsyn.notifications.models import IncidentNotification, Routing
from tilsyn.reference.models import Office, Term

pytestmark = pytest.mark.django_db


def test_a_caseworker_and_a_manager_see_their_office_and_nothing_else(caseworker_a):
    own, other = make_case(OFFICE_A, 1), make_case(OFFICE_B, 1)
    manager = make_user(Role.MANAGER, OFFICE_A, "leder-a")
    for user in (caseworker_a, manager):
        assert list(visible_cases(user)) == [own]
        assert not can_see_case(user, other)


def forwarded_notification(to_office: str):
    """A notification at Helsetilsynet forwarded to a county governor."""
    case = make_case("HTIL", 90, kind="incident_notification")
    IncidentNotification.objects.create(
        case=case, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, forwarded_to=Office.objects.get(code=to_office),
        notifier_type=Term.objects.get(vocabulary="notifier_type", code="enterprise"),
        service_type=Term.objects.filter(vocabulary="incident_service_type").first())
    return case


def test_a_notification_helsetilsynet_forwarded_is_shared_with_the_receiving_office(caseworker_b, national):
    notification = forwarded_notification(OFFICE_B)
    assert can_see_case(caseworker_b, notification)
    assert can_see_case(national, notification)
    assert not can_see_case(make_user(Role.CASEWORKER, OFFICE_A), notification)


def test_helsetilsynet_sees_cases_sent_to_it_not_the_county_governors_own(national):
    at_htil, at_a = make_case("HTIL", 1), make_case(OFFICE_A, 1)
    assert list(visible_cases(national)) == [at_htil]
    assert not can_see_case(national, at_a)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, Role.SECURITY_OFFICER])
def test_analysts_administrators_and_the_security_officer_read_no_case(role):
    make_case(OFFICE_A, 1)
    user = make_user(role, "HTIL" if role == Role.ANALYST else None)
    assert not reads_cases(user)
    assert visible_cases(user).count() == 0


def test_only_analysts_and_national_users_get_pseudonymised_cases(analyst, national, caseworker_a, administrator):
    make_case(OFFICE_A, 1)
    assert pseudonymised_cases(analyst).count() == pseudonymised_cases(national).count() == 1
    assert pseudonymised_cases(caseworker_a).count() == pseudonymised_cases(administrator).count() == 0


def test_free_text_loses_national_ids_org_numbers_and_every_part_of_a_partys_name():
    text = "Kari Nordmann (fnr 010203 12345) klaget på Helse Vest, org 974 123 456. Nordmann fikk medhold."
    scrubbed = text_scrubbed(text, ["Kari Nordmann"])
    assert "Kari" not in scrubbed and "Nordmann" not in scrubbed
    assert "12345" not in scrubbed and "974" not in scrubbed
    assert scrubbed.startswith("[navn] [navn] (fnr [fnr])") and "Helse Vest" in scrubbed


def test_a_pseudonymised_case_has_no_name_no_national_id_and_a_stable_pseudonym():
    case = make_case(OFFICE_A, 1, title="Klage fra Ola Hansen", summary="Ola Hansen, 12345678901, fikk avslag.")
    case.parties.create(role="complainant", name="Ola Hansen", national_id="12345678901")

    row = case_pseudonymised(case)

    flat = " ".join(str(v) for v in row.values())
    assert "Ola" not in flat and "Hansen" not in flat and "12345678901" not in flat
    assert "2024/1" not in flat and case.external_id not in flat
    assert row["pseudonym"] == pseudonym(case.pk) != str(case.pk)
    assert row["parties"] == "complainant" and row["office"] == OFFICE_A


def test_the_analyst_downloads_the_pseudonymised_year_and_it_is_logged(client, analyst):
    case = make_case(OFFICE_A, 1, title="Sak om Per Olsen")
    case.parties.create(role="complainant", name="Per Olsen", national_id="01020312345")
    make_case(OFFICE_B, 1)
    client.force_login(analyst)

    response = client.get("/saker/analyse.csv", {"year": 2024})

    body = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 2 and "Olsen" not in body and "01020312345" not in body
    from tilsyn.audit.models import AuditEntry
    assert AuditEntry.objects.filter(username=analyst.username, action="export").exists()


def test_caseworkers_and_administrators_get_no_pseudonymised_download(client, caseworker_a, administrator):
    for user in (caseworker_a, administrator):
        client.force_login(user)
        assert client.get("/saker/analyse.csv", {"year": 2024}).status_code == 403
