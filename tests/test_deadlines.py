"""Deadlines: time limits from the targets, the holiday calendar, paused clocks, and the statistics' rule."""
import datetime

import pytest
from dateutil.relativedelta import relativedelta

from tilsyn.cases.deadlines import (
    closed_within, deadline_target, due_date, is_working_day, month_days, next_working_day, time_limit,
)

D = datetime.date


@pytest.mark.parametrize("day", [D(2024, 1, 1), D(2024, 3, 28), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 1),
                                 D(2024, 5, 9), D(2024, 5, 17), D(2024, 5, 20), D(2024, 12, 25), D(2024, 12, 26)])
def test_norwegian_public_holidays_are_not_working_days(day):
    assert not is_working_day(day)


def test_weekends_are_not_working_days_and_christmas_eve_is():
    assert not is_working_day(D(2024, 6, 8))
    assert is_working_day(D(2024, 12, 24))


def test_a_due_date_on_constitution_day_moves_past_the_whitsun_weekend():
    # 17 May 2024 is a Friday; Saturday, Whit Sunday and Whit Monday follow.
    assert next_working_day(D(2024, 5, 17)) == D(2024, 5, 21)


def test_a_month_limit_ends_on_the_same_day_of_month_or_the_last_day():
    assert due_date(received=D(2024, 1, 31), limit=relativedelta(months=1)) == D(2024, 2, 29)
    assert due_date(received=D(2024, 2, 12), limit=relativedelta(months=3)) == D(2024, 5, 13)


def test_paused_days_push_the_due_date():
    assert due_date(received=D(2024, 2, 12), limit=relativedelta(weeks=4)) == D(2024, 3, 11)
    assert due_date(received=D(2024, 2, 12), limit=relativedelta(weeks=4), paused_days=14) == D(2024, 3, 25)


def test_the_statistics_count_closed_on_the_last_day_as_within():
    assert month_days(3) == 91 and month_days(1) == 30 and month_days(6) == 182
    assert closed_within(received=D(2024, 1, 15), closed=D(2024, 4, 15), days=91)
    assert not closed_within(received=D(2024, 1, 15), closed=D(2024, 4, 16), days=91)


@pytest.mark.django_db
@pytest.mark.parametrize("facts, limit", [
    ({"kind": "supervision_case", "sector": "health", "handling_method": 1}, relativedelta(weeks=4)),
    ({"kind": "supervision_case", "sector": "health", "handling_method": 3}, relativedelta(months=3)),
    ({"kind": "supervision_case", "sector": "health", "handling_method": 5}, relativedelta(months=6)),
    ({"kind": "rights_complaint", "sector": "health", "complaint_type": "health"}, relativedelta(months=3)),
    ({"kind": "rights_complaint", "sector": "social", "complaint_type": "social"}, relativedelta(months=3)),
    ({"kind": "rights_complaint", "sector": "child_welfare", "complaint_type": "cwi_coercion"},
     relativedelta(months=1)),
    ({"kind": "coercion_ch9_vedtak", "sector": "health"}, relativedelta(months=3)),
])
def test_each_kind_gets_its_limit_from_the_targets(facts, limit):
    target = deadline_target(year=2024, **facts)
    assert target is not None and target.year == 2024
    assert time_limit(target) == limit


@pytest.mark.django_db
def test_a_later_year_without_targets_of_its_own_uses_the_latest_ones():
    target = deadline_target(year=2026, kind="supervision_case", sector="health", handling_method=2)
    assert target.year == 2024 and time_limit(target) == relativedelta(weeks=4)


@pytest.mark.django_db
def test_a_case_with_no_deadline_target_has_none():
    assert deadline_target(year=2024, kind="access_request", sector="health") is None


def test_a_moved_deadline_lands_on_a_working_day():
    from tilsyn.cases.deadlines import deadline_moved
    # Friday 10 May 2024 + 7 days is Constitution Day; Whitsun follows: Tuesday 21 May.
    assert deadline_moved(D(2024, 5, 10), days=7) == D(2024, 5, 21)
    assert deadline_moved(D(2024, 5, 13), days=0) == D(2024, 5, 13)


def complaint(received, **fields):
    from conftest import OFFICE_A, make_case
    from tilsyn.complaints.models import RightsComplaint
    case = make_case(OFFICE_A, 1, received=received, **fields)
    RightsComplaint.objects.create(case=case, complaint_type="health")
    return case


@pytest.mark.django_db
def test_a_new_complaint_is_due_three_months_after_it_was_received_on_a_working_day():
    from tilsyn.cases.deadlines import case_due_date
    assert case_due_date(complaint(D(2024, 2, 17))) == D(2024, 5, 21)  # 17 May, then Whitsun


@pytest.mark.django_db
def test_the_paused_clock_moves_the_deadline_and_an_extension_moves_it_further(caseworker_a):
    from tilsyn.cases.services import case_clock_pause, case_clock_resume, case_deadline_extend
    case = complaint(D(2024, 2, 12), deadline=D(2024, 5, 13))
    case_clock_pause(case_id=case.pk, actor=caseworker_a, on=D(2024, 3, 1), reason="Venter på journal")
    case = case_clock_resume(case_id=case.pk, actor=caseworker_a, on=D(2024, 3, 22))
    assert (case.paused_days, case.deadline) == (21, D(2024, 6, 3))

    case = case_deadline_extend(case_id=case.pk, deadline=D(2024, 6, 29), reason="Sakkyndig", actor=caseworker_a)
    assert case.deadline == D(2024, 7, 1)  # 29 June 2024 is a Saturday


@pytest.mark.django_db
@pytest.mark.parametrize("closed, within", [(D(2024, 5, 13), True), (D(2024, 5, 14), False)])
def test_target_attainment_counts_days_from_receipt_as_the_statistics_do(caseworker_a, closed, within):
    from tilsyn.cases.deadlines import case_closed_within_target
    from tilsyn.cases.services import case_clock_pause, case_close
    # Received 12 February 2024: "within 3 months" is 91 days, to 13 May, whatever the deadline says. A pause moves the
    # caseworker's deadline, not the target's measure.
    case = complaint(D(2024, 2, 12), deadline=D(2024, 5, 13))
    case_clock_pause(case_id=case.pk, actor=caseworker_a, on=D(2024, 3, 1))
    case = case_close(case_id=case.pk, actor=caseworker_a, on=closed)
    assert case.deadline > closed
    assert case_closed_within_target(case) is within


@pytest.mark.django_db
def test_an_open_case_or_one_without_a_target_has_no_attainment():
    from conftest import OFFICE_A, make_case
    from tilsyn.cases.deadlines import case_closed_within_target
    assert case_closed_within_target(complaint(D(2024, 2, 12))) is None
    access = make_case(OFFICE_A, 2, kind="access_request", closed=D(2024, 3, 1), status="closed")
    assert case_closed_within_target(access) is None
