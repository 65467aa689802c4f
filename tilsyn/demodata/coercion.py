"""Coercion: hol. kap. 9 (emergency decisions, vedtak, dispensations), pbrl. kap. 4A vedtak, bvl. kap. 10
protocols.

Kap. 9, 2024 per office: emergency decisions and the persons they concern (vedlegg 32); reviewed vedtak, the
share reviewed within 3 months (and 3 of 10 offices at 90 %, tabell 3), approved vedtak, persons with an
approved vedtak at 31.12 and on-site inspections (vedlegg 33); approved vedtak with a granted dispensation and
the mean personnel per vedtak, applied for and granted (vedlegg 34); measures in approved vedtak (vedlegg 36).
Backlog 463 → 476 and mean review time 2.4 months (text). Other years: the national series (vedlegg 35),
spread over offices like 2024. A person's vedtak approved in a year runs a year from the approval, so it is
valid on 31 December; persons with two approved vedtak that year count once (that is how 2 112 approved
vedtak become 2 005 persons). Vedlegg 37: the measures of a category are put together in as many approved
vedtak as the table prints for it. Three of its rows cannot come out: the reference data files each measure
under one category, none under the «b-tiltak» of mechanical restraints and of alarm systems (the report files
such a measure under b or c by the purpose it serves in the vedtak, which the data model does not record), and
the one vedtak with a training measure cannot be the table's 3.
Kap. 4A: vedtak received, taken into account, quashed, changed, not relevant, lasting over 3 months (tabell 12);
per office 2024 the reviews on arrival and follow-up reviews with the share quashed or changed, and complaints
(vedlegg 38); measures per year (vedlegg 39). Tabell 12 prints 36 complaints for 2024, vedlegg 38 and the text
34: we follow vedlegg 38. Follow-up reviews are those done in the vedtak's own year.
Kap. 10 protocols: per office 2024 (vedlegg 2), per year (vedlegg 10) with the unique children, per provision
2024 (vedlegg 12, a selection of provisions: the 943 protocols on provisions the table does not print name the
catalogue's entry for the rest, which no table prints). The institution a protocol comes from is a child welfare
institution; a child's complaint about it names it as the service complained of (vedlegg 13).
"""
import random
from datetime import date, timedelta

from tilsyn.demodata import reference, timeline
from tilsyn.demodata.allocation import (allocate_capped, assign_tags, counts_for_shares, largest_remainder,
                                        spread_total)
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, person_party
from tilsyn.demodata.people import Person
from tilsyn.demodata.run import Run

EMERGENCY_MEASURES = {"holding": 40, "takedown": 10, "guiding": 22, "seclusion": 8, "release_grip_bite": 8,
                      "lifting_carrying": 3, "close_following": 4, "other": 5}
CH9_THEME = "Tvang og makt overfor personer med utviklingshemming (hol. kap. 9)"
VEDTAK_MODEL = timeline.Model(median=55, sigma=0.6, low=3, high=330)
CH4A_MODEL = timeline.Model(median=18, sigma=0.8, low=1, high=200)


class PersonPool:
    """Persons under coercion measures, per office, shared by emergency decisions and vedtak."""

    def __init__(self, run: Run):
        self.run = run
        self.by_office: dict[str, list[Person]] = {}
        self.parties: dict[str, dict] = {}

    def get(self, office: str, n: int) -> list[Person]:
        pool = self.by_office.setdefault(office, [])
        rng = self.run.rng("coercion", "persons", office, len(pool))
        while len(pool) < n:
            pool.append(self.run.pools.person(rng, office, age=(16, 75)))
        return pool[:n]

    def party(self, person: Person) -> dict:
        found = self.parties.get(person.national_id)
        if found is None:
            found = person_party("p1", "person", person)
            self.parties[person.national_id] = found
        return found


def generate(run: Run) -> dict:
    """Make every coercion case; returns what complaints and inspections link to."""
    persons = PersonPool(run)
    services = {}
    emergency(run, persons, services)
    vedtak = ch9_vedtak(run, persons, services)
    ch4a = ch4a_vedtak(run)
    protocols = cw_protocols(run)
    return {"ch9_vedtak": vedtak, "ch4a": ch4a, "protocols": protocols}


def _service(run: Run, rng: random.Random, services: dict, person: Person) -> dict:
    key = person.municipality.number
    found = services.get(key)
    if found is None:
        m = person.municipality
        name = rng.choice(["tjenester for funksjonshemmede", "bo- og aktivitetstjenesten", "avlastningsboligen",
                           "bofellesskapet"])
        enterprise = run.pools.enterprise(("ch9", key), f"{m.name} kommune, {name}", m, "municipal")
        found = enterprise_party("t1", "service", enterprise)
        services[key] = found
    return found


# -- kap. 9 emergency decisions ------------------------------------------------------------------------------
def emergency(run: Run, persons: PersonPool, services: dict) -> None:
    cal = run.cal["coercion"]
    table = cal["emergency_2024_by_office"]
    for year in run.years:
        rng = run.rng("coercion", "emergency", year)
        if year == 2024:
            decisions = {o: run.n(table[o][0]) for o in run.offices}
            people = {o: run.n(table[o][1]) for o in run.offices}
        else:
            series = cal["series"][run.published_year(year, cal["series"])]
            decisions = dict(zip(run.offices, largest_remainder(run.n(series["emergency"]),
                                                                [table[o][0] for o in run.offices])))
            # An office has no more persons than decisions (Troms og Finnmark in 2015: 16 decisions).
            caps = [decisions[o] for o in run.offices]
            people = dict(zip(run.offices, allocate_capped(min(run.n(series["emergency_persons"]), sum(caps)),
                                                           [table[o][1] for o in run.offices], caps)))
        for o in run.offices:
            n_people = max(1, min(people[o], decisions[o])) if decisions[o] else 0
            pool = persons.get(o, max(n_people, 1))[:n_people]
            weights = [1 / (k + 1) ** 1.1 for k in range(n_people)]
            counts = [1 + c for c in largest_remainder(decisions[o] - n_people, weights)] if n_people else []
            for person, k in zip(pool, counts):
                for _ in range(k):
                    _emergency_case(run, rng, o, year, person, persons, services)


MEASURE_DRAW = [code for code, weight in EMERGENCY_MEASURES.items() for _ in range(weight)]
DAYS = [timedelta(days=d) for d in range(400)]


def _emergency_case(run: Run, rng: random.Random, office: str, year: int, person: Person, persons: PersonPool,
                    services: dict) -> None:
    # The hot path of the generator (37 000 a year): plain arithmetic on random() instead of randint.
    r = rng.random
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    decided = jan1 + DAYS[int(r() * 365)]
    received = min(decided + DAYS[int(r() * 11)], dec31)
    closed = min(received + DAYS[int(r() * 26)], dec31)
    measure = MEASURE_DRAW[int(r() * len(MEASURE_DRAW))]
    # Tens of thousands a year: the report itself is the case, with the person it concerns and nothing more.
    run.add(DemoCase(
        external_id=run.new_id(office, "NB", received), kind="coercion_ch9_emergency", office=office,
        sector="health", title=f"Beslutning i nødssituasjon – {person.name}",
        received=received, closed=closed, municipality=person.municipality.number,
        parties=[persons.party(person)], block={"decided": decided, "measure": measure},
    ))


# -- kap. 9 vedtak and dispensations -------------------------------------------------------------------------
def ch9_vedtak(run: Run, persons: PersonPool, services: dict) -> list[DemoCase]:
    cal = run.cal["coercion"]
    made = []
    plans = {y: _vedtak_plan(run, y) for y in run.years}
    backlog = _vedtak_backlog(run, plans)
    rng = run.rng("coercion", "vedtak")
    mean_days = {int(y): timeline.days_for_months(v) for y, v in cal["vedtak_mean_months"].items()}
    for year in run.years:
        plan = plans[year]
        within = _vedtak_within(run, plan) if year == 2024 else {}
        items_by_office = {}
        all_items = []
        for o in run.offices:
            items = timeline.durations(rng, plan[o]["reviewed"], VEDTAK_MODEL, within=within.get(o),
                                       limit=timeline.THREE_MONTHS if o in within else None)
            items_by_office[o] = items
            all_items += items
        if year in mean_days:
            timeline.adjust_mean(rng, all_items, mean_days[year])
        approved = []
        for o in run.offices:
            timings = timeline.place(rng, year, items_by_office[o], backlog[(o, year - 1)])
            cases = _vedtak_cases(run, rng, o, year, timings, plan[o], persons, services)
            approved += [c for c in cases if c.block["approved"]]
            made += cases
        _measures(run, rng, year, approved)
    for o in run.offices:
        people = persons.get(o, 20)
        for timing in timeline.open_at_end(rng, run.last, backlog[(o, run.last)], 40):
            made.append(_vedtak_case(run, rng, o, timing, None, rng.choice(people), persons, services))
    return made


def _vedtak_plan(run: Run, year: int) -> dict[str, dict]:
    cal = run.cal["coercion"]
    table = cal["vedtak_2024_by_office"]
    disp = cal["dispensation_2024_by_office"]
    columns = {c: i for i, c in enumerate(cal["vedtak_columns"])}
    offices = run.offices
    if year == 2024:
        def col(name):
            return run.ns([table[o][columns[name]] for o in offices])
        reviewed, approved, persons_end, on_site = col("reviewed"), col("approved"), col("persons_31_12"), \
            col("on_site")
        dispensations = run.ns([disp[o][1] for o in offices])
    else:
        series = cal["series"][run.published_year(year, cal["series"])]

        def spread(total, column):
            return largest_remainder(run.n(total), [table[o][columns[column]] for o in offices])
        approved = spread(series["approved"], "approved")
        not_approved = spread(series["not_approved"], "reviewed")
        reviewed = [a + n for a, n in zip(approved, not_approved)]
        persons_end = [min(a, p) for a, p in zip(approved, spread(series["persons_31_12"], "persons_31_12"))]
        on_site = [min(a, k) for a, k in zip(approved, spread(series["on_site"], "on_site"))]
        dispensations = [min(a, k) for a, k in zip(approved, largest_remainder(
            run.n(series["with_dispensation"]), [disp[o][1] for o in offices]))]
    return {o: {"reviewed": reviewed[i], "approved": approved[i], "persons_end": persons_end[i],
                "on_site": on_site[i], "dispensations": dispensations[i], "personnel_mean": disp[o][0],
                "applied_mean": disp[o][2], "granted_mean": disp[o][3], "within_share": table[o][1]}
            for i, o in enumerate(offices)}


def _vedtak_backlog(run: Run, plans: dict) -> dict[tuple[str, int], int]:
    cal = run.cal["coercion"]["vedtak_backlog"]
    result = {}
    for y in [run.first - 1] + run.years:
        total = run.n(cal.get(str(y), cal["2023"] if y < 2023 else cal["2024"]))
        plan = plans.get(y) or plans.get(y + 1) or plans[run.first]
        for o, k in zip(run.offices, largest_remainder(total, [plan[o]["reviewed"] for o in run.offices])):
            result[(o, y)] = min(k, plan[o]["reviewed"])
    return result


def _vedtak_within(run: Run, plan: dict) -> dict[str, int]:
    target = run.cal["coercion"]["vedtak_within_target_2024"]
    totals = {o: plan[o]["reviewed"] for o in run.offices}
    printed = {o: plan[o]["within_share"] for o in run.offices}
    return counts_for_shares(totals, national_share=target["result_share"], printed=printed, threshold=90,
                             reached=target["embeter_reached"], rng=run.rng("coercion", "vedtak", "within"))


def _vedtak_cases(run: Run, rng: random.Random, office: str, year: int, timings: list, plan: dict,
                  persons: PersonPool, services: dict) -> list[DemoCase]:
    rng.shuffle(timings)
    approved, persons_end = plan["approved"], plan["persons_end"]
    people = persons.get(office, max(persons_end, 1) + 5)
    # The first `persons_end` approved vedtak are one person each; the rest are second vedtak for some of them.
    cases = []
    for k, timing in enumerate(timings):
        if k < persons_end:
            person = people[k]
        elif k < approved:
            person = people[rng.randrange(max(persons_end, 1))]
        else:
            person = people[rng.randrange(len(people))]
        cases.append(_vedtak_case(run, rng, office, timing, k < approved, person, persons, services))
    approved_cases = cases[:approved]
    for case in cases[approved:]:
        case.block["measures"] = sorted(rng.sample(sorted(EMERGENCY_MEASURES), rng.randint(1, 3)))
    personnel = spread_total(len(approved_cases), round(plan["personnel_mean"] * len(approved_cases)), 2, 60, rng,
                             spread=0.3) if approved_cases else []
    for case, n in zip(approved_cases, personnel):
        case.block["personnel_count"] = n
    for case in rng.sample(approved_cases, min(plan["on_site"], len(approved_cases))):
        end = date(year, 12, 31)
        start = case.closed
        case.block["on_site_inspection"] = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    _dispensations(run, rng, approved_cases, plan)
    return cases


def _vedtak_case(run: Run, rng: random.Random, office: str, timing, approved: bool | None, person: Person,
                 persons: PersonPool, services: dict) -> DemoCase:
    received = timing.received
    vedtak_date = received - timedelta(days=rng.randint(2, 20))
    block = {"vedtak_date": vedtak_date, "approved": approved}
    if approved:
        block["valid_from"] = timing.closed
        block["valid_to"] = date(timing.closed.year + 1, timing.closed.month, 1) + \
            timedelta(days=min(timing.closed.day, 28) - 2)
    service = _service(run, rng, services, person)
    entries = [Entry("I", "Vedtak om bruk av tvang til overprøving – {name}", received, service["name"],
                     person.name)]
    if timing.closed:
        title = "Vedtak godkjent ved overprøving – {name}" if approved else "Vedtak ikke godkjent – {name}"
        entries.append(Entry("U", title, timing.closed, service["name"], person.name))
    case = DemoCase(
        external_id=run.new_id(office, "NV", received), kind="coercion_ch9_vedtak", office=office, sector="health",
        title=f"Overprøving av vedtak om tvang – {person.name}", received=received, closed=timing.closed,
        municipality=person.municipality.number, deadline=received + timedelta(days=91),
        parties=[persons.party(person), service], journal=entries, block=block,
    )
    return run.add(case)


def _measures(run: Run, rng: random.Random, year: int, cases: list[DemoCase]) -> None:
    """Each measure in as many approved vedtak as vedlegg 36 says; the measures of one category (the reference
    data files each measure under one) together in as many vedtak as vedlegg 37 says have one in the category."""
    cal = run.cal["coercion"]
    total_2024 = run.n(cal["series"]["2024"]["approved"])
    factor = 1 if year == 2024 else len(cases) / max(1, total_2024)
    category_of = {t["code"]: t["category"] for t in reference.terms("coercion_measure_ch9")}
    wanted: dict[str, dict[str, int]] = {}
    for code, n in cal["measures_2024"].items():
        wanted.setdefault(category_of[code], {})[code] = min(len(cases), round(run.n(n) * factor))
    # A category reaches at least the vedtak of its commonest measure and at most one per measure.
    published = cal["measure_categories_2024"]
    reach = {c: min(len(cases), sum(m.values()), max(max(m.values()), round(run.n(published[c]) * factor)))
             for c, m in wanted.items()}
    measures: list[list[str]] = [[] for _ in cases]
    for category, members in _cover(rng, len(cases), reach).items():
        for i, tags in zip(members, assign_tags(len(members), wanted[category], rng)):
            measures[i] += tags
    for case, chosen in zip(cases, measures):
        case.block["measures"] = sorted(chosen) or ["other"]


def _cover(rng: random.Random, n: int, sizes: dict[str, int]) -> dict[str, list[int]]:
    """For each key, `sizes[key]` distinct items of range(n), together covering every item where they can."""
    keys = list(sizes)
    order = list(range(n))
    rng.shuffle(order)
    first = allocate_capped(min(n, sum(sizes.values())), [sizes[k] for k in keys], [sizes[k] for k in keys])
    members, at = {}, 0
    for key, k in zip(keys, first):
        members[key] = order[at:at + k]
        at += k
    for key in keys:
        taken = set(members[key])
        rest = [i for i in order if i not in taken]
        members[key] += rng.sample(rest, sizes[key] - len(taken))
    return members


def _dispensations(run: Run, rng: random.Random, approved: list[DemoCase], plan: dict) -> None:
    chosen = rng.sample(approved, min(plan["dispensations"], len(approved)))
    if not chosen:
        return
    n = len(chosen)
    applied = spread_total(n, round(plan["applied_mean"] * n), 1, 40, rng, spread=0.4)
    granted_total = min(sum(applied), round(plan["granted_mean"] * n))
    granted = [1] * n
    rest = granted_total - n
    caps = [a - 1 for a in applied]
    extra = largest_remainder(max(rest, 0), caps)
    granted = [g + min(e, c) for g, e, c in zip(granted, extra, caps)]
    for vedtak, a, g in zip(chosen, applied, granted):
        case = DemoCase(
            external_id=run.new_id(vedtak.office, "ND", vedtak.received), kind="coercion_ch9_dispensation",
            office=vedtak.office, sector="health", title=f"Søknad om dispensasjon fra utdanningskrav – "
                                                          f"{vedtak.parties[1]['name']}",
            received=vedtak.received, closed=vedtak.closed, origin=vedtak.external_id,
            municipality=vedtak.municipality, parties=[vedtak.parties[1]],
            journal=[Entry("I", "Søknad om dispensasjon fra utdanningskrav", vedtak.received,
                           vedtak.parties[1]["name"], public=True),
                     Entry("U", "Vedtak om dispensasjon", vedtak.closed, vedtak.parties[1]["name"], public=True)],
            block={"persons_applied_for": a, "persons_granted": g},
        )
        run.add(case)


# -- kap. 4A -------------------------------------------------------------------------------------------------
def ch4a_vedtak(run: Run) -> list[DemoCase]:
    cal = run.cal["coercion"]
    rng = run.rng("coercion", "4a")
    made = []
    plans = {y: _ch4a_plan(run, y) for y in run.years}
    backlog = {run.first - 1: run.n(120)}
    for y in run.years:
        received = run.n(run.figure(cal["ch4a"]["received"], y))
        closed = sum(sum(p["outcomes"].values()) for p in plans[y].values())
        backlog[y] = max(0, backlog[y - 1] + received - closed)
    for year in run.years:
        plan = plans[year]
        carried = dict(zip(run.offices, largest_remainder(backlog[year - 1], [sum(plan[o]["outcomes"].values())
                                                                               for o in run.offices])))
        closed_total = sum(sum(p["outcomes"].values()) for p in plan.values())
        within_total = round(closed_total * cal["ch4a_within_one_month_share_2024"] / 100)
        within = dict(zip(run.offices, largest_remainder(within_total, [sum(plan[o]["outcomes"].values())
                                                                         for o in run.offices])))
        for o in run.offices:
            n = sum(plan[o]["outcomes"].values())
            items = timeline.durations(rng, n, CH4A_MODEL, within=within[o], limit=timeline.ONE_MONTH)
            timings = timeline.place(rng, year, items, carried[o])
            made += _ch4a_cases(run, rng, o, year, timings, plan[o])
    last = plans[run.last]
    for o, n in zip(run.offices, largest_remainder(backlog[run.last], [sum(last[o]["outcomes"].values())
                                                                      for o in run.offices])):
        for timing in timeline.open_at_end(rng, run.last, n, 25):
            made.append(_ch4a_case(run, rng, o, timing, ""))
    _ch4a_measures(run, rng, made)
    return made


def _ch4a_plan(run: Run, year: int) -> dict[str, dict]:
    """Per office: outcomes on arrival, follow-ups done and their outcomes, vedtak lasting over 3 months."""
    cal = run.cal["coercion"]
    table = cal["ch4a_2024_by_office"]
    y = run.published_year(year, cal["ch4a"]["received"])
    national = {k: run.n(cal["ch4a"][k][y]) for k in ("taken_into_account", "quashed", "changed", "not_relevant",
                                                      "over_three_months")}
    reviewed = dict(zip(run.offices, largest_remainder(
        national["taken_into_account"] + national["quashed"] + national["changed"],
        [table[o][0] for o in run.offices])))
    if year == 2024:
        reviewed = {o: run.n(table[o][0]) for o in run.offices}
    rng = run.rng("coercion", "4a", "plan", year)
    shares = {o: table[o][1] for o in run.offices}
    printed, preferred = (shares, {}) if year == 2024 else ({}, shares)
    overturned = counts_for_shares(reviewed, printed=printed, preferred=preferred,
                                   exact_total=national["quashed"] + national["changed"], rng=rng)
    not_relevant = dict(zip(run.offices, largest_remainder(national["not_relevant"], list(reviewed.values()))))
    follow_shares = {o: table[o][3] for o in run.offices}
    long_2024 = max(1, run.n(cal["ch4a"]["over_three_months"]["2024"]))
    ratio = 1 if year == 2024 else national["over_three_months"] / long_2024
    follow = {o: round(run.n(table[o][2]) * ratio) for o in run.offices}
    follow_overturned = counts_for_shares(
        follow, printed=follow_shares if year == 2024 else {}, preferred={} if year == 2024 else follow_shares,
        national_share=16 if year == 2024 else None, rng=rng)
    follow_irrelevant = dict(zip(run.offices, largest_remainder(
        round(run.n(cal["ch4a_follow_up_not_relevant_2024"]) * ratio), list(follow.values()))))
    # Every follow-up concerns a vedtak lasting over 3 months; the rest of those are spread by volume.
    needed = {o: follow[o] + follow_irrelevant[o] for o in run.offices}
    spare = largest_remainder(max(0, national["over_three_months"] - sum(needed.values())), list(reviewed.values()))
    long = {o: needed[o] + k for o, k in zip(run.offices, spare)}
    plan = {}
    quashed_share = national["quashed"] / max(1, national["quashed"] + national["changed"])
    quashed = dict(zip(run.offices, largest_remainder(national["quashed"], [overturned[o] * quashed_share + 0.01
                                                                           for o in run.offices])))
    for o in run.offices:
        q = min(quashed[o], overturned[o])
        plan[o] = {
            "outcomes": {"taken_into_account": reviewed[o] - overturned[o], "quashed": q,
                         "changed": overturned[o] - q, "not_relevant": not_relevant[o]},
            "follow_up": {"taken_into_account": follow[o] - follow_overturned[o],
                          "quashed": follow_overturned[o] - follow_overturned[o] // 4,
                          "changed": follow_overturned[o] // 4, "not_relevant": follow_irrelevant[o]},
            "long": long[o],
        }
    return plan


def _ch4a_cases(run: Run, rng: random.Random, office: str, year: int, timings: list, plan: dict) -> list:
    outcomes = [k for k, n in plan["outcomes"].items() for _ in range(n)]
    rng.shuffle(outcomes)
    cases = [_ch4a_case(run, rng, office, t, outcome) for t, outcome in zip(timings, outcomes)]
    # Follow-up reviews: among the vedtak lasting over 3 months whose review fell due within the year.
    reviewed = [c for c in cases if c.block["outcome"] != "not_relevant"]
    rng.shuffle(reviewed)
    reviewed.sort(key=lambda c: c.block["vedtak_date"] + timedelta(days=95) > date(year, 12, 31))
    long = reviewed[:min(plan["long"], len(reviewed))]
    follow = [k for k, n in plan["follow_up"].items() for _ in range(n)]
    rng.shuffle(follow)
    within_four_months = round(len(follow) * run.cal["coercion"]["ch4a_follow_up_within_four_months_share_2024"] / 100)
    for k, case in enumerate(long):
        block = case.block
        block["lasts_over_three_months"] = True
        block["valid_to"] = block["vedtak_date"] + timedelta(days=rng.randint(120, 365))
        block["follow_up_due"] = block["vedtak_date"] + timedelta(days=91)
        if k < len(follow):
            low = 92 if k < within_four_months else 128
            high = 115 if k < within_four_months else 200
            done = block["vedtak_date"] + timedelta(days=rng.randint(low, high))
            if done > date(year, 12, 31):
                done = max(block["follow_up_due"], case.closed or block["vedtak_date"])
                done = min(done, date(year, 12, 31))
            block["follow_up_done"] = max(done, case.closed or done)
            block["follow_up_outcome"] = follow[k]
    return cases


def _ch4a_case(run: Run, rng: random.Random, office: str, timing, outcome: str) -> DemoCase:
    pools = run.pools
    patient = pools.person(rng, office, age=(55, 98), on=timing.received)
    if rng.random() < 0.7:
        service = pools.municipal_health_service(rng, office)
    else:
        service = pools.hospital(rng, office)
    vedtak_date = timing.received - timedelta(days=rng.randint(1, 14))
    block = {"vedtak_date": vedtak_date, "outcome": outcome,
             "valid_to": vedtak_date + timedelta(days=rng.randint(14, 88))}
    entries = [Entry("I", "Vedtak om helsehjelp uten samtykke – {name}", timing.received, service.name,
                     patient.name)]
    if timing.closed and outcome in ("quashed", "changed"):
        entries.append(Entry("U", "Statsforvalterens vedtak – {name}", timing.closed, service.name, patient.name))
    case = DemoCase(
        external_id=run.new_id(office, "FA", timing.received), kind="coercion_4a_vedtak", office=office,
        sector="health", title=f"Vedtak etter pbrl. kap. 4A – {patient.name}", received=timing.received,
        closed=timing.closed, municipality=service.municipality.number, deadline=timing.received + timedelta(days=30),
        parties=[person_party("p1", "patient", patient), enterprise_party("t1", "service", service)],
        journal=entries, block=block,
    )
    return run.add(case)


def _ch4a_measures(run: Run, rng: random.Random, cases: list[DemoCase]) -> None:
    counts = run.cal["coercion"]["ch4a_measures"]
    for year in run.years:
        reviewed = [c for c in cases if c.closed and c.closed.year == year
                    and c.block["outcome"] in ("taken_into_account", "quashed", "changed")]
        wanted = run.nd(run.figure(counts, year))
        factor = len(reviewed) / max(1, run.n(run.figure(run.cal["coercion"]["ch4a_reviewed"], year)))
        wanted = {k: min(len(reviewed), round(v * factor)) for k, v in wanted.items()}
        for case, measures in zip(reviewed, assign_tags(len(reviewed), wanted, rng)):
            case.block["measures"] = measures or ["other"]
    for case in cases:
        if "measures" not in case.block:
            case.block["measures"] = sorted(rng.sample(reference.term_codes("coercion_measure_4a"), rng.randint(1, 2)))


# -- kap. 10 protocols ---------------------------------------------------------------------------------------
def cw_protocols(run: Run) -> dict[str, list[DemoCase]]:
    """Protocols per office; returns them by office for the children's complaints to point at."""
    cal = run.cal["institutions"]
    printed = cal["coercion_2024"]
    unprinted = next(p["code"] for p in reference.provisions("cwi-coercion-complaint") if not p["table_ref"])
    by_office: dict[str, list[DemoCase]] = {}
    institutions = {}
    for year in run.years:
        rng = run.rng("coercion", "protocols", year)
        y = run.published_year(year, cal["protocols_by_year"])
        total = run.n(cal["protocols_by_year"][y])
        per_office = dict(zip(run.offices, largest_remainder(total, [cal["protocols_2024_by_office"][o]
                                                                     for o in run.offices])))
        children = dict(zip(run.offices, largest_remainder(run.n(cal["unique_children_by_year"][y]),
                                                           list(per_office.values()))))
        factor = total / max(1, run.n(cal["protocols_by_year"]["2024"]))
        provisions = {c: round(run.n(v[0]) * factor) for c, v in printed.items()}
        provisions[unprinted] = total - sum(provisions.values())  # 943 in 2024
        pool = [c for c, n in provisions.items() for _ in range(n)]
        rng.shuffle(pool)
        for o in run.offices:
            kids = [run.pools.person(rng, o, age=(12, 17), on=date(year, 6, 30)) for _ in range(children[o])]
            parties = [person_party("b1", "child", k) for k in kids]
            n = per_office[o]
            weights = [1 / (k + 1) ** 0.8 for k in range(len(kids))]
            counts = [1 + c for c in largest_remainder(n - len(kids), weights)] if kids else []
            homes = [run.pools.institution(rng, o, k % 40) for k in range(max(3, len(kids) // 6))]
            for kid, party, k in zip(kids, parties, counts):
                home = rng.choice(homes)
                home_party = institutions.setdefault(home.org_number, enterprise_party(
                    "t1", "service", home, object_type="child_welfare_institution"))
                for _ in range(k):
                    by_office.setdefault(o, []).append(_protocol(run, rng, o, year, kid, party, home_party,
                                                                 pool.pop()))
    return by_office


def _protocol(run: Run, rng: random.Random, office: str, year: int, kid: Person, party: dict, home: dict,
              provision: str) -> DemoCase:
    r = rng.random
    dec31 = date(year, 12, 31)
    used = date(year, 1, 1) + DAYS[int(r() * 365)]
    received = min(used + DAYS[1 + int(r() * 10)], dec31)
    closed = min(received + DAYS[int(r() * 36)], dec31)
    return run.add(DemoCase(
        external_id=run.new_id(office, "TP", received), kind="cw_coercion_protocol", office=office,
        sector="child_welfare", title=f"Tvangsprotokoll – {home['name']}", received=received, closed=closed,
        municipality=home["municipality"], parties=[party], block={"used": used, "provision": provision},
        links={"institution": home},
    ))
