from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2014  # the first year of the longest published series (vedlegg 35)


def year_choices():
    return [(str(year), str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def office_choices():
    from tilsyn.reference.models import Office

    return [("", _("Hele landet"))] + [(o.code, o.name) for o in Office.objects.order_by("report_order")]


def last_year() -> int:
    """The last whole year: what the statistics show unless asked for another."""
    return timezone.localdate().year - 1


class StatisticsFilterForm(forms.Form):
    """Which figures to show: the year, one office or all, and the date they stood on."""

    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=year_choices)
    office = forms.ChoiceField(label=_("Embete"), required=False, choices=office_choices)
    as_of = forms.DateField(label=_("Tall per dato"), required=False,
                            widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}))

    @classmethod
    def from_query(cls, query) -> "StatisticsFilterForm":
        return cls({"year": str(last_year()), **{k: v for k, v in query.items() if k in cls.base_fields}})

    def parameters(self) -> dict:
        if not self.is_valid():
            return {"year": last_year(), "office": None, "as_of": None}
        data = self.cleaned_data
        return {"year": data["year"], "office": data["office"] or None, "as_of": data["as_of"]}
