"""Deadlines: time limits from the targets, the holiday calendar, paused clocks, and the statistics' rule."""
import datetime

import pytest
from dateutil.relativedelta import relativedelta

from tilsyn.cases.deadlines import (
    closed_within, deadline_target, due_date, is_working_day, next_working_day, time_limit,
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
    limit = relativedelta(months=3)
    assert closed_within(received=D(2024, 1, 15), closed=D(2024, 4, 15), limit=limit)
    assert not closed_within(received=D(2024, 1, 15), closed=D(2024, 4, 16), limit=limit)


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
