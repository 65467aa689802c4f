from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilter(forms.Form):
    since = forms.DateField(label=_("Fra og med"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Til og med"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    username = forms.CharField(label=_("Brukernavn"), required=False, max_length=150)
    case_id = forms.IntegerField(label=_("Sak (intern id)"), required=False, min_value=1, max_value=2**63 - 1)
