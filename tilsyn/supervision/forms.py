"""Forms for supervision cases: they parse what the user typed; the rules are in services.py."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.forms import CaseActionForm, DatedForm
from tilsyn.cases.models import Sector
from tilsyn.reference.models import Municipality, Term
from tilsyn.supervision.models import Result, StartedAt, UserInvolvement
from tilsyn.supervision.services import CHOOSABLE_METHODS, CLOSING_RESULTS
from tilsyn.web.forms import DesignsystemetForm

SUPERVISION_SECTORS = [(s.value, s.label) for s in (Sector.HEALTH, Sector.CHILD_WELFARE, Sector.SOCIAL)]


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, term):
        return term.localized


class TermsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, term):
        return term.localized


def terms(vocabulary: str):
    return Term.objects.filter(vocabulary=vocabulary, active=True)


class SupervisedObjectForm(DesignsystemetForm):
    object_type = TermChoiceField(label=_("Type tilsynsobjekt"), queryset=terms("supervised_object_type"))
    name = forms.CharField(label=_("Navn"), max_length=200)
    national_id = forms.CharField(label=_("Fødselsnummer (helsepersonell)"), max_length=11, required=False)
    org_number = forms.CharField(label=_("Organisasjonsnummer"), max_length=9, required=False)
    profession = TermChoiceField(label=_("Yrke (helsepersonell)"), queryset=terms("profession"), required=False)
    service_level = TermChoiceField(label=_("Tjenestenivå (virksomhet)"), queryset=terms("service_level"),
                                    required=False)


class SupervisedObjectAddForm(CaseActionForm, SupervisedObjectForm):
    prefix_name = "tilsynsobjekt"


SupervisedObjectFormSet = forms.formset_factory(SupervisedObjectForm, extra=2, max_num=20)


class SupervisionCaseRegisterForm(DesignsystemetForm):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    sector = forms.ChoiceField(label=_("Fagområde"), choices=SUPERVISION_SECTORS)
    received = date_field(_("Mottatt"))
    summary = forms.CharField(label=_("Hva saken gjelder"), widget=forms.Textarea(attrs={"rows": 4}),
                              required=False)
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.all(), required=False)
    priority = forms.BooleanField(label=_("Prioritet: fare for liv eller helse, eller overgrep"), required=False)
    sources = TermsField(label=_("Kilder"), queryset=terms("source"), required=False)
    themes = TermsField(label=_("Temaer (barnevern)"), queryset=terms("theme"), required=False)
    started_at = forms.ChoiceField(label=_("Saken startet hos"), required=False, choices=[
        (StartedAt.HELSETILSYNET.value, StartedAt.HELSETILSYNET.label),
        (StartedAt.FOREIGN_AUTHORITY.value, StartedAt.FOREIGN_AUTHORITY.label)])

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["received"].initial = timezone.localdate()
        if not office.is_national:
            del self.fields["started_at"]
            self.fields["municipality"].queryset = Municipality.objects.filter(office=office)

    def started_at_value(self) -> str:
        return self.cleaned_data.get("started_at") or StartedAt.COUNTY_GOVERNOR


class MethodForm(CaseActionForm):
    prefix_name = "behandlingsmate"
    method = forms.TypedChoiceField(label=_("Behandlingsmåte"), coerce=int,
                                    choices=[("", "–")] + [(m.value, m.label) for m in CHOOSABLE_METHODS])

    def __init__(self, *args, case, **kwargs):
        details = getattr(case, "supervision", None)
        kwargs.setdefault("initial", {}).setdefault("method", details and details.handling_method)
        super().__init__(*args, case=case, **kwargs)


class InvolvementForm(CaseActionForm):
    prefix_name = "brukerinvolvering"
    involvement = forms.ChoiceField(label=_("Brukerinvolvering"), choices=[("", "–")] + [
        (i.value, i.label) for i in UserInvolvement if i != UserInvolvement.NOT_ASSESSED])
    on = date_field(_("Dato for svaret"), required=False)

    def __init__(self, *args, case, **kwargs):
        details = getattr(case, "supervision", None)
        initial = kwargs.setdefault("initial", {})
        if details and details.user_involvement != UserInvolvement.NOT_ASSESSED:
            initial.setdefault("involvement", details.user_involvement)
            initial.setdefault("on", details.user_involvement_date)
        super().__init__(*args, case=case, **kwargs)


class ResultCloseForm(DatedForm):
    """Closing a case the county governor investigated (method 5): with its result."""

    prefix_name = "resultat"
    result = forms.ChoiceField(label=_("Resultat"), choices=[("", "–")]
                               + [(r.value, r.label) for r in Result if r in CLOSING_RESULTS])
    reason = forms.CharField(label=_("Merknad"), max_length=500, required=False)


class ForwardForm(DatedForm):
    prefix_name = "oversend"
    reason = forms.CharField(label=_("Merknad til Helsetilsynet"), max_length=500, required=False)
