"""Planned supervision (planlagt tilsyn), counted in the year it was carried out (`performed`).

* Social services: system audits and other methods per office and year (vedlegg 14, 15; tabell 1's 90 for
  2024 is 47 + 43 from the text, we follow vedlegg 15's 44), 40 of the 47 audits of 2024 nationwide; activity
  points nationally (817, 929, and 64 % of 1 000 for 2022). The offices' own point targets are not published,
  so their shares (vedlegg 16) are met only roughly.
* Municipal health and care: system audits and other methods per office and year (vedlegg 23; the other
  methods of 2024 by kind, footnote), points per office 2024 (vedlegg 24) and nationally 2022–2023 (text);
  joint inspections with DSB (tabell 9, 2020–2024) are some of these; on-site inspections of coercion under hol.
  kap. 9 (vedlegg 33/35) come on top (tabell 1's «forebyggende» 380 in 2024, printed 381), one per inspected
  vedtak.
* Specialist health: registrations per office (vedlegg 25) and points per office 2024 (vedlegg 26); system
  audits done by joint teams are registered by each office taking part (`joint_with`), 15 registrations of 12
  audits in 2024, 21 of 16 in 2023.
* Child welfare institutions and care centres: inspections per office (vedlegg 2), statutory and performed,
  children present, offered a conversation and talked with (vedlegg 9), 96 breaches; the statutory inspections
  not carried out are cases without `performed`, at 4 offices (6 of 10 did all, tabell 3); every office offers
  at least 90 % of the children a conversation, one offers all (tabell 3). Municipal child welfare services
  (tabell 1), reception centres for unaccompanied minors (7 inspections, 85 / 68 / 45 children, text).
* Helsetilsynet: blood, cells and tissue, organs (tabell 1 and 10).
"""
import random
from datetime import date, timedelta

from tilsyn.demodata.allocation import allocate_capped, largest_remainder, round_half_up, spread_total
from tilsyn.demodata.lines import DemoCase, Entry, enterprise_party, ordered_party
from tilsyn.demodata.run import Run

SOCIAL_THEMES = ["Landsomfattende tilsyn: Nav-kontorets arbeid med kvalifiseringsprogrammet",
                 "Økonomisk stønad til personer med barn", "Midlertidig botilbud", "Opplysning, råd og veiledning"]
MUNICIPAL_THEMES = ["Landsomfattende tilsyn: kommunens legemiddelhåndtering i sykehjem",
                    "Helsetjenester til personer med utviklingshemming", "Legevakt og øyeblikkelig hjelp",
                    "Hjemmetjenester til eldre", "Psykisk helse- og rustjenester", "Kommunal beredskapsplikt",
                    "Folkehelsearbeid for barn og unges psykiske helse"]
SPECIALIST_THEMES = ["Landsomfattende tilsyn: selvmordsforebygging i psykisk helsevern",
                     "Akuttmottak og triage", "Pakkeforløp for kreft", "Legemiddelhåndtering i sykehus"]
METHOD_WEIGHTS_2024 = {"follow_up_previous": 20, "extraordinary_large": 18, "public_health": 12,
                       "self_assessment": 9, "spot_check": 4, "other_unspecified": 5}
CARE_CENTRE_OFFICES = ("SFOBOA", "SFINN", "SFVL", "SFTRL")
MISSING_STATUTORY_OFFICES = 4


def generate(run: Run, ch9_vedtak: list[DemoCase]) -> None:
    social(run)
    municipal_health(run)
    coercion_visits(run, ch9_vedtak)
    specialist_health(run)
    institutions(run)
    other_child_welfare(run)
    blood_cells_organs(run)


# -- one inspection ------------------------------------------------------------------------------------------
def inspection(run: Run, rng: random.Random, *, office: str, sector: str, year: int, method: str, scope: str,
               target: dict, theme: str, points: float = 0, service_level: str = "", performed: date | None = None,
               audit: bool = False, origin: str = "", **fields) -> DemoCase:
    day = performed or date(year, 1, 1) + timedelta(days=rng.randint(20, 340))
    planned = day - timedelta(days=rng.randint(30, 100))
    block = {"method": method, "scope": scope, "service_level": service_level, "theme": theme,
             "activity_points": points, "performed": day, **fields}
    end = date(run.last, 12, 31)
    closed = None
    if audit:
        meeting = day + timedelta(days=rng.randint(0, 2))
        preliminary = meeting + timedelta(days=rng.choice([rng.randint(8, 21)] * 3 + [rng.randint(22, 45)]))
        final = preliminary + timedelta(days=rng.randint(20, 60))
        block.update({"closing_meeting": meeting,
                      "preliminary_report_sent": preliminary if preliminary <= end else None,
                      "final_report_sent": final if final <= end else None})
        if final <= end:
            closed = final
            block.update({"states_failure_in_practice": rng.random() < 0.9,
                          "states_consequence_for_users": rng.random() < 0.8,
                          "states_management_failure": rng.random() < 0.85})
    else:
        report = day + timedelta(days=rng.randint(14, 60))
        closed = report if report <= end else None
        if closed:
            block["final_report_sent"] = report
    if block["performed"] and block["performed"] > end:
        block["performed"] = None
    entries = [Entry("U", f"Varsel om tilsyn – {target['name']}", planned, target["name"], public=True)]
    if closed:
        entries.append(Entry("U", f"Endelig rapport – {target['name']}", closed, target["name"], public=True))
    case = DemoCase(
        external_id=run.new_id(office, "PT", planned), kind="planned_inspection", office=office, sector=sector,
        title=f"Tilsyn – {target['name']}", summary=theme, received=planned, closed=closed, origin=origin,
        municipality=target.get("municipality", ""),
        parties=[ordered_party(dict(target, ref="v1", role="supervised"))],
        journal=entries, block=block,
    )
    return run.add(case)


def points_for(n_audits: int, n_other: int, total: float, rng: random.Random) -> list[float]:
    """Activity points of an office's activities adding up to its total: an audit weighs 10, another activity
    about 6; halves allowed."""
    halves = round_half_up(total * 2)
    weights = [10.0] * n_audits + [rng.uniform(3, 9) for _ in range(n_other)]
    return [h / 2 for h in largest_remainder(halves, weights)] if weights else []


def _year_table(run: Run, table: dict, year: int) -> dict:
    return table[run.published_year(year, table)]


# -- social services -----------------------------------------------------------------------------------------
def social(run: Run) -> None:
    cal = run.cal["social"]
    rng = run.rng("inspections", "social")
    targets = run.cal["inspections"]["municipal_health_points_2024"]
    for year in run.years:
        audits = run.nd(_year_table(run, cal["inspections_system_audits"], year))
        others = run.nd(_year_table(run, cal["inspections_other_methods"], year))
        shares = _year_table(run, cal["points_share_by_office"], year)
        national_points = run.n(run.figure(cal["points"], year))
        weights = [shares[o] * targets[o][0] if audits[o] + others[o] else 0 for o in run.offices]
        office_points = largest_remainder(national_points, weights)
        nationwide = run.n(cal["nationwide_system_audits_2024"]) if year == 2024 else round(sum(audits.values()) * 0.8)
        scopes = ["nationwide"] * nationwide + ["own_initiative"] * (sum(audits.values()) - nationwide)
        rng.shuffle(scopes)
        for o, points in zip(run.offices, office_points):
            per = points_for(audits[o], others[o], points, rng)
            for k in range(audits[o] + others[o]):
                nav = run.pools.nav_office(rng, o)
                audit = k < audits[o]
                scope = scopes.pop() if audit else "own_initiative"
                theme = SOCIAL_THEMES[0] if scope == "nationwide" else rng.choice(SOCIAL_THEMES[1:])
                inspection(run, rng, office=o, sector="social", year=year,
                           method="system_audit" if audit else rng.choice(list(METHOD_WEIGHTS_2024)),
                           scope=scope, target=enterprise_party("v1", "supervised", nav, object_type="nav_office"),
                           theme=theme, points=per[k], audit=audit, breaches_found=rng.choice([0, 0, 1, 1, 2]))


# -- municipal health and care -------------------------------------------------------------------------------
def municipal_health(run: Run) -> None:
    cal = run.cal["inspections"]
    rng = run.rng("inspections", "municipal")
    for year in run.years:
        table = {o: run.ns(v) for o, v in _year_table(run, cal["municipal_health"], year).items()}
        if year == 2024:
            office_points = {o: run.n(v[1]) for o, v in cal["municipal_health_points_2024"].items()}
        else:
            total = run.n(run.figure(cal["municipal_health_points"], year))
            office_points = dict(zip(run.offices, largest_remainder(total, [sum(table[o]) for o in run.offices])))
        n_other = sum(v[1] for v in table.values())
        split = largest_remainder(n_other, list(METHOD_WEIGHTS_2024.values()))
        methods = [m for m, k in zip(METHOD_WEIGHTS_2024, split) for _ in range(k)]
        rng.shuffle(methods)
        dsb = run.n(run.figure(cal["dsb_joint"], year))
        activities = sum(sum(v) for v in table.values())
        dsb_flags = [True] * min(dsb, activities) + [False] * max(0, activities - dsb)
        rng.shuffle(dsb_flags)
        for o in run.offices:
            audits, others = table[o]
            per = points_for(audits, others, office_points[o], rng)
            for k in range(audits + others):
                audit = k < audits
                method = "system_audit" if audit else methods.pop()
                joint_dsb = dsb_flags.pop()
                service = run.pools.municipal_health_service(rng, o)
                theme = "Kommunal beredskapsplikt og helseberedskap (felles tilsyn med DSB)" if joint_dsb else \
                    rng.choice(MUNICIPAL_THEMES)
                scope = "nationwide" if theme.startswith("Landsomfattende") else "own_initiative"
                inspection(run, rng, office=o, sector="health", year=year, method=method, scope=scope,
                           service_level="municipal", theme=theme, points=per[k], audit=audit,
                           target=enterprise_party("v1", "supervised", service, object_type="enterprise",
                                                   service_level="municipal"),
                           joint_with_dsb=joint_dsb, breaches_found=rng.choice([0, 0, 1, 1, 2, 3]))


def coercion_visits(run: Run, vedtak: list[DemoCase]) -> None:
    """The on-site inspection of each vedtak that had one (vedlegg 33): a planned inspection pointing at it."""
    rng = run.rng("inspections", "coercion")
    for v in vedtak:
        day = v.block.get("on_site_inspection")
        if not day:
            continue
        target = dict(v.parties[1])
        inspection(run, rng, office=v.office, sector="health", year=day.year, method="on_site",
                   scope="own_initiative", service_level="municipal", performed=day, origin=v.external_id,
                   theme="Stedlig tilsyn: tvang og makt overfor personer med utviklingshemming (hol. kap. 9)",
                   target=dict(target, object_type="enterprise", service_level="municipal"))


# -- specialist health ---------------------------------------------------------------------------------------
def specialist_health(run: Run) -> None:
    cal = run.cal["inspections"]
    rng = run.rng("inspections", "specialist")
    for year in run.years:
        table = {o: run.ns(v) for o, v in _year_table(run, cal["specialist_health"], year).items()}
        registrations = sum(v[0] for v in table.values())
        real = run.n(run.figure(cal["specialist_system_audits_real"], year))
        groups = _joint_groups(rng, {o: v[0] for o, v in table.items()}, registrations - real)
        if year == 2024:
            office_points = {o: run.n(v[1]) for o, v in cal["specialist_health_points_2024"].items()}
        else:
            office_points = {o: round(10 * v[0] + 5 * v[1]) for o, v in table.items()}
        for o in run.offices:
            audits, others = table[o]
            per = points_for(audits, others, office_points[o], rng)
            partners = list(groups.get(o, []))
            for k in range(audits + others):
                audit = k < audits
                joint = partners.pop() if audit and partners else []
                hospital = run.pools.hospital(rng, o)
                theme = SPECIALIST_THEMES[0] if joint else rng.choice(SPECIALIST_THEMES)
                inspection(run, rng, office=o, sector="health", year=year,
                           method="system_audit" if audit else rng.choice(["follow_up_previous", "spot_check",
                                                                           "other_unspecified"]),
                           scope="nationwide" if theme.startswith("Landsomfattende") else "own_initiative",
                           service_level="specialist", theme=theme, points=per[k], audit=audit, joint_with=joint,
                           target=enterprise_party("v1", "supervised", hospital, object_type="enterprise",
                                                   service_level="specialist"),
                           breaches_found=rng.choice([0, 1, 1, 2]))


def _joint_groups(rng: random.Random, audits: dict[str, int], extra: int) -> dict[str, list[list[str]]]:
    """Joint audits registered by several offices: groups of offices whose sizes add `extra` registrations."""
    result: dict[str, list[list[str]]] = {}
    remaining = dict(audits)
    while extra > 0:
        offices = [o for o, n in remaining.items() if n > 0]
        size = min(extra + 1, len(offices), rng.choice([2, 3, 4]))
        if size < 2:
            break
        group = rng.sample(offices, size)
        for o in group:
            result.setdefault(o, []).append(sorted(x for x in group if x != o))
            remaining[o] -= 1
        extra -= size - 1
    return result


# -- child welfare -------------------------------------------------------------------------------------------
def institutions(run: Run) -> None:
    cal = run.cal["institutions"]
    facts = cal["facts_2024"]
    rng = run.rng("inspections", "institutions")
    per_office_2024 = cal["inspections_2024_by_office"]
    for year in run.years:
        institution_total = run.n(run.figure(cal["institution_inspections"], year))
        care_total = run.n(facts["performed"]["care_centre"])
        factor = institution_total / max(1, run.n(facts["performed"]["child_welfare_institution"]))
        if year == 2024:
            performed = run.nd(per_office_2024)
        else:
            performed = dict(zip(run.offices, largest_remainder(institution_total + care_total,
                                                                [per_office_2024[o] for o in run.offices])))
        care = dict(zip(run.offices, allocate_capped(
            care_total, [3 if o in CARE_CENTRE_OFFICES else 0 for o in run.offices],
            [performed[o] if o in CARE_CENTRE_OFFICES else 0 for o in run.offices])))
        missing_inst = run.n(facts["statutory"]["child_welfare_institution"]
                             - facts["performed"]["child_welfare_institution"])
        missing_care = run.n(facts["statutory"]["care_centre"] - facts["performed"]["care_centre"])
        short = rng.sample(run.offices, MISSING_STATUTORY_OFFICES)
        missing = dict(zip(short, largest_remainder(round(missing_inst * factor), [performed[o] for o in short])))
        missing_c = dict(zip([o for o in short if care[o]] or short[:1],
                             largest_remainder(missing_care, [care[o] or 1 for o in short if care[o]] or [1])))
        children = _children(run, rng, performed, care, factor)
        breaches = spread_total(sum(performed.values()), round(run.n(cal["breaches_found_2024"]) * factor), 0, 3, rng,
                                spread=0.2)
        k = 0
        for o in run.offices:
            homes = [run.pools.institution(rng, o, i) for i in range(40)]
            for i in range(performed[o]):
                is_care = i < care[o]
                kind = "care_centre" if is_care else "child_welfare_institution"
                home = run.pools.care_centre(rng, o, i % 3) if is_care else rng.choice(homes)
                present, offered, talked = children[o][i]
                inspection(run, rng, office=o, sector="child_welfare", year=year, method="on_site",
                           scope="own_initiative", statutory=True,
                           theme="Lovpålagt tilsyn med omsorgssenter" if is_care else
                           "Lovpålagt tilsyn med barnevernsinstitusjon",
                           target=enterprise_party("v1", "supervised", home, object_type=kind),
                           breaches_found=breaches[k], children_present=present,
                           children_offered_conversation=offered, children_talked_with=talked)
                k += 1
            for i in range(missing.get(o, 0) + missing_c.get(o, 0)):
                is_care = i < missing_c.get(o, 0)
                home = run.pools.care_centre(rng, o, i % 3) if is_care else rng.choice(homes)
                _not_performed(run, rng, o, year, home, is_care)


def _children(run: Run, rng: random.Random, performed: dict, care: dict, factor: float) -> dict[str, list]:
    """(present, offered, talked with) per inspection: the national totals of vedlegg 9; every office offers at
    least 90 % of the children a conversation and exactly one offers all of them (tabell 3)."""
    facts = run.cal["institutions"]["facts_2024"]
    result = {}
    kinds = {"child_welfare_institution": {o: performed[o] - care[o] for o in run.offices}, "care_centre": care}
    per_kind = {}
    full_office = rng.choice([o for o in run.offices if performed[o] >= 5])
    for kind, counts in kinds.items():
        present = round(run.n(facts["children_present"][kind]) * factor)
        offered = round(run.n(facts["children_offered"][kind]) * factor)
        talked = round(run.n(facts["children_talked_with"][kind]) * factor)
        n = sum(counts.values())
        if not n:
            per_kind[kind] = {o: [] for o in run.offices}
            continue
        p = spread_total(n, present, 0, max(12, 3 * present // n), rng, spread=0.6)
        by_office, start = {}, 0
        for o in run.offices:
            by_office[o] = p[start:start + counts[o]]
            start += counts[o]
        present_by_office = {o: sum(v) for o, v in by_office.items()}
        gap = present - offered
        caps = {o: 0 if o == full_office else int(present_by_office[o] * 0.095) for o in run.offices}
        not_offered = dict(zip(run.offices, allocate_capped(min(gap, sum(caps.values())),
                                                            [caps[o] for o in run.offices],
                                                            [caps[o] for o in run.offices])))
        offered_lists = {}
        for o in run.offices:
            values = by_office[o]
            missing = not_offered[o]
            offered_o = list(values)
            for i in sorted(range(len(values)), key=lambda i: -values[i]):
                if missing <= 0:
                    break
                take = min(missing, offered_o[i])
                offered_o[i] -= take
                missing -= take
            offered_lists[o] = offered_o
        flat_offered = [x for o in run.offices for x in offered_lists[o]]
        talks = _talks(rng, flat_offered, talked)
        per_kind[kind] = {}
        start = 0
        for o in run.offices:
            k = len(offered_lists[o])
            per_kind[kind][o] = list(zip(by_office[o], offered_lists[o], talks[start:start + k]))
            start += k
    for o in run.offices:
        result[o] = per_kind["care_centre"].get(o, []) + per_kind["child_welfare_institution"].get(o, [])
    return result


def _talks(rng: random.Random, offered: list[int], total: int) -> list[int]:
    values = [0] * len(offered)
    total = min(total, sum(offered))
    slots = [i for i, k in enumerate(offered) for _ in range(k)]
    for i in rng.sample(slots, total):
        values[i] += 1
    return values


def _not_performed(run: Run, rng: random.Random, office: str, year: int, home, care: bool) -> None:
    planned = date(year, 1, 1) + timedelta(days=rng.randint(30, 300))
    target = enterprise_party("v1", "supervised", home, object_type="care_centre" if care else
                              "child_welfare_institution")
    closed = date(year, 12, 31) if year < run.last else None
    run.add(DemoCase(
        external_id=run.new_id(office, "PT", planned), kind="planned_inspection", office=office,
        sector="child_welfare", title=f"Tilsyn – {home.name}", received=planned, closed=closed,
        summary="Lovpålagt tilsyn som ikke ble gjennomført i året.", municipality=home.municipality.number,
        parties=[target], block={"method": "on_site", "scope": "own_initiative", "statutory": True,
                                 "theme": "Lovpålagt tilsyn med barnevernsinstitusjon"},
    ))


def other_child_welfare(run: Run) -> None:
    cal = run.cal
    rng = run.rng("inspections", "child_welfare")
    for year in run.years:
        n = run.n(run.figure(cal["child_welfare"]["inspections_municipal"], year))
        offices = rng.sample(run.offices, 3) if n < 20 else run.offices
        for o, k in zip(offices, largest_remainder(n, [1] * len(offices))):
            for _ in range(k):
                service = run.pools.child_welfare_service(rng, o)
                inspection(run, rng, office=o, sector="child_welfare", year=year, method="system_audit",
                           scope="own_initiative", audit=True, points=10,
                           theme=rng.choice(["Kvalitet i akuttarbeidet", "Oppfølging av barn i fosterhjem",
                                             "Barnevernstjenestens undersøkelser"]),
                           target=enterprise_party("v1", "supervised", service, object_type="municipal_child_welfare"),
                           breaches_found=rng.choice([0, 0, 1]))
        ema = cal["institutions"]["ema_2024"]
        n_ema = run.n(ema["inspections"])
        present = spread_total(n_ema, run.n(ema["children_present"]), 4, 30, rng)
        offered = _bounded_split(rng, run.n(ema["children_offered"]), present)
        talked = _bounded_split(rng, run.n(ema["children_talked_with"]), offered)
        for i in range(n_ema):
            m = run.pools.municipality(rng, "SFOBOA" if i < 3 else rng.choice(run.offices))
            name = f"{m.name} asylmottak, avdeling for enslige mindreårige"
            centre = run.pools.enterprise(("ema", m.number), name, m)
            inspection(run, rng, office="SFOBOA", sector="ema", year=year, method="on_site", scope="own_initiative",
                       theme="Tilsyn med omsorgen for enslige mindreårige asylsøkere i asylmottak",
                       target=enterprise_party("v1", "supervised", centre), children_present=present[i],
                       children_offered_conversation=offered[i], children_talked_with=talked[i])


def _bounded_split(rng: random.Random, total: int, caps: list[int]) -> list[int]:
    return allocate_capped(min(total, sum(caps)), [c + rng.random() for c in caps], caps)


# -- Helsetilsynet: blood, cells and tissue, organs ----------------------------------------------------------
AREA_INSPECTIONS_2024 = {"blood": 4, "cells_tissue": 6, "organs": 3}


def blood_cells_organs(run: Run) -> None:
    cal = run.cal["inspections"]
    rng = run.rng("inspections", "blood")
    units = cal["blood_cells_organs_2024"]
    for year in run.years:
        total = run.n(run.figure(cal["blood_cells_organs"], year))
        counts = dict(zip(AREA_INSPECTIONS_2024, largest_remainder(total, list(AREA_INSPECTIONS_2024.values()))))
        for area, n in counts.items():
            interviewed, digital, documents, breaches = (
                _bounded_split(rng, run.n(v), [30] * n) if n else [] for v in units[area])
            for i in range(n):
                office = rng.choice(run.offices)
                hospital = run.pools.hospital(rng, office)
                inspection(run, rng, office="HTIL", sector="health", year=year, method="system_audit",
                           scope="own_initiative", service_level="specialist", audit=True, regulation_area=area,
                           theme={"blood": "Blodforskriften", "cells_tissue": "Forskrift om humane celler og vev",
                                  "organs": "Forskrift om humane organer til transplantasjon"}[area],
                           target=enterprise_party("v1", "supervised", hospital, object_type="enterprise",
                                                   service_level="specialist"),
                           units_interviewed=interviewed[i], units_interviewed_digitally=digital[i],
                           units_document_inspection=documents[i], breaches_found=breaches[i])
