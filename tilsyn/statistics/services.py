"""Writes of the statistics: freezing a published edition."""
import datetime

from django.db import transaction

from tilsyn.statistics.models import Edition
from tilsyn.statistics.selectors import tables_compute


@transaction.atomic
def edition_freeze(*, year: int, name: str, as_of: datetime.date | None = None) -> Edition:
    """Compute every table of `year` for the whole country (as of a date, if given) and keep them as published."""
    tables = tables_compute(year=year, as_of=as_of)
    return Edition.objects.create(year=year, name=name, as_of=as_of, tables=tables)
