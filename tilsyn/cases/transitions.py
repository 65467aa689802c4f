"""Case state changes, guarded in one place.

Every change goes through `case_transition`: it locks the case row, checks that the change is allowed from the
state the case is in *now*, checks that nobody saved the case since the user loaded it (`expected_version`),
applies the change, bumps the version and writes the timeline event, all in one transaction. A second person
saving an outdated copy is told so (`StaleCase`), and nothing is silently overwritten.
"""
import datetime

from django.db import transaction

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
        raise StaleCase("Saken er endret av en annen siden du åpnet den. Last siden på nytt og prøv igjen.")
    return case


def case_save(case: Case, *, fields: list[str]) -> None:
    """Save named fields as a new version; the case no longer equals what an import last brought."""
    case.version += 1
    case.exchange_hash = ""
    case.save(update_fields=[*fields, "version", "exchange_hash", "updated_at"])


@transaction.atomic
def case_transition(*, case_id: int, to: str, actor, on: datetime.date, expected_version: int | None = None,
                    reason: str = "") -> Case:
    case = case_lock(case_id=case_id, expected_version=expected_version)
    if to not in ALLOWED[case.status]:
        raise TransitionError(
            f"En sak med status «{Status(case.status).label}» kan ikke få status «{Status(to).label}»."
        )
    if to == Status.CLOSED and on < case.received:
        raise TransitionError("Saken kan ikke avsluttes før den ble mottatt.")
    old = case.status
    case.status = to
    case.closed = on if to == Status.CLOSED else None
    case_save(case, fields=["status", "closed"])
    CaseEvent.objects.create(case=case, actor=actor, type=CaseEvent.Type.STATUS_CHANGED, field="status",
                             old_value=old, new_value=to, reason=reason)
    return case
