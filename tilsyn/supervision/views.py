"""Pages for supervision cases: registration, and the actions of the case page's supervision panel.

Each action parses its form, checks that the user may change the case, calls one service and goes back to the
case page. When the service says no, the form comes back on a page of its own with the user's input and the
reason in Norwegian.
"""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tilsyn.cases.access import can_change_case, can_handle_cases_at, visible_cases
from tilsyn.cases.models import Case, Kind
from tilsyn.cases.transitions import TransitionError
from tilsyn.supervision import services
from tilsyn.supervision.forms import (
    CloseForm, ForwardForm, InvolvementForm, MethodForm, SupervisedObjectAddForm, SupervisedObjectFormSet,
    SupervisionCaseRegisterForm,
)


def form_errors_add(form, error: Exception) -> None:
    """Put a service's refusal on the form: field messages on their fields, the rest on top."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


def changeable_case(request, case_id: int, kind: str) -> Case:
    """The case, if the user sees it (else 404, the same as a case that does not exist) and may change it."""
    try:
        case = visible_cases(request.user).select_related("office").get(pk=case_id, kind=kind)
    except Case.DoesNotExist:
        raise Http404 from None
    if not can_change_case(request.user, case):
        raise PermissionDenied(_("Bare embetet som behandler saken, kan endre den."))
    return case


def case_action(request, *, case_id: int, kind: str, form_class, perform, title: str):
    """Bind `form_class` to the POST, and run `perform(case, form.cleaned_data)` when it is valid."""
    case = changeable_case(request, case_id, kind)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            perform(case, form.cleaned_data)
        except (ValidationError, TransitionError) as error:
            form_errors_add(form, error)
        else:
            return redirect("cases:detail", case.pk)
    return render(request, "supervision/action.html",
                  {"case": case, "form": form, "title": title, "action": request.path}, status=400)


@login_required
def register(request):
    user = request.user
    if not can_handle_cases_at(user, office_id=user.office_id):
        raise PermissionDenied(_("Bare saksbehandlere ved et embete kan registrere saker."))
    form = SupervisionCaseRegisterForm(request.POST or None, office=user.office)
    objects = SupervisedObjectFormSet(request.POST or None, prefix="objekt")
    if request.method == "POST" and form.is_valid() and objects.is_valid():
        data = form.cleaned_data
        try:
            case = services.supervision_case_register(
                office=user.office, actor=user, sector=data["sector"], title=data["title"],
                received=data["received"], sources=list(data["sources"]), themes=list(data["themes"]),
                objects=[services.SupervisedObject.from_data(f.cleaned_data) for f in objects if f.has_changed()], summary=data["summary"],
                priority=data["priority"], municipality=data["municipality"], started_at=form.started_at_value())
        except (ValidationError, TransitionError) as error:
            form_errors_add(form, error)
        else:
            return redirect("cases:detail", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/register.html", {"form": form, "objects": objects}, status=status)


@login_required
@require_POST
def method_choose(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.SUPERVISION_CASE, form_class=MethodForm, title=_("Behandlingsmåte"),
        perform=lambda case, data: services.supervision_method_choose(
            case_id=case.pk, method=data["method"], actor=request.user, expected_version=data["version"]))


@login_required
@require_POST
def involvement_record(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.SUPERVISION_CASE, form_class=InvolvementForm,
        title=_("Brukerinvolvering"),
        perform=lambda case, data: services.supervision_user_involvement_record(
            case_id=case.pk, involvement=data["involvement"], on=data["on"], actor=request.user,
            expected_version=data["version"]))


@login_required
@require_POST
def object_add(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.SUPERVISION_CASE, form_class=SupervisedObjectAddForm,
        title=_("Legg til tilsynsobjekt"),
        perform=lambda case, data: services.supervision_object_add(
            case_id=case.pk, obj=services.SupervisedObject.from_data(data), actor=request.user,
            expected_version=data["version"]))


@login_required
@require_POST
def close(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.SUPERVISION_CASE, form_class=CloseForm, title=_("Avslutt saken"),
        perform=lambda case, data: services.supervision_case_close(
            case_id=case.pk, result=data["result"], on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))


@login_required
@require_POST
def forward(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.SUPERVISION_CASE, form_class=ForwardForm,
        title=_("Send til Statens helsetilsyn"),
        perform=lambda case, data: services.supervision_case_forward(
            case_id=case.pk, on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))
