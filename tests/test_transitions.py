"""Case state changes: only the allowed ones, atomic, logged, and never silently over someone else's save."""
import datetime

import pytest

from conftest import OFFICE_A, make_case
from tilsyn.cases.models import CaseEvent, Status
from tilsyn.cases.transitions import StaleCase, TransitionError, case_transition

pytestmark = pytest.mark.django_db
D = datetime.date


def test_closing_an_open_case_sets_the_date_and_logs_it(caseworker_a):
    case = make_case(OFFICE_A, 1)

    closed = case_transition(case_id=case.pk, to=Status.CLOSED, actor=caseworker_a, on=D(2024, 5, 2),
                             expected_version=case.version)

    assert (closed.status, closed.closed, closed.version) == (Status.CLOSED, D(2024, 5, 2), 2)
    event = CaseEvent.objects.get(case=case, type=CaseEvent.Type.STATUS_CHANGED)
    assert (event.old_value, event.new_value, event.actor) == (Status.OPEN, Status.CLOSED, caseworker_a)


def test_reopening_clears_the_closed_date(caseworker_a):
    case = make_case(OFFICE_A, 1, status=Status.CLOSED, closed=D(2024, 4, 1))
    reopened = case_transition(case_id=case.pk, to=Status.OPEN, actor=caseworker_a, on=D(2024, 4, 3),
                               reason="Nye opplysninger")
    assert reopened.closed is None and reopened.status == Status.OPEN


def test_a_closed_case_cannot_wait_for_documentation(caseworker_a):
    case = make_case(OFFICE_A, 1, status=Status.CLOSED, closed=D(2024, 4, 1))
    with pytest.raises(TransitionError, match="kan ikke få status"):
        case_transition(case_id=case.pk, to=Status.AWAITING_DOCUMENTATION, actor=caseworker_a, on=D(2024, 4, 3))
    assert not CaseEvent.objects.exists()


def test_a_case_cannot_be_closed_before_it_was_received(caseworker_a):
    case = make_case(OFFICE_A, 1, received=D(2024, 3, 1))
    with pytest.raises(TransitionError, match="før den ble mottatt"):
        case_transition(case_id=case.pk, to=Status.CLOSED, actor=caseworker_a, on=D(2024, 2, 1))


def test_the_second_of_two_people_saving_the_same_version_is_told(caseworker_a, caseworker_b):
    case = make_case(OFFICE_A, 1)
    loaded_by_both = case.version
    case_transition(case_id=case.pk, to=Status.AWAITING_DOCUMENTATION, actor=caseworker_a, on=D(2024, 3, 4),
                    expected_version=loaded_by_both)

    with pytest.raises(StaleCase, match="endret av en annen"):
        case_transition(case_id=case.pk, to=Status.CLOSED, actor=caseworker_b, on=D(2024, 3, 5),
                        expected_version=loaded_by_both)

    case.refresh_from_db()
    assert case.status == Status.AWAITING_DOCUMENTATION
    assert CaseEvent.objects.filter(case=case).count() == 1
