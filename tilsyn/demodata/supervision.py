"""The county governors' supervision cases (tilsynssaker): health and care, social services, child welfare.

Health and care (closed cases):
* 2024 per office × handling method (vedlegg 28); 2022–2023 handling method 5 per office (vedlegg 27) and the
  other methods nationally («I tillegg», split over offices × methods like 2024);
* within the time limit per handling method in 2024: the national share and «n of 10 offices reached 80 %»
  (tabell 3; the offices' own shares are not published and are drawn);
* backlog 1 460 at 1.1.2024 and 1 467 at 31.12.2024 (text), split over offices by volume;
* results of the 983 investigated cases (177 closed after initial investigation, 266 no breach, 388 breach, 152
  sent to Helsetilsynet; the 152 are the cases Helsetilsynet received, see `htil.py`);
* assessments per provision and year, breaches per provision 2024 (vedlegg 29): every investigated case has
  assessments, except 3 in 2022 (vedlegg 27 has 2 204 cases, vedlegg 29 «saker vurderingene er fordelt på»
  2 201); 2023: vedlegg 27 has 1 344 cases and vedlegg 29 1 345 — we follow vedlegg 27, so 1 344;
* supervised objects in 2024 by service level (text: 245 + 2 606 specialist, 1 108 + 1 983 municipal, 34 + 28
  outside): handling methods 2–5 have supervised parties, method 1 (guidance) has none.
Social services: 2024 per office × handling method (vedlegg 17, tabell 6–7), enterprises per method (248 in
243 cases), 35 assessments with 25 breaches in the 18 investigated cases (vedlegg 18), sources (182 users, 41
own initiative); 2022–2023 totals (tabell 1).
Child welfare: 2024 per object × handling method as tabell 4 (1 787 cases) — not vedlegg 3's 1 778, because
tabell 4 agrees with vedlegg 1, 2, 5 and tabell 1 (1 582 without Bufetat) and vedlegg 3 with nothing else; per
office vedlegg 1 (municipal) and 2 (institutions; its 106 include the one care centre and one centre for
parents and children); Bufetat cases per office in proportion to the municipal ones. Themes per object
group (vedlegg 4), assessments and breaches per provision (vedlegg 5) with the breach cases of the text (65,
15, 136), sources (871 parents, 193 employees, 189 other private persons, 188 children). 2022–2023: methods
per year (vedlegg 3) and cases without Bufetat (tabell 1).
"""
import heapq
import random
from dataclasses import dataclass
from datetime import date, timedelta

from tilsyn.demodata import reference, timeline
from tilsyn.demodata.allocation import (
    allocate_capped, assign_tags, counts_for_shares, fit_matrix, largest_remainder,
)
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, person_party
from tilsyn.demodata.run import Run
from tilsyn.demodata.timeline import Model

MODELS = {
    0: Model(45, 0.7, 1, 360), 1: Model(13, 0.8, 1, 200), 2: Model(18, 0.8, 1, 250),
    3: Model(55, 0.6, 5, 330), 4: Model(60, 0.6, 5, 330), 5: Model(165, 0.6, 10, 700),
}
LIMITS = {1: timeline.FOUR_WEEKS, 2: timeline.FOUR_WEEKS, 3: timeline.THREE_MONTHS, 4: timeline.THREE_MONTHS,
          5: timeline.SIX_MONTHS}
DEADLINE_DAYS = {0: 91, 1: 28, 2: 28, 3: 91, 4: 91, 5: 183}
CARRY_WEIGHT = {0: 2.0, 1: 0.3, 2: 0.4, 3: 1.5, 4: 1.5, 5: 4.0}
RESULTS = ["closed_after_initial", "no_breach", "breach"]
HEALTH_SOURCES = {
    "patient_user": 46, "next_of_kin": 32, "employee": 4, "patient_user_ombud": 4, "notification": 4,
    "own_initiative": 3, "rights_complaint": 2, "media": 1, "other_inspection": 1, "other_private_person": 2,
    "other": 1,
}
HEALTH_TOPICS = [
    "mangelfull oppfølging etter operasjon", "forsinket diagnostikk av et brudd", "feilmedisinering på sykehjem",
    "manglende tilsyn med en beboer", "utskrivning uten forsvarlig oppfølging", "mangelfull journalføring",
    "brudd på taushetsplikten", "forskrivning av vanedannende legemidler", "manglende informasjon til pårørende",
    "lang ventetid i akuttmottaket", "mangelfull smertelindring", "avvisning fra legevakten", "fall på sykehjem",
    "selvmord etter utskrivning fra psykisk helsevern", "forsinket ambulanse", "manglende henvisning til "
    "spesialisthelsetjenesten", "uforsvarlig behandling av diabetes", "mangelfull ernæring og pleie",
    "komplikasjoner etter fødsel", "seksuell grenseoverskridelse fra behandler",
]
METHOD_SENTENCES = {
    0: "Saken er behandlet etter tidligere veileder.",
    1: "Statsforvalteren ga veiledning om rettigheter og klageadgang og avsluttet saken.",
    2: "Henvendelsen er sendt virksomheten for oppfølging.",
    3: "Virksomheten er bedt om å følge opp saken og rapportere tilbake til statsforvalteren.",
    4: "Statsforvalteren holdt møte med virksomheten og pasienten/brukeren.",
    5: "Statsforvalteren har innhentet journal og uttalelser og vurdert saken.",
}
RESULT_SENTENCES = {
    "closed_after_initial": "Saken ble avsluttet etter innledende utredning.",
    "no_breach": "Statsforvalteren konkluderte med at det ikke foreligger lovbrudd.",
    "breach": "Statsforvalteren konkluderte med lovbrudd.",
    "forwarded_to_helsetilsynet": "Saken er oversendt Statens helsetilsyn for vurdering av administrativ reaksjon.",
}


@dataclass(eq=False)
class Item:
    case: DemoCase
    method: int | None
    year: int | None  # closed in
    group: str = ""  # child welfare: object type
    result: str = ""


# -- cells: closed cases of one office, method and year -------------------------------------------------------
def make_cell(run: Run, rng: random.Random, *, office: str, sector: str, code: str, year: int, method: int,
              closed: int, carried: int, within: int | None = None, fixed: list[date] = ()) -> list[Item]:
    if closed <= 0:
        return []
    limit = LIMITS.get(method) if within is not None else None
    items = timeline.durations(rng, closed, MODELS[method], within=within, limit=limit)
    return [Item(_skeleton(run, office, sector, code, t, method), method, year)
            for t in timeline.place(rng, year, items, carried, list(fixed))]


def open_cells(run: Run, rng: random.Random, *, office: str, sector: str, code: str, n: int,
               methods: dict[int, int]) -> list[Item]:
    """Cases open at the end of the last year, their handling method chosen like the year's slow cases."""
    weights = {m: k * CARRY_WEIGHT[m] for m, k in methods.items() if k}
    result = []
    for timing in timeline.open_at_end(rng, run.last, n, 75):
        method = rng.choices(list(weights), list(weights.values()))[0] if weights else 2
        if rng.random() < 0.12:
            method = None
        case = _skeleton(run, office, sector, code, timing, method)
        case.awaiting = method == 3
        result.append(Item(case, method, None))
    return result


def _skeleton(run: Run, office: str, sector: str, code: str, timing: timeline.Timing, method: int | None):
    case = DemoCase(
        external_id=run.new_id(office, code, timing.received), kind="supervision_case", office=office,
        sector=sector, title="", received=timing.received, closed=timing.closed,
        block={"handling_method": method}, deadline=timing.received + timedelta(days=DEADLINE_DAYS.get(method, 91)),
    )
    return run.add(case)


def carry_split(backlog: int, closed: dict[int, int]) -> dict[int, int]:
    methods = list(closed)
    counts = allocate_capped(min(backlog, sum(closed.values())),
                             [closed[m] * CARRY_WEIGHT[m] for m in methods], [closed[m] for m in methods])
    return dict(zip(methods, counts))


# -- health and care ----------------------------------------------------------------------------------------
def health(run: Run, from_sf: dict[tuple[str, int], list[DemoCase]]) -> list[Item]:
    cal = run.cal["health_supervision"]
    rng = run.rng("supervision", "health")
    closed = {y: _health_closed(run, y) for y in run.years}
    totals = {y: sum(sum(v) for v in closed[y].values()) for y in run.years}
    # Years without a published backlog: the same proportion to the year's closed cases as at 31.12.2024.
    ratio = cal["backlog"]["2024"] / sum(sum(v) for v in cal["closed_2024_by_method"].values())
    national = {y: run.n(cal["backlog"][str(y)]) if str(y) in cal["backlog"]
                else round(totals.get(y, totals[run.first]) * ratio) for y in [run.first - 1] + run.years}
    within = _health_within(run, closed.get(2024)) if 2024 in closed else {}
    items: list[Item] = []
    for y in run.years:
        prev_closed = closed.get(y - 1) or closed[y]
        office_backlog_prev = dict(zip(run.offices, largest_remainder(
            national[y - 1], [sum(prev_closed[o]) for o in run.offices])))
        for o in run.offices:
            by_method = {m + 1: closed[y][o][m] for m in range(5)}
            carried = carry_split(office_backlog_prev[o], by_method)
            for m, n in by_method.items():
                fixed = [c.received for c in from_sf.get((o, y), [])] if m == 5 else []
                cell = make_cell(run, rng, office=o, sector="health", code="HS", year=y, method=m, closed=n,
                                 carried=carried[m], within=within.get((o, m)) if y == 2024 else None,
                                 fixed=fixed[:n])
                if m == 5:
                    for item, htil_case in zip(cell, from_sf.get((o, y), [])[:n]):
                        item.result = "forwarded_to_helsetilsynet"
                        htil_case.origin = item.case.external_id
                items += cell
    last = closed[run.last]
    for o, n in zip(run.offices, largest_remainder(national[run.last], [sum(last[o]) for o in run.offices])):
        items += open_cells(run, rng, office=o, sector="health", code="HS", n=n,
                            methods={m + 1: last[o][m] for m in range(5)})
    _health_results(run, rng, items)
    parties = _health_assessments(run, items)
    _health_objects(run, rng, items, parties)
    for item in items:
        _health_details(run, rng, item, parties.get(id(item), []))
    return items


def _health_closed(run: Run, year: int) -> dict[str, list[int]]:
    cal = run.cal["health_supervision"]
    matrix = cal["closed_2024_by_method"]
    if year == 2024:
        return {o: run.ns(matrix[o]) for o in run.offices}
    y = run.published_year(year, cal["investigated_by_office"])
    investigated = cal["investigated_by_office"][y]
    other = run.n(cal["other_methods_national"][y])
    flat = largest_remainder(other, [matrix[o][m] for o in run.offices for m in range(4)])
    return {o: flat[i * 4:(i + 1) * 4] + [run.n(investigated[o])] for i, o in enumerate(run.offices)}


def _health_within(run: Run, closed: dict[str, list[int]]) -> dict[tuple[str, int], int]:
    cal = run.cal["health_supervision"]["within_targets_2024"]
    rng = run.rng("supervision", "health", "within")
    result = {}
    for m in range(1, 6):
        target = cal[str(m)]
        totals = {o: closed[o][m - 1] for o in run.offices}
        reached = target.get("embeter_reached")
        counts = counts_for_shares(totals, national_share=target["result_share"], threshold=80 if reached else None,
                                   reached=reached, rng=rng)
        result.update({(o, m): k for o, k in counts.items()})
    return result


def _health_results(run: Run, rng: random.Random, items: list[Item]) -> None:
    published = run.cal["health_supervision"]["results_2024"]
    for year in run.years:
        investigated = [i for i in items if i.year == year and i.method == 5]
        rest = {o: [i for i in investigated if i.case.office == o and not i.result] for o in run.offices}
        total = sum(len(v) for v in rest.values())
        national = run.ns([published[r] for r in RESULTS]) if year == 2024 else \
            largest_remainder(total, [published[r] for r in RESULTS])
        if sum(national) != total:
            national = largest_remainder(total, national)
        matrix = fit_matrix([len(rest[o]) for o in run.offices], national, [[1] * 3 for _ in run.offices])
        for o, row in zip(run.offices, matrix):
            cases = rest[o]
            rng.shuffle(cases)
            results = [r for r, k in zip(RESULTS, row) for _ in range(k)]
            for item, result in zip(cases, results):
                item.result = result


def _health_assessments(run: Run, items: list[Item]) -> dict[int, list[dict]]:
    """Assessments of every investigated case; returns the supervised parties the assessments need."""
    cal = run.cal["health_supervision"]
    catalogue = cal["assessments"]
    codes = list(catalogue)
    parties: dict[int, list[dict]] = {}
    for year in run.years:
        rng = run.rng("supervision", "health", "assessments", year)
        cases = [i for i in items if i.year == year and i.method == 5]
        y = run.published_year(year, ("2022", "2023", "2024"))
        column = {"2022": 0, "2023": 1, "2024": 2}[y]
        totals = run.ns([catalogue[c][column] for c in codes])
        with_assessments = run.n(cal["assessment_cases"][y])
        without = max(0, len(cases) - with_assessments) if y == "2022" else 0
        rates = [catalogue[c][3] / catalogue[c][2] if catalogue[c][2] else 0.55 for c in codes]
        breaches = run.ns([catalogue[c][3] for c in codes]) if y == "2024" else \
            [round(t * r) for t, r in zip(totals, rates)]
        breach_cases = [i for i in cases if i.result in ("breach", "forwarded_to_helsetilsynet")]
        clean = [i for i in cases if i not in breach_cases]
        clean.sort(key=lambda i: i.result != "closed_after_initial")
        clean = clean[without:]
        breach_items = [c for c, k in zip(codes, breaches) for _ in range(k)]
        clean_items = [c for c, t, k in zip(codes, totals, breaches) for _ in range(t - k)]
        _balance(breach_items, clean_items, len(breach_cases), len(clean))
        given = distribute(rng, [breach_cases, clean], [breach_items, clean_items])
        for item, assessed in given.items():
            parties[id(item)] = _assessed_parties(rng, item, assessed)
    return parties


def _balance(breach_items: list[str], clean_items: list[str], n_breach: int, n_clean: int) -> None:
    """Unpublished years: enough breach assessments for every breach case and clean ones for the others."""
    while len(breach_items) < n_breach and clean_items:
        breach_items.append(clean_items.pop())
    while len(clean_items) < n_clean and len(breach_items) > n_breach:
        clean_items.append(breach_items.pop())


def distribute(rng: random.Random, case_groups: list[list[Item]], item_groups: list[list[str]]) -> dict:
    """Provision items over cases: each case of group k gets at least one item of group k; leftover items of the
    first group stay in its cases, leftovers of the others go to any case; as even as possible, and one case
    assesses a provision once where it can. Returns {item: [(provision, group index)]}."""
    given: dict = {}
    all_cases = [c for group in case_groups for c in group]
    for k, (cases, provisions) in enumerate(zip(case_groups, item_groups)):
        pool = list(provisions)
        rng.shuffle(pool)
        for case in cases:
            if pool:
                given.setdefault(case, []).append((pool.pop(), k))
        targets = cases if k == 0 else all_cases
        if not targets:
            continue
        heap = [(len(given.get(c, [])), rng.random(), n) for n, c in enumerate(targets)]
        heapq.heapify(heap)
        for provision in pool:
            skipped = []
            while heap:
                count, tie, n = heapq.heappop(heap)
                if all(p != provision for p, _ in given.get(targets[n], [])) or not heap:
                    break
                skipped.append((count, tie, n))
            given.setdefault(targets[n], []).append((provision, k))
            heapq.heappush(heap, (count + 1, tie, n))
            for s in skipped:
                heapq.heappush(heap, s)
    return given


LAW_PARTY = {"hpl": "personnel", "sphlsl": "specialist", "hol": "municipal"}


def _assessed_parties(rng: random.Random, item: Item, assessed: list[tuple[str, int]]) -> list[dict]:
    """The parties an investigated case's assessments need, as specs; assessments go on the case."""
    laws = {p["code"]: p["law"] for p in reference.provisions("health-supervision")}
    specs: list[dict] = []
    needs_personnel = [p for p, _ in assessed if laws[p] == "hpl"]
    n_personnel = 2 if len(needs_personnel) >= 3 and rng.random() < 0.5 else (1 if needs_personnel else 0)
    for k in range(n_personnel):
        specs.append({"ref": f"h{k + 1}", "type": "health_personnel", "level": None})
    levels = []
    for p, _ in assessed:
        law = laws[p]
        if law in ("sphlsl", "hol"):
            levels.append(LAW_PARTY[law])
    if any(laws[p] not in LAW_PARTY for p, _ in assessed) and not levels:
        levels.append(rng.choice(["specialist", "municipal"]) if n_personnel == 0 or rng.random() < 0.5 else None)
    for level in dict.fromkeys(levels):
        specs.append({"ref": f"v{len(specs) + 1}", "type": "enterprise", "level": level})
    assessments = []
    for provision, group in assessed:
        law = laws[provision]
        if law == "hpl":
            candidates = [s for s in specs if s["type"] == "health_personnel"]
        elif law in LAW_PARTY:
            candidates = [s for s in specs if s["level"] == LAW_PARTY[law]]
        else:
            candidates = [s for s in specs if s["type"] == "enterprise"] or specs
        party = rng.choice(candidates)["ref"] if candidates else None
        outcome = "breach" if group == 0 else "no_breach"
        assessments.append({"provision": provision, "party": party, "outcome": outcome} if party else
                           {"provision": provision, "outcome": outcome})
    item.case.assessments = assessments
    return specs


def _health_objects(run: Run, rng: random.Random, items: list[Item], parties: dict[int, list[dict]]) -> None:
    """Supervised objects: the investigated cases' parties get service levels, then every other case with
    handling method 2–5 gets one or two; in 2024 the national counts by type and level are met."""
    cal = run.cal["health_supervision"]
    objects = cal["objects_2024"]
    counts = {(t, level): run.n(objects[level][t]) for level in ("specialist", "municipal", "outside")
              for t in ("health_personnel", "enterprise")}
    cases_2024 = sum(v[m] for v in cal["closed_2024_by_method"].values() for m in (1, 2, 3, 4))
    for year in run.years:
        cases = [i for i in items if i.year == year and i.method in (2, 3, 4, 5)]
        factor = 1 if year == 2024 else len(cases) / cases_2024
        remaining = {k: round(v * factor) for k, v in counts.items()}
        for item in cases:
            for spec in parties.get(id(item), []):
                key = _pick_level(rng, remaining, spec["type"], spec["level"])
                spec["level"] = key[1]
                remaining[key] -= 1
        others = [i for i in cases if i.method != 5]
        slots = [k for k, v in sorted(remaining.items()) for _ in range(max(0, v))]
        rng.shuffle(slots)
        for item in others:
            first = slots.pop() if slots else _pick_level(rng, counts, None, None)
            parties[id(item)] = [{"ref": "v1", "type": first[0], "level": first[1]}]
        for t, level in slots if others else []:
            specs = parties[id(rng.choice(others))]
            specs.append({"ref": f"v{len(specs) + 1}", "type": t, "level": level})
    for item in items:
        if item.year is None and item.method in (2, 3, 4, 5) and id(item) not in parties:
            t, level = _pick_level(rng, counts, None, None)
            parties[id(item)] = [{"ref": "v1", "type": t, "level": level}]


def _pick_level(rng: random.Random, remaining: dict, wanted_type: str | None, level: str | None) -> tuple:
    keys = [k for k in remaining if (wanted_type is None or k[0] == wanted_type) and (level is None or k[1] == level)]
    weights = [max(remaining[k], 0) + 0.01 for k in keys]
    return rng.choices(keys, weights)[0]


def _health_details(run: Run, rng: random.Random, item: Item, specs: list[dict]) -> None:
    case, pools = item.case, run.pools
    office = case.office
    complainant = pools.person(rng, office, on=case.received)
    source = rng.choices(list(HEALTH_SOURCES), list(HEALTH_SOURCES.values()))[0]
    parties = []
    if source in ("patient_user", "next_of_kin", "other_private_person", "patient_user_ombud"):
        role = {"patient_user": "complainant", "next_of_kin": "next_of_kin"}.get(source, "complainant")
        parties.append(person_party("k1", role, complainant))
        if source != "patient_user":
            patient = pools.person(rng, office, municipality=complainant.municipality, on=case.received)
            parties.append(person_party("p1", "patient", patient, address=False))
    names = []
    for spec in specs:
        if spec["type"] == "health_personnel":
            person = pools.person(rng, office, age=(26, 70), on=case.received)
            parties.append(person_party(spec["ref"], "supervised", person, address=False,
                                        object_type="health_personnel", profession=pools.profession(rng),
                                        service_level=spec["level"]))
            names.append(person.name)
        else:
            enterprise = pools.health_enterprise(rng, office, spec["level"])
            parties.append(enterprise_party(spec["ref"], "supervised", enterprise, object_type="enterprise",
                                            service_level=spec["level"]))
            names.append(enterprise.name)
            case.municipality = case.municipality or enterprise.municipality.number
    case.parties = parties
    case.municipality = case.municipality or complainant.municipality.number
    topic = rng.choice(HEALTH_TOPICS)
    who = {"next_of_kin": "Pårørende", "patient_user": "Pasienten"}.get(source, "Melder")
    where = f" ved {names[0]}" if names else ""
    case.title = f"Tilsynssak – {names[0]}" if names else f"Henvendelse om {topic}"
    sentences = [f"{who} tar opp {topic}{where}.", METHOD_SENTENCES.get(item.method, "Saken er under behandling.")]
    if item.result:
        sentences.append(RESULT_SENTENCES[item.result])
    case.summary = " ".join(sentences)
    case.priority = item.method == 5 and rng.random() < 0.08 or rng.random() < 0.015
    _supervision_block(rng, item, [source], date(run.last, 12, 31))
    _journal(rng, item, complainant.name if parties and parties[0]["ref"] == "k1" else "", names, topic)


def _supervision_block(rng: random.Random, item: Item, sources: list[str], end: date) -> None:
    case = item.case
    block = case.block
    block["sources"] = sources
    if item.method == 5 or (item.method is not None and rng.random() < 0.3):
        involvement = rng.choices(["accepted", "declined", "not_offered", "not_assessed"], [3, 1, 4, 2])[0]
    else:
        involvement = rng.choices(["not_offered", "not_assessed"], [3, 7])[0]
    block["user_involvement"] = involvement
    if involvement in ("accepted", "declined"):
        block["user_involvement_date"] = _not_after(case.received + timedelta(days=rng.randint(3, 20)), case.closed)
    if item.result:
        block["result"] = item.result
        if item.result == "forwarded_to_helsetilsynet":
            block["forwarded_to_helsetilsynet"] = case.closed
        if item.result == "breach" and case.closed:
            done = case.closed + timedelta(days=rng.randint(30, 240))
            if done <= end:
                block["breach_follow_up_closed"] = done


def _not_after(day: date, limit: date | None) -> date:
    return min(day, limit) if limit else day


def _journal(rng: random.Random, item: Item, complainant: str, names: list[str], topic: str) -> None:
    case = item.case
    entries = [Entry("I", f"Henvendelse om {topic} – {{name}}", case.received, complainant, complainant or "")]
    if not complainant:
        entries[0] = Entry("I", f"Melding om {topic}", case.received, names[0] if names else "")
    end = case.closed
    span = (end - case.received).days if end else 0
    target = names[0] if names else ""
    if item.method in (3, 5) and (span > 14 or not end):
        entries.append(Entry("U", "Anmodning om opplysninger og uttalelse", case.received + timedelta(days=7),
                             target))
    if item.method == 5 and span > 40:
        entries.append(Entry("I", "Uttalelse med journalkopi", case.received + timedelta(days=span // 2), target))
        if rng.random() < 0.4:
            entries.append(Entry("N", "Intern faglig vurdering", case.received + timedelta(days=span * 3 // 4)))
    if item.method == 3 and span > 20:
        entries.append(Entry("I", "Tilbakemelding fra virksomheten", end - timedelta(days=3), target))
    if end:
        title = {
            "forwarded_to_helsetilsynet": "Oversendelse til Statens helsetilsyn – {name}",
            "breach": "Avslutningsbrev – lovbrudd – {name}",
            "no_breach": "Avslutningsbrev – ikke lovbrudd – {name}",
            "closed_after_initial": "Avslutningsbrev – {name}",
        }.get(item.result, {1: "Svar med veiledning – {name}", 2: "Oversendelse til virksomheten – {name}"}.get(
            item.method, "Avslutningsbrev – {name}"))
        name = complainant or target
        entries.append(Entry("U", title, end, name, name))
    case.journal = entries


# -- social services -----------------------------------------------------------------------------------------
SOCIAL_TOPICS = ["saksbehandlingstid for økonomisk stønad", "manglende veiledning", "avslag på midlertidig botilbud",
                 "mangelfull kartlegging av hjelpebehov", "bruk av vilkår om aktivitet", "manglende individuell plan",
                 "informasjon om klageadgang", "samarbeid med andre tjenester"]


def social(run: Run) -> list[Item]:
    cal = run.cal["social"]
    rng = run.rng("supervision", "social")
    matrix = cal["supervision_2024_by_method"]
    items: list[Item] = []
    closed = {}
    for y in run.years:
        if y == 2024:
            closed[y] = {o: run.ns(matrix[o]) for o in run.offices}
        else:
            total = run.n(run.figure(cal["supervision_closed"], y))
            flat = largest_remainder(total, [matrix[o][m] for o in run.offices for m in range(5)])
            closed[y] = {o: flat[i * 5:(i + 1) * 5] for i, o in enumerate(run.offices)}
        for o in run.offices:
            by_method = {m + 1: closed[y][o][m] for m in range(5)}
            carried = carry_split(round(sum(by_method.values()) * 0.15), by_method)
            for m, n in by_method.items():
                items += make_cell(run, rng, office=o, sector="social", code="SS", year=y, method=m, closed=n,
                                   carried=carried[m])
    for o in run.offices:
        last = {m + 1: closed[run.last][o][m] for m in range(5)}
        items += open_cells(run, rng, office=o, sector="social", code="SS", n=round(sum(last.values()) * 0.15),
                            methods=last)
    _social_assessments(run, rng, items)
    _social_sources_and_parties(run, rng, items)
    return items


def _social_assessments(run: Run, rng: random.Random, items: list[Item]) -> None:
    table = run.cal["social"]["supervision_assessments_2024"]
    codes = list(table)
    for year in run.years:
        cases = [i for i in items if i.year == year and i.method == 5]
        totals = run.ns([table[c][0] for c in codes])
        breaches = run.ns([table[c][1] for c in codes])
        if year != 2024:
            factor = len(cases) / 18
            totals = [round(t * factor) for t in totals]
            breaches = [min(t, round(b * factor)) for t, b in zip(totals, breaches)]
        breach_items = [c for c, k in zip(codes, breaches) for _ in range(k)]
        clean_items = [c for c, t, k in zip(codes, totals, breaches) for _ in range(t - k)]
        n_breach = min(len(breach_items), round(len(cases) * 13 / 18))
        rng.shuffle(cases)
        breach_cases, clean = cases[:n_breach], cases[n_breach:]
        _balance(breach_items, clean_items, len(breach_cases), len(clean))
        given = distribute(rng, [breach_cases, clean], [breach_items, clean_items])
        for item in cases:
            assessed = given.get(item, [])
            item.result = "breach" if any(k == 0 for _, k in assessed) else "no_breach"
            item.case.assessments = [{"provision": p, "party": "v1", "outcome": "breach" if k == 0 else "no_breach"}
                                     for p, k in assessed]


def _social_sources_and_parties(run: Run, rng: random.Random, items: list[Item]) -> None:
    cal = run.cal["social"]
    extra_offices = dict(zip(range(1, 6), [e - sum(c[m] for c in cal["supervision_2024_by_method"].values())
                                           for m, e in enumerate(cal["supervision_2024_enterprises_by_method"])]))
    for year in run.years:
        cases = [i for i in items if i.year == year]
        published = {k: run.n(v) for k, v in cal["supervision_sources_2024"].items()}
        factor = 1 if year == 2024 else len(cases) / 243
        counts = {k: min(len(cases), round(v * factor)) for k, v in published.items()}
        tags = assign_tags(len(cases), counts, rng)
        second = {m: run.n(extra_offices[m]) if year == 2024 else 0 for m in extra_offices}
        for item, sources in zip(cases, tags):
            if not sources:
                sources = [rng.choice(["next_of_kin", "employee", "other_private_person", "media", "other"])]
            two = second.get(item.method, 0) > 0
            if two:
                second[item.method] -= 1
            _social_details(run, rng, item, sources, two)
    for item in items:
        if item.year is None:
            _social_details(run, rng, item, [rng.choice(["patient_user", "patient_user", "own_initiative"])], False)


def _social_details(run: Run, rng: random.Random, item: Item, sources: list[str], two_offices: bool) -> None:
    case, pools = item.case, run.pools
    nav = pools.nav_office(rng, case.office)
    parties = [enterprise_party("v1", "supervised", nav, object_type="nav_office")]
    if two_offices:
        parties.append(enterprise_party("v2", "supervised", pools.nav_office(rng, case.office),
                                        object_type="nav_office"))
    user = None
    if "patient_user" in sources or "next_of_kin" in sources:
        user = pools.person(rng, case.office, municipality=nav.municipality, on=case.received)
        parties.insert(0, person_party("k1", "complainant", user))
    case.parties = parties
    case.municipality = nav.municipality.number
    topic = rng.choice(SOCIAL_TOPICS)
    case.title = f"Tilsynssak – {nav.name}"
    sentences = [f"Saken gjelder {topic} ved {nav.name}.", METHOD_SENTENCES.get(item.method, "")]
    if item.result:
        sentences.append(RESULT_SENTENCES[item.result])
    case.summary = " ".join(s for s in sentences if s)
    _supervision_block(rng, item, sources, date(run.last, 12, 31))
    if item.result == "breach" and case.closed and rng.random() < 0.3:
        case.block["correction_ordered"] = case.closed
    _journal(rng, item, user.name if user else "", [nav.name], topic)


# -- child welfare ---------------------------------------------------------------------------------------------
CW_OBJECTS = ["municipal_child_welfare", "child_welfare_institution", "care_centre", "parent_child_centre", "bufetat"]
CW_THEME_GROUP = {"municipal_child_welfare": "municipal_child_welfare", "bufetat": "bufetat",
                  "child_welfare_institution": "child_welfare_institution", "care_centre": "child_welfare_institution"}
CW_TOPICS = ["manglende oppfølging av barn i fosterhjem", "lang saksbehandlingstid i en undersøkelse",
             "manglende medvirkning for barnet", "samvær etter omsorgsovertakelse", "bruk av tvang på institusjon",
             "manglende akuttplass fra Bufetat", "mangelfull dokumentasjon av vedtak", "oppfølging av ettervern",
             "samarbeid med foreldrene", "henleggelse av bekymringsmelding"]
CARE_CENTRE_OFFICE, PARENT_CHILD_OFFICE = "SFOBOA", "SFVL"


def child_welfare(run: Run) -> list[Item]:
    cal = run.cal["child_welfare"]
    rng = run.rng("supervision", "child_welfare")
    items: list[Item] = []
    for y in run.years:
        per_office = _cw_closed(run, y)
        for (o, group), by_method in per_office.items():
            carried = carry_split(round(sum(by_method.values()) * 0.2), by_method)
            for m, n in by_method.items():
                for item in make_cell(run, rng, office=o, sector="child_welfare", code="CS", year=y, method=m,
                                      closed=n, carried=carried[m]):
                    item.group = group
                    items.append(item)
    last = _cw_closed(run, run.last)
    for (o, group), by_method in last.items():
        n = round(sum(by_method.values()) * 0.2)
        for item in open_cells(run, rng, office=o, sector="child_welfare", code="CS", n=n, methods=by_method):
            item.group = group
            items.append(item)
    _cw_assessments(run, rng, items)
    _cw_themes_sources(run, rng, items)
    for item in items:
        _cw_details(run, rng, item)
    return items


def _cw_closed(run: Run, year: int) -> dict[tuple[str, str], dict[int, int]]:
    cal = run.cal["child_welfare"]
    table = cal["supervision_2024_by_method_object"]
    methods = [1, 2, 3, 4, 5]
    by_object = {obj: [table[str(m)][obj] for m in methods] for obj in CW_OBJECTS}
    if year != 2024:
        y = run.published_year(year, cal["supervision_by_method"]["1"])
        by_method_total = {m: cal["supervision_by_method"][str(m)][y] for m in range(6)}
        by_method_total_sum = sum(by_method_total.values())
        bufetat = max(0, by_method_total_sum - cal["supervision_closed_excluding_bufetat"][y])
        shares = {obj: sum(v) for obj, v in by_object.items()}
        shares["bufetat"] = 0
        objects = {o: k for o, k in zip(CW_OBJECTS, largest_remainder(by_method_total_sum - bufetat,
                                                                       [shares[o] for o in CW_OBJECTS]))}
        objects["bufetat"] = bufetat
        columns = [by_method_total[m] for m in range(6)]
        weights = [[1.0] + by_object[obj] for obj in CW_OBJECTS]
        fitted = fit_matrix([objects[o] for o in CW_OBJECTS], columns, weights)
        by_object = {obj: fitted[i] for i, obj in enumerate(CW_OBJECTS)}
        methods = [0, 1, 2, 3, 4, 5]
    else:
        by_object = {obj: [0] + v for obj, v in by_object.items()}
        methods = [0, 1, 2, 3, 4, 5]
    by_object = {obj: run.ns(v) for obj, v in by_object.items()}
    municipal = cal["supervision_2024_municipal_by_office"]
    institutions = dict(cal["supervision_2024_institutions_by_office"])
    institutions[CARE_CENTRE_OFFICE] -= 1
    institutions[PARENT_CHILD_OFFICE] -= 1
    office_weights = {
        "municipal_child_welfare": [municipal[o] for o in run.offices],
        "child_welfare_institution": [institutions[o] for o in run.offices],
        "care_centre": [1 if o == CARE_CENTRE_OFFICE else 0.01 for o in run.offices],
        "parent_child_centre": [1 if o == PARENT_CHILD_OFFICE else 0.01 for o in run.offices],
        "bufetat": [municipal[o] for o in run.offices],
    }
    result = {}
    for obj in CW_OBJECTS:
        column_totals = by_object[obj]
        if sum(column_totals) == 0:
            continue
        rows = largest_remainder(sum(column_totals), office_weights[obj])
        if year == 2024 and obj == "municipal_child_welfare":
            rows = run.ns([municipal[o] for o in run.offices])
        if year == 2024 and obj == "child_welfare_institution":
            rows = run.ns([institutions[o] for o in run.offices])
        weights = [[w * c for c in column_totals] for w in office_weights[obj]]
        fitted = fit_matrix(rows, column_totals, [[max(v, 0.001) for v in row] for row in weights])
        for o, row in zip(run.offices, fitted):
            if sum(row):
                result[(o, obj)] = dict(zip(methods, row))
    return result


def _cw_assessments(run: Run, rng: random.Random, items: list[Item]) -> None:
    cal = run.cal["child_welfare"]
    table = cal["assessments_2024"]
    breach_cases = cal["breach_cases_2024"]
    for year in run.years:
        for group in ("municipal_child_welfare", "child_welfare_institution", "bufetat"):
            cases = [i for i in items if i.year == year and i.method == 5 and CW_THEME_GROUP.get(i.group) == group]
            codes = [c for c, v in table.items() if v[0] == group]
            totals = run.ns([table[c][1] for c in codes])
            breaches = run.ns([table[c][2] for c in codes])
            n_breach_cases = run.n(breach_cases[group])
            n_2024 = sum(1 for i in items if i.year == 2024 and i.method == 5 and CW_THEME_GROUP.get(i.group) == group)
            if year != 2024:
                factor = len(cases) / max(1, n_2024 or len(cases))
                totals = [round(t * factor) for t in totals]
                breaches = [min(t, round(b * factor)) for t, b in zip(totals, breaches)]
                n_breach_cases = round(n_breach_cases * factor)
            rng.shuffle(cases)
            breach, clean = cases[:n_breach_cases], cases[n_breach_cases:]
            breach_items = [c for c, k in zip(codes, breaches) for _ in range(k)]
            clean_items = [c for c, t, k in zip(codes, totals, breaches) for _ in range(t - k)]
            if year != 2024:
                _balance(breach_items, clean_items, len(breach), len(clean))
            # Vedlegg 5 prints a selection of provisions: in 2024 a few institution cases without breach
            # assessed only provisions outside it, and have no assessment here.
            given = distribute(rng, [breach, clean], [breach_items, clean_items])
            for item in cases:
                assessed = given.get(item, [])
                item.result = "breach" if any(k == 0 for _, k in assessed) else "no_breach"
                item.case.assessments = [{"provision": p, "party": "v1",
                                          "outcome": "breach" if k == 0 else "no_breach"} for p, k in assessed]


def _cw_themes_sources(run: Run, rng: random.Random, items: list[Item]) -> None:
    cal = run.cal["child_welfare"]
    for year in run.years:
        cases = [i for i in items if i.year == year]
        n_2024 = sum(1 for i in items if i.year == 2024) or len(cases)
        factor = 1 if year == 2024 else len(cases) / n_2024
        for group, counts in cal["themes_2024"].items():
            members = [i for i in cases if CW_THEME_GROUP.get(i.group) == group]
            wanted = {code: min(len(members), round(run.n(v[0]) * factor)) for code, v in counts.items() if v[0]}
            for item, themes in zip(members, assign_tags(len(members), wanted, rng)):
                item.case.block["themes"] = themes
        published = {k: round(run.n(v) * factor) for k, v in cal["sources_2024"].items()}
        bufetat = [i for i, item in enumerate(cases) if item.group == "bufetat"]
        start = [[] for _ in cases]
        employees = min(published.pop("employee"), len(cases))
        for i in bufetat[:employees]:
            start[i].append("employee")
        employees -= min(employees, len(bufetat))
        others = [i for i in range(len(cases)) if "employee" not in start[i]]
        rng.shuffle(others)
        for i in others[:employees]:
            start[i].append("employee")
        tags = assign_tags(len(cases), {k: min(v, len(cases)) for k, v in published.items()}, rng, start=start)
        for item, sources in zip(cases, tags):
            item.case.block["sources"] = sources or [rng.choice(["own_initiative", "other", "media", "notification",
                                                                 "other_inspection"])]


def _cw_details(run: Run, rng: random.Random, item: Item) -> None:
    case, pools = item.case, run.pools
    office = case.office
    group = item.group
    if group == "municipal_child_welfare":
        target = pools.child_welfare_service(rng, office)
    elif group == "child_welfare_institution":
        target = pools.institution(rng, office, rng.randint(0, 60))
    elif group == "care_centre":
        target = pools.care_centre(rng, office, 0)
    elif group == "parent_child_centre":
        m = pools.largest(office)
        target = pools.enterprise(("pcc", office), f"{m.name} senter for foreldre og barn", m)
    else:
        target = pools.bufetat(rng, office)
    parties = [enterprise_party("v1", "supervised", target, object_type=group)]
    sources = case.block.get("sources") or [rng.choice(["parent", "child", "other"])]
    case.block["sources"] = sources
    contact = ""
    if "parent" in sources or "child" in sources:
        role = "parent" if "parent" in sources else "child"
        age = (25, 60) if role == "parent" else (12, 17)
        person = pools.person(rng, office, age=age, municipality=target.municipality, on=case.received)
        parties.insert(0, person_party("k1", role, person))
        contact = person.name
    case.parties = parties
    case.municipality = target.municipality.number
    topic = "Bufetats bistandsplikt" if group == "bufetat" else rng.choice(CW_TOPICS)
    case.title = f"Tilsynssak – {target.name}"
    sentences = [f"Saken gjelder {topic}.", METHOD_SENTENCES.get(item.method, "")]
    if item.result:
        sentences.append(RESULT_SENTENCES[item.result])
    case.summary = " ".join(s for s in sentences if s)
    _supervision_block(rng, item, sources, date(run.last, 12, 31))
    if item.result == "breach" and case.closed and rng.random() < 0.15:
        case.block["correction_ordered"] = case.closed
    case.priority = group == "child_welfare_institution" and rng.random() < 0.1
    _journal(rng, item, contact, [target.name], topic)
