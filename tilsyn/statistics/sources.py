"""Where the published figures come from: the sets of rows the tables count, and the date that puts a row in a
year. Each source is made once (the functions are cached), so that cells over the same source share a query.
"""
from functools import cache

from django.db.models import CharField, Exists, F, OuterRef, Q, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce

from tilsyn.statistics.engine import Source

COUNTY_GOVERNOR, NATIONAL = "county_governor", "national"


def has_object(case_ref: str, origin: str | None = None):
    """Facet «object_type» over a case's parties: a case is in it when one of its parties is such an object (or,
    with `origin`, one of the parties of the case it came from: a child's complaint names the institution in
    the coercion protocol behind it)."""

    def facet(codes):
        from tilsyn.cases.models import Party

        found = Q(Exists(Party.objects.filter(case=OuterRef(case_ref), object_type__code__in=codes)))
        if origin:
            found |= Q(Exists(Party.objects.filter(case=OuterRef(origin), object_type__code__in=codes)))
        return found

    return facet


def started_from(prefix: str = ""):
    """Where a case at Helsetilsynet started: the referring county governor's code, HTIL or FOREIGN."""
    started = f"{prefix}supervision__started_at"
    return lambda: CaseWhen(
        When(**{started: "county_governor"},
             then=Coalesce(F(f"{prefix}supervision__referred_by__code"), F(f"{prefix}origin__office__code"))),
        When(**{started: "helsetilsynet"}, then=Value("HTIL")),
        When(**{started: "foreign_authority"}, then=Value("FOREIGN")),
        output_field=CharField(),
    )


def _offices(at: str | None) -> Q:
    return Q(office__kind=at) if at else Q()


# ---------------------------------------------------------------------------------------------- cases


@cache
def supervision_cases(sector: str | None, at: str | None = COUNTY_GOVERNOR, date: str = "closed") -> Source:
    where = Q(kind="supervision_case") & _offices(at) & (Q(sector=sector) if sector else Q())
    return Source("cases.Case", where, date=date, description=f"tilsynssaker {sector or ''} {at or ''}",
                  paths={"handling_method": "supervision__handling_method", "object_type": has_object("pk"),
                         "started": "started_from", "result": "supervision__result",
                         "non_reaction": "supervision__non_reaction_outcome__code"},
                  annotations={"started_from": started_from()})


@cache
def complaints(types: tuple, date: str = "closed", substantive: bool = True) -> Source:
    """Rights complaints of the given types; `substantive`: only those treated on their merits (not rejected)."""
    where = Q(kind="rights_complaint", complaint__complaint_type__in=types)
    if substantive:
        where &= Q(complaint__rejected=False)
    return Source("cases.Case", where, date=date, description=f"rettighetsklager {'/'.join(types)}",
                  paths={"object_type": has_object("pk", origin="origin")})


@cache
def coercion_cases(kind: str, date: str = "closed") -> Source:
    return Source("cases.Case", Q(kind=kind), date=date, description=f"{kind} ({date})")


@cache
def ch9_in_force() -> Source:
    """Approved hol. kap. 9 vedtak in force on the last day of the year (or of the as-of date)."""

    def period(start, end):
        return (Q(closed__lte=end, ch9_vedtak__approved=True)
                & (Q(ch9_vedtak__valid_from__lte=end) | Q(ch9_vedtak__valid_from__isnull=True))
                & (Q(ch9_vedtak__valid_to__gte=end) | Q(ch9_vedtak__valid_to__isnull=True)))

    return Source("cases.Case", Q(kind="coercion_ch9_vedtak"), period=period,
                  description="godkjente vedtak (hol. kap. 9) gjeldende ved årets slutt")


@cache
def ch9_dispensations_granted() -> Source:
    """Granted dispensations, in the year their vedtak was approved (the two are decided together)."""
    return Source("cases.Case", Q(kind="coercion_ch9_dispensation", ch9_dispensation__persons_granted__gt=0,
                                  origin__ch9_vedtak__approved=True),
                  date="origin__closed", description="innvilgede dispensasjoner")


@cache
def notifications(incidents_only: bool = False) -> Source:
    """Notifications of serious incidents by the day they came in; `incidents_only`: repeated notifications of
    one incident left out (they point at the first)."""
    where = Q(kind="incident_notification")
    if incidents_only:
        where &= Q(notification__duplicate_of__isnull=True)
    return Source("cases.Case", where, date="received", description="varsler",
                  paths={"service_type": "notification__service_type__code", "routing": "notification__routing",
                         "notifier_type": "notification__notifier_type__code"})


@cache
def incident_routing() -> Source:
    """Incidents by how they were followed up, in the year they came in — except Helsetilsynet's own follow-up,
    which counts in the year it was completed (footnote to vedlegg 46: «registrert det året tilsynet er
    gjennomført»). Not yet routed: «Saker under arbeid»."""

    def year_date():
        return CaseWhen(When(notification__routing="own_follow_up", then=F("closed")), default=F("received"))

    return Source("cases.Case", Q(kind="incident_notification", notification__duplicate_of__isnull=True),
                  date="counted_on", annotations={"counted_on": year_date},
                  paths={"routing": "notification__routing"}, description="hendelser etter oppfølging")


@cache
def own_follow_up(open_at_end: bool = False) -> Source:
    """Incidents Helsetilsynet followed up itself: closed in the year, or (open_at_end) still open at its end."""
    where = Q(kind="incident_notification", notification__routing="own_follow_up")
    if not open_at_end:
        return Source("cases.Case", where, date="closed", description="varsler med egen oppfølging")
    # The clock of Helsetilsynet's own follow-up starts when the notification was routed to it.
    return open_cases(where, start="notification__routing_date",
                      description="restanser, varsler med egen oppfølging")


def open_on(start: str = "received"):
    """The rule of every backlog («restanser»: tables, steering panel, drill-downs): a case is open at the end of
    a day when it started (was received) on or before the day and was not closed by then."""

    def is_open(day) -> Q:
        return Q(**{f"{start}__lte": day}) & (Q(closed__isnull=True) | Q(closed__gt=day))

    return is_open


def open_cases(where: Q, *, start: str = "received", description: str = "") -> Source:
    """Cases open at the end of the year's last counted day (`open_on`). With an as-of date that day is the
    as-of date, so the same source gives the backlog on any date."""
    is_open = open_on(start)
    return Source("cases.Case", where, period=lambda first, last: is_open(last),
                  description=description or "restanser")


def open_cases_on_days(where: Q, *, start: str = "received", description: str = "") -> Source:
    """The same cases for backlogs on several days at once: facet «open_on» (a day) narrows them to those open at
    its end (`open_on`), so that one query gives a column per day; the year only bounds when they started."""
    is_open = open_on(start)
    return Source("cases.Case", where, period=lambda first, last: Q(**{f"{start}__lte": last}),
                  paths={"open_on": lambda days: is_open(days[0])}, description=description or "restanser")


@cache
def inspections(sector: str | None = None, at: str | None = COUNTY_GOVERNOR, date: str = "inspection__performed"
                ) -> Source:
    """Planned inspections in the year they were performed; with date="statutory_year", statutory inspections
    not performed count in the year they were planned for (received)."""
    where = Q(kind="planned_inspection") & _offices(at) & (Q(sector=sector) if sector else Q())
    return Source("cases.Case", where, date=date, description=f"planlagte tilsyn {sector}",
                  annotations={"statutory_year": lambda: Coalesce(F("inspection__performed"), F("received"))},
                  paths={"object_type": has_object("pk"), "method": "inspection__method__code",
                         "service_level": "inspection__service_level__code",
                         "regulation_area": "inspection__regulation_area"})


@cache
def protocols() -> Source:
    return Source("cases.Case", Q(kind="cw_coercion_protocol"), date="received", description="tvangsprotokoller",
                  paths={"provision": "cw_protocol__provision__code"})


@cache
def access_requests() -> Source:
    return Source("cases.Case", Q(kind="access_request", office__code="HTIL"), description="innsynsbegjæringer")


# ---------------------------------------------------------------------------------------------- parts of cases


@cache
def supervision_assessments(sector: str, at: str = COUNTY_GOVERNOR) -> Source:
    return Source("cases.Assessment", Q(case__kind="supervision_case", case__sector=sector, case__office__kind=at),
                  case="case__", date="case__closed", description=f"vurderinger i tilsynssaker {sector}",
                  paths={"provision": "provision__code", "object_type": has_object("case")})


@cache
def complaint_assessments(types: tuple) -> Source:
    return Source("cases.Assessment", Q(case__kind="rights_complaint", case__complaint__complaint_type__in=types,
                                        case__complaint__rejected=False),
                  case="case__", date="case__closed", description=f"vurderinger i klager {'/'.join(types)}",
                  paths={"provision": "provision__code"})


@cache
def reactions() -> Source:
    return Source("supervision.Reaction", case="case__", date="decided", description="reaksjoner",
                  paths={"reaction_type": "type__code", "profession": "party__profession__code",
                         "started": "started_from"},
                  annotations={"started_from": started_from("case__")})


@cache
def revocation_reasons() -> Source:
    return Source("supervision.Reaction_revocation_reasons", Q(reaction__type__code="revocation"),
                  case="reaction__case__", date="reaction__decided", description="årsaker til tilbakekall",
                  paths={"reason": "term__code", "profession": "reaction__party__profession__code"})


@cache
def themes() -> Source:
    return Source("supervision.SupervisionCase_themes",
                  Q(supervisioncase__case__sector="child_welfare",
                    supervisioncase__case__office__kind=COUNTY_GOVERNOR),
                  case="supervisioncase__case__", date="supervisioncase__case__closed",
                  description="tema i tilsynssaker (barnevern)",
                  paths={"theme": "term__code", "object_type": has_object("supervisioncase")})


@cache
def ch9_measures() -> Source:
    return Source("coercion.Ch9Vedtak_measures", Q(ch9vedtak__approved=True), case="ch9vedtak__case__",
                  date="ch9vedtak__case__closed", description="tiltak i godkjente vedtak (hol. kap. 9)",
                  paths={"measure": "term__code"})


@cache
def ch4a_measures() -> Source:
    return Source("coercion.Ch4AVedtak_measures",
                  Q(ch4avedtak__outcome__in=["taken_into_account", "quashed", "changed"]),
                  case="ch4avedtak__case__", date="ch4avedtak__case__closed",
                  description="tiltak i gjennomgåtte vedtak (pbrl. kap. 4A)", paths={"measure": "term__code"})


# ---------------------------------------------------------------------------------------------- reference data


@cache
def point_targets(sector: str) -> Source:
    return Source("reference.ActivityPointTarget", Q(sector=sector), case=None, year_field="year",
                  paths={"office": "office__code"}, description=f"poengmål {sector}")


@cache
def national_point_target(series: str) -> Source:
    """The national points target of the year (Tabell 3), for shares where the offices' targets are unpublished."""
    return Source("reference.Target", Q(details__series=series), case=None, year_field="year",
                  description=f"nasjonalt poengmål {series}")
