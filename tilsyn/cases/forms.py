"""The forms of the work queue and the case page. They parse and validate input; the services do the rest."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.access import case_handlers
from tilsyn.cases.kinds import outcome_choices, provisions_assessable
from tilsyn.cases.models import Kind, Sector, Status
from tilsyn.web.forms import DesignsystemetForm

MINE, NOBODY = "meg", "ingen"


class WorkQueueFilter(DesignsystemetForm):
    STATUS_CHOICES = [("open", _("Åpne")), (Status.AWAITING_DOCUMENTATION, _("Venter på dokumentasjon")),
                      ("closed", _("Avsluttede")), ("all", _("Alle"))]

    kind = forms.ChoiceField(label=_("Type sak"), required=False, choices=[("", _("Alle typer"))] + Kind.choices)
    sector = forms.ChoiceField(label=_("Fagområde"), required=False,
                               choices=[("", _("Alle fagområder"))] + Sector.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    caseworker = forms.ChoiceField(label=_("Saksbehandler"), required=False)

    def __init__(self, *args, office_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        people = [(str(user.pk), str(user)) for user in case_handlers(office_id=office_id)] if office_id else []
        self.fields["caseworker"].choices = [("", _("Alle")), (MINE, _("Mine saker")),
                                             (NOBODY, _("Ikke tildelt")), *people]


class CaseActionForm(DesignsystemetForm):
    """An action on one case, carrying the version of the case the user saw (a later save by someone else is
    then told, not overwritten)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        self.case = case
        kwargs.setdefault("initial", {}).setdefault("version", case.version)
        kwargs.setdefault("prefix", self.prefix_name)
        super().__init__(*args, **kwargs)

    prefix_name = None


class AssignForm(CaseActionForm):
    prefix_name = "tildel"
    caseworker = forms.ModelChoiceField(label=_("Saksbehandler"), queryset=None, required=False,
                                        empty_label=_("Ingen"))

    def __init__(self, *args, case, **kwargs):
        # One form per case on the work queue: the prefix keeps their ids apart.
        kwargs["prefix"] = f"tildel-{case.pk}"
        kwargs.setdefault("initial", {}).setdefault("caseworker", case.caseworker_id)
        super().__init__(*args, case=case, **kwargs)
        self.fields["caseworker"].queryset = case_handlers(office_id=case.office_id)


class AssessmentAddForm(CaseActionForm):
    prefix_name = "vurdering"
    provision = forms.ModelChoiceField(label=_("Bestemmelse"), queryset=None)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["provision"].queryset = provisions_assessable(case)


class OutcomeForm(CaseActionForm):
    prefix_name = "utfall"
    outcome = forms.ChoiceField(label=_("Utfall"), required=False)

    def __init__(self, *args, case, assessment=None, **kwargs):
        if assessment is not None:
            kwargs["prefix"] = f"utfall-{assessment.pk}"
            kwargs.setdefault("initial", {}).setdefault("outcome", assessment.outcome)
        super().__init__(*args, case=case, **kwargs)
        self.assessment = assessment
        self.fields["outcome"].choices = [("", _("Ikke avgjort"))] + outcome_choices(case)


class DatedForm(CaseActionForm):
    on = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, case=case, **kwargs)


class CloseForm(DatedForm):
    prefix_name = "avslutt"
    reason = forms.CharField(label=_("Merknad"), required=False, widget=forms.Textarea, max_length=2000)


class ReopenForm(DatedForm):
    prefix_name = "gjenapne"
    reason = forms.CharField(label=_("Hvorfor saken gjenåpnes"), widget=forms.Textarea, max_length=2000)


class PauseForm(DatedForm):
    prefix_name = "stans"
    reason = forms.CharField(label=_("Hva venter dere på?"), required=False, widget=forms.Textarea,
                             max_length=2000)


class ResumeForm(DatedForm):
    prefix_name = "gjenoppta"


class ExtendForm(CaseActionForm):
    prefix_name = "frist"
    deadline = forms.DateField(label=_("Ny frist"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea, max_length=2000)
