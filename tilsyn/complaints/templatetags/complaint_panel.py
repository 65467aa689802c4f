"""The rights complaint's part of the case page."""
import datetime

from django import template

from tilsyn.complaints.selectors import complaint_duplicates_of

register = template.Library()


@register.simple_tag
def complaint_duplicates(case):
    return list(complaint_duplicates_of(case))


@register.filter
def timeuntil_days(later: datetime.date, earlier: datetime.date) -> int:
    return (later - earlier).days
