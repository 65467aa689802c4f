"""The project's reference data files, read directly (the generator runs before anything is in a database)."""
import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "reference" / "data"
CALIBRATION = Path(__file__).resolve().parent / "calibration.json"


@cache
def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@cache
def calibration() -> dict:
    with open(CALIBRATION, encoding="utf-8") as f:
        return json.load(f)


def municipalities() -> list[dict]:
    return _read("municipalities.json")["items"]


def county_governors() -> list[str]:
    """The ten county governors' office codes, in the report's order."""
    offices = sorted(_read("offices.json")["items"], key=lambda o: o["report_order"])
    return [o["code"] for o in offices if o["kind"] == "county_governor"]


@cache
def office_short_names() -> dict[str, str]:
    return {o["code"]: o["short_name"] for o in _read("offices.json")["items"]}


def provisions(catalogue: str) -> list[dict]:
    return [p for p in _read("provisions.json")["items"] if p["catalogue"] == catalogue]


def terms(vocabulary: str) -> list[dict]:
    return _read("terms.json")["vocabularies"][vocabulary]


def term_codes(vocabulary: str) -> list[str]:
    return [t["code"] for t in terms(vocabulary)]


def professions_labelled(table: str, label: str) -> list[str]:
    """Profession codes that a table prints under one row label (e.g. «Annet autorisert helsepersonell»)."""
    return [t["code"] for t in terms("profession") if (t.get("report_labels") or {}).get(table) == label]
