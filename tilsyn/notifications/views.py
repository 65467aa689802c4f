"""Pages for notifications of serious incidents at Helsetilsynet: registration, and the actions of the case
page's notification panel (routing after the initial investigation, linking a repeat, completing a follow-up)."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tilsyn.cases.access import can_handle_cases_at
from tilsyn.cases.models import Kind
from tilsyn.cases.transitions import TransitionError
from tilsyn.notifications import selectors, services
from tilsyn.notifications.forms import FollowUpCompleteForm, NotificationRegisterForm, RepeatForm, RouteForm
from tilsyn.supervision.views import case_action, form_errors_add


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
        except (ValidationError, TransitionError) as error:
            form_errors_add(form, error)
        else:
            return redirect("cases:detail", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/register.html", {"form": form}, status=status)


@login_required
@require_POST
def route(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.INCIDENT_NOTIFICATION, form_class=RouteForm,
        title=_("Fordel varselet"),
        perform=lambda case, data: services.notification_route(
            case_id=case.pk, routing=data["routing"], on=data["on"], assessment=data["assessment"],
            forwarded_to=data["forwarded_to"], follow_up_method=data["follow_up_method"], actor=request.user,
            expected_version=data["version"]))


@login_required
@require_POST
def repeat_link(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.INCIDENT_NOTIFICATION, form_class=RepeatForm,
        title=_("Gjentatt varsel om samme hendelse"),
        perform=lambda case, data: services.notification_repeat_link(
            case_id=case.pk, on=data["on"], actor=request.user, expected_version=data["version"],
            first=selectors.notification_by_number(office_id=case.office_id, number=data["first"])))


@login_required
@require_POST
def follow_up_complete(request, case_id: int):
    return case_action(
        request, case_id=case_id, kind=Kind.INCIDENT_NOTIFICATION, form_class=FollowUpCompleteForm,
        title=_("Fullfør oppfølgingen"),
        perform=lambda case, data: services.notification_follow_up_complete(
            case_id=case.pk, on=data["on"], reason=data["reason"], actor=request.user,
            expected_version=data["version"]))
