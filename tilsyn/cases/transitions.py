"""Case state changes, guarded in one place.

Every change of a case goes through here: `case_lock` locks the case row and checks that nobody saved the case
since the user loaded it (`expected_version`); `status_change` checks that the move is allowed from the state the
case is in *now*; `case_save` bumps the version and records the change in the audit log; `event_log` writes the
timeline. Services call them inside one transaction (`case_transition` is the whole of it for a bare status
change). A second person saving an outdated copy is told so (`StaleCase`), and nothing is silently overwritten.
"""
import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tilsyn.audit.services import Action, audit_record
from tilsyn.cases.models import Case, CaseEvent, Status

ALLOWED = {
    Status.OPEN: {Status.AWAITING_DOCUMENTATION, Status.CLOSED},
    Status.AWAITING_DOCUMENTATION: {Status.OPEN, Status.CLOSED},
    Status.CLOSED: {Status.OPEN},
}


class TransitionError(Exception):
    """A change the case's current state does not allow; the message is for the user."""


class StaleCase(TransitionError):
    """Someone else saved the case after this user loaded it."""


def case_lock(*, case_id: int, expected_version: int | None) -> Case:
    """The case, locked for this transaction; raises StaleCase if it changed since `expected_version`."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if expected_version is not None and case.version != expected_version:
        raise StaleCase(_("Saken er endret av en annen siden du åpnet den. Last siden på nytt og prøv igjen."))
    return case


def case_save(case: Case, *, fields: list[str]) -> None:
    """Save named fields as a new version; the case no longer equals what an import last brought.

    The audit log records the change here, in the change's own transaction: a change refused (stale version,
    a state that does not allow it, input a kind's rules reject) rolls back and leaves no «changed» entry, and
    pages, API and commands are recorded alike. Who: the request's user (`audit_origin`; every caller passes it
    as the actor), outside a request the login name. Save a case once per change: each save is an entry."""
    case.version += 1
    case.exchange_hash = ""
    case.save(update_fields=[*fields, "version", "exchange_hash", "updated_at"])
    audit_record(action=Action.CHANGE, case=case)


def event_log(case: Case, *, actor, type: str, field: str = "", subject: str = "", old="", new="",
              reason: str = "") -> CaseEvent:
    """One line of the case's timeline. Dates are written ISO (YYYY-MM-DD), people by name, None as ""."""
    def text(value) -> str:
        return "" if value is None else value.isoformat() if isinstance(value, datetime.date) else str(value)

    return CaseEvent.objects.create(case=case, actor=actor, type=type, field=field, subject=subject[:300],
                                    old_value=text(old)[:300],
                                    new_value=text(new)[:300], reason=reason)


def case_must_be_open(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise TransitionError(_("Saken er avsluttet. Gjenåpne den først."))


def closing_problems(case: Case) -> list[str]:
    """Why `case` cannot be closed yet: assessments without an outcome, and what the kind's details add.

    A kind's detail model may define `closing_problems()` returning its own reasons (messages for the user)."""
    from tilsyn.cases.kinds import case_details

    problems = []
    undecided = case.assessments.filter(outcome="").count()
    if undecided:
        problems.append(_("%(n)s vurdering(er) mangler utfall.") % {"n": undecided})
    details = case_details(case)
    if details is not None and hasattr(details, "closing_problems"):
        problems += details.closing_problems()
    return problems


def status_change(case: Case, *, to: str, actor, on: datetime.date, reason: str = "") -> None:
    """Move the locked `case` to status `to` if its state allows it, and log it; the caller saves the case."""
    if to not in ALLOWED[case.status]:
        raise TransitionError(
            _("En sak med status «%(old)s» kan ikke få status «%(new)s».")
            % {"old": Status(case.status).label, "new": Status(to).label}
        )
    if to == Status.CLOSED:
        if on < case.received:
            raise TransitionError(_("Saken kan ikke avsluttes før den ble mottatt."))
        problems = closing_problems(case)
        if problems:
            raise TransitionError(" ".join([_("Saken kan ikke avsluttes ennå:"), *problems]))
    old, old_closed = case.status, case.closed
    case.status = to
    case.closed = on if to == Status.CLOSED else None
    event_log(case, actor=actor, type=CaseEvent.Type.STATUS_CHANGED, field="status", old=old, new=to,
              reason=reason)
    if case.closed != old_closed:
        event_log(case, actor=actor, type=CaseEvent.Type.DATE_CHANGED, field="closed", old=old_closed,
                  new=case.closed)


@transaction.atomic
def case_transition(*, case_id: int, to: str, actor, on: datetime.date, expected_version: int | None = None,
                    reason: str = "") -> Case:
    case = case_lock(case_id=case_id, expected_version=expected_version)
    status_change(case, to=to, actor=actor, on=on, reason=reason)
    case_save(case, fields=["status", "closed"])
    return case
