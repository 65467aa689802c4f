"""Small display helpers for case pages."""
import datetime

from django import template
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from tilsyn.cases import kinds

register = template.Library()


@register.filter
def days_left(deadline: datetime.date | None, today: datetime.date) -> int | None:
    return None if deadline is None else (deadline - today).days


@register.filter
def absolute(number: int) -> int:
    return abs(number)


@register.simple_tag
def assessment_problems(case) -> list[str]:
    """Why no provision can be assessed in `case` now: the page then says so instead of offering the form."""
    return kinds.assessment_problems(case)


@register.simple_tag
def detail_rows(instance) -> list[tuple[str, object]]:
    """(label, value) for every filled-in field of a kind's detail row, in the model's order."""
    rows = []
    for field in instance._meta.get_fields():
        if not field.concrete or field.name == "case" or field.auto_created:
            continue
        if field.many_to_many:
            value = ", ".join(str(item) for item in getattr(instance, field.name).all())
        elif field.choices:
            value = getattr(instance, f"get_{field.name}_display")() if getattr(instance, field.attname) not in (None, "") else ""
        else:
            value = getattr(instance, field.name)
        if isinstance(field, models.BooleanField) and value is not None:
            value = _("Ja") if value else _("Nei")
        if value in (None, ""):
            continue
        rows.append((field.verbose_name, value))
    return rows


@register.simple_tag
def caseworker_options(handlers: list[tuple[int, str]], selected_id: int | None) -> str:
    """The <option>s of an assign menu, the case's caseworker selected, from one list of (id, name) for the
    whole page: a work queue of 50 rows renders in microseconds what 50 form widgets took 300 ms to."""
    nobody = format_html('<option value="">{}</option>', _("Ingen"))
    return nobody + format_html_join("", '<option value="{}"{}>{}</option>', (
        (pk, " selected" if pk == selected_id else "", name) for pk, name in handlers))
