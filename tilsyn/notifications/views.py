"""Pages for notifications of serious incidents at Helsetilsynet: registration, and the actions of the case
page's notification panel (routing after the initial investigation, linking a repeat, completing a follow-up),
through the case page's own `case_action`."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tilsyn.cases.access import can_handle_cases_at
from tilsyn.cases.transitions import TransitionError
from tilsyn.cases.views import case_action
from tilsyn.notifications import selectors, services
from tilsyn.notifications.forms import FollowUpCompleteForm, NotificationRegisterForm, RepeatForm, RouteForm
from tilsyn.web.forms import form_error_add


@login_required
def register(request):
    user = request.user
    if not (can_handle_cases_at(user, office_id=user.office_id) and user.office.is_national):
        raise PermissionDenied(_("Varsler om alvorlige hendelser registreres hos Statens helsetilsyn."))
    form = NotificationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.notification_register(
                office=user.office, actor=user, received=data["received"], notifier_type=data["notifier_type"],
                service_type=data["service_type"], notifier=form.party("notifier"), service=form.party("service"),
                patient=form.party("patient"), incident_date=data["incident_date"], summary=data["summary"],
                priority=data["priority"], municipality=data["municipality"])
        except ValidationError as error:
            form_error_add(form, error)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cases:detail", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/register.html", {"form": form}, status=status)


@require_POST
@login_required
def route(request, case_id: int):
    return case_action(
        request, case_id, RouteForm, name="notification_route", done=_("Varselet er fordelt."),
        perform=lambda case, data: services.notification_route(
            case_id=case.pk, routing=data["routing"], on=data["on"], assessment=data["assessment"],
            forwarded_to=data["forwarded_to"], follow_up_method=data["follow_up_method"], actor=request.user,
            expected_version=data["version"]))


@require_POST
@login_required
def repeat_link(request, case_id: int):
    return case_action(
        request, case_id, RepeatForm, name="notification_repeat",
        done=_("Varselet er koblet til det første varselet om hendelsen og avsluttet."),
        perform=lambda case, data: services.notification_repeat_link(
            case_id=case.pk, on=data["on"], actor=request.user, expected_version=data["version"],
            first=selectors.notification_by_number(office_id=case.office_id, number=data["first"])))


@require_POST
@login_required
def follow_up_complete(request, case_id: int):
    return case_action(
        request, case_id, FollowUpCompleteForm, name="notification_complete", done=_("Oppfølgingen er fullført."),
        perform=lambda case, data: services.notification_follow_up_complete(
            case_id=case.pk, on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))
