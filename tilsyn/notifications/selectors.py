"""Reads on notifications of serious incidents that the services, the case page and the API share."""
import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tilsyn.cases.models import Case, Kind, PartyRole

REPEAT_WINDOW = datetime.timedelta(days=90)


def notification_by_number(*, office_id: int, number: str) -> Case:
    """The notification with case number «2024/123» at the office; ValidationError when there is none."""
    year, _slash, sequence = number.strip().partition("/")
    case = Case.objects.filter(office_id=office_id, kind=Kind.INCIDENT_NOTIFICATION, case_year=int(year),
                               case_sequence=int(sequence)).first()
    if case is None:
        raise ValidationError({"first": [_("Fant ikke varsel nummer %(number)s.") % {"number": number.strip()}]})
    return case


def notification_likely_repeats(*, case: Case, limit: int = 5) -> list[Case]:
    """Earlier notifications that may be of the same incident: the same service (organisation number) or the
    same patient (fødselsnummer), received in the 90 days before. Shown to the user, never linked by itself."""
    parties = list(case.parties.filter(role__in=[PartyRole.SERVICE, PartyRole.NOTIFIER, PartyRole.PATIENT]))
    orgs = {p.org_number for p in parties if p.org_number and p.role != PartyRole.PATIENT}
    people = {p.national_id for p in parties if p.national_id and p.role == PartyRole.PATIENT}
    if not orgs and not people:
        return []
    same = Q(parties__org_number__in=orgs, parties__role__in=[PartyRole.SERVICE, PartyRole.NOTIFIER]) if orgs else Q()
    if people:
        same |= Q(parties__national_id__in=people, parties__role=PartyRole.PATIENT)
    return list(
        Case.objects.filter(same, office_id=case.office_id, kind=Kind.INCIDENT_NOTIFICATION,
                            notification__duplicate_of__isnull=True,
                            received__range=(case.received - REPEAT_WINDOW, case.received))
        .exclude(pk=case.pk).distinct().order_by("-received", "-pk")[:limit]
    )


def notification_forwarded_case(*, case: Case) -> Case | None:
    """The supervision case a forwarded notification became at the county governor."""
    return case.derived.filter(kind=Kind.SUPERVISION_CASE).select_related("office").first()
