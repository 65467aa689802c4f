"""Figures on the panel's pages, the Norwegian way: 1 234; 5,1 md.; 56 %."""
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from tilsyn.statistics.engine import MONTHS
from tilsyn.statistics.formatting import NBSP, format_number

register = template.Library()


@register.filter
def figure(value, unit="antall"):
    """A figure as the panel prints it; «–» when there is none."""
    if value is None:
        return "–"
    if unit == MONTHS:
        return f"{format_number(value, MONTHS)}{NBSP}{_('md.')}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_number(value, unit)


@register.filter
def status(reached):
    """The word for a coloured cell, so that colour is never the only sign."""
    if reached is None:
        return ""
    return _("nådd") if reached else _("ikke nådd")


@register.simple_tag
def drill_url(kind, key, day, office=None, band=None):
    """The address of the case list behind a figure."""
    query = {"figur": kind, "nokkel": key, "dag": day.isoformat()}
    if office:  # an Office; a template's missing variable is ""
        query["embete"] = office.code
    if band is not None and band != "":
        query["aldersgruppe"] = band
    return f"{reverse('steering:cases')}?{urlencode(query)}"
