"""Forms for notifications of serious incidents: they parse what the user typed; the rules are in services.py."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilsyn.notifications.models import FollowUpMethod, Routing
from tilsyn.notifications.services import PartyIn
from tilsyn.reference.models import Municipality, Office
from tilsyn.cases.forms import CaseActionForm, DatedForm
from tilsyn.supervision.forms import TermChoiceField, date_field, terms
from tilsyn.web.forms import DesignsystemetForm


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office):
        return office.localized_name


class NotificationRegisterForm(DesignsystemetForm):
    received = date_field(_("Mottatt"))
    notifier_type = TermChoiceField(label=_("Varsleren er"), queryset=terms("notifier_type"))
    notifier_name = forms.CharField(label=_("Varslerens navn"), max_length=200)
    notifier_national_id = forms.CharField(label=_("Varslerens fødselsnummer (person)"), max_length=11,
                                           required=False)
    notifier_org_number = forms.CharField(label=_("Varslerens organisasjonsnummer (virksomhet)"), max_length=9,
                                          required=False)
    service_type = TermChoiceField(label=_("Type tjeneste"), queryset=terms("incident_service_type"))
    service_name = forms.CharField(label=_("Tjenesten hendelsen skjedde i (når en person varsler)"),
                                   max_length=200, required=False)
    service_org_number = forms.CharField(label=_("Tjenestens organisasjonsnummer"), max_length=9, required=False)
    patient_name = forms.CharField(label=_("Pasientens eller brukerens navn"), max_length=200)
    patient_national_id = forms.CharField(label=_("Pasientens eller brukerens fødselsnummer"), max_length=11,
                                          required=False)
    incident_date = date_field(_("Dato for hendelsen"), required=False)
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.all(), required=False)
    summary = forms.CharField(label=_("Hva skjedde"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    priority = forms.BooleanField(label=_("Prioritet: fare for liv eller helse, eller overgrep"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received"].initial = timezone.localdate()

    def party(self, prefix: str) -> PartyIn:
        data = self.cleaned_data
        return PartyIn(name=data.get(f"{prefix}_name", ""),
                       national_id=data.get(f"{prefix}_national_id", "").strip(),
                       org_number=data.get(f"{prefix}_org_number", "").strip())


class RouteForm(DatedForm):
    prefix_name = "fordel"
    routing = forms.ChoiceField(label=_("Hva skjer med varselet"), choices=[("", "–")] + Routing.choices)
    forwarded_to = OfficeChoiceField(label=_("Statsforvalter (ved oversendelse)"), required=False,
                                     queryset=Office.objects.filter(kind=Office.Kind.COUNTY_GOVERNOR))
    follow_up_method = forms.ChoiceField(label=_("Oppfølgingsmåte (ved egen oppfølging)"), required=False,
                                         choices=[("", "–")] + FollowUpMethod.choices)
    assessment = forms.CharField(label=_("Helsetilsynets vurdering"), widget=forms.Textarea(attrs={"rows": 4}),
                                 max_length=10_000)


class RepeatForm(DatedForm):
    prefix_name = "gjentatt"
    first = forms.RegexField(label=_("Saksnummeret til det første varselet om hendelsen"),
                             regex=r"^\s*\d{4}/\d{1,9}\s*$", max_length=20,
                             error_messages={"invalid": _("Skriv saksnummeret slik: 2024/123.")})


class FollowUpCompleteForm(DatedForm):
    prefix_name = "oppfolging"
    reason = forms.CharField(label=_("Merknad"), max_length=500, required=False)
