"""The registration form of a rights complaint."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.access import case_handlers
from tilsyn.complaints.models import PROVISION_CATALOGUE, ComplaintType
from tilsyn.reference.models import Municipality, Provision
from tilsyn.web.forms import DesignsystemetForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DigitsField(forms.CharField):
    """An identification number typed with or without spaces (fødselsnummer, organisasjonsnummer)."""

    def to_python(self, value):
        return "".join(super().to_python(value).split())


class ComplaintForm(DesignsystemetForm):
    complaint_type = forms.ChoiceField(label=_("Type klage"), choices=ComplaintType.choices,
                                       initial=ComplaintType.HEALTH)
    received = forms.DateField(label=_("Mottatt hos statsforvalteren"), widget=DATE)
    priority = forms.BooleanField(label=_("Prioritet: fare for liv eller helse, eller overgrep"), required=False)
    complainant_name = forms.CharField(label=_("Klagerens navn"), max_length=200)
    complainant_national_id = DigitsField(label=_("Klagerens fødselsnummer"), required=False, max_length=13,
                                          help_text=_("11 siffer"))
    patient_name = forms.CharField(label=_("Pasientens eller brukerens navn"), required=False, max_length=200,
                                   help_text=_("Fylles ut når klageren klager på vegne av en annen."))
    patient_national_id = DigitsField(label=_("Pasientens eller brukerens fødselsnummer"), required=False,
                                      max_length=13, help_text=_("11 siffer"))
    service_name = forms.CharField(label=_("Tjenesten"), max_length=200,
                                   help_text=_("Virksomheten, kommunen eller Nav-kontoret som gjorde vedtaket"))
    service_org_number = DigitsField(label=_("Tjenestens organisasjonsnummer"), required=False, max_length=11)
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none(), required=False)
    service_decision_date = forms.DateField(label=_("Dato for tjenestens vedtak"), widget=DATE)
    first_instance_received = forms.DateField(label=_("Klagen mottatt hos tjenesten"), widget=DATE,
                                              required=False)
    first_instance_forwarded = forms.DateField(label=_("Klagen oversendt fra tjenesten"), widget=DATE,
                                               required=False)
    provisions = forms.ModelMultipleChoiceField(
        label=_("Bestemmelser det klages etter"), queryset=Provision.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages={"required": _("Velg minst én bestemmelse.")})
    summary = forms.CharField(label=_("Kort om klagen"), required=False, widget=forms.Textarea, max_length=4000)
    caseworker = forms.ModelChoiceField(label=_("Saksbehandler"), queryset=None, required=False,
                                        empty_label=_("Ingen ennå"))

    def __init__(self, *args, office, user, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("received", timezone.localdate())
        initial.setdefault("caseworker", user.pk)
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(office=office).order_by("name")
        self.fields["caseworker"].queryset = case_handlers(office_id=office.pk)
        chosen = (self.data.get("complaint_type") if self.is_bound else None) or initial.get(
            "complaint_type", ComplaintType.HEALTH)
        catalogue = PROVISION_CATALOGUE.get(chosen)
        if catalogue:
            self.fields["provisions"].queryset = Provision.objects.filter(catalogue=catalogue, active=True)
