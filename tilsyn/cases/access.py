"""Who may see which cases: the need-to-know rule, decided here and only here.

* A caseworker or manager at an office sees that office's cases, and the cases explicitly shared with it:
  a notification Helsetilsynet forwarded to a county governor is visible to that county governor.
* At Helsetilsynet the same rule gives the cases handled there, which include everything sent to it.
* Analysts and administrators read no cases: analysts work on aggregates (and later pseudonymised data),
  administrators manage users and reference data.
Pages, the API, exports and drill-downs all ask `visible_cases` / `can_see_case`.
"""
from django.db.models import Q, QuerySet

from tilsyn.accounts.models import Role
from tilsyn.cases.models import Case

CASE_READING_ROLES = {Role.CASEWORKER, Role.MANAGER, Role.NATIONAL}


def reads_cases(user) -> bool:
    return user.is_authenticated and user.role in CASE_READING_ROLES and user.office_id is not None


def visible_cases(user) -> QuerySet[Case]:
    if not reads_cases(user):
        return Case.objects.none()
    return Case.objects.filter(Q(office_id=user.office_id) | Q(notification__forwarded_to_id=user.office_id))


def can_see_case(user, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()
