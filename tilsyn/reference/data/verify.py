#!/usr/bin/env python3
"""Verify the Tilsyn reference data files (standard library only).

Run from the repository root:  python tilsyn/reference/data/verify.py [--reference DIR] [-v]

Checks that every data file parses and has the expected shape, that codes are unique slugs, that the
municipality/county/office geography is consistent (357 municipalities, every county covered by exactly one
office), that provisions.json matches the provision tables of the 2024 annual report row for row (vedlegg 12
prints a selection: its catalogue may have items with an empty table_ref for the rest), that every office row
label in the report's per-office tables maps to an office, and that every label said to be copied from a report
table exists in that table. The report tables are read from
``<repo>/../shared/reference/arsrapport-2024`` unless --reference or $TILSYN_REFERENCE_DIR says otherwise.
Prints a one-line summary; exits 1 on any failure.
"""
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_REF = REPO.parent / "shared" / "reference" / "arsrapport-2024"

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
VOCAB_CODE = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")
TOTAL = re.compile(r"^(Sum\b|SUM\b|Antall saker|Totalt|Totalsum|I alt|Hele landet|Landet|Til sammen)")

COUNTIES_2024 = {
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland", "31": "Østfold",
    "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "39": "Vestfold", "40": "Telemark",
    "42": "Agder", "46": "Vestland", "50": "Trøndelag", "55": "Troms", "56": "Finnmark",
}
OFFICE_CODES = ["HTIL", "SFOBOA", "SFINN", "SFVT", "SFAGD", "SFROG", "SFVL", "SFMR", "SFTRL", "SFNO", "SFTF"]

PROVISION_TABLES = {
    "vedlegg-05": "cw-supervision", "vedlegg-08": "cw-complaint", "vedlegg-11": "cwi-rights-complaint",
    "vedlegg-12": "cwi-coercion-complaint", "vedlegg-18": "social-supervision", "vedlegg-22": "social-complaint",
    "vedlegg-29": "health-supervision", "vedlegg-31": "health-complaint",
}
# Tables that print only a selection of their catalogue's provisions: the catalogue may hold items for the rest,
# marked by an empty table_ref (printed in no table).
SELECTION_TABLES = {"vedlegg-12"}
LAWS = {"bvl", "fvl", "sotjl", "hpl", "sphlsl", "hol", "pbrl", "pasjoursl", "htil", "phlsl", "other"}
COMPLAINT_GROUPS = {"necessary_care", "patient_travel", "other"}

# Row labels of per-office tables that are not offices (totals and other non-office rows).
NON_OFFICE_ROWS = {
    "Hele landet", "Landet", "Sum", "SUM", "Totalt",
    "Nasjonalt restanseprosjekt, 2021-2022",
    "Antall virksomheter i sakene",
    "I tillegg irrelevant å behandle",
    "Utenlandsk tilsynsmyndighet",
    "I tillegg: Saker avsluttet med råd/veiledning til den som har klagd, eller oversendt for behandling hos "
    "påklagd virksomhet eller helsepersonell.",
}

VOCABULARIES = [
    "source", "supervised_object_type", "service_level", "theme", "profession", "reaction_type",
    "revocation_reason", "non_reaction_outcome", "notifier_type", "incident_service_type",
    "coercion_measure_ch9", "coercion_category_ch9", "coercion_measure_4a", "inspection_method", "inspection_scope",
]
TARGET_KEYS = ["year", "code", "owner", "label", "description", "measure", "applies_to", "target_share",
               "within_weeks", "within_months", "within_days", "target_median_months", "max_new_cases",
               "alt_max_new_cases", "alt_target_median_months", "excludes", "published_result"]
MEASURES = {"share_within", "median_months", "points", "share"}
KINDS = {"supervision_case", "rights_complaint", "incident_notification", "coercion_ch9_vedtak",
         "coercion_ch9_dispensation", "coercion_4a_vedtak", "planned_inspection", "child_conversation"}
AP_SECTORS = {"social", "municipal_health", "specialist_health", "child_welfare"}


class Checker:
    def __init__(self, verbose=False):
        self.errors = []
        self.checks = 0
        self.verbose = verbose

    def ok(self, cond, msg):
        self.checks += 1
        if not cond:
            self.errors.append(msg)
            if self.verbose:
                print("FAIL:", msg)
        return cond


def load_json(c, path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except Exception as e:  # noqa: BLE001
        c.ok(False, f"{path.name}: does not parse: {e}")
        return None


def check_header(c, name, d, key="items"):
    if not c.ok(isinstance(d, dict), f"{name}: top level is not an object"):
        return False
    c.ok(isinstance(d.get("version"), str) and d["version"], f"{name}: missing version")
    c.ok(isinstance(d.get("description"), str) and d["description"], f"{name}: missing description")
    c.ok(set(d) == {"version", "description", key}, f"{name}: unexpected top-level keys {sorted(d)}")
    if key == "items":
        return c.ok(isinstance(d.get("items"), list) and d["items"], f"{name}: items missing or empty")
    return c.ok(isinstance(d.get(key), dict), f"{name}: {key} missing")


def unique(c, name, values):
    seen, dup = set(), set()
    for v in values:
        (dup if v in seen else seen).add(v)
    c.ok(not dup, f"{name}: duplicates {sorted(map(str, dup))[:5]}")


def main(argv):
    verbose = "-v" in argv
    ref = Path(os.environ.get("TILSYN_REFERENCE_DIR", DEFAULT_REF))
    if "--reference" in argv:
        ref = Path(argv[argv.index("--reference") + 1])
    c = Checker(verbose)
    files = {}
    for name in ("offices.json", "municipalities.json", "provisions.json", "terms.json", "targets.json",
                 "activity_point_targets.json"):
        p = HERE / name
        if c.ok(p.exists(), f"{name}: missing"):
            files[name] = load_json(c, p)
            # byte-level format: UTF-8, indent=2, ensure_ascii=False
            text = p.read_text(encoding="utf-8")
            if files[name] is not None:
                c.ok(text.rstrip("\n") == json.dumps(files[name], indent=2, ensure_ascii=False),
                     f"{name}: not formatted with indent=2, ensure_ascii=False")

    tables = {}
    if c.ok(ref.is_dir(), f"reference tables not found at {ref}"):
        for p in sorted(ref.glob("*.json")):
            if p.name != "figures-in-text.json":
                tables[p.stem] = load_json(c, p)

    def rows(t):
        return [r["label"] for r in tables[t]["rows"]] if t in tables else []

    def cols(t):
        return tables[t]["columns"] if t in tables else []

    def sections(t):
        return {r.get("section") for r in tables[t]["rows"]} if t in tables else set()

    # ------------------------------------------------------------ offices
    offices = files.get("offices.json")
    office_by_code, label_to_office = {}, {}
    if offices and check_header(c, "offices.json", offices):
        items = offices["items"]
        unique(c, "offices.json codes", [o.get("code") for o in items])
        c.ok([o.get("code") for o in sorted(items, key=lambda o: o.get("report_order", 99))] == OFFICE_CODES,
             "offices.json: codes/report_order differ from the expected 11 offices")
        for o in items:
            need = {"code", "kind", "name", "name_nn", "short_name", "report_order", "county_numbers",
                    "report_labels"}
            c.ok(need <= set(o), f"offices.json {o.get('code')}: missing keys {sorted(need - set(o))}")
            office_by_code[o["code"]] = o
            c.ok(o["kind"] == ("national" if o["code"] == "HTIL" else "county_governor"),
                 f"offices.json {o['code']}: wrong kind")
            c.ok(o["short_name"] in o["report_labels"], f"offices.json {o['code']}: short_name not in report_labels")
            for lab in o["report_labels"]:
                c.ok(lab not in label_to_office, f"offices.json: report label {lab!r} used by two offices")
                label_to_office[lab] = o["code"]
                if tables:
                    c.ok(any(lab in rows(t) for t in tables), f"offices.json: label {lab!r} not found in any table")
            for cn in o["county_numbers"]:
                c.ok(cn in COUNTIES_2024, f"offices.json {o['code']}: unknown county {cn}")
        covered = [cn for o in items for cn in o["county_numbers"]]
        unique(c, "offices.json county coverage", covered)
        c.ok(set(covered) == set(COUNTIES_2024), f"offices.json: counties not covered: "
             f"{sorted(set(COUNTIES_2024) - set(covered))}")

    # ------------------------------------------------------------ municipalities
    munis = files.get("municipalities.json")
    if munis and check_header(c, "municipalities.json", munis):
        items = munis["items"]
        c.ok(len(items) == 357, f"municipalities.json: {len(items)} municipalities, expected 357")
        unique(c, "municipalities.json numbers", [m.get("number") for m in items])
        unique(c, "municipalities.json names", [m.get("name") for m in items if m.get("name") not in
                                                 ("Våler", "Herøy")] )
        for m in items:
            num, cn = m.get("number", ""), m.get("county_number")
            c.ok(re.fullmatch(r"\d{4}", num or "") is not None, f"municipality {num}: bad number")
            c.ok(num[:2] == cn, f"municipality {num}: county_number {cn} does not match the number")
            c.ok(COUNTIES_2024.get(cn) == m.get("county_name"), f"municipality {num}: county name {m.get('county_name')}")
            c.ok(bool(m.get("name")), f"municipality {num}: no name")
            o = office_by_code.get(m.get("office"))
            if c.ok(o is not None, f"municipality {num}: unknown office {m.get('office')}"):
                c.ok(cn in o["county_numbers"], f"municipality {num}: county {cn} not covered by {o['code']}")
        c.ok({m.get("county_number") for m in items} == set(COUNTIES_2024),
             "municipalities.json: some 2024 county has no municipality")

    # ------------------------------------------------------------ provisions
    prov = files.get("provisions.json")
    if prov and check_header(c, "provisions.json", prov):
        items = prov["items"]
        unique(c, "provisions.json codes", [p.get("code") for p in items])
        keyset = set()
        for p in items:
            code = p.get("code", "")
            c.ok(bool(SLUG.match(code)), f"provision {code!r}: not a slug")
            need = {"code", "catalogue", "law", "section", "label", "table_ref", "sort_order"}
            c.ok(need <= set(p), f"provision {code}: missing keys {sorted(need - set(p))}")
            unprinted = p.get("table_ref") == ""
            if unprinted:
                c.ok(p.get("catalogue") in {PROVISION_TABLES[t] for t in SELECTION_TABLES},
                     f"provision {code}: no table_ref, but its catalogue's table prints every provision")
            else:
                c.ok(PROVISION_TABLES.get(p.get("table_ref")) == p.get("catalogue"),
                     f"provision {code}: catalogue/table_ref mismatch")
            c.ok(p.get("law") in LAWS, f"provision {code}: unknown law {p.get('law')}")
            if p.get("catalogue") == "health-complaint":
                c.ok(p.get("complaint_group") in COMPLAINT_GROUPS, f"provision {code}: bad complaint_group")
            else:
                c.ok("complaint_group" not in p, f"provision {code}: complaint_group outside health-complaint")
            c.ok(not TOTAL.match(p.get("label", "")), f"provision {code}: is a total row")
            if not unprinted:
                keyset.add((p.get("table_ref"), p.get("section"), p.get("label")))
        unique(c, "provisions.json (table, section, label)",
               [(p.get("table_ref"), p.get("section"), p.get("label")) for p in items])
        for cat in set(PROVISION_TABLES.values()):
            unique(c, f"provisions.json sort_order in {cat}",
                   [p.get("sort_order") for p in items if p.get("catalogue") == cat])
        if tables:
            expected = set()
            for t in PROVISION_TABLES:
                for r in tables[t]["rows"]:
                    if not TOTAL.match(r["label"]):
                        expected.add((t, r.get("section"), r["label"]))
            for k in sorted(expected - keyset, key=str):
                c.ok(False, f"provisions.json: report row missing: {k}")
            for k in sorted(keyset - expected, key=str):
                c.ok(False, f"provisions.json: not a non-total report row: {k}")
            c.ok(True, "provisions rows compared")
        groups = {p["complaint_group"] for p in items if p.get("catalogue") == "health-complaint"}
        c.ok(groups == COMPLAINT_GROUPS, f"provisions.json: complaint groups present {sorted(groups)}")

    # ------------------------------------------------------------ per-office tables
    if tables and label_to_office:
        short_names = {o["short_name"] for o in office_by_code.values() if o["kind"] == "county_governor"}
        n_tables = 0
        for t, d in tables.items():
            labels = [r["label"] for r in d["rows"]]
            if not short_names & set(labels):
                continue
            n_tables += 1
            for lab in labels:
                c.ok(lab in label_to_office or lab in NON_OFFICE_ROWS,
                     f"{t}: row label {lab!r} maps to no office")
            c.ok({label_to_office[x] for x in labels if x in label_to_office} >= set(OFFICE_CODES[1:]),
                 f"{t}: not every county governor appears")
        c.ok(n_tables >= 20, f"only {n_tables} per-office tables found")

    # ------------------------------------------------------------ terms
    terms = files.get("terms.json")
    if terms and check_header(c, "terms.json", terms, key="vocabularies"):
        V = terms["vocabularies"]
        c.ok(set(VOCABULARIES) <= set(V), f"terms.json: missing vocabularies {sorted(set(VOCABULARIES) - set(V))}")
        for name, items in V.items():
            c.ok(isinstance(items, list) and items, f"terms.json {name}: empty")
            unique(c, f"terms.json {name} codes", [i.get("code") for i in items])
            unique(c, f"terms.json {name} labels", [i.get("label") for i in items])
            for i in items:
                c.ok(bool(VOCAB_CODE.match(i.get("code", ""))), f"terms.json {name}: bad code {i.get('code')!r}")
                c.ok(bool(i.get("label")) and bool(i.get("label_nn")), f"terms.json {name} {i.get('code')}: label/label_nn")
                for t, lab in (i.get("report_labels") or {}).items():
                    if tables:
                        c.ok(lab in rows(t) or lab in cols(t) or lab in sections(t),
                             f"terms.json {name} {i['code']}: {lab!r} not in {t}")
        if tables:
            def same_rows(vocab, table, exclude):
                want = [x for x in rows(table) if not exclude(x)]
                got = [i["label"] for i in V.get(vocab, [])]
                c.ok(got == want, f"terms.json {vocab}: labels differ from {table} rows")
            same_rows("theme", "vedlegg-04", lambda x: False)
            same_rows("revocation_reason", "tabell-13", lambda x: x.startswith(("Sum", "Antall")))
            same_rows("incident_service_type", "vedlegg-45", lambda x: x == "Totalsum")
            same_rows("coercion_measure_ch9", "vedlegg-36", lambda x: x.startswith(("Sum", "Gjennomsnittlig", "Antall")))
            same_rows("coercion_category_ch9", "vedlegg-37", lambda x: x.startswith("Antall"))
            same_rows("coercion_measure_4a", "vedlegg-39", lambda x: x.startswith(("Sum", "Antall")))
            c.ok([i["label"] for i in V.get("non_reaction_outcome", [])] == cols("vedlegg-44")[1:5],
                 "terms.json non_reaction_outcome: labels differ from vedlegg-44 columns")
            prof_labels = {x for i in V.get("profession", []) for x in i.get("report_labels", {}).values()}
            for t, want in (("vedlegg-40", [x for x in rows("vedlegg-40") if x != "SUM"]),
                            ("vedlegg-41", [x for x in rows("vedlegg-41") if x != "Sum"]),
                            ("tabell-14", [x for x in cols("tabell-14") if x != "Sum"])):
                for lab in want:
                    c.ok(lab in prof_labels, f"terms.json profession: {t} label {lab!r} not mapped")
            for i in V.get("profession", []):
                c.ok(set(i.get("report_labels", {})) == {"vedlegg-40", "vedlegg-41", "tabell-14"},
                     f"terms.json profession {i['code']}: report_labels incomplete")
            for i in V.get("supervised_object_type", []):
                if "tabell-04" in i.get("report_labels", {}):
                    c.ok(i["label"] == i["report_labels"]["tabell-04"], f"supervised_object_type {i['code']}: label")
        cats = {i["code"] for i in V.get("coercion_category_ch9", [])}
        for i in V.get("coercion_measure_ch9", []):
            c.ok(i.get("category") in cats, f"terms.json coercion_measure_ch9 {i['code']}: bad category")
        for i in V.get("reaction_type", []):
            c.ok(i.get("target") in ("personnel", "enterprise"), f"terms.json reaction_type {i['code']}: target")
        for i in V.get("theme", []):
            c.ok(i.get("sector") == "child_welfare", f"terms.json theme {i['code']}: sector")

    # ------------------------------------------------------------ targets
    targets = files.get("targets.json")
    if targets and check_header(c, "targets.json", targets):
        items = targets["items"]
        unique(c, "targets.json codes", [t.get("code") for t in items])
        for t in items:
            code = t.get("code", "")
            c.ok(bool(SLUG.match(code)), f"target {code!r}: not a slug")
            c.ok(all(k in t for k in TARGET_KEYS), f"target {code}: missing keys "
                 f"{[k for k in TARGET_KEYS if k not in t]}")
            c.ok(t.get("owner") in ("national", "county_governor"), f"target {code}: owner")
            c.ok(t.get("measure") in MEASURES, f"target {code}: measure")
            c.ok((t.get("applies_to") or {}).get("kind") in KINDS, f"target {code}: applies_to.kind")
            if t.get("measure") == "share_within":
                c.ok(t.get("target_share") is not None and
                     any(t.get(k) is not None for k in ("within_weeks", "within_months", "within_days")),
                     f"target {code}: share_within without share/limit")
            if t.get("measure") == "median_months":
                c.ok(t.get("target_median_months") is not None, f"target {code}: no median")
        if tables:
            t24 = [t["label"] for t in items if t.get("year") == 2024]
            c.ok(sorted(t24) == sorted(rows("tabell-03")), "targets.json: 2024 items differ from tabell-03 rows")
        hc = [t for t in items if (t.get("applies_to") or {}).get("sector") == "health"
              and (t.get("applies_to") or {}).get("kind") == "rights_complaint"]
        c.ok(hc and all("patient_travel" in t["excludes"] for t in hc), "targets.json: health complaints exclude patient_travel")

    ap = files.get("activity_point_targets.json")
    if ap and check_header(c, "activity_point_targets.json", ap):
        items = ap["items"]
        unique(c, "activity_point_targets.json (year, office, sector)",
               [(a.get("year"), a.get("office"), a.get("sector")) for a in items])
        for a in items:
            c.ok(a.get("office") in office_by_code and a.get("office") != "HTIL", f"activity points: office {a.get('office')}")
            c.ok(a.get("sector") in AP_SECTORS, f"activity points: sector {a.get('sector')}")
            for k in ("target_points", "published_points", "published_share"):
                c.ok(k in a, f"activity points {a.get('office')} {a.get('sector')}: missing {k}")
            if a.get("target_points") and a.get("published_points") is not None and a.get("published_share") is not None:
                c.ok(abs(100 * a["published_points"] / a["target_points"] - a["published_share"]) <= 1,
                     f"activity points {a['office']} {a['sector']} {a['year']}: share != points/target")

    n_vocab = len((terms or {}).get("vocabularies", {}))
    summary = (f"{len(files)} files, {c.checks} checks: "
               f"{len(office_by_code)} offices, {len((munis or {}).get('items', []))} municipalities, "
               f"{len((prov or {}).get('items', []))} provisions, {n_vocab} vocabularies, "
               f"{len((targets or {}).get('items', []))} targets, {len((ap or {}).get('items', []))} activity-point rows")
    if c.errors:
        if not verbose:
            for e in c.errors[:50]:
                print("FAIL:", e, file=sys.stderr)
        print(f"verify: FAILED ({len(c.errors)} errors) — {summary}")
        return 1
    print(f"verify: OK — {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
