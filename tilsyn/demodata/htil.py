"""Helsetilsynet's supervision cases: where they start, how long they take, and the reactions they end in.

Calibrated for 2024 (vedlegg 40–44, tabell 13–14, tabell 3 and the text of chapter 3.4):
* closed cases per origin (vedlegg 42: each county governor, Helsetilsynet itself, a foreign authority);
* reactions per origin and type (vedlegg 42/43) and per profession and type (vedlegg 40); outcomes without a
  reaction per county governor (vedlegg 44); 145 cases with 151 reactions, 91 without;
* 98 revocations of 93 persons (5 persons lose two authorisations), revocation reasons per profession group
  (tabell 14), 17 of them «lost approval abroad», preferably in cases from foreign authorities;
* new cases 232, backlog 118 → 114, median processing time 5.1 months, 28 cases over 12 months;
* 31 cases against enterprises started at Helsetilsynet with 33 enterprises, breach noted for 20 enterprises;
* 13 suspensions, 21 voluntary surrenders (19 in county governors' cases, vedlegg 44), 6 police reports.
2022 and 2023: closed cases, revocations, other reactions (tabell 1), reactions per profession (vedlegg 41),
revocation reasons and persons (tabell 13); 2023 new cases 214. Vedlegg 41 has 151 reactions in 2023 where
tabell 1 has 117 + 35 = 152; we keep 117 revocations (tabell 1 and 13) and 34 other reactions (vedlegg 41).
The county governors' cases sent to Helsetilsynet are the origins of the cases received from them: the county
governor's case closes (result «oversendt») the day Helsetilsynet receives it (see `supervision.py`).
"""
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tilsyn.demodata import reference, timeline
from tilsyn.demodata.allocation import allocate_capped, assign_tags, largest_remainder
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, person_party
from tilsyn.demodata.run import Run

OWN, FOREIGN = "helsetilsynet", "foreign_authority"
TYPES = ["revocation", "limitation", "prescribing_rights_revocation", "professional_order", "breach_noted"]
NON_REACTION = ["voluntary_surrender", "breach_no_reaction", "no_breach", "police_only"]
# Outcomes without reaction in cases started at Helsetilsynet and abroad (vedlegg 44 covers only the county
# governors' cases; these make the totals of the text: 91 without reaction, 21 voluntary surrenders).
OTHER_NON_REACTION_2024 = {OWN: [1, 6, 14, 0], FOREIGN: [1, 2, 5, 0]}
OWN_ENTERPRISE_CASES_2024 = 31
OWN_ENTERPRISES_2024 = 33  # «31 saker, som inkluderte 33 ulike virksomheter»
DURATION = timeline.Model(median=150, sigma=0.75, low=5, high=700)
DECISION_TITLES = {
    "revocation": "Vedtak om tilbakekall av autorisasjon – {name}",
    "limitation": "Vedtak om begrensning av autorisasjon – {name}",
    "prescribing_rights_revocation": "Vedtak om tilbakekall av rekvireringsrett – {name}",
    "professional_order": "Vedtak om faglig pålegg – {name}",
    "warning": "Vedtak om advarsel – {name}",
    "breach_noted": "Tilsynsrapport med påpekt lovbrudd",
}


@dataclass
class HtilCase:
    case: DemoCase
    origin: str
    year: int | None  # closed in
    enterprise: bool = False
    reactions: list[list[str]] = field(default_factory=list)  # per party: reaction types
    non_reaction: str = ""
    profession: str = ""
    reasons: dict[int, list[str]] = field(default_factory=dict)  # reaction index → revocation reasons
    suspended: bool = False
    police: bool = False
    extra_enterprise: bool = False


def generate(run: Run) -> dict[tuple[str, int], list[DemoCase]]:
    """Make Helsetilsynet's supervision cases; returns the cases received from each county governor per year,
    for the county governors' cases to point at."""
    cal = run.cal["htil_supervision"]
    origins = run.offices + [OWN, FOREIGN]
    weights = [cal["closed_2024_by_origin"][o][0] for o in origins]
    closed = {y: _closed_by_origin(run, y, origins, weights) for y in run.years}
    backlog = _backlog_by_origin(run, origins, weights, closed)
    rng = run.rng("htil")
    made: list[HtilCase] = []
    for year in run.years:
        made += _closed_cases(run, rng, year, origins, closed[year], backlog)
    for origin in origins:
        for timing in timeline.open_at_end(rng, run.last, backlog[(origin, run.last)], 80):
            made.append(_case(run, rng, origin, timing, None))
    for year in run.years:
        _reactions(run, run.rng("htil", "reactions", year), year, [c for c in made if c.year == year])
    for item in made:
        _finish(run, rng, item)
    from_sf: dict[tuple[str, int], list[DemoCase]] = {}
    for item in made:
        if item.origin in run.offices and item.case.received.year in run.years:
            from_sf.setdefault((item.origin, item.case.received.year), []).append(item.case)
    return from_sf


def _closed_by_origin(run: Run, year: int, origins: list[str], weights: list[int]) -> dict[str, int]:
    cal = run.cal["htil_supervision"]
    if year == 2024:
        return run.nd({o: cal["closed_2024_by_origin"][o][0] for o in origins})
    total = run.n(run.figure(cal["closed"], year))
    return dict(zip(origins, largest_remainder(total, weights)))


def _backlog_by_origin(run: Run, origins: list[str], weights: list[int], closed: dict) -> dict:
    """Open cases per origin at the end of each year (and the year before the first), such that the cases
    received from the county governors in 2024 are the 152 they sent (2023: 214 new × 152/232)."""
    cal = run.cal["htil_supervision"]
    known = {2024: cal["backlog"]["2024"], 2023: cal["backlog"]["2023"],
             2022: cal["backlog"]["2023"] - cal["new_2023"] + cal["closed"]["2023"]}
    sf_received = {2024: cal_forwarded(run), 2023: round(cal["new_2023"] * cal_forwarded(run) / cal["new_2024"])}
    years = [run.first - 1] + run.years
    national = {y: run.n(known.get(y, known[min(known, key=lambda k: abs(k - y))])) for y in years}
    sf_share = sum(weights[: len(run.offices)]) / sum(weights)
    sf_backlog = {run.first - 1: round(national[run.first - 1] * sf_share)}
    for y in run.years:
        sf_closed = sum(closed[y][o] for o in run.offices)
        received = run.n(sf_received[y]) if y in sf_received else sf_closed
        sf_backlog[y] = min(national[y], max(0, sf_backlog[y - 1] + received - sf_closed))
    result = {}
    for y in years:
        sf = largest_remainder(sf_backlog[y], weights[: len(run.offices)])
        other = largest_remainder(national[y] - sf_backlog[y], weights[len(run.offices):])
        result.update({(o, y): n for o, n in zip(origins, sf + other)})
    return result


def cal_forwarded(run: Run) -> int:
    return run.cal["health_supervision"]["results_2024"]["forwarded_to_helsetilsynet"]


def _closed_cases(run: Run, rng: random.Random, year: int, origins: list[str], closed: dict, backlog: dict):
    total = sum(closed.values())
    if year == 2024:
        cal = run.cal["htil_supervision"]
        median = timeline.days_for_months(cal["median_months_2024"])
        tail = run.n(cal["over_twelve_months_2024"])
        items = timeline.durations(rng, total, DURATION, median_days=median, long_tail=(tail, 366, 700))
    else:
        items = timeline.durations(rng, total, DURATION)
    # Cases that took more than a year go to origins that had cases open at the start of the year.
    items.sort(key=lambda d: -d.days)
    capacity = {o: backlog[(o, year - 1)] for o in origins}
    room = {o: closed[o] for o in origins}
    share: dict[str, list] = {o: [] for o in origins}
    rest = []
    for d in items:
        if d.days > 364:
            candidates = [o for o in origins if capacity[o] > 0 and room[o] > 0]
            if candidates:
                o = rng.choices(candidates, [capacity[c] for c in candidates])[0]
                share[o].append(d)
                capacity[o] -= 1
                room[o] -= 1
                continue
        rest.append(d)
    rng.shuffle(rest)
    for o in origins:
        share[o] += [rest.pop() for _ in range(room[o])]
    made = []
    for o in origins:
        for timing in timeline.place(rng, year, share[o], backlog[(o, year - 1)]):
            made.append(_case(run, rng, o, timing, year))
    return made


def _case(run: Run, rng: random.Random, origin: str, timing: timeline.Timing, year: int | None) -> HtilCase:
    started_at = origin if origin in (OWN, FOREIGN) else "county_governor"
    case = DemoCase(
        external_id=run.new_id("HTIL", "HT", timing.received), kind="supervision_case", office="HTIL",
        sector="health", title="", received=timing.received, closed=timing.closed,
        block={"started_at": started_at, "referred_by": origin if origin in run.offices else None},
        deadline=timing.received + timedelta(days=183),
    )
    run.add(case)
    return HtilCase(case, origin, year)


# -- reactions -----------------------------------------------------------------------------------------------
def _reactions(run: Run, rng: random.Random, year: int, cases: list[HtilCase]) -> None:
    if not cases:
        return
    by_origin: dict[str, list[HtilCase]] = {}
    for c in cases:
        by_origin.setdefault(c.origin, []).append(c)
    plan = _reaction_plan(run, year, {o: len(cs) for o, cs in by_origin.items()})
    persons = _persons(run, year, plan)
    for origin, items in sorted(by_origin.items()):
        rng.shuffle(items)
        groups = persons.get(origin, [])
        enterprise_groups = [g for g in groups if g[0] == "breach_noted"]
        personnel_groups = [g for g in groups if g[0] != "breach_noted"]
        slots = iter(items)
        for g, c in zip(enterprise_groups, slots):
            c.enterprise, c.reactions = True, [[t] for t in g]
        for g, c in zip(personnel_groups, slots):
            c.reactions = [g]
        n_enterprise_without = plan[origin]["enterprise_cases"] - len(enterprise_groups)
        outcomes = sorted(plan[origin]["non_reaction"], key=lambda code: code != "no_breach")
        for k, c in enumerate(slots):
            c.non_reaction = outcomes[k] if k < len(outcomes) else "no_breach"
            c.enterprise = k < n_enterprise_without and c.non_reaction == "no_breach"
        if origin == OWN:
            enterprise_cases = [c for c in items if c.enterprise]
            named = sum(max(1, len(c.reactions)) for c in enterprise_cases)
            wanted = round(run.n(OWN_ENTERPRISES_2024) * len(items) / max(1, run.n(51))) if year != 2024 \
                else run.n(OWN_ENTERPRISES_2024)
            for c in [c for c in enterprise_cases if not c.reactions][:max(0, wanted - named)]:
                c.extra_enterprise = True
    _professions_and_reasons(run, rng, year, cases)
    _suspensions_and_police(run, rng, year, cases)


def _suspensions_and_police(run: Run, rng: random.Random, year: int, cases: list[HtilCase]) -> None:
    cal = run.cal["htil_supervision"]
    revoked = [c for c in cases if c.reactions and "revocation" in c.reactions[0] and not c.enterprise]
    factor = 1 if year == 2024 else len(cases) / max(1, run.n(cal["closed"]["2024"]))
    for c in rng.sample(revoked, min(len(revoked), round(run.n(cal["suspended_2024"]) * factor))):
        c.suspended = True
    candidates = revoked + [c for c in cases if c.non_reaction == "breach_no_reaction"]
    for c in rng.sample(candidates, min(len(candidates), round(run.n(cal["police_reports_2024"]) * factor))):
        c.police = True


def _reaction_plan(run: Run, year: int, closed: dict[str, int]) -> dict[str, dict]:
    """Per origin: reactions by type, the cases they fall in, outcomes without reaction."""
    cal = run.cal["htil_supervision"]
    by_origin = cal["closed_2024_by_origin"]
    non_reaction = {**{o: v[1:] for o, v in cal["non_reaction_2024_by_office"].items()}, **OTHER_NON_REACTION_2024}
    plan = {}
    if year == 2024:
        for origin, n in closed.items():
            reactions = run.ns(by_origin[origin][1:])
            outcomes = run.ns(non_reaction[origin])
            plan[origin] = {"reactions": dict(zip(TYPES, reactions)), "with": n - sum(outcomes),
                            "non_reaction": [c for c, k in zip(NON_REACTION, outcomes) for _ in range(k)]}
        plan.get(OWN, {})["enterprise_cases"] = run.n(OWN_ENTERPRISE_CASES_2024)
    else:
        revocations = run.n(run.figure(cal["revocations"], year))
        total = run.n(sum(run.figure(cal["reactions_by_profession"], year).values()))
        other = total - revocations
        enterprises = run.n({2022: 20, 2023: 24}.get(year, 20))
        types = {"revocation": revocations, "breach_noted": enterprises}
        other_types = ["limitation", "prescribing_rights_revocation", "professional_order"]
        weights = [22, 5, 6]
        if year <= 2022:  # «Det ble ikke gitt faglig pålegg i 2022» (tabell 1)
            weights = [22, 5, 0]
        split = largest_remainder(other, weights)
        types.update(dict(zip(other_types, split)))
        origins = list(closed)
        for t, n in types.items():
            weights = [by_origin[o][TYPES.index(t) + 1] or 0.2 for o in origins]
            counts = allocate_capped(n, weights, [closed[o] * 2 for o in origins])
            for o, k in zip(origins, counts):
                plan.setdefault(o, {"reactions": {}})["reactions"][t] = k
        for o in origins:
            n_reactions = sum(plan[o]["reactions"].values())
            ratio = 1 - sum(non_reaction[o]) / by_origin[o][0]
            with_reactions = min(n_reactions, closed[o], round(closed[o] * ratio))
            without = closed[o] - with_reactions
            weights = non_reaction[o] if sum(non_reaction[o]) else [1, 1, 1, 0]
            counts = largest_remainder(without, weights)
            plan[o]["with"] = with_reactions
            plan[o]["non_reaction"] = [c for c, k in zip(NON_REACTION, counts) for _ in range(k)]
        plan.get(OWN, {})["enterprise_cases"] = round(OWN_ENTERPRISE_CASES_2024 * closed.get(OWN, 0) / 51)
    for o in plan:
        plan[o].setdefault("enterprise_cases", plan[o]["reactions"].get("breach_noted", 0))
    return plan


def _persons(run: Run, year: int, plan: dict) -> dict[str, list[list[str]]]:
    """Group each origin's reactions into the cases (persons, enterprises) they fall in: as many groups as
    cases with reactions; persons who lose two authorisations make the revocations exceed the persons."""
    cal = run.cal["htil_supervision"]
    revocations = sum(p["reactions"].get("revocation", 0) for p in plan.values())
    persons = run.n(run.figure(cal["revoked_persons"], year)) if year in (2022, 2023, 2024) else revocations
    double_revocations = max(0, revocations - persons)
    result = {}
    for origin in list(run.offices) + [OWN, FOREIGN]:
        if origin not in plan:
            continue
        p = plan[origin]
        pool = [t for t in sorted(p["reactions"], key=lambda t: TYPES.index(t) if t in TYPES else 9)
                for _ in range(p["reactions"][t])]
        extras = max(0, len(pool) - p["with"])
        groups = []
        while extras and double_revocations and pool.count("revocation") >= 2:
            pool.remove("revocation"), pool.remove("revocation")
            groups.append(["revocation", "revocation"])
            extras -= 1
            double_revocations -= 1
        while extras and pool.count("breach_noted") >= 2:
            pool.remove("breach_noted"), pool.remove("breach_noted")
            groups.append(["breach_noted", "breach_noted"])
            extras -= 1
        personnel = [t for t in pool if t != "breach_noted"]
        # Other pairs: one person, two kinds of reaction (never two revocations: those are counted above).
        while extras and any(t != "revocation" for t in personnel) and len(set(personnel)) >= 2:
            first = next(t for t in personnel if t != "revocation")
            personnel.remove(first)
            second = next(t for t in personnel if t != first)
            personnel.remove(second)
            pool.remove(first), pool.remove(second)
            groups.append([first, second])
            extras -= 1
        groups += [[t] for t in pool]
        result[origin] = groups
    return result


def _professions_and_reasons(run: Run, rng: random.Random, year: int, cases: list[HtilCase]) -> None:
    cal = run.cal["htil_supervision"]
    people = [c for c in cases if c.reactions and not c.enterprise]
    if year == 2024:
        table = cal["reactions_2024_by_profession"]
        columns = ["professional_order", "limitation", "revocation", "prescribing_rights_revocation"]
        remaining = {label: dict(zip(columns, run.ns(values))) for label, values in table.items()}
    else:
        totals = run.nd(run.figure(cal["reactions_by_profession"], year))
        remaining = {label: {"any": n} for label, n in totals.items()}
    order = sorted(people, key=lambda c: -len(c.reactions[0]))
    labels = {}
    for c in order:
        types = c.reactions[0]
        candidates = [label for label, left in remaining.items() if _fits(left, types)]
        if not candidates:
            candidates = list(remaining)
        weights = [max(sum(remaining[label].values()), 0.01) for label in candidates]
        if any(t in ("prescribing_rights_revocation", "professional_order", "warning") for t in types) \
                and "Leger" in candidates and year != 2024:
            label = "Leger"
        else:
            label = rng.choices(candidates, weights)[0]
        for t in types:
            key = t if t in remaining[label] else "any"
            if remaining[label].get(key, 0) > 0:
                remaining[label][key] -= 1
        labels[id(c)] = label
    _concrete_professions(run, rng, year, people, labels)
    _revocation_reasons(run, rng, year, people)


def _fits(left: dict, types: list[str]) -> bool:
    if "any" in left:
        return left["any"] >= len(types)
    need: dict[str, int] = {}
    for t in types:
        need[t] = need.get(t, 0) + 1
    return all(left.get(t, 0) >= k for t, k in need.items())


def _concrete_professions(run: Run, rng: random.Random, year: int, people: list[HtilCase], labels: dict) -> None:
    """Profession codes within each printed group; in 2024 two of the «annet» group are midwives (vedlegg 41)."""
    midwives = run.n(run.figure(run.cal["htil_supervision"]["reactions_by_profession"], year).get("Jordmødre", 0))
    for c in people:
        label = labels[id(c)]
        table = "vedlegg-40" if year == 2024 else "vedlegg-41"
        codes = reference.professions_labelled(table, label) or ["other"]
        if label == "Annet autorisert helsepersonell":
            if midwives > 0 and "midwife" in codes:
                code = "midwife"
                midwives -= 1
            else:
                code = rng.choice([c for c in codes if c != "midwife"] or codes)
        else:
            code = rng.choice(codes)
        c.profession = code


def _revocation_reasons(run: Run, rng: random.Random, year: int, people: list[HtilCase]) -> None:
    cal = run.cal["htil_supervision"]
    revocations = [(c, k) for c in people for k, t in enumerate(c.reactions[0]) if t == "revocation"]
    group_of = {t["code"]: (t.get("report_labels") or {}).get("tabell-14", "Andre")
                for t in reference.terms("profession")}
    if year == 2024:
        by_group: dict[str, list] = {}
        for item in revocations:
            by_group.setdefault(group_of[item[0].profession], []).append(item)
        for group, counts in cal["revocation_reasons_2024_by_group"].items():
            _give_reasons(rng, by_group.get(group, []), {code: run.n(v[0]) for code, v in counts.items()})
    else:
        _give_reasons(rng, revocations, run.nd(run.figure(cal["revocation_reasons"], year)))


def _give_reasons(rng: random.Random, revocations: list, counts: dict[str, int]) -> None:
    """Reasons over revocations, each at least one, none twice; «lost approval abroad» to foreign cases first."""
    if not revocations:
        return
    revocations = sorted(revocations, key=lambda item: item[0].origin != FOREIGN)
    abroad = min(counts.pop("lost_approval_abroad", 0), len(revocations))
    tags = [["lost_approval_abroad"] if i < abroad else [] for i in range(len(revocations))]
    counts = {k: min(v, len(revocations)) for k, v in counts.items() if v}
    tags = assign_tags(len(revocations), counts, rng, start=tags)
    for (c, k), reasons in zip(revocations, tags):
        c.reasons[k] = reasons or ["professional_failure"]


# -- the case as a whole -------------------------------------------------------------------------------------
def _finish(run: Run, rng: random.Random, item: HtilCase) -> None:
    case = item.case
    office = item.origin if item.origin in run.offices else rng.choice(run.offices)
    pools = run.pools
    decided = case.closed
    profession = item.profession or pools.profession(rng)
    reasons = item.reasons
    if item.enterprise:
        level = "specialist" if rng.random() < 0.75 else "municipal"
        enterprises = max(1, len(item.reactions)) + (1 if item.extra_enterprise else 0)
        case.parties = [enterprise_party(f"v{i + 1}", "supervised", pools.health_enterprise(rng, office, level),
                                         object_type="enterprise", service_level=level) for i in range(enterprises)]
        name = case.parties[0]["name"]
        case.title = f"Tilsynssak – {name}"
        case.summary = rng.choice([
            "Helsetilsynet undersøker om virksomheten har sikret forsvarlig drift etter en alvorlig hendelse.",
            "Tilsynssaken gjelder virksomhetens styring og kontroll med pasientbehandlingen.",
            "Saken gjelder om virksomheten har lagt til rette for at personellet kan overholde sine plikter.",
        ])
        reactions = [{"party": f"v{i + 1}", "type": t[0], "decided": decided}
                     for i, t in enumerate(item.reactions)] if decided else []
    else:
        level = rng.choice(["specialist", "municipal", "municipal", "outside"])
        person = pools.person(rng, office, age=(27, 68))
        case.parties = [person_party("p1", "supervised", person, object_type="health_personnel",
                                     profession=profession, service_level=level)]
        name = person.name
        case.title = f"Tilsynssak – {name}"
        case.summary = rng.choice([
            "Vurdering av administrativ reaksjon etter opplysninger om rusmiddelbruk i arbeidstiden.",
            "Saken gjelder om helsepersonellet har gitt forsvarlig helsehjelp, og om det er grunnlag for "
            "reaksjon mot autorisasjonen.",
            "Opplysninger om legemiddeltyveri fra arbeidsgiver; vurdering av tilbakekall av autorisasjon.",
            "Vurdering av om helsepersonellet er uegnet til å utøve yrket forsvarlig (hpl. § 57).",
            "Saken gjelder forskrivning av vanedannende legemidler og vurdering av rekvireringsretten.",
        ])
        reactions = []
        if decided and item.reactions:
            for k, t in enumerate(item.reactions[0]):
                r = {"party": "p1", "type": t, "decided": decided,
                     "revocation_reasons": reasons.get(k, []) if t == "revocation" else []}
                if t in ("revocation", "limitation"):
                    r["imi_notified"] = _weekday_after(decided, rng.randint(1, 3))
                reactions.append(r)
    _outcome_fields(run, rng, item, reactions)
    case.block.update({"sources": _sources(rng, item.origin), "reactions": reactions})
    case.priority = any(r["type"] == "revocation" for r in reactions) and rng.random() < 0.5
    _journal(run, rng, item, name, office)


def _outcome_fields(run: Run, rng: random.Random, item: HtilCase, reactions: list[dict]) -> None:
    case = item.case
    if not case.closed:
        return
    if item.non_reaction:
        case.block["non_reaction_outcome"] = item.non_reaction
        if item.non_reaction == "voluntary_surrender":
            span = (case.closed - case.received).days
            case.block["voluntary_surrender"] = case.closed - timedelta(days=rng.randint(0, min(40, span)))
    span = (case.closed - case.received).days
    if item.suspended:
        case.block["suspended"] = case.received + timedelta(days=rng.randint(0, max(0, min(30, span - 1))))
    if item.police:
        case.block["police_report"] = case.closed - timedelta(days=rng.randint(0, min(20, span)))


def _sources(rng: random.Random, origin: str) -> list[str]:
    if origin == FOREIGN:
        return ["foreign_authority"]
    if origin == OWN:
        return [rng.choice(["htil_incident_notification", "media", "own_initiative", "employee", "notification"])]
    return [rng.choice(["patient_user", "next_of_kin", "employee", "notification", "htil_incident_notification"])]


def _journal(run: Run, rng: random.Random, item: HtilCase, name: str, office: str) -> None:
    case = item.case
    sender = {FOREIGN: "Utenlandsk tilsynsmyndighet (IMI)", OWN: ""}.get(
        item.origin, f"Statsforvalteren i {office_name(office)}")
    first = "Oversendelse av tilsynssak – {name}" if item.origin not in (OWN, FOREIGN) else \
        "Opplysninger om mulig pliktbrudd – {name}"
    case.journal = [Entry("I" if sender else "N", first, case.received, sender, name)]
    if case.closed:
        span = (case.closed - case.received).days
        if span > 20:
            case.journal.append(Entry("U", "Varsel om tilsynssak – {name}", case.received + timedelta(days=span // 4),
                                      "" if item.enterprise else name, name))
            case.journal.append(Entry("I", "Uttalelse til varsel – {name}", case.received + timedelta(days=span // 2),
                                      name, name))
        types = [t for g in item.reactions for t in g]
        title = DECISION_TITLES.get(types[0], "Avslutning av tilsynssak – {name}") if types else \
            "Avslutning av tilsynssak – {name}"
        case.journal.append(Entry("U", title, case.closed, name, name if "{name}" in title else ""))


def office_name(code: str) -> str:
    return reference.office_short_names()[code]


def _weekday_after(day: date, days: int) -> date:
    result = day + timedelta(days=days)
    while result.weekday() >= 5:
        result += timedelta(days=1)
    return result
