"""The notification panel of the case page: who notified, the routing and Helsetilsynet's assessment, and for
Helsetilsynet's caseworkers the triage forms (as the user left them, when the page comes back with a refusal)."""
from django import template

from tilsyn.cases.access import can_see_case
from tilsyn.notifications import selectors
from tilsyn.notifications.forms import FollowUpCompleteForm, RepeatForm, RouteForm
from tilsyn.notifications.models import IncidentNotification, Routing

register = template.Library()


@register.inclusion_tag("notifications/panel.html", takes_context=True)
def notification_panel(context, case):
    user = context["request"].user
    details = (IncidentNotification.objects.select_related("notifier_type", "service_type", "forwarded_to",
                                                           "duplicate_of__case")
               .filter(case=case).first())
    changeable = details is not None and case.is_open and context.get("changeable", False)
    forwarded = selectors.notification_forwarded_case(case=case) if details and details.forwarded_to_id else None
    panel = {"case": case, "details": details, "changeable": changeable, "csrf_token": context.get("csrf_token"),
             "forwarded": forwarded, "forwarded_visible": forwarded is not None and can_see_case(user, forwarded),
             "repeats": details.repeats.select_related("case") if details else []}
    if changeable:
        bound = context.get("actions", {})
        if details.routing == Routing.OWN_FOLLOW_UP:
            panel["complete_form"] = bound.get("notification_complete") or FollowUpCompleteForm(case=case)
        elif not details.routing:
            panel["route_form"] = bound.get("notification_route") or RouteForm(case=case)
            panel["repeat_form"] = bound.get("notification_repeat") or RepeatForm(case=case)
            panel["likely_repeats"] = selectors.notification_likely_repeats(case=case)
    return panel
