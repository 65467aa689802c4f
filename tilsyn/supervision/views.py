"""Pages for supervision cases: registration, and the actions of the case page's supervision panel.

The actions go through the case page's own `case_action`: the same access check, version check and answer (back
to the case with a message, or the case page again with the user's input and the reason in Norwegian).
"""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tilsyn.cases.access import can_handle_cases_at
from tilsyn.cases.transitions import TransitionError
from tilsyn.cases.views import case_action
from tilsyn.supervision import services
from tilsyn.supervision.forms import (
    ForwardForm, InvolvementForm, MethodForm, ResultCloseForm, SupervisedObjectAddForm, SupervisedObjectFormSet,
    SupervisionCaseRegisterForm,
)
from tilsyn.web.forms import form_error_add


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
                objects=[services.SupervisedObject.from_data(f.cleaned_data) for f in objects if f.has_changed()],
                summary=data["summary"], priority=data["priority"], municipality=data["municipality"],
                started_at=form.started_at_value())
        except ValidationError as error:
            form_error_add(form, error)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cases:detail", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/register.html", {"form": form, "objects": objects}, status=status)


@require_POST
@login_required
def method_choose(request, case_id: int):
    return case_action(
        request, case_id, MethodForm, name="supervision_method", done=_("Behandlingsmåten er lagret."),
        perform=lambda case, data: services.supervision_method_choose(
            case_id=case.pk, method=data["method"], actor=request.user, expected_version=data["version"]))


@require_POST
@login_required
def involvement_record(request, case_id: int):
    return case_action(
        request, case_id, InvolvementForm, name="supervision_involvement",
        done=_("Brukerinvolveringen er dokumentert."),
        perform=lambda case, data: services.supervision_user_involvement_record(
            case_id=case.pk, involvement=data["involvement"], on=data["on"], actor=request.user,
            expected_version=data["version"]))


@require_POST
@login_required
def object_add(request, case_id: int):
    return case_action(
        request, case_id, SupervisedObjectAddForm, name="supervision_object", done=_("Tilsynsobjektet er lagt til."),
        perform=lambda case, data: services.supervision_object_add(
            case_id=case.pk, obj=services.SupervisedObject.from_data(data), actor=request.user,
            expected_version=data["version"]))


@require_POST
@login_required
def close(request, case_id: int):
    return case_action(
        request, case_id, ResultCloseForm, name="supervision_close", done=_("Saken er avsluttet."),
        perform=lambda case, data: services.supervision_case_close(
            case_id=case.pk, result=data["result"], on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))


@require_POST
@login_required
def forward(request, case_id: int):
    return case_action(
        request, case_id, ForwardForm, name="supervision_forward",
        done=_("Saken er sendt til Statens helsetilsyn."),
        perform=lambda case, data: services.supervision_case_forward(
            case_id=case.pk, on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))
