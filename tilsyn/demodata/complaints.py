"""Rights complaints: health and care, social services, child welfare, child welfare institutions, kap. 4A,
environmental health.

Health and care («realitetsbehandlet», complaint type `health`):
* cases per office and year (tabell 11; the 8 cases of the national backlog project 2021–2022 are placed at
  Østfold, Buskerud, Oslo og Akershus, which therefore has 1 500 in 2022 where the table prints 1 492);
* 2024: assessments per office with the rounded shares upheld / changed / quashed (vedlegg 30), assessments and
  successes (changed or quashed) per provision (vedlegg 31), 8 958 cases of which 1 605 with success; patient
  travel complaints 255 quashed and 66 changed (text); tabell 1's 9 858 is a misprint of 8 958;
* received 9 567 (2024) and 9 417 (2023), backlog 3 297 → 3 455 (Oslo/Akershus 1 619 → 2 301, Vestland 867 →
  198): the flow leaves 451 rejected complaints in 2024, which have no assessments;
* within 3 months, patient travel excluded: 56 % nationally, Innlandet and Rogaland at 90 % or more, the shares
  the text names (12, 86, 42, 55, 51 %); mean time 3.6 months at the office and 1.7 at the first instance.
Social services: cases per office (vedlegg 19), assessments and outcome shares per office (vedlegg 20), success
share per provision (vedlegg 22), within 3 months per office (vedlegg 21, 7 of 10 at 90 %), received per year
(tabell 8, 2020–2024: in 2020 and 2021, whose decisions are unpublished, as many are decided as the receipts and
a backlog in proportion to them require), backlog 524 → 668; 59 rejected in 2024 (the text says 58, which would
make the backlog 669).
Child welfare services: cases per office 2024 (vedlegg 1) and per year (vedlegg 6) with the success share;
assessments and successes per provision (vedlegg 8); 67 % upheld and 27 % quashed (text); 29 % within a month
and 2.2 months on average (vedlegg 7). Here «medhold» is a changed decision; quashed ones are not counted as
success (the text's 6 + 67 + 27 = 100).
Child welfare institutions: cases per office 2024 (vedlegg 2) and per year (vedlegg 10), assessments and
successes per provision for the children's rights (vedlegg 11) and for coercion (vedlegg 12, 817 of the text's
1 003 assessments: the other 5 concern provisions the table does not print); 87 % within a month with 5
offices at 90 % (tabell 3), 0.8 months on average; of them 9 from a care centre (Oslo og Akershus), 8 within a
month and 0.7 months on average, the rest from institutions (vedlegg 13): the service complained of carries its
object type. A complaint about coercion points at the protocol it concerns (Case.origin), which is then marked
`child_complained`.
Kap. 4A: complaints per office (vedlegg 38), each pointing at a vedtak. Environmental health: 17 decided (13
upheld, 4 quashed), 5 within 3 months, 2 rejected (text).
Vedlegg 30 and 31 count complaint type `health` only: kap. 4A and environmental health complaints also use the
health catalogue, but the report counts them apart.
"""
import bisect
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tilsyn.demodata import reference, timeline
from tilsyn.demodata.allocation import (
    allocate_capped, counts_for_shares, fit_matrix, largest_remainder, outcome_counts, share_range,
)
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, person_party
from tilsyn.demodata.run import Run

PATIENT_TRAVEL = "hc-pbrl-2-6-rett-dekning-pasientreise"
SUCCESS = ("changed", "quashed")
MODELS = {
    "health": timeline.Model(75, 0.7, 3, 700), "social": timeline.Model(45, 0.6, 3, 400),
    "child_welfare": timeline.Model(55, 0.6, 3, 300), "cwi": timeline.Model(18, 0.6, 2, 200),
    "rejected": timeline.Model(20, 0.6, 2, 120), "patient_travel": timeline.Model(50, 0.7, 3, 400),
}
REJECTION_REASONS = ["Klagefristen er oversittet", "Klagen gjelder ikke et enkeltvedtak",
                     "Klager har ikke rettslig klageinteresse", "Vedtaket er ikke endelig i førsteinstansen"]
OUTCOME_TITLES = {"upheld": "Vedtak i klagesak – stadfestet", "changed": "Vedtak i klagesak – endret",
                  "quashed": "Vedtak i klagesak – opphevet"}


@dataclass(eq=False)
class Spec:
    """One complaint before it has dates: its assessments, and whether it counts for the time limit."""
    office: str
    assessments: list[tuple[str, str]] = field(default_factory=list)  # (provision, outcome)
    rejected: bool = False
    counts_for_limit: bool = True
    duration: timeline.Duration | None = None
    timing: timeline.Timing | None = None


def generate(run: Run, coercion: dict) -> None:
    health(run)
    social(run)
    child_welfare(run)
    institutions(run, coercion["protocols"])
    ch4a(run, coercion["ch4a"])
    environmental(run)


# -- helpers -------------------------------------------------------------------------------------------------
def flows(run: Run, closed: dict[int, int], rejected_rate: float, received: dict[int, int],
          backlog: dict[int, int]) -> tuple[dict[int, int], dict[int, int]]:
    """Rejected per year and backlog at the end of each year (and the year before the first), from what is
    published: backlog = backlog before + received − decided − rejected."""
    rejected = {y: round(closed[y] * rejected_rate) for y in run.years}
    ends = {}
    years = [run.first - 1] + run.years
    for y in reversed(years):
        if y in backlog:
            ends[y] = backlog[y]
        elif y + 1 in ends and y + 1 in received:
            ends[y] = max(0, ends[y + 1] - received[y + 1] + closed[y + 1] + rejected[y + 1])
        else:
            nearest = min(ends or backlog, key=lambda k: abs(k - y))
            known = ends or backlog
            ends[y] = round(known[nearest] * closed.get(y, closed.get(y + 1, closed[run.first]))
                            / closed.get(nearest, max(closed.values())))
    return rejected, ends


def place_specs(run: Run, rng: random.Random, year: int, specs_by_office: dict[str, list[Spec]],
                carried: dict[str, int]) -> None:
    for office, specs in specs_by_office.items():
        timings = timeline.place(rng, year, [s.duration for s in specs], carried.get(office, 0))
        for spec, timing in zip(specs, timings):
            spec.timing = timing


def draw(rng: random.Random, specs: list[Spec], model: timeline.Model, within: int | None, limit: timeline.Limit,
         rejected_model: timeline.Model = MODELS["rejected"], other_model: timeline.Model | None = None) -> None:
    """Durations for one office's specs: `within` of those counting for the limit within it."""
    counting = [s for s in specs if s.counts_for_limit and not s.rejected]
    if within is None:
        drawn = timeline.durations(rng, len(counting), model)
    else:
        drawn = timeline.durations(rng, len(counting), model, within=within, limit=limit)
    for s, d in zip(counting, drawn):
        s.duration = d
    for s in specs:
        if s.duration is None:
            m = rejected_model if s.rejected else (other_model or model)
            s.duration = timeline.durations(rng, 1, m)[0]


def group(rng: random.Random, items: list[tuple[str, str]], n_cases: int, double_success: int = 0,
          success_outcomes: tuple[str, ...] = SUCCESS) -> list[list[tuple[str, str]]]:
    """Items (provision, outcome) into n_cases cases of one or two items, a provision once per case where
    possible: `double_success` cases hold two successful assessments, the other pairs at most one, so that the
    cases with success are the successful items less `double_success`."""
    items = list(items)
    rng.shuffle(items)
    extra = len(items) - n_cases
    success = [i for i in items if i[1] in success_outcomes]
    others = [i for i in items if i[1] not in success_outcomes]
    cases: list[list[tuple[str, str]]] = []

    def take_pair(first_pool: list, second_pool: list) -> None:
        first = first_pool.pop()
        k = next((k for k in range(len(second_pool) - 1, -1, -1) if second_pool[k][0] != first[0]),
                 len(second_pool) - 1)
        cases.append([first, second_pool.pop(k)])

    for _ in range(max(0, min(double_success, extra, len(success) // 2))):
        take_pair(success, success)
        extra -= 1
    while extra > 0 and len(others) >= 2:
        take_pair(others, others)
        extra -= 1
    while extra > 0 and others and success:
        take_pair(others, success)
        extra -= 1
    while extra > 0 and len(success) >= 2:
        take_pair(success, success)
        extra -= 1
    cases += [[i] for i in others + success]
    rng.shuffle(cases)
    return cases


def explicit_cases(rng: random.Random, items: dict[str, list[str]], cases: dict[str, int]) -> list[list]:
    """Cases with one outcome each: cases[outcome] cases share items[outcome] (provisions), one or more each."""
    result = []
    for outcome, provisions in items.items():
        n = cases.get(outcome, 0)
        provisions = list(provisions)
        rng.shuffle(provisions)
        groups = [[(p, outcome)] for p in provisions[:n]]
        for k, p in enumerate(provisions[n:]):
            target = groups[k % len(groups)] if groups else None
            if target is not None:
                target.append((p, outcome))
        result += groups
    rng.shuffle(result)
    return result


def success_matrix(n: list[list[int]], success: list[int], by_office: dict[str, tuple[int, int]],
                   offices: list[str]) -> tuple[list[list[int]], dict[str, tuple[int, int]]]:
    """Successful assessments per office × provision, within the assessments of each cell, adding up to the
    offices' and the provisions' successes. When the cells cannot hold them (scaled or unpublished volumes),
    each cell gets its provision's rate instead and the offices' successes follow from the cells."""
    try:
        m = fit_matrix([sum(by_office[o]) for o in offices], success,
                       [[n[i][j] * 1.0 for j in range(len(success))] for i in range(len(offices))], caps=n)
        return m, by_office
    except ValueError:
        totals = [sum(n[i][j] for i in range(len(offices))) for j in range(len(success))]
        m = [[min(n[i][j], round(n[i][j] * success[j] / totals[j])) if totals[j] else 0
              for j in range(len(success))] for i in range(len(offices))]
        result = {}
        for i, o in enumerate(offices):
            row = sum(m[i])
            c, q = by_office[o]
            changed = round(row * c / (c + q)) if c + q else 0
            result[o] = (changed, row - changed)
        return m, result


def _adjust_first_instance(rng: random.Random, specs: list[Spec], mean_days: float) -> dict[Spec, int]:
    """Days each complaint spent at the first instance (received there → forwarded), with the given mean."""
    days = [max(3, min(240, round(rng.gammavariate(2.2, mean_days / 2.2)))) for _ in specs]
    target = round(mean_days * len(specs))
    diff = target - sum(days)
    while diff:
        i = rng.randrange(len(days))
        step = 1 if diff > 0 else -1
        if 3 <= days[i] + step <= 240:
            days[i] += step
            diff -= step
    return dict(zip(specs, days))


def build_case(run: Run, rng: random.Random, spec: Spec, *, complaint_type: str, sector: str, code: str,
               complainant: dict, service: dict, title: str, summary: str, first_instance_days: int | None = None,
               origin: str = "", deadline_days: int = 91) -> DemoCase:
    t = spec.timing
    received = t.received
    fi_days = first_instance_days if first_instance_days is not None else rng.randint(10, 60)
    fi_received = received - timedelta(days=fi_days)
    decision = fi_received - timedelta(days=rng.randint(3, 28))
    block = {"complaint_type": complaint_type, "service_decision_date": decision,
             "first_instance_received": fi_received, "first_instance_forwarded": received}
    if spec.rejected:
        block["rejected"] = True
        block["rejection_reason"] = rng.choice(REJECTION_REASONS)
    name = complainant["name"]
    entries = [Entry("I", "Klage oversendt fra førsteinstansen – {name}", received, service["name"], name)]
    outcome = _case_outcome(spec)
    if t.closed:
        if t.closed - received > timedelta(days=30) and not spec.rejected:
            entries.append(Entry("U", "Foreløpig svar – {name}", received + timedelta(days=14), name, name))
        title_out = "Vedtak om avvisning av klage – {name}" if spec.rejected else \
            OUTCOME_TITLES[outcome] + " – {name}"
        entries.append(Entry("U", title_out, t.closed, name, name))
    assessments = [{"provision": p, "outcome": o if t.closed else ""} for p, o in spec.assessments] \
        if not spec.rejected else []
    for a in assessments:
        if not a["outcome"]:
            del a["outcome"]
    case = DemoCase(
        external_id=run.new_id(spec.office, code, received), kind="rights_complaint", office=spec.office,
        sector=sector, title=title, summary=summary, received=received, closed=t.closed, origin=origin,
        municipality=service.get("municipality", ""), deadline=received + timedelta(days=deadline_days),
        parties=[complainant, service], assessments=assessments, journal=entries, block=block,
    )
    return run.add(case)


def _case_outcome(spec: Spec) -> str:
    outcomes = [o for _, o in spec.assessments]
    for o in ("changed", "quashed"):
        if o in outcomes:
            return o
    return "upheld"


def _complainant(run: Run, rng: random.Random, office: str, on: date, *, age=(18, 90), role="complainant"):
    person = run.pools.person(rng, office, age=age, on=on)
    return person_party("k1", role, person), person


# -- health and care -----------------------------------------------------------------------------------------
HEALTH_SERVICES_MUNICIPAL = ["tildelingskontoret", "helse- og omsorgstjenesten", "hjemmetjenesten",
                             "avlastningstjenesten", "tjenestekontoret"]


def health(run: Run) -> None:
    cal = run.cal["health_complaints"]
    rng = run.rng("complaints", "health")
    closed = {y: _health_cases_by_office(run, y) for y in run.years}
    totals = {y: sum(v.values()) for y, v in closed.items()}
    received = {int(y): run.n(v) for y, v in cal["received"].items()}
    backlog = {int(y): run.n(v) for y, v in cal["backlog"].items()}
    decided_2024 = run.n(sum(cal["closed_by_office"]["2024"].values()))
    rejected_2024 = backlog[2023] + received[2024] - decided_2024 - backlog[2024]  # 451
    rejected, ends = flows(run, totals, rejected_2024 / decided_2024, received, backlog)
    office_ends = _office_backlogs(run, ends, closed)
    for year in run.years:
        specs = _health_specs(run, rng, year, closed[year])
        rejected_by_office = dict(zip(run.offices, largest_remainder(rejected[year], list(closed[year].values()))))
        for o in run.offices:
            specs[o] += [Spec(o, rejected=True, counts_for_limit=False) for _ in range(rejected_by_office[o])]
        within = _health_within(run, specs) if year == 2024 else {}
        all_decided = []
        for o in run.offices:
            draw(rng, specs[o], MODELS["health"], within.get(o), timeline.THREE_MONTHS,
                 other_model=MODELS["patient_travel"])
            all_decided += [s.duration for s in specs[o] if not s.rejected]
        if year == 2024:
            timeline.adjust_mean(rng, all_decided, timeline.MONTH_DAYS * cal["mean_months_2024"]["county_governor"])
        carried = {o: min(office_ends[(o, year - 1)], len(specs[o])) for o in run.offices}
        place_specs(run, rng, year, specs, carried)
        decided = [s for o in run.offices for s in specs[o] if not s.rejected]
        fi_mean = timeline.MONTH_DAYS * cal["mean_months_2024"]["first_instance"]
        first_instance = _adjust_first_instance(rng, decided, fi_mean)
        for o in run.offices:
            for spec in specs[o]:
                _health_case(run, rng, spec, first_instance.get(spec))
    for o in run.offices:
        for timing in timeline.open_at_end(rng, run.last, office_ends[(o, run.last)], 120):
            spec = Spec(o, assessments=[(rng.choice(_health_codes()), "")], timing=timing)
            _health_case(run, rng, spec, None)


def _health_codes() -> list[str]:
    return [p["code"] for p in reference.provisions("health-complaint")]


def _health_cases_by_office(run: Run, year: int) -> dict[str, int]:
    cal = run.cal["health_complaints"]
    y = run.published_year(year, cal["closed_by_office"])
    counts = dict(cal["closed_by_office"][y])
    if y == "2022":
        counts[run.offices[0]] += cal["national_backlog_project_2022"]
    return run.nd({o: counts[o] for o in run.offices})


def _office_backlogs(run: Run, ends: dict[int, int], closed: dict[int, dict[str, int]]) -> dict:
    known = run.cal["health_complaints"]["backlog_by_office"]
    result = {}
    for y, total in ends.items():
        fixed = {o: run.n(v[str(y)]) for o, v in known.items() if str(y) in v}
        rest = [o for o in run.offices if o not in fixed]
        base = closed.get(y + 1) or closed.get(y) or closed[run.first]
        spread = largest_remainder(max(0, total - sum(fixed.values())), [base[o] for o in rest])
        result.update({(o, y): n for o, n in zip(rest, spread)})
        result.update({(o, y): n for o, n in fixed.items()})
    return result


def _health_specs(run: Run, rng: random.Random, year: int, cases: dict[str, int]) -> dict[str, list[Spec]]:
    cal = run.cal["health_complaints"]
    table = cal["assessments"]
    codes = list(table)
    y = run.published_year(year, cal["closed_by_office"])
    column = {"2022": 0, "2023": 1, "2024": 2}[y]
    provision_totals = run.ns([table[c][column] for c in codes])
    outcomes = cal["outcomes_2024"]
    if y == "2024":
        assessments = {o: run.n(outcomes[o][0]) for o in run.offices}
        success = run.ns([table[c][3] for c in codes])
        success_cases = run.n(cal["assessment_cases"]["success_2024"])
    else:
        extra = sum(provision_totals) - sum(cases.values())
        assessments = {o: cases[o] + k for o, k in zip(run.offices, largest_remainder(
            extra, [outcomes[o][0] - run.cal["health_complaints"]["closed_by_office"]["2024"][o] + 1
                    for o in run.offices]))}
        rates = [table[c][3] / table[c][2] if table[c][2] else 0.18 for c in codes]
        success = [round(t * r) for t, r in zip(provision_totals, rates)]
        success_cases = round(sum(success) * cal["assessment_cases"]["success_2024"]
                              / sum(v[3] for v in table.values()))
    total_success = sum(success)
    printed = {o: tuple(outcomes[o][1:]) for o in run.offices}
    national = tuple(cal["outcomes_2024_national"][1:])
    if y == "2024":
        by_office = outcome_counts(assessments, printed, national, (total_success, total_success), rng)
    else:
        by_office = _rate_outcomes(assessments, printed, total_success)
    pt = codes.index(PATIENT_TRAVEL)
    travel_weights = {"SFVL": 2.6, "SFAGD": 0.5, "SFTF": 0.5}
    weights = [[provision_totals[j] * (travel_weights.get(o, 1.0) if j == pt else 1.0) + 0.01
                for j in range(len(codes))] for o in run.offices]
    n = fit_matrix([assessments[o] for o in run.offices], provision_totals, weights)
    m, by_office = success_matrix(n, success, by_office, run.offices)
    travel = cal["patient_travel_2024"]
    travel_changed = run.n(travel["changed"]) if y == "2024" else round(success[pt] * travel["changed"] /
                                                                         (travel["changed"] + travel["quashed"]))
    changed_pt = allocate_capped(travel_changed, [m[i][pt] + 0.01 for i in range(len(run.offices))],
                                 [min(m[i][pt], by_office[o][0]) for i, o in enumerate(run.offices)])
    specs = {}
    extras = [assessments[o] - cases[o] for o in run.offices]
    caps = [min(e, sum(by_office[o]) // 2) for e, o in zip(extras, run.offices)]
    double = dict(zip(run.offices, allocate_capped(min(sum(caps), max(0, total_success - success_cases)),
                                                   [sum(by_office[o]) for o in run.offices], caps)))
    for i, o in enumerate(run.offices):
        changed_left = by_office[o][0] - changed_pt[i]
        other_success = [(codes[j], m[i][j]) for j in range(len(codes)) if j != pt]
        changed_other = allocate_capped(changed_left, [k + 0.01 for _, k in other_success],
                                        [k for _, k in other_success])
        items = []
        for (code, k), c in zip(other_success, changed_other):
            items += [(code, "changed")] * c + [(code, "quashed")] * (k - c)
        items += [(PATIENT_TRAVEL, "changed")] * changed_pt[i]
        items += [(PATIENT_TRAVEL, "quashed")] * (m[i][pt] - changed_pt[i])
        for j, code in enumerate(codes):
            items += [(code, "upheld")] * (n[i][j] - m[i][j])
        travel_items = [it for it in items if it[0] == PATIENT_TRAVEL]
        other_items = [it for it in items if it[0] != PATIENT_TRAVEL]
        grouped = group(rng, other_items, cases[o] - len(travel_items), double[o])
        specs[o] = [Spec(o, assessments=g) for g in grouped] + \
                   [Spec(o, assessments=[it], counts_for_limit=False) for it in travel_items]
    return specs


def _rate_outcomes(assessments: dict[str, int], printed: dict, total_success: int) -> dict[str, tuple[int, int]]:
    offices = list(assessments)
    success = largest_remainder(total_success, [assessments[o] * (printed[o][1] + printed[o][2]) for o in offices])
    return {o: (round(s * printed[o][1] / max(1, printed[o][1] + printed[o][2])),
                s - round(s * printed[o][1] / max(1, printed[o][1] + printed[o][2]))) for o, s in zip(offices, success)}


def _health_within(run: Run, specs: dict[str, list[Spec]]) -> dict[str, int]:
    cal = run.cal["health_complaints"]
    totals = {o: sum(1 for s in specs[o] if s.counts_for_limit and not s.rejected) for o in run.offices}
    target = cal["within_target_2024"]
    return counts_for_shares(totals, national_share=target["result_share"], printed=cal["within_2024_named"],
                             threshold=90, reached=target["embeter_reached"], must_reach=cal["within_2024_reached"],
                             preferred={"SFVL": 74, "SFTRL": 70, "SFTF": 66}, rng=run.rng("complaints", "within"))


def _health_case(run: Run, rng: random.Random, spec: Spec, first_instance_days: int | None) -> None:
    pools = run.pools
    provision = spec.assessments[0][0] if spec.assessments else rng.choice(_health_codes())
    complainant, person = _complainant(run, rng, spec.office, spec.timing.received)
    if provision == PATIENT_TRAVEL:
        service = pools.patient_travel_office(rng, spec.office)
    elif provision.startswith("hc-pbrl-2-1a") or "egenandel" in provision or "omsorgs" in provision:
        m = person.municipality
        name = f"{m.name} kommune, {rng.choice(HEALTH_SERVICES_MUNICIPAL)}"
        service = pools.enterprise(("hc", m.number, name), name, m, "municipal")
    else:
        service = pools.hospital(rng, spec.office)
    label = _labels()[provision]
    title = f"Klage – {label} – {person.name}"
    summary = f"Klage på vedtak fra {service.name} om {label.lower()}."
    build_case(run, rng, spec, complaint_type="health", sector="health", code="HK", complainant=complainant,
               service=enterprise_party("t1", "service", service), title=title, summary=summary,
               first_instance_days=first_instance_days)


def _labels() -> dict[str, str]:
    if not hasattr(_labels, "cache"):
        labels = {}
        for catalogue in ("health-complaint", "social-complaint", "cw-complaint", "cwi-rights-complaint",
                          "cwi-coercion-complaint"):
            for p in reference.provisions(catalogue):
                label = p["label"].lstrip("- ").strip()
                if p.get("section") and p["label"].startswith("-"):
                    label = f"{p['section'].split('. ', 1)[-1]}: {label}"
                labels[p["code"]] = label
        _labels.cache = labels
    return _labels.cache


# -- social services -----------------------------------------------------------------------------------------
def social(run: Run) -> None:
    cal = run.cal["social"]
    rng = run.rng("complaints", "social")
    closed = {y: run.nd(run.figure(cal["complaints_by_office"], y)) for y in run.years}
    totals = {y: sum(v.values()) for y, v in closed.items()}
    received = {int(y): run.n(v) for y, v in cal["complaints_received"].items()}
    backlog = {int(y): run.n(v) for y, v in cal["complaints_backlog"].items()}
    decided_2024 = run.n(sum(cal["complaints_by_office"]["2024"].values()))
    rejected_2024 = backlog[2023] + received[2024] - decided_2024 - backlog[2024]  # 59
    rate = rejected_2024 / decided_2024
    for year in sorted(run.years, reverse=True):
        if received.get(year) and not run.is_published(cal["complaints_by_office"], year):
            totals[year] = _decided_for_received(run, totals, rate, received, backlog, year)
            closed[year] = dict(zip(run.offices, largest_remainder(totals[year], list(closed[year].values()))))
    rejected, ends = flows(run, totals, rate, received, backlog)
    for year in run.years:
        specs = _social_specs(run, rng, year, closed[year])
        rejected_by_office = dict(zip(run.offices, largest_remainder(rejected[year], list(closed[year].values()))))
        for o in run.offices:
            specs[o] += [Spec(o, rejected=True, counts_for_limit=False) for _ in range(rejected_by_office[o])]
        within = {}
        if year == 2024:
            target = cal["complaints_within_target_2024"]
            totals_o = {o: closed[year][o] for o in run.offices}
            within = counts_for_shares(totals_o, national_share=target["result_share"],
                                       printed=cal["complaints_within_2024"], threshold=90,
                                       reached=target["embeter_reached"], rng=run.rng("complaints", "social-within"))
        for o in run.offices:
            draw(rng, specs[o], MODELS["social"], within.get(o), timeline.THREE_MONTHS)
        carried = dict(zip(run.offices, largest_remainder(ends[year - 1], list(closed[year].values()))))
        place_specs(run, rng, year, specs, carried)
        for o in run.offices:
            for spec in specs[o]:
                _social_case(run, rng, spec)
    last = closed[run.last]
    for o, n in zip(run.offices, largest_remainder(ends[run.last], list(last.values()))):
        for timing in timeline.open_at_end(rng, run.last, n, 45):
            _social_case(run, rng, Spec(o, assessments=[("sc-stonad-livsopphold-18", "")], timing=timing))


def _decided_for_received(run: Run, totals: dict[int, int], rate: float, received: dict[int, int],
                          backlog: dict[int, int], year: int) -> int:
    """Complaints decided in a year whose receipts are published (tabell 8) but not its decisions (2020, 2021):
    received + backlog at the start − backlog at the end, less the rejected, with the backlog at the start in
    proportion to the receipts (of the year before, to the year's)."""
    _, ends = flows(run, totals, rate, received, backlog)
    before = round(ends[year] * received.get(year - 1, received[year]) / received[year])
    return max(0, round((before + received[year] - ends[year]) / (1 + rate)))


def _social_specs(run: Run, rng: random.Random, year: int, cases: dict[str, int]) -> dict[str, list[Spec]]:
    cal = run.cal["social"]
    table = cal["complaint_assessments_2024"]
    codes = list(table)
    outcomes = cal["complaint_outcomes_2024"]
    if year == 2024:
        assessments = {o: run.n(outcomes[o][0]) for o in run.offices}
        provision_totals = run.ns([table[c][0] for c in codes])
        ranges = [share_range(t, table[c][1]) for t, c in zip(provision_totals, codes)]
        success_range = (sum(r[0] for r in ranges), sum(r[1] for r in ranges))
        printed = {o: tuple(outcomes[o][1:]) for o in run.offices}
        by_office = outcome_counts(assessments, printed, tuple(cal["complaint_outcomes_2024_national"][1:]),
                                   success_range, rng)
        total = sum(c + q for c, q in by_office.values())
        success = [r[0] for r in ranges]
        room = [max(0, r[1] - r[0]) for r in ranges]
        if sum(success) <= total <= sum(success) + sum(room):
            for j, k in enumerate(allocate_capped(total - sum(success), room, room)):
                success[j] += k
        else:  # scaled volumes only
            success = allocate_capped(min(total, sum(provision_totals)),
                                      [t * table[c][1] + 0.01 for t, c in zip(provision_totals, codes)],
                                      provision_totals)
    else:
        ratio = sum(v[0] for v in table.values()) / sum(cal["complaints_by_office"]["2024"].values())
        assessments = {o: round(cases[o] * ratio) for o in run.offices}
        provision_totals = largest_remainder(sum(assessments.values()), [table[c][0] for c in codes])
        success = [round(t * table[c][1] / 100) for t, c in zip(provision_totals, codes)]
        printed = {o: tuple(outcomes[o][1:]) for o in run.offices}
        by_office = _rate_outcomes(assessments, printed, sum(success))
    n = fit_matrix([assessments[o] for o in run.offices], provision_totals,
                   [[t + 0.01 for t in provision_totals] for _ in run.offices])
    m, by_office = success_matrix(n, success, by_office, run.offices)
    specs = {}
    for i, o in enumerate(run.offices):
        row_success = [(codes[j], m[i][j]) for j in range(len(codes))]
        changed = allocate_capped(by_office[o][0], [k + 0.01 for _, k in row_success], [k for _, k in row_success])
        items = []
        for (code, k), c in zip(row_success, changed):
            items += [(code, "changed")] * c + [(code, "quashed")] * (k - c)
        for j, code in enumerate(codes):
            items += [(code, "upheld")] * (n[i][j] - m[i][j])
        grouped = group(rng, items, cases[o], double_success=round(sum(by_office[o]) * 0.08))
        specs[o] = [Spec(o, assessments=g) for g in grouped]
    return specs


def _social_case(run: Run, rng: random.Random, spec: Spec) -> None:
    nav = run.pools.nav_office(rng, spec.office)
    person = run.pools.person(rng, spec.office, age=(18, 75), municipality=nav.municipality, on=spec.timing.received)
    provision = spec.assessments[0][0] if spec.assessments else "sc-stonad-livsopphold-18"
    label = _labels()[provision]
    build_case(run, rng, spec, complaint_type="social", sector="social", code="SK",
               complainant=person_party("k1", "complainant", person), service=enterprise_party("t1", "service", nav),
               title=f"Klage på vedtak fra {nav.name} – {person.name}",
               summary=f"Klage på {nav.name}s vedtak etter sosialtjenesteloven: {label.lower()}.",
               first_instance_days=rng.randint(7, 45))


# -- child welfare services ----------------------------------------------------------------------------------
def child_welfare(run: Run) -> None:
    cal = run.cal["child_welfare"]
    rng = run.rng("complaints", "child_welfare")
    table = cal["complaint_assessments_2024"]
    codes = list(table)
    per_office_2024 = cal["complaints_2024_by_office"]
    for year in run.years:
        y = run.published_year(year, cal["complaints_by_year"])
        n_cases = run.n(cal["complaints_by_year"][y])
        by_office = dict(zip(run.offices, largest_remainder(n_cases, [per_office_2024[o] for o in run.offices])))
        if year == 2024:
            by_office = run.nd(per_office_2024)
        success_cases = _pick_in_range(n_cases, cal["complaint_success_share_by_year"][y])
        quashed_cases = _pick_in_range(n_cases, cal["complaint_quashed_share_2024"])
        upheld_cases = n_cases - success_cases - quashed_cases
        factor = n_cases / max(1, run.n(cal["complaints_by_year"]["2024"]))
        totals = [round(run.n(table[c][0]) * factor) for c in codes]
        changed = [min(t, round(run.n(table[c][1]) * factor)) for t, c in zip(totals, codes)]
        if sum(changed) < success_cases:
            changed[0] += success_cases - sum(changed)
            totals[0] = max(totals[0], changed[0])
        extra = sum(totals) - n_cases
        double_success = min(extra, sum(changed) - success_cases)
        pairs = largest_remainder(extra - double_success, [quashed_cases, upheld_cases])
        non_changed = [c for c, t, k in zip(codes, totals, changed) for _ in range(t - k)]
        rng.shuffle(non_changed)
        n_quashed = quashed_cases + pairs[0]
        items = {"changed": [c for c, k in zip(codes, changed) for _ in range(k)],
                 "quashed": non_changed[:n_quashed], "upheld": non_changed[n_quashed:]}
        grouped = explicit_cases(rng, items, {"changed": success_cases, "quashed": quashed_cases,
                                              "upheld": upheld_cases})
        specs_all = [Spec("", assessments=g) for g in grouped]
        within_total = _pick_in_range(n_cases, cal["complaint_processing_2024"]["within_one_month_share"])
        specs = _deal(rng, specs_all, by_office)
        within = dict(zip(run.offices, largest_remainder(within_total, list(by_office.values()))))
        every = []
        for o in run.offices:
            draw(rng, specs[o], MODELS["child_welfare"], within[o], timeline.ONE_MONTH)
            every += [s.duration for s in specs[o]]
        timeline.adjust_mean(rng, every, timeline.MONTH_DAYS * cal["complaint_processing_2024"]["mean_months"])
        carried = {o: round(len(specs[o]) * 0.12) for o in run.offices}
        place_specs(run, rng, year, specs, carried)
        for o in run.offices:
            for spec in specs[o]:
                _cw_case(run, rng, spec)
    for o in run.offices:
        n = round(per_office_2024[o] * 0.12 * run.scale)
        for timing in timeline.open_at_end(rng, run.last, n, 30):
            _cw_case(run, rng, Spec(o, assessments=[(rng.choice(codes), "")], timing=timing))


def _pick_in_range(n: int, pct: float) -> int:
    lo, hi = share_range(n, pct)
    return (lo + hi) // 2 if lo <= hi else round(n * pct / 100)


def _deal(rng: random.Random, specs: list[Spec], by_office: dict[str, int]) -> dict[str, list[Spec]]:
    rng.shuffle(specs)
    result, start = {}, 0
    for o, n in by_office.items():
        result[o] = specs[start:start + n]
        for s in result[o]:
            s.office = o
        start += n
    return result


def _cw_case(run: Run, rng: random.Random, spec: Spec) -> None:
    service = run.pools.child_welfare_service(rng, spec.office)
    youth = rng.random() < 0.15
    person = run.pools.person(rng, spec.office, age=(15, 17) if youth else (24, 58),
                              municipality=service.municipality, on=spec.timing.received)
    role = "child" if youth else "parent"
    label = _labels()[spec.assessments[0][0]]
    build_case(run, rng, spec, complaint_type="child_welfare", sector="child_welfare", code="BK",
               complainant=person_party("k1", role, person), service=enterprise_party("t1", "service", service),
               title=f"Klage på vedtak i barneverntjenesten – {person.name}",
               summary=f"Klage på vedtak fra {service.name}: {label}.", first_instance_days=rng.randint(7, 40))


# -- child welfare institutions ------------------------------------------------------------------------------
CARE_CENTRE_COMPLAINTS_OFFICE = "SFOBOA"


def institutions(run: Run, protocols: dict[str, list[DemoCase]]) -> None:
    cal = run.cal["institutions"]
    rng = run.rng("complaints", "institutions")
    rights = cal["rights_assessments_2024"]
    coercion = cal["coercion_2024"]
    per_office = cal["complaints_2024_by_office"]
    processing = cal["complaint_processing_2024"]
    indexes = {o: ProtocolIndex(protocols.get(o, [])) for o in run.offices}
    for year in run.years:
        y = run.published_year(year, cal["complaints_by_year"])
        n_cases = run.n(cal["complaints_by_year"][y])
        factor = n_cases / max(1, run.n(cal["complaints_by_year"]["2024"]))
        by_office = run.nd(per_office) if year == 2024 else dict(zip(run.offices, largest_remainder(
            n_cases, [per_office[o] for o in run.offices])))
        rights_items = [(c, "changed" if k < round(run.n(v[1]) * factor) else "upheld")
                        for c, v in rights.items() for k in range(round(run.n(v[0]) * factor))]
        coercion_items = [(c, "changed" if k < round(run.n(v[2]) * factor) else "upheld")
                          for c, v in coercion.items() for k in range(round(run.n(v[1]) * factor))]
        n_rights = round(n_cases * 137 / 755)
        specs_all = [Spec("", assessments=g) for g in group(rng, rights_items, n_rights,
                                                             success_outcomes=("changed",))]
        coercion_specs = [Spec("", assessments=g) for g in group(rng, coercion_items, n_cases - n_rights,
                                                                 success_outcomes=("changed",))]
        specs = _deal(rng, specs_all + coercion_specs, by_office)
        care = run.n(processing["care_centre"]["closed"]) if year == 2024 else round(9 * factor)
        target = cal["complaint_within_target_2024"]
        within = counts_for_shares(by_office, national_share=target["result_share"], threshold=90,
                                   reached=target["embeter_reached"], rng=run.rng("complaints", "cwi-within", year))
        for o in run.offices:
            draw(rng, specs[o], MODELS["cwi"], within[o], timeline.ONE_MONTH)
        care_specs = _care_centre_specs(rng, specs[CARE_CENTRE_COMPLAINTS_OFFICE], care,
                                        processing["care_centre"])
        institution = [s.duration for o in run.offices for s in specs[o] if s not in care_specs]
        timeline.adjust_mean(rng, institution,
                             timeline.MONTH_DAYS * processing["child_welfare_institution"]["mean_months"])
        place_specs(run, rng, year, specs, {o: round(len(specs[o]) * 0.04) for o in run.offices})
        for o in run.offices:
            for spec in specs[o]:
                _cwi_case(run, rng, spec, indexes[o], spec in care_specs, spec in coercion_specs)


def _care_centre_specs(rng: random.Random, specs: list[Spec], n: int, published: dict) -> set[Spec]:
    """The n complaints from a care centre: as many within a month as the published share says, with the
    published mean time. Which they are does not change the office's share within a month (tabell 3)."""
    limit = timeline.ONE_MONTH.within_max
    within = [s for s in specs if s.duration.days <= limit]
    beyond = [s for s in specs if s.duration.days > limit]
    n_within = min(len(within), round(n * published["within_one_month_share"] / 100))
    chosen = within[:n_within] + beyond[:n - n_within]
    timeline.adjust_mean(rng, [s.duration for s in chosen], timeline.MONTH_DAYS * published["mean_months"])
    return set(chosen)


def _cwi_case(run: Run, rng: random.Random, spec: Spec, protocols: "ProtocolIndex", care_centre: bool,
              coercion: bool) -> None:
    pools = run.pools
    origin = ""
    child_party = None
    if coercion and not care_centre:
        provision = spec.assessments[0][0]
        latest = spec.timing.received - timedelta(days=1)
        candidates = [p for p in protocols.before(provision, latest) if not p.block.get("child_complained")]
        if candidates:
            protocol = rng.choice(candidates[-40:])
            protocol.block["child_complained"] = True
            origin = protocol.external_id
            child_party = dict(protocol.parties[0], ref="k1")
            service = protocol.links["institution"]
    if child_party is None:
        home = pools.care_centre(rng, spec.office, 0) if care_centre else pools.institution(rng, spec.office,
                                                                                             rng.randint(0, 39))
        service = enterprise_party("t1", "service", home,
                                   object_type="care_centre" if care_centre else "child_welfare_institution")
        person = pools.person(rng, spec.office, age=(12, 17), on=spec.timing.received)
        child_party = person_party("k1", "child", person)
    label = _labels()[spec.assessments[0][0]]
    build_case(run, rng, spec, complaint_type="cwi_coercion" if coercion else "cwi_rights", sector="child_welfare",
               code="IK", complainant=child_party, service=service,
               title=f"Klage fra barn på institusjon – {child_party['name']}",
               summary=f"Barnet klager på {label[0].lower() + label[1:]} ved {service['name']}.",
               first_instance_days=rng.randint(1, 10), origin=origin, deadline_days=30)


class ProtocolIndex:
    """One office's protocols by provision, in the order used, for complaints to find theirs."""

    def __init__(self, protocols: list[DemoCase]):
        self.by_provision: dict[str, list[DemoCase]] = {}
        for p in sorted(protocols, key=lambda p: (p.block["used"], p.external_id)):
            self.by_provision.setdefault(p.block["provision"], []).append(p)
        self.dates = {k: [p.block["used"] for p in v] for k, v in self.by_provision.items()}

    def before(self, provision: str, latest: date) -> list[DemoCase]:
        """Up to 80 protocols on `provision` used on or before `latest`, the most recent last."""
        ordered = self.by_provision.get(provision, [])
        end = bisect.bisect_right(self.dates.get(provision, []), latest)
        return ordered[max(0, end - 80):end]


# -- kap. 4A and environmental health ------------------------------------------------------------------------
def ch4a(run: Run, vedtak: list[DemoCase]) -> None:
    cal = run.cal["coercion"]
    rng = run.rng("complaints", "4a")
    table = cal["ch4a_2024_by_office"]
    by_office_vedtak: dict[str, list[DemoCase]] = {}
    for v in vedtak:
        if v.closed:
            by_office_vedtak.setdefault(v.office, []).append(v)
    for year in run.years:
        if year == 2024:
            counts = {o: run.n(table[o][4]) for o in run.offices}
        else:
            total = run.n(run.figure(cal["ch4a"]["complaints"], year))
            counts = dict(zip(run.offices, largest_remainder(total, [table[o][4] + 0.3 for o in run.offices])))
        for o in run.offices:
            candidates = [v for v in by_office_vedtak.get(o, [])
                          if v.closed.year == year and v.closed <= date(year, 10, 15)]
            for k in range(counts[o]):
                if not candidates:
                    break
                v = rng.choice(candidates)
                outcome = rng.choices(["upheld", "quashed", "changed"], [8, 1.5, 0.5])[0]
                days = rng.randint(5, 60)
                received = min(v.closed + timedelta(days=rng.randint(3, 20)), date(year, 12, 31))
                closed = received + timedelta(days=days)
                timing = timeline.Timing(received, closed if closed <= date(run.last, 12, 31) else None)
                spec = Spec(o, assessments=[("hc-pbrl-kapittel-4-samtykke-rett-nekte-helsehjelp", outcome)],
                            timing=timing)
                patient = dict(v.parties[0], ref="k1", role="patient")
                build_case(run, rng, spec, complaint_type="coercion_4a", sector="health", code="AK",
                           complainant=patient, service=v.parties[1], origin=v.external_id,
                           title=f"Klage på vedtak om helsehjelp uten samtykke – {patient['name']}",
                           summary="Klage på vedtak om helsehjelp uten samtykke (pbrl. kap. 4A).",
                           first_instance_days=rng.randint(2, 14))


def environmental(run: Run) -> None:
    cal = run.cal["health_complaints"]["environmental_health_2024"]
    rng = run.rng("complaints", "environmental")
    code = "hc-andre-lovparagrafer-gir-rettigheter-helse-omsorgsomradet"
    for year in run.years:
        n = run.n(cal["closed"] if year >= 2024 else cal["closed_2023"])
        factor = n / max(1, run.n(cal["closed"]))
        quashed = round(run.n(cal["quashed"]) * factor)
        within = round(run.n(cal["within"]) * factor)
        rejected = round(run.n(cal["rejected"]) * factor)
        specs = [Spec("", assessments=[(code, "quashed" if k < quashed else "upheld")]) for k in range(n)]
        specs += [Spec("", rejected=True, counts_for_limit=False) for _ in range(rejected)]
        offices = rng.choices(run.offices, [len(run.pools.by_office[o]) for o in run.offices], k=len(specs))
        by_office: dict[str, list[Spec]] = {}
        for s, o in zip(specs, offices):
            s.office = o
            by_office.setdefault(o, []).append(s)
        counting = [s for s in specs if not s.rejected]
        items = timeline.durations(rng, len(counting), MODELS["social"], within=within, limit=timeline.THREE_MONTHS)
        for s, d in zip(counting, items):
            s.duration = d
        for s in specs:
            if s.duration is None:
                s.duration = timeline.durations(rng, 1, MODELS["rejected"])[0]
        place_specs(run, rng, year, by_office, {})
        for s in specs:
            m = run.pools.municipality(rng, s.office)
            service = run.pools.enterprise(("env", m.number), f"{m.name} kommune, miljørettet helsevern", m)
            complainant, person = _complainant(run, rng, s.office, s.timing.received)
            build_case(run, rng, s, complaint_type="environmental_health", sector="public_health", code="MK",
                       complainant=complainant, service=enterprise_party("t1", "service", service),
                       title=f"Klage på vedtak om miljørettet helsevern – {person.name}",
                       summary=rng.choice(["Klage på kommunens vedtak om støy fra naboeiendom.",
                                           "Klage på vedtak om inneklima i skole.",
                                           "Klage på kommunens avslag på krav om retting av fuktskader i bolig."]),
                       first_instance_days=rng.randint(7, 30))
