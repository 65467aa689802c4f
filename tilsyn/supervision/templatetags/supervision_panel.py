"""The supervision panel of the case page: the case's supervision facts and, for those who handle the case,
the forms of the next steps (as the user left them, when the case page comes back with a refusal)."""
from django import template

from tilsyn.cases.access import can_see_case
from tilsyn.supervision import selectors
from tilsyn.supervision.forms import ForwardForm, InvolvementForm, MethodForm, ResultCloseForm, SupervisedObjectAddForm
from tilsyn.supervision.models import HandlingMethod

register = template.Library()

FORMS = {"supervision_method": MethodForm, "supervision_involvement": InvolvementForm,
         "supervision_object": SupervisedObjectAddForm, "supervision_close": ResultCloseForm,
         "supervision_forward": ForwardForm}


@register.inclusion_tag("supervision/panel.html", takes_context=True)
def supervision_panel(context, case):
    user = context["request"].user
    details = selectors.supervision_panel(case=case)
    changeable = details is not None and case.is_open and context.get("changeable", False)
    at_county_governor = not case.office.is_national
    investigated = details is not None and details.handling_method == HandlingMethod.INVESTIGATION
    panel = {"case": case, "details": details, "changeable": changeable, "csrf_token": context.get("csrf_token"),
             "at_county_governor": at_county_governor, "investigated": investigated,
             "origin_visible": case.origin_id is not None and can_see_case(user, case.origin_id)}
    if changeable:
        bound = context.get("actions", {})
        forms = {name: bound.get(name) or form_class(case=case) for name, form_class in FORMS.items()}
        panel["forms"] = forms
        if at_county_governor and investigated:
            panel["forwarding_problems"] = selectors.supervision_forwarding_problems(case=case, details=details)
    return panel
