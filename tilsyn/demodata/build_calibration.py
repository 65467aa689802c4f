"""Build `calibration.json`: the published figures the demo data must reproduce, keyed by our own codes.

Reads the transcribed annual report (`../shared/reference/arsrapport-2024/`, outside the project) and the
project's reference data (office labels, provision catalogues, vocabularies), and writes the figures the
generator needs into `tilsyn/demodata/calibration.json`, so that `tilsyn demodata` runs without `../shared`.
Nothing is derived here beyond mapping printed labels to codes: turning rounded shares into counts, flows and
backlogs into dates is the generator's work (`targets.py`).

    python -m tilsyn.demodata.build_calibration [REFERENCE_DIR]
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE_DATA = HERE.parent / "reference" / "data"
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "reference" / "arsrapport-2024"
OUTPUT = HERE / "calibration.json"
YEARS = ("2022", "2023", "2024")


class Source:
    def __init__(self, directory: Path):
        self.directory = directory
        self.offices = read(REFERENCE_DATA / "offices.json")["items"]
        self.provisions = read(REFERENCE_DATA / "provisions.json")["items"]
        self.vocabularies = read(REFERENCE_DATA / "terms.json")["vocabularies"]
        self.figures = read(directory / "figures-in-text.json")
        self.office_by_label = {label: o["code"] for o in self.offices for label in o["report_labels"]}

    def table(self, table_id: str) -> dict:
        return read(self.directory / f"{table_id}.json")

    def rows(self, table_id: str) -> dict[str, dict]:
        """Rows by label (first occurrence), values by column."""
        result = {}
        for row in self.table(table_id)["rows"]:
            result.setdefault(row["label"], row["values"])
        return result

    def by_office(self, table_id: str, column: str) -> dict[str, int | float | None]:
        """One column of a per-office table, keyed by office code; total rows are left out."""
        return {
            self.office_by_label[row["label"]]: row["values"][column]
            for row in self.table(table_id)["rows"]
            if row["label"] in self.office_by_label
        }

    def office_rows(self, table_id: str, columns: list[str] | None = None) -> dict[str, list]:
        table = self.table(table_id)
        columns = columns or table["columns"]
        return {
            self.office_by_label[row["label"]]: [row["values"][c] or 0 for c in columns]
            for row in table["rows"]
            if row["label"] in self.office_by_label
        }

    def by_provision(self, table_id: str, columns: list[str]) -> dict[str, list]:
        """Rows of a provision table keyed by provision code (matched on table, section and label)."""
        codes = {
            (p["table_ref"], p.get("section") or "", p["label"]): p["code"]
            for p in self.provisions
        }
        result = {}
        for row in self.table(table_id)["rows"]:
            code = codes.get((table_id, row.get("section") or "", row["label"]))
            if code is None:
                code = codes.get((table_id, "", row["label"]))
            if code is not None:
                result[code] = [row["values"][c] or 0 for c in columns]
        return result

    def by_term(self, table_id: str, vocabulary: str, columns: list[str], *, label_key: str | None = None):
        """Rows keyed by vocabulary code, matched on the term's report label for the table or its label."""
        codes = {}
        for term in self.vocabularies[vocabulary]:
            labels = (term.get("report_labels") or {}).get(label_key or table_id)
            codes.setdefault(labels or term["label"], term["code"])
        return {
            codes[row["label"]]: [row["values"][c] or 0 for c in columns]
            for row in self.table(table_id)["rows"]
            if row["label"] in codes
        }

    def figure(self, line: int, value) -> dict:
        """A figure stated in the text, checked against the transcription so that a wrong line number fails."""
        for figure in self.figures:
            if figure["line"] == line and figure["value"] == value:
                return {"value": value, "line": line, "statement": figure["statement"]}
        raise KeyError(f"no figure {value} on line {line}")

    def text(self, line: int, value):
        return self.figure(line, value)["value"]


def read(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def year_columns(source: Source, table_id: str, template: str) -> list[str]:
    columns = source.table(table_id)["columns"]
    wanted = [template.format(year=y) for y in YEARS]
    missing = [c for c in wanted if c not in columns]
    if missing:
        raise KeyError(f"{table_id}: no columns {missing}")
    return wanted


def by_label(source: Source, table_id: str, columns: list[str]) -> dict[str, list]:
    """Rows keyed by their printed label, total rows (SUM, Sum) left out."""
    return {
        row["label"]: [row["values"][c] or 0 for c in columns]
        for row in source.table(table_id)["rows"]
        if row["label"].lower() != "sum"
    }


def per_year(mapping: dict[str, list]) -> dict[str, dict[str, int]]:
    """{key: [v2022, v2023, v2024]} → {"2022": {key: v}, …}."""
    return {year: {key: values[i] for key, values in mapping.items()} for i, year in enumerate(YEARS)}


def tabell_01(source: Source) -> dict[str, dict[str, int]]:
    return {label: {y: values[y] for y in YEARS} for label, values in source.rows("tabell-01").items()}


def target_row(source: Source, label: str) -> dict:
    for row in source.table("tabell-03")["rows"]:
        if row["label"] == label:
            return {k: v for k, v in row.items() if k not in ("values", "label", "part", "område")}
    raise KeyError(label)


def health_supervision(s: Source) -> dict:
    v28 = s.table("vedlegg-28")["columns"][:5]
    v29_columns = s.table("vedlegg-29")["columns"]
    v29 = s.rows("vedlegg-29")
    return {
        "closed_2024_by_method": s.office_rows("vedlegg-28", v28),
        "investigated_by_office": per_year(s.office_rows(
            "vedlegg-27", year_columns(s, "vedlegg-27", "Avgjorte saker {year}"))),
        "other_methods_national": dict(zip(YEARS, [
            v for k, v in s.table("vedlegg-27")["rows"][-1]["values"].items()])),
        "assessments": s.by_provision("vedlegg-29", v29_columns),
        "assessment_cases": dict(zip(YEARS + ("breach_2024",),
                                     v29["Antall saker vurderingene er fordelt på"].values())),
        "results_2024": {
            "closed_after_initial": s.text(3204, 177),
            "no_breach": s.text(3205, 266),
            "breach": s.text(3206, 388),
            "forwarded_to_helsetilsynet": s.text(3206, 152),
        },
        "backlog": {"2023": s.text(3225, 1460), "2024": s.text(3225, 1467)},
        "within_targets_2024": {
            str(m): target_row(s, label) for m, label in enumerate([
                "Tilsynssaker, helse- og omsorgstjenester – 1 Avslutning med veiledning",
                "Tilsynssaker, helse- og omsorgstjenester – 2 Oversendelse til virksomheten/helsepersonellet",
                "Tilsynssaker, helse- og omsorgstjenester – 3 Virksomheten følger opp og gir tilbakemelding",
                "Tilsynssaker, helse- og omsorgstjenester – 4 Møte med virksomhet og pasient",
                "Tilsynssaker, helse- og omsorgstjenester – 5 Statsforvalteren utreder og avgjør",
            ], start=1)
        },
        # Supervised objects in the cases closed in 2024, by service level (text, lines 3252–3257).
        "objects_2024": {
            "specialist": {"health_personnel": s.text(3252, 245), "enterprise": s.text(3253, 2606)},
            "municipal": {"health_personnel": s.text(3254, 1108), "enterprise": s.text(3254, 1983)},
            "outside": {"health_personnel": 34, "enterprise": 28, "total": s.text(3257, 62)},
        },
    }


def htil_supervision(s: Source) -> dict:
    t1 = tabell_01(s)
    v42 = s.table("vedlegg-42")
    reaction_columns = v42["columns"][1:6]
    origin_labels = {"Statens helsetilsyn": "helsetilsynet", "Utenlandsk tilsynsmyndighet": "foreign_authority"}
    origins = {}
    for row in v42["rows"]:
        key = s.office_by_label.get(row["label"]) or origin_labels.get(row["label"])
        if key and key != "HTIL":
            origins[key] = [row["values"][c] or 0 for c in v42["columns"][:6]]
        elif row["label"] == "Statens helsetilsyn":
            origins["helsetilsynet"] = [row["values"][c] or 0 for c in v42["columns"][:6]]
    v44 = s.table("vedlegg-44")["columns"][:5]
    t13 = s.table("tabell-13")
    return {
        "closed": t1["Tilsynssaker med helsepersonell/virksomhet avsluttet av Statens helsetilsyn"],
        "revocations": t1["Tilbakekalte autorisasjoner (helsepersonell)"],
        "other_reactions": t1["Faglig pålegg, tap av rekvireringsrett og begrensninger i autorisasjon/lisens"],
        "new_2024": target_row(s, "Tilsynssaker")["result_new_cases"],
        "new_2023": s.text(2707, 214),
        "median_months_2024": target_row(s, "Tilsynssaker")["result_median_months"],
        "backlog": {"2023": s.text(3737, 118), "2024": s.text(3737, 114)},
        "over_twelve_months_2024": s.text(3725, 28),
        "reaction_columns": ["revocation", "limitation", "prescribing_rights_revocation", "professional_order",
                             "breach_noted"],
        "reaction_column_labels": reaction_columns,
        # closed cases, then one count per reaction column, by where the case started (vedlegg 42)
        "closed_2024_by_origin": origins,
        "non_reaction_2024_by_office": s.office_rows("vedlegg-44", v44),
        "non_reaction_columns": ["closed", "voluntary_surrender", "breach_no_reaction", "no_breach", "police_only"],
        # Profession groups as printed; the generator picks professions of a group from terms.json.
        "reactions_2024_by_profession": by_label(s, "vedlegg-40", s.table("vedlegg-40")["columns"][:4]),
        "reactions_by_profession": per_year(by_label(s, "vedlegg-41", list(YEARS))),
        "revocation_reasons": per_year(s.by_term("tabell-13", "revocation_reason", list(YEARS))),
        "revoked_persons": dict(zip(YEARS, [t13["rows"][-1]["values"][y] for y in YEARS])),
        "revocation_reasons_2024_by_group": {
            group: s.by_term("tabell-14", "revocation_reason", [group])
            for group in s.table("tabell-14")["columns"][:4]
        },
        "revocations_2024_by_group": s.rows("tabell-14")["Antall tilbakekalte autorisasjoner"],
        "suspended_2024": s.text(3883, 13),
        "voluntary_surrender_2024": s.text(3885, 21),
        "police_reports_2024": s.text(3958, 6),
        "enterprise_cases_2024": s.text(3931, 31),
    }


def child_welfare(s: Source) -> dict:
    t4 = s.table("tabell-04")
    objects = ["municipal_child_welfare", "child_welfare_institution", "care_centre", "parent_child_centre",
               "bufetat"]
    by_method = {}
    for row in t4["rows"]:
        if row["label"][0].isdigit():
            by_method[row["label"][0]] = dict(zip(objects, [row["values"][c] for c in t4["columns"]]))
    v3 = {row["label"][0]: row["values"] for row in s.table("vedlegg-03")["rows"] if row["label"][0].isdigit()}
    v4 = s.table("vedlegg-04")
    theme_groups = ["municipal_child_welfare", "bufetat", "child_welfare_institution"]
    v5_sections = {
        "Barnevernstjeneste (kommunal)": "municipal_child_welfare",
        "Barnevernsinstitusjon": "child_welfare_institution",
        "Barne-, ungdoms- og familieetaten (Bufetat)": "bufetat",
    }
    provisions = s.by_provision("vedlegg-05", s.table("vedlegg-05")["columns"])
    section_of = {p["code"]: v5_sections[p["section"]] for p in s.provisions if p["table_ref"] == "vedlegg-05"}
    t1 = tabell_01(s)
    return {
        "supervision_2024_by_method_object": by_method,
        "supervision_by_method": {m: {y: values[y] for y in YEARS} for m, values in v3.items()},
        "supervision_closed_excluding_bufetat": t1["Avsluttede tilsynssaker innen barnevernet"],
        "supervision_2024_municipal_by_office": s.by_office("vedlegg-01", "Tilsynssaker"),
        "supervision_2024_institutions_by_office": s.by_office("vedlegg-02", "Tilsynssaker"),
        "themes_2024": {
            group: s.by_term("vedlegg-04", "theme", [column]) for group, column in zip(theme_groups, v4["columns"])
        },
        "assessments_2024": {code: [section_of[code]] + values for code, values in provisions.items()},
        "breach_cases_2024": {
            "municipal_child_welfare": s.text(1617, 65),
            "child_welfare_institution": s.text(1762, 15),
            "bufetat": s.text(1571, 136),
        },
        "sources_2024": {
            "parent": s.text(1483, 871),
            "employee": s.text(1484, 193),
            "other_private_person": s.text(1492, 189),
            "child": s.text(1493, 188),
        },
        "complaints_2024_by_office": s.by_office("vedlegg-01", "Klagesaker"),
        "complaints_by_year": s.rows("vedlegg-06")["Antall klager"],
        "complaint_success_share_by_year": s.rows("vedlegg-06")["Medhold i prosent"],
        "complaint_processing_2024": dict(zip(["closed", "mean_months", "within_one_month_share"],
                                              s.rows("vedlegg-07")["Kommunal barnevernstjeneste"].values())),
        "complaint_assessments_2024": s.by_provision("vedlegg-08", s.table("vedlegg-08")["columns"]),
        "complaint_upheld_share_2024": s.text(1640, 67),
        "complaint_quashed_share_2024": s.text(1641, 27),
        "inspections_municipal": t1["Tilsyn med kommunale barneverntjenester"],
    }


def institutions(s: Source) -> dict:
    v9 = s.rows("vedlegg-09")
    v10 = s.rows("vedlegg-10")
    v13 = s.rows("vedlegg-13")
    t1 = tabell_01(s)
    return {
        "inspections_2024_by_office": s.by_office("vedlegg-02", "Utførte stedlige tilsyn"),
        "institution_inspections": t1["Tilsyn med barneverninstitusjoner"],
        "facts_2024": {
            key: {"child_welfare_institution": v9[label]["Barnevernsinstitusjon"],
                  "care_centre": v9[label]["Omsorgssenter"]}
            for key, label in [
                ("units", "Antall institusjoner"), ("statutory", "Lovpålagte tilsyn"),
                ("performed", "Utførte tilsyn"), ("children_present", "Antall barn boende på tilsynstidspunktene"),
                ("children_offered", "Antall barn som fikk tilbud om samtale på tilsynstidspunktene"),
                ("children_talked_with", "Antall gjennomførte samtaler"),
            ]
        },
        "performed_target_2024": target_row(s, "Andel gjennomførte tilsyn barneverninstitusjoner"),
        "offered_target_2024": target_row(s, "Andel beboere som fikk tilbud om samtale"),
        "breaches_found_2024": s.text(1694, 96),
        "ema_2024": {"inspections": s.text(1942, 7), "children_present": s.text(1944, 85),
                     "children_offered": s.text(1945, 68), "children_talked_with": s.text(1946, 45)},
        "protocols_2024_by_office": s.by_office("vedlegg-02", "Kontroll av protokoller (tvangsprotokoll)"),
        "protocols_by_year": v10["Antall tvangsprotokoller"],
        "unique_children_by_year": v10["Antall unike barn"],
        "complaints_2024_by_office": s.by_office("vedlegg-02", "Klagesaker"),
        "complaints_by_year": v10["Klager"],
        "rights_assessments_2024": s.by_provision("vedlegg-11", s.table("vedlegg-11")["columns"]),
        "coercion_2024": s.by_provision("vedlegg-12", s.table("vedlegg-12")["columns"]),
        "complaint_processing_2024": {
            "child_welfare_institution": dict(zip(["closed", "mean_months", "within_one_month_share"],
                                                  v13["Barnevernsinstitusjon"].values())),
            "care_centre": dict(zip(["closed", "mean_months", "within_one_month_share"],
                                    v13["Omsorgssenter"].values())),
        },
        "complaint_within_target_2024": target_row(s, "Klagesaker, bruk av tvang i barneverninstitusjoner"),
    }


def social(s: Source) -> dict:
    v17 = s.table("vedlegg-17")["columns"][:5]
    t1 = tabell_01(s)
    v20 = s.table("vedlegg-20")["columns"]
    return {
        "supervision_closed": t1["Avsluttede tilsynssaker innen sosiale tjenester i Nav"],
        "supervision_2024_by_method": s.office_rows("vedlegg-17", v17),
        "supervision_2024_enterprises_by_method": [
            s.rows("vedlegg-17")["Antall virksomheter i sakene"][c] for c in v17],
        "supervision_assessments_2024": s.by_provision("vedlegg-18", s.table("vedlegg-18")["columns"]),
        "supervision_assessment_cases_2024": 18,
        "supervision_sources_2024": {"patient_user": s.text(2294, 182), "own_initiative": s.text(2296, 41)},
        "complaints_by_office": per_year(s.office_rows(
            "vedlegg-19", year_columns(s, "vedlegg-19", "Antall behandlede saker {year}"))),
        "complaints_received": {row: values["Antall klagesaker"] for row, values in s.rows("tabell-08").items()},
        "complaints_rejected_2024": s.text(2344, 58),
        "complaints_backlog": {"2023": s.text(2345, 524), "2024": s.text(2345, 668)},
        "complaint_outcomes_2024": s.office_rows("vedlegg-20", v20),
        "complaint_outcomes_2024_national": [s.rows("vedlegg-20")["Hele landet"][c] for c in v20],
        "complaints_within_2024": s.by_office("vedlegg-21", "Realitetsbehandlet innen 3 md."),
        "complaints_within_target_2024": target_row(s, "Klagesaker, sosiale tjenester"),
        "complaint_assessments_2024": s.by_provision("vedlegg-22", s.table("vedlegg-22")["columns"]),
        "complaint_success_share_2024": s.rows("vedlegg-22")["Sum vurderingsgrunnlag"][
            "Herav helt eller delvis medhold for klageren"],
        "inspections_system_audits": per_year(s.office_rows(
            "vedlegg-14", year_columns(s, "vedlegg-14", "antall i {year}"))),
        "inspections_other_methods": per_year(s.office_rows(
            "vedlegg-15", year_columns(s, "vedlegg-15", "antall i {year}"))),
        "nationwide_system_audits_2024": s.text(2190, 40),
        "points_share_by_office": per_year(s.office_rows("vedlegg-16", list(YEARS))),
        "points": {"2022": 640, "2023": s.text(2189, 929), "2024": s.text(2188, 817)},
        "points_target_2024": target_row(s, "Aktivitetsvolum av tilsyn, sosiale tjenester"),
    }


def health_complaints(s: Source) -> dict:
    v30 = s.table("vedlegg-30")["columns"]
    return {
        "closed_by_office": per_year(s.office_rows("tabell-11", list(s.table("tabell-11")["columns"]))),
        "national_backlog_project_2022": s.rows("tabell-11")["Nasjonalt restanseprosjekt, 2021-2022"][
            "Antall saker 2022"],
        "outcomes_2024": s.office_rows("vedlegg-30", v30),
        "outcomes_2024_national": [s.rows("vedlegg-30")["Landet"][c] for c in v30],
        "assessments": s.by_provision("vedlegg-31", s.table("vedlegg-31")["columns"]),
        "assessment_cases": dict(zip(YEARS + ("success_2024",),
                                     s.rows("vedlegg-31")["Antall saker vurderingene er fordelt på"].values())),
        "received": {"2023": s.text(3277, 9417), "2024": s.text(3277, 9567)},
        "backlog": {"2023": s.text(3375, 3297), "2024": s.text(3375, 3455)},
        "backlog_by_office": {"SFOBOA": {"2023": 1619, "2024": s.text(3380, 2301)},
                              "SFVL": {"2023": 867, "2024": s.text(3382, 198)}},
        "within_target_2024": target_row(s, "Klagesaker helse- og omsorgstjenester"),
        # Offices named in the text with their share within three months (lines 3321–3329).
        "within_2024_named": {"SFOBOA": s.text(3325, 12), "SFVT": s.text(3326, 86), "SFAGD": s.text(3328, 42),
                              "SFMR": 55, "SFNO": s.text(3329, 51)},
        "within_2024_reached": ["SFINN", "SFROG"],
        "mean_months_2024": {"first_instance": s.text(3389, 1.7), "county_governor": s.text(3390, 3.6),
                             "total": s.text(3391, 5.3)},
        "patient_travel_2024": {"quashed": s.text(3337, 255), "changed": s.text(3337, 66)},
        "environmental_health_2024": {"closed": s.text(4202, 17), "within": 5, "rejected": 2, "upheld": 13,
                                      "quashed": 4, "closed_2023": 27},
    }


def coercion(s: Source) -> dict:
    v33 = s.table("vedlegg-33")["columns"]
    v34 = s.table("vedlegg-34")["columns"]
    v35 = s.table("vedlegg-35")
    v38 = s.table("vedlegg-38")["columns"]
    t12 = {label: values for label, values in s.rows("tabell-12").items()}
    v39 = s.by_term("vedlegg-39", "coercion_measure_4a", list(YEARS))
    v39_rows = s.rows("vedlegg-39")
    return {
        "emergency_2024_by_office": s.office_rows("vedlegg-32"),
        "series": {
            row["label"]: dict(zip(
                ["emergency", "emergency_persons", "approved", "not_approved", "persons_31_12",
                 "with_dispensation", "on_site"], [row["values"][c] for c in v35["columns"]]))
            for row in v35["rows"]
        },
        "vedtak_2024_by_office": s.office_rows("vedlegg-33", v33),
        "vedtak_columns": ["reviewed", "within_share", "approved", "persons_31_12", "on_site"],
        "vedtak_within_target_2024": target_row(s, "Overprøving av vedtak om bruk av tvang (hol. kap. 9)"),
        "vedtak_backlog": {"2023": s.text(3495, 463), "2024": s.text(3495, 476)},
        "vedtak_mean_months": {"2023": s.text(3496, 1.5), "2024": s.text(3496, 2.4)},
        "dispensation_2024_by_office": s.office_rows("vedlegg-34", v34),
        "dispensation_columns": ["personnel_mean", "with_dispensation", "applied_mean", "granted_mean"],
        "measures_2024": {code: values[0] for code, values in s.by_term(
            "vedlegg-36", "coercion_measure_ch9", ["Antall vedtak"]).items()},
        "measure_categories_2024": {code: values[0] for code, values in s.by_term(
            "vedlegg-37", "coercion_category_ch9", ["Antall vedtak med minst ett tiltak i kategorien"]).items()},
        "ch4a": {key: {y: t12[label][y] for y in YEARS} for key, label in [
            ("received", "Antall vedtak mottatt hos statsforvalteren"),
            ("taken_into_account", "Antall vedtak tatt til etterretning"),
            ("quashed", "Antall opphevede vedtak"),
            ("changed", "Antall endrede vedtak"),
            ("not_relevant", "Uaktuelt å gjennomgå"),
            ("over_three_months", "Antall vedtak som varer mer enn 3 måneder"),
            ("complaints", "Antall mottatte klager på vedtak"),
        ]},
        "ch4a_2024_by_office": s.office_rows("vedlegg-38", v38),
        "ch4a_columns": ["reviewed", "quashed_or_changed_share", "follow_up", "follow_up_quashed_or_changed_share",
                         "complaints"],
        "ch4a_follow_up_not_relevant_2024": s.rows("vedlegg-38")["I tillegg irrelevant å behandle"][v38[2]],
        "ch4a_measures": per_year(v39),
        "ch4a_reviewed": {y: v39_rows["Antall vedtak som tiltakene fordeler seg på"][y] for y in YEARS},
        "ch4a_within_one_month_share_2024": s.text(3646, 73),
        "ch4a_follow_up_within_four_months_share_2024": s.text(3647, 48),
    }


def notifications(s: Source) -> dict:
    t1 = tabell_01(s)
    v45 = s.table("vedlegg-45")
    v46 = s.table("vedlegg-46")
    routing = ["closed_after_initial", "forwarded_to_county_governor", "own_follow_up", "not_covered",
               "in_progress"]
    return {
        "received": t1["Antall mottatte varsler om alvorlige hendelser"],
        "by_service_type": per_year(s.by_term(
            "vedlegg-45", "incident_service_type", year_columns(s, "vedlegg-45", "Antall varsler mottatt | {year}"))),
        "by_routing": per_year(dict(zip(routing, [
            [row["values"][c] for c in year_columns(s, "vedlegg-46", "Antall varsler mottatt | {year}")]
            for row in v46["rows"][:5]]))),
        "follow_up_median_months": {y: s.rows("vedlegg-47")["Median saksbehandlingstid (måneder)"][y]
                                    for y in ("2021",) + YEARS},
        "follow_up_backlog": {y: s.rows("vedlegg-47")["Antall restanser ved årets slutt"][y]
                              for y in ("2021",) + YEARS},
        "withdrawn_2024": s.text(4136, 15),
        "service_type_note": v45["footnotes"][0],
    }


def inspections(s: Source) -> dict:
    v23 = s.table("vedlegg-23")["columns"]
    v25 = s.table("vedlegg-25")["columns"]
    t1 = tabell_01(s)
    t10 = s.table("tabell-10")
    return {
        "municipal_health": {y: s.office_rows("vedlegg-23", v23[2 * i:2 * i + 2]) for i, y in enumerate(YEARS)},
        "municipal_health_other_methods_2024": {
            "follow_up_previous": 20, "extraordinary_large": 18, "public_health": 12, "self_assessment": 9,
            "spot_check": 4, "other_unspecified": 5},
        "municipal_health_points_2024": s.office_rows("vedlegg-24", s.table("vedlegg-24")["columns"][:2]),
        "municipal_health_points": {"2022": s.text(2733, 1332), "2023": s.text(2732, 1553), "2024": 1921},
        "specialist_health": {y: s.office_rows("vedlegg-25", v25[2 * i:2 * i + 2]) for i, y in enumerate(YEARS)},
        "specialist_system_audits_real": {"2022": 30, "2023": s.text(2880, 16), "2024": s.text(2879, 12)},
        "specialist_health_points_2024": s.office_rows("vedlegg-26", s.table("vedlegg-26")["columns"][:2]),
        "blood_cells_organs": t1["Antall tilsyn med håndtering av blod, celler, vev og organer"],
        "blood_cells_organs_2024": {
            area: [row["values"][c] or 0 for c in t10["columns"]]
            for area, row in zip(["blood", "cells_tissue", "organs"], t10["rows"][:3])
        },
        "dsb_joint": s.table("tabell-09")["rows"][0]["values"],  # 2020–2024
        "preventive_municipal_health": t1["Forebyggende tilsynsaktiviteter med kommunale helse- og omsorgstjenester"],
    }


def applications(s: Source) -> dict:
    return {
        "authorisation_2024": {
            "decided": s.text(3898, 124), "decided_2023": 124 - 16, "within_three_months_share": s.text(3901, 68),
            "backlog": s.text(3902, 27), "nurses": s.text(3900, 51), "doctors": 46,
            "granted_or_partly": s.text(3904, 66), "refused": s.text(3904, 63),
            "new_without_limitation": 16, "limitation_lifted": 28, "limited": 18, "prescribing_rights": 4,
        },
        "access_requests": {
            row["label"]: dict(zip(["requests", "appeals_own", "appeals_county_governors"], row["values"].values()))
            for row in s.table("tabell-15")["rows"]
        },
    }


def build(source_dir: Path) -> dict:
    s = Source(source_dir)
    return {
        "description": "Published figures of Statens helsetilsyn's annual report 2024 that the demo data "
                       "reproduces, keyed by the project's codes. Written by build_calibration.py; do not edit.",
        "source": "Årsrapport 2024 Statens helsetilsyn (transcribed tables in ../shared/reference/arsrapport-2024)",
        "years": list(YEARS),
        "health_supervision": health_supervision(s),
        "htil_supervision": htil_supervision(s),
        "child_welfare": child_welfare(s),
        "institutions": institutions(s),
        "social": social(s),
        "health_complaints": health_complaints(s),
        "coercion": coercion(s),
        "notifications": notifications(s),
        "inspections": inspections(s),
        "applications": applications(s),
    }


def main(argv: list[str]) -> None:
    source_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    data = build(source_dir)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv)
