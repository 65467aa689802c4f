"""Reads about rights complaints."""
import datetime

from django.db.models import Q, QuerySet

from tilsyn.cases.models import Case, Kind, PartyRole

DUPLICATE_WINDOW_DAYS = 90
PERSON_ROLES = (PartyRole.COMPLAINANT, PartyRole.PATIENT)


def complaint_duplicates(*, office_id: int, national_ids: list[str], service_name: str, service_org_number: str,
                         received: datetime.date, exclude_case_id: int | None = None) -> QuerySet[Case]:
    """Complaints at the office that are likely the same one again: the same person (complainant or patient) about
    the same service (organisation number, else name), received within 90 days either side. Shown, not refused."""
    national_ids = [number for number in national_ids if number]
    if not national_ids or not (service_name or service_org_number):
        return Case.objects.none()
    window = datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    same_service = (Q(parties__org_number=service_org_number) if service_org_number
                    else Q(parties__name__iexact=service_name.strip()))
    cases = Case.objects.filter(
        kind=Kind.RIGHTS_COMPLAINT, office_id=office_id, received__range=(received - window, received + window),
        pk__in=Case.objects.filter(parties__role__in=PERSON_ROLES, parties__national_id__in=national_ids)
        .values("pk"),
    ).filter(pk__in=Case.objects.filter(same_service, parties__role=PartyRole.SERVICE).values("pk"))
    if exclude_case_id is not None:
        cases = cases.exclude(pk=exclude_case_id)
    return cases.order_by("-received")


def complaint_duplicates_of(case: Case) -> QuerySet[Case]:
    """`complaint_duplicates` for a registered complaint, from its own parties."""
    parties = list(case.parties.all())
    service = next((party for party in parties if party.role == PartyRole.SERVICE), None)
    return complaint_duplicates(
        office_id=case.office_id, national_ids=[p.national_id for p in parties if p.role in PERSON_ROLES],
        service_name=service.name if service else "", service_org_number=service.org_number if service else "",
        received=case.received, exclude_case_id=case.pk)
