"""Links into the audit log from other pages."""
from django import template

from tilsyn.cases.access import can_see_audit_trail

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_trail_shown(context, case) -> bool:
    """Whether the case page offers «who has seen this case» to the user (its office's manager)."""
    return can_see_audit_trail(context["request"].user, case)
