"""Backlogs («restanser»): the open cases of each series the annual report states a backlog for, declared once.

A series is a set of cases and the day its clock starts. Its backlog on a day is `sources.open_cases` (started on
or before the day, not closed by its end); its inflow the cases started in a period, its closures those closed
in it, so that the backlog at the end of a period is the backlog at its start plus inflow less closures. The
report's «ved inngangen av 2024» is the backlog on 31 December 2023, «ved utgangen av 2024» that on 31 December
2024. The statistics engine computes all three for any date, office and year; the steering panel shows them.
"""
import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tilsyn.statistics import sources as s
from tilsyn.statistics.axes import offices
from tilsyn.statistics.engine import Col, Count_, Row, Source, Table

# Age of an open case on the day, in days since its clock started: upper bounds of the bands (None: no bound).
AGE_BANDS = ((_("Under 1 md."), 30), (_("1–3 md."), 91), (_("3–6 md."), 182), (_("6–12 md."), 365),
             (_("Over 12 md."), None))


def days_before(day: datetime.date, days: int) -> datetime.date:
    """`day` less `days` days, or the earliest date there is: no case was received before it anyway."""
    try:
        return day - datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.min


class Backlog:
    def __init__(self, code: str, label, where: Q, *, start: str = "received", national: bool = False,
                 open_source: Source | None = None):
        self.code, self.label, self.where, self.start, self.national = code, label, where, start, national
        self.open = Count_(open_source or s.open_cases(where, start=start, description=f"restanser {code}"))
        self.open_on_days = Count_(s.open_cases_on_days(where, start=start, description=f"restanser {code}"))
        self.inflow = Count_(Source("cases.Case", where, date=start, description=f"nye saker {code}"))
        self.closures = Count_(Source("cases.Case", where, date="closed", description=f"avsluttet {code}"))

    def aged(self, day: datetime.date, band: int) -> Count_:
        """The cases open on `day` whose age falls in AGE_BANDS[band]."""
        older_than = 0 if band == 0 else AGE_BANDS[band - 1][1]
        at_most = AGE_BANDS[band][1]
        where = Q(**{f"{self.start}__lte": days_before(day, older_than)})
        if at_most is not None:
            where &= Q(**{f"{self.start}__gt": days_before(day, at_most)})
        return self.open.narrowed(where)

    def on_days(self, days: list[datetime.date]) -> Table:
        """The backlog at the end of each day (a column each, labelled with its ISO date): per office and in all,
        or Helsetilsynet's one row. Compute it with a context whose year and as-of date reach the last day."""
        columns = tuple(Col(day.isoformat(), self.open_on_days, where={"open_on": (day,)}) for day in days)
        rows = (Row("Alle"),) if self.national else (offices("Alle"),)
        return Table(f"restanser-{self.code}", "", columns, rows)


COUNTY_GOVERNORS = Q(office__kind=s.COUNTY_GOVERNOR)

BACKLOGS = [
    Backlog("sf-health-supervision", _("Tilsynssaker, helse- og omsorgstjenester"),
            Q(kind="supervision_case", sector="health") & COUNTY_GOVERNORS),
    Backlog("sf-health-complaint", _("Rettighetsklager, helse- og omsorgstjenester"),
            Q(kind="rights_complaint", complaint__complaint_type="health") & COUNTY_GOVERNORS),
    Backlog("sf-social-complaint", _("Klager etter sosialtjenesteloven"),
            Q(kind="rights_complaint", complaint__complaint_type="social") & COUNTY_GOVERNORS),
    Backlog("sf-coercion-ch9-review", _("Vedtak om tvang til overprøving (hol. kap. 9)"),
            Q(kind="coercion_ch9_vedtak") & COUNTY_GOVERNORS),
    Backlog("htil-supervision", _("Helsetilsynets tilsynssaker"),
            Q(kind="supervision_case", office__kind=s.NATIONAL), national=True),
    Backlog("htil-incident-follow-up", _("Varsler Helsetilsynet følger opp selv"),
            Q(kind="incident_notification", notification__routing="own_follow_up"),
            start="notification__routing_date", national=True, open_source=s.own_follow_up(open_at_end=True)),
]
BY_CODE = {backlog.code: backlog for backlog in BACKLOGS}
# Every case of an office, whatever its kind: the office view's oldest open cases and deadlines.
ALL_CASES = Backlog("all", _("Alle saker ved embetet"), Q())
