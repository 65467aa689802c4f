"""Writes on cases that the web forms, the API and the import share."""
from django.db.models import Max

from tilsyn.cases.models import Case


def case_number_next(*, office, year: int) -> int:
    """The next sequence number (Noark 5 sakssekvensnummer) for a case at `office` in `year`.

    Numbers only go up: one above the highest in use, so that a number is never given twice even after gaps.
    Call it inside the transaction that saves the case; the unique constraint on (office, year, sequence)
    catches a concurrent writer.
    """
    highest = Case.objects.filter(office=office, case_year=year).aggregate(highest=Max("case_sequence"))
    return (highest["highest"] or 0) + 1


def case_numbers_highest() -> dict[tuple[int, int], int]:
    """The highest sequence number in use per (office id, year): `case_number_next` for many cases at once."""
    rows = Case.objects.values_list("office_id", "case_year").annotate(highest=Max("case_sequence"))
    return {(office_id, year): highest for office_id, year, highest in rows}


class CaseNumberCounter:
    """Hands out case numbers for many new cases in one transaction, e.g. an import, without a query each."""

    def __init__(self, highest: dict[tuple[int, int], int]):
        self.highest = dict(highest)

    def next(self, *, office_id: int, year: int) -> int:
        number = self.highest.get((office_id, year), 0) + 1
        self.highest[(office_id, year)] = number
        return number
