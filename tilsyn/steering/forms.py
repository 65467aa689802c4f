"""The panel's query parameters: which year, which office's series, which date, which figure to drill into."""
import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from tilsyn.reference.models import Office, Target
from tilsyn.statistics.backlogs import AGE_BANDS, ALL_CASES, BY_CODE
from tilsyn.steering.models import Figure
from tilsyn.steering.selectors import DrillDown


class YearForm(forms.Form):
    ar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["ar"].choices = [(year, year) for year in years]
        self.years = years

    def year(self) -> int | None:
        if self.is_valid() and self.cleaned_data["ar"]:
            return self.cleaned_data["ar"]
        return self.years[0] if self.years else None


class DateForm(forms.Form):
    dato = forms.DateField(label=_("Dato"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def day(self, default: datetime.date) -> datetime.date:
        return (self.cleaned_data.get("dato") if self.is_valid() else None) or default


class DrillDownForm(forms.Form):
    figur = forms.ChoiceField(choices=Figure.Kind.choices)
    nokkel = forms.CharField(max_length=80)
    # A day the figures could be about: a week's figure reaches six days past it, an age band a year before.
    dag = forms.DateField(validators=[MinValueValidator(datetime.date(1900, 1, 1)),
                                      MaxValueValidator(datetime.date(2999, 12, 31))])
    embete = forms.ModelChoiceField(queryset=Office.objects.all(), to_field_name="code", required=False)
    aldersgruppe = forms.TypedChoiceField(choices=[(i, i) for i in range(len(AGE_BANDS))], coerce=int,
                                          required=False, empty_value=None)

    def clean(self):
        data = super().clean()
        kind, key = data.get("figur"), data.get("nokkel")
        known = (Target.objects.filter(code=key).exists() if kind == Figure.Kind.ATTAINMENT
                 else key in BY_CODE or key == ALL_CASES.code)
        if kind and key and not known:
            raise forms.ValidationError(_("Ukjent tall: %(key)s"), params={"key": key})
        return data

    def spec(self) -> DrillDown:
        data = self.cleaned_data
        return DrillDown(kind=data["figur"], key=data["nokkel"], day=data["dag"], office=data["embete"],
                         band=data["aldersgruppe"])
