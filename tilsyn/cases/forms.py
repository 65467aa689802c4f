from django import forms
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.models import Kind, Sector


class WorkQueueFilter(forms.Form):
    STATUS_CHOICES = [("open", _("Åpne")), ("closed", _("Avsluttede")), ("all", _("Alle"))]

    kind = forms.ChoiceField(label=_("Type sak"), required=False, choices=[("", _("Alle typer"))] + Kind.choices)
    sector = forms.ChoiceField(label=_("Fagområde"), required=False,
                               choices=[("", _("Alle fagområder"))] + Sector.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    mine = forms.BooleanField(label=_("Bare mine saker"), required=False)
