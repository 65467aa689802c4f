"""The supervision panel of the case page: the case's supervision facts and, for those who handle the case,
the forms of the next steps."""
from django import template

from tilsyn.cases.access import can_change_case, can_see_case
from tilsyn.cases.models import Status
from tilsyn.supervision import selectors
from tilsyn.supervision.forms import CloseForm, ForwardForm, InvolvementForm, MethodForm, SupervisedObjectAddForm
from tilsyn.supervision.models import HandlingMethod

register = template.Library()


@register.inclusion_tag("supervision/panel.html", takes_context=True)
def supervision_panel(context, case):
    user = context["request"].user
    details = selectors.supervision_panel(case=case)
    version = {"version": case.version}
    changeable = details is not None and case.status != Status.CLOSED and can_change_case(user, case)
    at_county_governor = not case.office.is_national
    panel = {"case": case, "details": details, "changeable": changeable, "csrf_token": context.get("csrf_token"),
             "at_county_governor": at_county_governor,
             "origin_visible": case.origin_id is not None and can_see_case(user, case.origin),
             "investigated": details is not None and details.handling_method == HandlingMethod.INVESTIGATION}
    if changeable:
        panel["object_form"] = SupervisedObjectAddForm(initial=version)
        if at_county_governor:
            panel["method_form"] = MethodForm(initial={**version, "method": details.handling_method})
            panel["involvement_form"] = InvolvementForm(initial={
                **version, "involvement": details.user_involvement, "on": details.user_involvement_date})
            panel["close_form"] = CloseForm(initial=version)
            if not panel["investigated"]:
                del panel["close_form"].fields["result"]
            panel["forward_form"] = ForwardForm(initial=version)
            panel["forwarding_problems"] = selectors.supervision_forwarding_problems(case=case, details=details)
    return panel
