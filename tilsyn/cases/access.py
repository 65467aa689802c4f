"""Who may see which cases: the need-to-know rule, decided here and only here.

* A caseworker or manager at an office sees that office's cases, and the cases explicitly shared with it:
  a notification Helsetilsynet forwarded to a county governor is visible to that county governor.
* At Helsetilsynet the same rule gives the cases handled there, which include everything sent to it.
* Analysts read no case as it is: they get aggregates and the whole country's cases pseudonymised
  (`pseudonymised_cases`, then tilsyn/cases/pseudonymise.py: no names, no fødselsnummer, free text scrubbed).
* Administrators manage users and reference data and read no cases at all.
* The audit log: a manager sees who looked at a case of their office; the security officer exports the log
  (and reads no cases either).
* Changing a case (assigning, assessing, deciding, the clock) is for the caseworkers, managers and national
  users of the office that handles it; an office that only got a copy reads it.
Pages, the API, exports and drill-downs all ask `visible_cases` / `can_see_case`, and writes `can_change_case`.
"""
from django.db.models import Q, QuerySet

from tilsyn.accounts.models import Role, User
from tilsyn.cases.models import Case
from tilsyn.notifications.models import IncidentNotification

CASE_READING_ROLES = {Role.CASEWORKER, Role.MANAGER, Role.NATIONAL}


def reads_cases(user) -> bool:
    return user.is_authenticated and user.role in CASE_READING_ROLES and user.office_id is not None


def visible_cases(user) -> QuerySet[Case]:
    if not reads_cases(user):
        return Case.objects.none()
    # `office = X OR id IN (the notifications forwarded to X)`, not a join of the notifications: a query that
    # also asks for the office's own cases (the work queue) then takes them from an index, and the forwarded
    # notifications are looked up only for a case of another office.
    forwarded = IncidentNotification.objects.filter(forwarded_to_id=user.office_id).values("case_id")
    return Case.objects.filter(Q(office_id=user.office_id) | Q(pk__in=forwarded))


def can_see_case(user, case: Case | int) -> bool:
    """Whether `user` may see `case`, given as a Case or its id: ask about a related case by its id
    (`case.origin_id`), since on PostgreSQL row security hides the related row itself from the query."""
    return visible_cases(user).filter(pk=case if isinstance(case, int) else case.pk).exists()


PSEUDONYMISED_ROLES = {Role.ANALYST, Role.NATIONAL}


def reads_pseudonymised(user) -> bool:
    return user.is_authenticated and user.role in PSEUDONYMISED_ROLES


def pseudonymised_cases(user) -> QuerySet[Case]:
    """The cases whose pseudonymised form the user may have: the whole country for analysts and national
    users, none for anyone else. Never hand these rows on as they are: through pseudonymise.py only."""
    return Case.objects.all() if reads_pseudonymised(user) else Case.objects.none()


def can_handle_cases_at(user, *, office_id: int) -> bool:
    """Whether `user` works on the cases of the office: may change them and be given them."""
    return user.is_active and user.role in CASE_READING_ROLES and user.office_id == office_id


def can_change_case(user, case: Case) -> bool:
    return user.is_authenticated and can_handle_cases_at(user, office_id=case.office_id)


def case_handlers(*, office_id: int):
    """The users a case at the office can be given, by name."""
    return User.objects.filter(office_id=office_id, role__in=CASE_READING_ROLES, is_active=True).order_by(
        "first_name", "last_name", "username")


def can_see_audit_trail(user, case: Case) -> bool:
    """A manager sees who looked at a case their office can see; the security officer at any case."""
    if reads_audit_log(user):
        return True
    return user.is_authenticated and user.role == Role.MANAGER and can_see_case(user, case)


def reads_audit_log(user) -> bool:
    return user.is_authenticated and user.role == Role.SECURITY_OFFICER
