"""The work queue and the case page as a caseworker uses them, without JavaScript: plain forms and redirects."""
import datetime

import pytest

from conftest import OFFICE_A, OFFICE_B, make_case, make_user
from tilsyn.cases.models import CaseEvent, Outcome, Status
from tilsyn.complaints.models import ComplaintType, RightsComplaint
from tilsyn.reference.models import Provision

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def complaint():
    case = make_case(OFFICE_A, 1, received=D(2024, 3, 1), deadline=D(2024, 6, 3))
    RightsComplaint.objects.create(case=case, complaint_type=ComplaintType.HEALTH)
    return case


def post(client, url, data):
    return client.post(url, data)


def test_a_caseworker_takes_a_case_from_the_queue_and_returns_to_it(client, caseworker_a, complaint):
    client.force_login(caseworker_a)
    queue = client.get("/saker/")
    assert f'name="tildel-{complaint.pk}-caseworker"' in queue.content.decode()

    response = client.post(f"/saker/{complaint.pk}/tildel/", {
        f"tildel-{complaint.pk}-caseworker": caseworker_a.pk, f"tildel-{complaint.pk}-version": 1,
        "neste": "/saker/?status=open"})

    assert response.status_code == 302 and response.url == "/saker/?status=open"
    complaint.refresh_from_db()
    assert complaint.caseworker == caseworker_a
    mine = client.get("/saker/", {"caseworker": "meg"}).context["page"]
    unassigned = client.get("/saker/", {"caseworker": "ingen"}).context["page"]
    assert list(mine) == [complaint] and list(unassigned) == []


def test_the_queue_filters_by_a_named_caseworker_and_by_waiting(client, caseworker_a, complaint):
    colleague = make_user("caseworker", OFFICE_A, "kollega")
    other = make_case(OFFICE_A, 2, caseworker=colleague, status=Status.AWAITING_DOCUMENTATION)
    client.force_login(caseworker_a)
    assert list(client.get("/saker/", {"caseworker": colleague.pk}).context["page"]) == [other]
    assert list(client.get("/saker/", {"status": "awaiting_documentation"}).context["page"]) == [other]


def test_a_complaint_is_assessed_decided_and_closed_on_its_page_and_leaves_the_queue(client, caseworker_a,
                                                                                      complaint):
    client.force_login(caseworker_a)
    first, second = Provision.objects.filter(catalogue="health-complaint")[:2]
    version = 1
    for provision in (first, second):
        assert client.post(f"/saker/{complaint.pk}/vurderinger/", {
            "vurdering-provision": provision.pk, "vurdering-version": version}).status_code == 302
        version += 1
    for assessment, outcome in zip(complaint.assessments.order_by("pk"), [Outcome.CHANGED, Outcome.UPHELD]):
        prefix = f"utfall-{assessment.pk}"
        assert client.post(f"/saker/{complaint.pk}/vurderinger/{assessment.pk}/utfall/", {
            f"{prefix}-outcome": outcome, f"{prefix}-version": version}).status_code == 302
        version += 1

    page = client.get(f"/saker/{complaint.pk}/").content.decode()
    assert "Utfall registrert" in page and "Endret" in page

    response = client.post(f"/saker/{complaint.pk}/avslutt/", {
        "avslutt-on": "2024-05-02", "avslutt-version": version, "avslutt-reason": ""})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert list(client.get("/saker/").context["page"]) == []


def test_closing_with_an_undecided_assessment_is_refused_in_norwegian_and_keeps_the_input(client, caseworker_a,
                                                                                          complaint):
    client.force_login(caseworker_a)
    complaint.assessments.create(provision=Provision.objects.filter(catalogue="health-complaint").first())
    response = client.post(f"/saker/{complaint.pk}/avslutt/", {
        "avslutt-on": "2024-05-02", "avslutt-version": 1, "avslutt-reason": "Min merknad"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "mangler utfall" in page and "Min merknad" in page


def test_a_second_concurrent_save_is_told_and_overwrites_nothing(client, caseworker_a, complaint):
    colleague = make_user("caseworker", OFFICE_A, "kollega")
    client.force_login(caseworker_a)
    loaded = complaint.version
    assert client.post(f"/saker/{complaint.pk}/frist/", {
        "frist-deadline": "2024-08-01", "frist-reason": "Sakkyndig", "frist-version": loaded}).status_code == 302

    client.force_login(colleague)
    response = client.post(f"/saker/{complaint.pk}/frist/", {
        "frist-deadline": "2024-09-02", "frist-reason": "Min grunn", "frist-version": loaded})

    assert response.status_code == 409
    page = response.content.decode()
    assert "endret av en annen" in page and "Min grunn" in page
    complaint.refresh_from_db()
    assert complaint.deadline == D(2024, 8, 1)
    assert CaseEvent.objects.filter(type="deadline_extended").count() == 1


def test_the_clock_is_paused_and_resumed_from_the_page(client, caseworker_a, complaint):
    client.force_login(caseworker_a)
    assert client.post(f"/saker/{complaint.pk}/stans/", {
        "stans-on": "2024-04-02", "stans-reason": "Journal fra sykehuset", "stans-version": 1}).status_code == 302
    assert "fristen stanset fra 2.4.2024" in client.get(f"/saker/{complaint.pk}/").content.decode()
    assert client.post(f"/saker/{complaint.pk}/gjenoppta/", {
        "gjenoppta-on": "2024-04-16", "gjenoppta-version": 2}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.deadline, complaint.paused_days) == (D(2024, 6, 17), 14)


def test_another_office_can_neither_see_nor_change_the_case(client, caseworker_b, complaint):
    client.force_login(caseworker_b)
    response = client.post(f"/saker/{complaint.pk}/stans/", {"stans-on": "2024-04-02", "stans-version": 1})
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == Status.OPEN


def test_actions_reject_get(client, caseworker_a, complaint):
    client.force_login(caseworker_a)
    assert client.get(f"/saker/{complaint.pk}/avslutt/").status_code == 405


def test_the_timeline_merges_journal_entries_and_events_by_date(client, caseworker_a, complaint):
    from tilsyn.cases.selectors import case_timeline
    from tilsyn.cases.services import case_clock_pause, journal_entry_add
    journal_entry_add(case=complaint, type="I", title="Klage oversendt", document_date=D(2024, 3, 1))
    case_clock_pause(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 2))

    items = case_timeline(complaint)

    assert [item.title for item in items][0].endswith("Klage oversendt")
    status = next(item for item in items if item.title == "Status endret")
    assert (status.old, status.new) == ("Under behandling", "Venter på dokumentasjon")
    assert make_case(OFFICE_B, 9).office.code == OFFICE_B


def test_the_queue_takes_the_same_few_queries_for_fifty_cases_as_for_one(client, caseworker_a,
                                                                          django_assert_max_num_queries):
    for sequence in range(1, 51):
        make_case(OFFICE_A, sequence, caseworker=caseworker_a if sequence % 2 else None)
    client.force_login(caseworker_a)
    client.get("/saker/")
    with django_assert_max_num_queries(20):
        page = client.get("/saker/").content.decode()
    assert page.count('-caseworker" name="tildel-') == 50 and page.count(" selected>") >= 25


def test_a_case_with_a_large_id_is_assigned_from_the_queue_too(client, caseworker_a):
    # Numbers on pages get a thousands separator («12 345»); the form's field names must not.
    case = make_case(OFFICE_A, 1, id=12345)
    client.force_login(caseworker_a)
    assert 'name="tildel-12345-caseworker"' in client.get("/saker/").content.decode()
    client.post(f"/saker/{case.pk}/tildel/", {"tildel-12345-caseworker": caseworker_a.pk, "tildel-12345-version": 1})
    case.refresh_from_db()
    assert case.caseworker == caseworker_a


def test_the_case_it_came_from_is_linked_only_when_the_user_may_open_it(client, caseworker_a):
    own_origin, other_origin = make_case(OFFICE_A, 1), make_case(OFFICE_B, 1)
    from_own, from_other = make_case(OFFICE_A, 2, origin=own_origin), make_case(OFFICE_A, 3, origin=other_origin)
    client.force_login(caseworker_a)
    assert f'href="/saker/{own_origin.pk}/"' in client.get(f"/saker/{from_own.pk}/").content.decode()
    assert f'href="/saker/{other_origin.pk}/"' not in client.get(f"/saker/{from_other.pk}/").content.decode()


def test_the_queue_lists_the_offices_own_cases_not_copies_sent_to_it(client, caseworker_a):
    from tilsyn.notifications.models import IncidentNotification, Routing
    from tilsyn.reference.models import Office, Term
    notification = make_case("HTIL", 1, kind="incident_notification", status=Status.CLOSED, closed=D(2024, 3, 5))
    IncidentNotification.objects.create(
        case=notification, routing=Routing.FORWARDED_TO_COUNTY_GOVERNOR, forwarded_to=Office.objects.get(code=OFFICE_A),
        notifier_type=Term.objects.get(vocabulary="notifier_type", code="enterprise"),
        service_type=Term.objects.filter(vocabulary="incident_service_type").first())
    client.force_login(caseworker_a)
    assert client.get(f"/saker/{notification.pk}/").status_code == 200
    assert list(client.get("/saker/", {"status": "all"}).context["page"]) == []
