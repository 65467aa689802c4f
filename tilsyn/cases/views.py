"""The work queue and the case page, and the case page's actions: thin views over the services."""
import csv
import io
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases import forms, pseudonymise, services
from tilsyn.cases.access import pseudonymised_cases, reads_pseudonymised
from tilsyn.security import rls
from tilsyn.cases.access import can_change_case, case_handlers, visible_cases
from tilsyn.cases.deadlines import case_closed_within_target
from tilsyn.cases.kinds import KINDS, case_details, case_panel_template, registration_links
from tilsyn.cases.models import Case, Kind, Status
from tilsyn.cases.selectors import case_page, case_timeline, work_queue
from tilsyn.cases.transitions import StaleCase, TransitionError
from tilsyn.web.forms import form_error_add

PAGE_SIZE = 50


@login_required
def queue(request):
    form = forms.WorkQueueFilter(request.GET or None, office_id=request.user.office_id)
    filters = form.cleaned_data if form.is_valid() else {}
    who = filters.get("caseworker", "")
    cases = work_queue(
        cases=visible_cases(request.user),
        office_id=request.user.office_id,
        kind=filters.get("kind", ""),
        sector=filters.get("sector", ""),
        status=filters.get("status") or "open",
        caseworker=request.user if who == forms.MINE else (int(who) if who.isdigit() else None),
        unassigned=who == forms.NOBODY,
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("side"))
    audit_record(request=request, action=Action.LIST, cases=page)
    # One list of the office's caseworkers for every row's assign menu (not a form with its query per row).
    handlers = [(user.pk, str(user)) for user in case_handlers(office_id=request.user.office_id)]
    rows = queue_rows(page, user=request.user, today=timezone.localdate())
    return render(request, "cases/queue.html", {
        "form": form, "page": page, "rows": rows, "handlers": handlers, "today": timezone.localdate(),
        "new_case_links": registration_links(request.user), "here": request.get_full_path(),
    })


@dataclass(frozen=True)
class QueueRow:
    """What a work-queue row shows, worked out once in Python: fifty rows a page, each a dozen values."""

    case: Case
    url: str
    assign_url: str
    kind: str
    days_left: int | None
    assignable: bool


def queue_rows(cases, *, user, today) -> list[QueueRow]:
    kinds = {value: str(label) for value, label in Kind.choices}
    detail, assign = reverse("cases:detail", args=[0]), reverse("cases:assign", args=[0])
    return [QueueRow(case=case, url=detail.replace("/0/", f"/{case.pk}/", 1),
                     assign_url=assign.replace("/0/", f"/{case.pk}/", 1), kind=kinds[case.kind],
                     days_left=None if case.deadline is None or case.closed else (case.deadline - today).days,
                     assignable=case.is_open and can_change_case(user, case))
            for case in cases]


def case_for_reading(request, case_id: int) -> Case:
    try:
        case = case_page(case_id=case_id, cases=visible_cases(request.user))
    except Case.DoesNotExist:
        # The same answer whether the case does not exist or is not for this user: no probing.
        raise Http404 from None
    audit_record(request=request, action=Action.READ, case=case)
    return case


def detail_render(request, case: Case, *, bound: dict | None = None, status: int = 200):
    """The case page, with the action forms as the user left them where `bound` gives one."""
    bound = bound or {}
    changeable = can_change_case(request.user, case)
    actions = {}
    if changeable:
        actions = {
            "assign": forms.AssignForm(case=case), "add": forms.AssessmentAddForm(case=case),
            "close": forms.CloseForm(case=case), "reopen": forms.ReopenForm(case=case),
            "pause": forms.PauseForm(case=case), "resume": forms.ResumeForm(case=case),
            "extend": forms.ExtendForm(case=case),
        } | {name: form for name, form in bound.items() if name != "outcome"}
    outcome_forms = []
    for assessment in case.assessments.all():
        form = bound.get("outcome")
        if form is None or form.assessment.pk != assessment.pk:
            form = forms.OutcomeForm(case=case, assessment=assessment) if changeable else None
        outcome_forms.append((assessment, form))
    return render(request, "cases/detail.html", {
        "case": case, "details": case_details(case), "panel_template": case_panel_template(case.kind),
        "today": timezone.localdate(), "changeable": changeable, "actions": actions,
        "assessments": outcome_forms, "assessable": bool(KINDS[case.kind].outcomes), "timeline": case_timeline(case),
        "within_target": case_closed_within_target(case), "awaiting": case.status == Status.AWAITING_DOCUMENTATION,
        "origin_visible": case.origin_id is not None and visible_cases(request.user).filter(pk=case.origin_id).exists(),
    }, status=status)


@login_required
def detail(request, case_id: int):
    return detail_render(request, case_for_reading(request, case_id))


def case_action(request, case_id: int, form_class, perform, *, name: str, done: str, **form_kwargs):
    """Validate the action's form, call the service; on success back where the user came from with a message,
    otherwise the case page again with the user's input and the reason in Norwegian (409: someone else saved
    the case in between; the page then shows their version, and the form the user's)."""
    case = case_for_reading(request, case_id)
    if not can_change_case(request.user, case):
        raise PermissionDenied
    form = form_class(request.POST, case=case, **form_kwargs)
    status = 400
    if form.is_valid():
        try:
            perform(case, form.cleaned_data)
        except ValidationError as error:  # a kind's service refusing the input: on the fields it names
            form_error_add(form, error)
        except TransitionError as error:
            form.add_error(None, str(error))
            if isinstance(error, StaleCase):
                status = 409
                case = case_for_reading(request, case_id)
                data = QueryDict(mutable=True)
                data.update(request.POST)
                data[form.add_prefix("version")] = str(case.version)
                form = form_class(data, case=case, **form_kwargs)
                form.is_valid()
                form.add_error(None, str(error))
        else:  # the audit log has the change: the service's `case_save` recorded it
            messages.success(request, done)
            target = request.POST.get("neste", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("cases:detail", args=[case.pk])
            return redirect(target)
    messages.error(request, _("Endringen ble ikke lagret. Se meldingen ved skjemaet."))
    return detail_render(request, case, bound={name: form}, status=status)


@require_POST
@login_required
def assign(request, case_id: int):
    return case_action(
        request, case_id, forms.AssignForm, name="assign", done=_("Saksbehandler er endret."),
        perform=lambda case, data: services.case_assign(
            case_id=case.pk, caseworker=data["caseworker"], actor=request.user, expected_version=data["version"]))


@require_POST
@login_required
def assessment_add(request, case_id: int):
    return case_action(
        request, case_id, forms.AssessmentAddForm, name="add", done=_("Bestemmelsen er lagt til."),
        perform=lambda case, data: services.assessment_add(
            case_id=case.pk, provision=data["provision"], actor=request.user, expected_version=data["version"]))


def assessment_of(request, case_id: int, assessment_id: int):
    case = case_for_reading(request, case_id)
    try:
        return case.assessments.get(pk=assessment_id)
    except case.assessments.model.DoesNotExist:
        raise Http404 from None


@require_POST
@login_required
def assessment_decide(request, case_id: int, assessment_id: int):
    assessment = assessment_of(request, case_id, assessment_id)

    def perform(case, data):
        if not data["outcome"]:
            raise TransitionError(_("Velg et utfall."))
        services.assessment_decide(case_id=case.pk, assessment_id=assessment.pk, outcome=data["outcome"],
                                   actor=request.user, expected_version=data["version"])

    return case_action(request, case_id, forms.OutcomeForm, perform, name="outcome", done=_("Utfallet er lagret."),
                       assessment=assessment)


@require_POST
@login_required
def assessment_remove(request, case_id: int, assessment_id: int):
    assessment = assessment_of(request, case_id, assessment_id)
    return case_action(
        request, case_id, forms.OutcomeForm, name="outcome", done=_("Bestemmelsen er fjernet."),
        assessment=assessment,
        perform=lambda case, data: services.assessment_remove(
            case_id=case.pk, assessment_id=assessment.pk, actor=request.user, expected_version=data["version"]))


@require_POST
@login_required
def close(request, case_id: int):
    return case_action(
        request, case_id, forms.CloseForm, name="close", done=_("Saken er avgjort og avsluttet."),
        perform=lambda case, data: services.case_close(
            case_id=case.pk, actor=request.user, on=data["on"], reason=data["reason"],
            expected_version=data["version"]))


@require_POST
@login_required
def reopen(request, case_id: int):
    return case_action(
        request, case_id, forms.ReopenForm, name="reopen", done=_("Saken er gjenåpnet."),
        perform=lambda case, data: services.case_reopen(
            case_id=case.pk, actor=request.user, on=data["on"], reason=data["reason"],
            expected_version=data["version"]))


@require_POST
@login_required
def pause(request, case_id: int):
    return case_action(
        request, case_id, forms.PauseForm, name="pause", done=_("Fristen er stanset."),
        perform=lambda case, data: services.case_clock_pause(
            case_id=case.pk, actor=request.user, on=data["on"], reason=data["reason"],
            expected_version=data["version"]))


@require_POST
@login_required
def resume(request, case_id: int):
    return case_action(
        request, case_id, forms.ResumeForm, name="resume", done=_("Fristen løper igjen."),
        perform=lambda case, data: services.case_clock_resume(
            case_id=case.pk, actor=request.user, on=data["on"], expected_version=data["version"]))


@require_POST
@login_required
def extend(request, case_id: int):
    return case_action(
        request, case_id, forms.ExtendForm, name="extend", done=_("Fristen er forlenget."),
        perform=lambda case, data: services.case_deadline_extend(
            case_id=case.pk, deadline=data["deadline"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))


def analysis_export(request):
    """The whole country's cases for one year, pseudonymised, as CSV: for analysts (and national users)."""
    if not reads_pseudonymised(request.user):
        raise PermissionDenied
    year = request.GET.get("year", "")
    if not (year.isdigit() and 1990 <= int(year) <= 2100):
        return HttpResponseBadRequest(_("Oppgi et år, for eksempel ?year=2024."))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=pseudonymise.FIELDS)
    writer.writeheader()
    with rls.unrestricted():  # every office's rows, and only through the pseudonymisation below
        cases = pseudonymised_cases(request.user).filter(received__year=int(year))
        writer.writerows(pseudonymise.cases_pseudonymised(cases))
    audit_record(request=request, action=Action.EXPORT, detail=f"pseudonymisert uttrekk {year}")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="saker-pseudonymisert-{year}.csv"'
    return response
