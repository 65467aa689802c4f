"""Notifications of serious incidents to Helsetilsynet (varsler), and their routing.

Per year (vedlegg 46): incidents received, by routing — closed after initial investigation, forwarded to the
county governor, not covered or withdrawn, still in progress — counted in the year received; incidents with
Helsetilsynet's own supervisory follow-up counted in the year the follow-up was completed (the table's
footnote: «Tilsyn er registrert det året tilsynet er gjennomført»). Follow-ups open at the end of each year
(vedlegg 47: 30, 37, 20, 16) and the median time of those completed (11.7, 12.6, 13.7 months) are met exactly;
the follow-ups received in a year are what the backlog then requires. Notifications received (tabell 1: 1 921,
2 225, 2 113) = incidents received + later notifications of the same incidents (`duplicate_of`, notified by
patients or next of kin). Vedlegg 45 counts the notifications from enterprises that were within the scheme,
by type of service: the incidents notified by enterprises and not routed «not covered» meet it exactly; the
rest are notified by patients and next of kin. A notification forwarded to a county governor is the origin of
a supervision case there (source «varsel fra Helsetilsynet»), received the day Helsetilsynet forwarded it.
"""
import random
from datetime import date, timedelta

from tilsyn.demodata import timeline
from tilsyn.demodata.allocation import largest_remainder
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, person_party
from tilsyn.demodata.run import Run

ROUTED = ["closed_after_initial", "forwarded_to_county_governor", "not_covered"]
ROUTING_DAYS = {"closed_after_initial": (14, 70), "forwarded_to_county_governor": (7, 45), "not_covered": (2, 30)}
SUMMARIES = {
    "mental_health_substance": ["Pasient døde i selvmord kort tid etter utskrivning fra akuttpost.",
                                "Alvorlig selvskading under innleggelse i psykisk helsevern.",
                                "Uventet dødsfall i rusbehandling.",
                                "Pasient forsvant fra skjermet enhet og ble funnet alvorlig skadet."],
    "somatic": ["Uventet dødsfall etter rutineoperasjon.", "Forsinket behandling av hjerneslag i akuttmottaket.",
                "Alvorlig komplikasjon etter fødsel.", "Feilmedisinering med alvorlig skade.",
                "Forsinket diagnostikk av sepsis.", "Pasient falt og fikk hodeskade under innleggelse."],
    "unclassifiable": ["Alvorlig hendelse i ambulansetjenesten.", "Uventet dødsfall på sykehjem.",
                       "Alvorlig hendelse ved legevakt."],
}
ASSESSMENTS = {
    "closed_after_initial": "Virksomheten har gjennomgått hendelsen og iverksatt tiltak; ingen videre oppfølging.",
    "forwarded_to_county_governor": "Oversendt statsforvalteren for vurdering av tilsynsmessig oppfølging.",
    "own_follow_up": "Helsetilsynet følger opp hendelsen tilsynsmessig.",
    "not_covered": "Hendelsen er ikke omfattet av varslingsplikten etter spesialisthelsetjenesteloven § 3-3a.",
}


def generate(run: Run, sf_health_items: list) -> None:
    rng = run.rng("notifications")
    cal = run.cal["notifications"]
    linkable = _linkable(sf_health_items)
    follow_ups = _follow_ups(run, rng)
    for year in run.years:
        y = run.published_year(year, cal["by_routing"])
        routing = run.nd(cal["by_routing"][y])
        services = run.nd(cal["by_service_type"][y])
        for case in follow_ups:  # follow-ups come from enterprises, within the scheme: part of vedlegg 45
            if case.received.year == year and services.get(case.block["service_type"], 0) > 0:
                services[case.block["service_type"]] -= 1
        incidents = []
        for r in ROUTED:
            incidents += [_incident(run, rng, year, r) for _ in range(routing[r])]
        incidents += [_in_progress(run, rng, year) for _ in range(routing["in_progress"] if year == run.last else 0)]
        _notifiers(rng, incidents, services)
        _link_forwarded(run, rng, year, [c for c in incidents if
                                         c.block.get("routing") == "forwarded_to_county_governor"], linkable)
        for case in incidents:
            _finish(run, rng, case)
    all_incidents = [c for c in run.cases if c.kind == "incident_notification"]
    for year in run.years:
        y = run.published_year(year, cal["by_routing"])
        distinct = sum(1 for c in all_incidents if c.received.year == year)
        duplicates = run.n(cal["received"][y]) - distinct
        _duplicates(run, rng, year, duplicates, [c for c in all_incidents if c.received.year == year])


def _incident(run: Run, rng: random.Random, year: int, routing: str) -> DemoCase:
    received = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    lo, hi = ROUTING_DAYS[routing]
    routed = received + timedelta(days=rng.randint(lo, hi))
    if routed > date(run.last, 12, 31):
        routed = date(run.last, 12, 31)
        received = min(received, routed)
    return DemoCase(external_id="", kind="incident_notification", office="HTIL", sector="health", title="",
                    received=received, closed=routed,
                    block={"routing": routing, "routing_date": routed, "initial_investigation_completed": routed})


def _in_progress(run: Run, rng: random.Random, year: int) -> DemoCase:
    received = date(year, 12, 31) - timedelta(days=rng.randint(0, 14))
    return DemoCase(external_id="", kind="incident_notification", office="HTIL", sector="health", title="",
                    received=received, closed=None, block={})


def _notifiers(rng: random.Random, incidents: list[DemoCase], services: dict[str, int]) -> None:
    """Enterprises notify the incidents of vedlegg 45 (within the scheme); patients and next of kin the rest."""
    within = [c for c in incidents if c.block.get("routing") != "not_covered"]
    outside = [c for c in incidents if c.block.get("routing") == "not_covered"]
    rng.shuffle(within)
    by_enterprise = sum(services.values())
    types = [t for t, n in services.items() for _ in range(n)]
    rng.shuffle(types)
    weights = list(services.values())
    for k, case in enumerate(within):
        if k < by_enterprise:
            case.block.update({"notifier_type": "enterprise", "service_type": types[k]})
        else:
            case.block.update({"notifier_type": rng.choice(["patient_user", "next_of_kin"]),
                               "service_type": rng.choices(list(services), weights)[0]})
    for case in outside:
        notifier = rng.choices(["enterprise", "patient_user", "next_of_kin"], [35, 35, 30])[0]
        case.block.update({"notifier_type": notifier, "service_type": rng.choices(list(services), weights)[0]})


def _linkable(items: list) -> dict[tuple[str, int], list]:
    by_key: dict[tuple[str, int], list] = {}
    for item in items:
        case = item.case
        if item.method in (2, 3, 4, 5, None) and not case.origin and case.received.timetuple().tm_yday > 20:
            by_key.setdefault((case.office, case.received.year), []).append(item)
    return by_key


def _link_forwarded(run: Run, rng: random.Random, year: int, forwarded: list[DemoCase], linkable: dict) -> None:
    offices = run.offices
    available = [len(linkable.get((o, year), [])) for o in offices]
    counts = largest_remainder(min(len(forwarded), sum(available)), available)
    rng.shuffle(forwarded)
    pending = iter(forwarded)
    for o, n in zip(offices, counts):
        pool = linkable.get((o, year), [])
        rng.shuffle(pool)
        for item in pool[:n]:
            case = next(pending)
            sf = item.case
            routed = sf.received
            received = max(date(year, 1, 1), routed - timedelta(days=rng.randint(7, 45)))
            case.received, case.closed = received, routed
            case.block.update({"routing_date": routed, "initial_investigation_completed": routed, "forwarded_to": o})
            case.external_id = run.new_id("HTIL", "VA", received)
            sf.origin = case.external_id
            sf.block["sources"] = ["htil_incident_notification"]
        linkable[(o, year)] = pool[n:]
    for case in pending:
        case.block["forwarded_to"] = rng.choice(offices)


def _finish(run: Run, rng: random.Random, case: DemoCase) -> None:
    pools = run.pools
    if not case.external_id:
        case.external_id = run.new_id("HTIL", "VA", case.received)
    office = case.block.get("forwarded_to") or rng.choice(run.offices)
    service_type = case.block["service_type"]
    if service_type == "somatic" or rng.random() < 0.5:
        service = pools.hospital(rng, office) if rng.random() < 0.85 else pools.municipal_health_service(rng, office)
    else:
        service = pools.hospital(rng, office)
    patient = pools.person(rng, office, age=(0, 95), on=case.received)
    notifier_type = case.block["notifier_type"]
    if notifier_type == "enterprise":
        notifier = enterprise_party("n1", "notifier", service)
    else:
        person = pools.person(rng, office, age=(18, 85), municipality=patient.municipality, on=case.received)
        notifier = person_party("n1", "notifier", person)
    case.parties = [notifier, person_party("p1", "patient", patient, address=False)]
    if notifier_type != "enterprise":
        case.parties.append(enterprise_party("t1", "service", service))
    case.municipality = service.municipality.number
    case.title = f"Varsel om alvorlig hendelse – {service.name}"
    case.summary = rng.choice(SUMMARIES[service_type])
    case.block["incident_date"] = case.received - timedelta(days=rng.randint(0, 4))
    routing = case.block.get("routing")
    if routing:
        case.block["assessment_summary"] = ASSESSMENTS[routing]
    if routing == "not_covered" and rng.random() < 0.03:
        case.block["assessment_summary"] = "Varselet ble trukket, eller varsleren kunne ikke kontaktes."
    entries = [Entry("I", "Varsel om alvorlig hendelse – {name}", case.received, notifier["name"], patient.name)]
    if case.closed:
        title = {"forwarded_to_county_governor": "Oversendelse til statsforvalteren – {name}",
                 "own_follow_up": "Tilsynsrapport – {name}"}.get(routing, "Avslutning av varselsak – {name}")
        entries.append(Entry("U", title, case.closed, service.name, patient.name))
    case.journal = entries
    run.add(case)


def _follow_ups(run: Run, rng: random.Random) -> list[DemoCase]:
    """Helsetilsynet's own follow-ups: the backlog at each year's end, the completed ones and their median."""
    cal = run.cal["notifications"]
    backlog = {int(y): run.n(v) for y, v in cal["follow_up_backlog"].items()}
    completed = {int(y): run.n(v["own_follow_up"]) for y, v in cal["by_routing"].items()}
    medians = {int(y): timeline.days_for_months(v) for y, v in cal["follow_up_median_months"].items()}

    def known(series: dict, y: int):
        return series[y] if y in series else series[min(series, key=lambda k: (abs(k - y), k))]

    start = run.first - 1
    pool = [date(start, 1, 1) + timedelta(days=rng.randint(0, 364)) for _ in range(known(backlog, start))]
    made = []
    for year in run.years:
        done, pool = _complete(rng, year, pool, known(completed, year), known(medians, year))
        for received, closed in done:
            made.append(_follow_up_case(run, rng, received, closed))
        new = known(backlog, year) - len(pool)
        # Follow-ups still open at the year's end were mostly decided late in the year.
        pool += sorted(date(year, 12, 31) - timedelta(days=min(364, int(rng.expovariate(1 / 75))))
                       for _ in range(max(0, new)))
    for received in pool:
        made.append(_follow_up_case(run, rng, received, None))
    return made


def _complete(rng: random.Random, year: int, pool: list[date], n: int, median: int):
    """Close n of the open follow-ups in `year` with exactly `median` days as median time."""
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    n = min(n, len(pool))
    best = None
    oldest_first = sorted(range(len(pool)), key=lambda i: pool[i])
    for attempt in range(400):
        if attempt < 20:  # first the oldest, give or take a few
            candidates = oldest_first[:n + attempt]
            chosen = sorted(rng.sample(candidates, n), key=lambda i: pool[i])
        else:
            chosen = sorted(rng.sample(range(len(pool)), n), key=lambda i: pool[i])
        windows = [((jan1 - pool[i]).days, (dec31 - pool[i]).days) for i in chosen]
        below = (n - 1) // 2 if n % 2 else n // 2 - 1
        middle = n - 2 * below
        order = sorted(range(n), key=lambda k: windows[k][0])
        mids = [k for k in order if windows[k][0] <= median <= windows[k][1]][:middle]
        rest = [k for k in order if k not in mids]
        lows = [k for k in rest if windows[k][0] <= median - 3][:below]
        highs = [k for k in rest if k not in lows and windows[k][1] >= median + 3]
        if len(mids) == middle and len(lows) == below and len(highs) == n - below - middle:
            days = {}
            for k in mids:
                days[k] = median
            for k in lows:
                days[k] = rng.randint(max(windows[k][0], 30), max(windows[k][0], min(windows[k][1], median - 3)))
            for k in highs:
                days[k] = rng.randint(max(windows[k][0], median + 3), windows[k][1])
            best = [(pool[chosen[k]], pool[chosen[k]] + timedelta(days=days[k])) for k in range(n)]
            break
    if best is None:  # no exact median possible: close the oldest
        chosen = sorted(range(len(pool)), key=lambda i: pool[i])[:n]
        best = [(pool[i], max(jan1, min(dec31, pool[i] + timedelta(days=median)))) for i in chosen]
    left = list(pool)
    for r, _ in best:
        left.remove(r)
    return best, left


def _follow_up_case(run: Run, rng: random.Random, received: date, closed: date | None) -> DemoCase:
    # Routed to follow-up in the year received: the backlog at that year's end (vedlegg 47) counts it.
    routed = min(received + timedelta(days=rng.randint(10, 40)), closed or date.max, date(received.year, 12, 31))
    service_type = rng.choices(["somatic", "mental_health_substance"], [55, 45])[0]
    case = DemoCase(
        external_id="", kind="incident_notification", office="HTIL", sector="health", title="", received=received,
        closed=closed, block={"routing": "own_follow_up", "routing_date": routed,
                              "initial_investigation_completed": routed, "notifier_type": "enterprise",
                              "service_type": service_type,
                              "follow_up_method": rng.choices(["on_site", "other"], [2, 1])[0]},
    )
    _finish(run, rng, case)
    return case


def _duplicates(run: Run, rng: random.Random, year: int, n: int, incidents: list[DemoCase]) -> None:
    """Later notifications of incidents already notified, by patients or next of kin."""
    candidates = [c for c in incidents if c.block.get("routing") not in (None, "own_follow_up") and c.closed]
    for first in rng.sample(candidates, min(n, len(candidates))):
        received = first.received + timedelta(days=rng.randint(1, 20))
        received = min(received, date(year, 12, 31))
        closed = max(received, first.closed) if first.closed <= date(run.last, 12, 31) else received
        office = run.pools.municipality_by_number[first.municipality].office if first.municipality else run.offices[0]
        person = run.pools.person(rng, office, age=(18, 85), on=received)
        block = dict(first.block)
        block.update({"notifier_type": rng.choice(["patient_user", "next_of_kin"]), "duplicate_of": first.external_id,
                      "routing_date": closed, "initial_investigation_completed": closed,
                      "assessment_summary": "Hendelsen er allerede varslet og følges opp i saken det vises til."})
        case = DemoCase(
            external_id=run.new_id("HTIL", "VA", received), kind="incident_notification", office="HTIL",
            sector="health", title=first.title, summary=first.summary, received=received, closed=closed,
            municipality=first.municipality,
            parties=[person_party("n1", "notifier", person)] + [p for p in first.parties if p["ref"] != "n1"],
            journal=[Entry("I", "Varsel om alvorlig hendelse – {name}", received, person.name, person.name),
                     Entry("U", "Svar på varsel – {name}", closed, person.name, person.name)],
            block=block,
        )
        run.add(case)
