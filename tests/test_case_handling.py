"""Handling a case, whatever its kind: assign, assess, decide, close, pause the clock, extend; every change logged."""
import datetime

import pytest

from conftest import OFFICE_A, OFFICE_B, make_case
from tilsyn.cases.models import Assessment, CaseEvent, Outcome, Status
from tilsyn.cases.services import (
    assessment_add, assessment_decide, assessment_remove, case_assign, case_clock_pause, case_clock_resume,
    case_close, case_deadline_extend, case_reopen,
)
from tilsyn.cases.transitions import StaleCase, TransitionError
from tilsyn.complaints.models import ComplaintType, RightsComplaint
from tilsyn.reference.models import Provision

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def complaint():
    case = make_case(OFFICE_A, 1, received=D(2024, 3, 1), deadline=D(2024, 6, 3))
    RightsComplaint.objects.create(case=case, complaint_type=ComplaintType.HEALTH)
    return case


def health_provisions(n=2):
    return list(Provision.objects.filter(catalogue="health-complaint")[:n])


def events(case, type_=None):
    found = CaseEvent.objects.filter(case=case)
    return list(found.filter(type=type_) if type_ else found)


def test_a_case_is_assigned_and_reassigned_and_each_change_is_logged(complaint, caseworker_a):
    from conftest import make_user
    colleague = make_user("caseworker", OFFICE_A, "kollega")

    case_assign(case_id=complaint.pk, caseworker=caseworker_a, actor=caseworker_a, expected_version=1)
    case = case_assign(case_id=complaint.pk, caseworker=colleague, actor=caseworker_a, expected_version=2)

    assert case.caseworker == colleague and case.version == 3
    logged = [(e.old_value, e.new_value) for e in events(case, CaseEvent.Type.ASSIGNED)]
    assert logged == [("", str(caseworker_a)), (str(caseworker_a), str(colleague))]


def test_a_case_cannot_be_given_to_someone_at_another_office(complaint, caseworker_a, caseworker_b):
    with pytest.raises(TransitionError, match="kan ikke få saker"):
        case_assign(case_id=complaint.pk, caseworker=caseworker_b, actor=caseworker_a)


def test_provisions_are_assessed_decided_and_the_case_closed(complaint, caseworker_a):
    first, second = health_provisions()
    a1 = assessment_add(case_id=complaint.pk, provision=first, actor=caseworker_a)
    a2 = assessment_add(case_id=complaint.pk, provision=second, actor=caseworker_a)
    assessment_decide(case_id=complaint.pk, assessment_id=a1.pk, outcome=Outcome.CHANGED, actor=caseworker_a)
    assessment_decide(case_id=complaint.pk, assessment_id=a2.pk, outcome=Outcome.UPHELD, actor=caseworker_a)

    case = case_close(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 5, 2), expected_version=5)

    assert (case.status, case.closed) == (Status.CLOSED, D(2024, 5, 2))
    assert [e.type for e in events(case)] == [
        "assessment_added", "assessment_added", "outcome_recorded", "outcome_recorded", "status_changed",
        "date_changed",
    ]
    assert events(case, "outcome_recorded")[0].subject == str(first)


def test_a_case_with_an_undecided_assessment_cannot_be_closed(complaint, caseworker_a):
    assessment_add(case_id=complaint.pk, provision=health_provisions(1)[0], actor=caseworker_a)
    with pytest.raises(TransitionError, match="mangler utfall"):
        case_close(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 5, 2))
    complaint.refresh_from_db()
    assert complaint.status == Status.OPEN


def test_a_complaint_takes_only_its_own_catalogue_and_its_own_outcomes(complaint, caseworker_a):
    social = Provision.objects.filter(catalogue="social-complaint").first()
    with pytest.raises(TransitionError, match="hører ikke til"):
        assessment_add(case_id=complaint.pk, provision=social, actor=caseworker_a)
    assessment = assessment_add(case_id=complaint.pk, provision=health_provisions(1)[0], actor=caseworker_a)
    with pytest.raises(TransitionError, match="Utfallet passer ikke"):
        assessment_decide(case_id=complaint.pk, assessment_id=assessment.pk, outcome=Outcome.BREACH,
                          actor=caseworker_a)


def test_the_same_provision_is_not_assessed_twice_and_can_be_removed(complaint, caseworker_a):
    provision = health_provisions(1)[0]
    assessment = assessment_add(case_id=complaint.pk, provision=provision, actor=caseworker_a)
    with pytest.raises(TransitionError, match="allerede med"):
        assessment_add(case_id=complaint.pk, provision=provision, actor=caseworker_a)
    assessment_remove(case_id=complaint.pk, assessment_id=assessment.pk, actor=caseworker_a)
    assert not Assessment.objects.exists()
    assert events(complaint, "assessment_removed")[0].subject == str(provision)


def test_pausing_the_clock_moves_the_deadline_by_the_paused_days(complaint, caseworker_a):
    case_clock_pause(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 2), reason="Ber om journal")
    case = case_clock_resume(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 16))

    # 3 June 2024 + 14 days = 17 June, a Monday.
    assert (case.status, case.deadline, case.paused_days, case.paused_since) == (
        Status.OPEN, D(2024, 6, 17), 14, None)
    resumed = events(case, "clock_resumed")[0]
    assert (resumed.old_value, resumed.new_value) == ("2024-06-03", "2024-06-17")
    assert events(case, "clock_paused")[0].reason == "Ber om journal"


def test_the_clock_cannot_be_paused_twice_nor_resumed_when_running(complaint, caseworker_a):
    with pytest.raises(TransitionError, match="ikke stanset"):
        case_clock_resume(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 2))
    case_clock_pause(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 2))
    with pytest.raises(TransitionError, match="allerede stanset"):
        case_clock_pause(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 3))


def test_closing_a_paused_case_counts_the_paused_days(complaint, caseworker_a):
    case_clock_pause(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 2))
    case = case_close(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 4, 12))
    assert (case.status, case.paused_days, case.paused_since) == (Status.CLOSED, 10, None)


def test_a_deadline_is_extended_only_later_and_with_a_reason(complaint, caseworker_a):
    with pytest.raises(TransitionError, match="hvorfor"):
        case_deadline_extend(case_id=complaint.pk, deadline=D(2024, 7, 1), reason=" ", actor=caseworker_a)
    with pytest.raises(TransitionError, match="senere"):
        case_deadline_extend(case_id=complaint.pk, deadline=D(2024, 5, 1), reason="Sakkyndig", actor=caseworker_a)

    # 6 July 2024 is a Saturday: the deadline is the Monday after.
    case = case_deadline_extend(case_id=complaint.pk, deadline=D(2024, 7, 6), reason="Sakkyndig uttalelse",
                                actor=caseworker_a)

    assert case.deadline == D(2024, 7, 8)
    extended = events(case, "deadline_extended")[0]
    assert (extended.old_value, extended.new_value, extended.reason) == (
        "2024-06-03", "2024-07-08", "Sakkyndig uttalelse")


def test_a_closed_case_is_changed_only_after_it_is_reopened_with_a_reason(complaint, caseworker_a):
    case_close(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 5, 2))
    with pytest.raises(TransitionError, match="avsluttet"):
        assessment_add(case_id=complaint.pk, provision=health_provisions(1)[0], actor=caseworker_a)
    with pytest.raises(TransitionError, match="hvorfor"):
        case_reopen(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 5, 3), reason="")
    case = case_reopen(case_id=complaint.pk, actor=caseworker_a, on=D(2024, 5, 3), reason="Nye opplysninger")
    assert case.closed is None and case.status == Status.OPEN


def test_dates_in_the_future_are_refused(complaint, caseworker_a):
    with pytest.raises(TransitionError, match="fram i tid"):
        case_close(case_id=complaint.pk, actor=caseworker_a, on=datetime.date.today() + datetime.timedelta(days=2))


def test_a_second_save_of_the_same_version_is_told_and_changes_nothing(complaint, caseworker_a):
    from conftest import make_user
    colleague = make_user("caseworker", OFFICE_A, "kollega")
    loaded = complaint.version
    provision = health_provisions(1)[0]
    assessment_add(case_id=complaint.pk, provision=provision, actor=caseworker_a, expected_version=loaded)

    with pytest.raises(StaleCase, match="endret av en annen"):
        case_assign(case_id=complaint.pk, caseworker=colleague, actor=colleague, expected_version=loaded)
    with pytest.raises(StaleCase):
        case_deadline_extend(case_id=complaint.pk, deadline=D(2024, 9, 2), reason="x", actor=colleague,
                             expected_version=loaded)

    complaint.refresh_from_db()
    assert (complaint.caseworker, complaint.deadline) == (None, D(2024, 6, 3))


def test_an_office_with_a_copy_cannot_change_the_case(caseworker_a, caseworker_b):
    from tilsyn.cases.access import can_change_case
    case = make_case(OFFICE_A, 1)
    assert can_change_case(caseworker_a, case)
    assert not can_change_case(caseworker_b, case)
    assert make_case(OFFICE_B, 2).office.code == OFFICE_B


def test_a_registered_case_gets_the_next_number_its_deadline_and_a_logged_registration(caseworker_a):
    from tilsyn.cases.services import case_register, journal_entry_add, party_fields
    from tilsyn.reference.models import Office
    make_case(OFFICE_A, 41, received=D(2024, 1, 5))
    case = case_register(
        office=Office.objects.get(code=OFFICE_A), kind="rights_complaint", sector="health", title="Klage",
        received=D(2024, 2, 12), actor=caseworker_a, details={"complaint_type": ComplaintType.HEALTH},
        parties=[{"role": "complainant", "name": "Kari Nordmann"}], provisions=health_provisions(2))

    assert (case.case_number, case.deadline) == ("2024/42", D(2024, 5, 13))
    assert case.complaint.complaint_type == ComplaintType.HEALTH
    assert case.assessments.count() == 2
    assert events(case, "registered")[0].new_value == "2024-05-13"
    copy = party_fields(case.parties.get())
    assert copy["name"] == "Kari Nordmann" and "case_id" not in copy
    entries = [journal_entry_add(case=case, type="I", title=t, document_date=D(2024, 2, 12)) for t in "ab"]
    assert [e.number for e in entries] == [1, 2]
