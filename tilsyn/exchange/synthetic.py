"""Large synthetic exchange files for volume tests and benchmarks, made fast from the example cases.

Every line is an example case (docs/examples/cases.jsonl) copied with a new external id, case number and
system ids, and with all its dates moved by the same number of days, spread over ten years. The lines come out
in canonical form and in external-id order, so that importing them and exporting again gives the same bytes.
References between cases (origin, duplicate_of) stay within one round of copies; in a last, partial round a
reference to a case that is not there is left out.
"""
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tilsyn.exchange.format import derived_case_system_id, derived_journal_system_id

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "cases.jsonl"
DATE_VALUE = re.compile(r'"(\d{4}-\d{2}-\d{2})"')
TEN_YEARS = 3_650


def example_lines() -> list[str]:
    with open(EXAMPLES, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def synthetic_lines(count: int, *, templates: list[str] | None = None) -> Iterator[str]:
    """`count` canonical lines (without newline). Round k of the templates gets external ids prefixed
    `SYN{k:07d}-` and its dates moved back by a pseudo-random number of days within ten years."""
    templates = sorted(templates or example_lines())
    objects = [json.loads(line) for line in templates]
    in_round = set()
    for n in range(count):
        round_, index = divmod(n, len(templates))
        shift = timedelta(days=-((round_ * 7_919) % TEN_YEARS))
        if index == 0:
            in_round = {obj["external_id"] for obj in objects[:count - n]}
        yield synthetic_line(objects[index], f"SYN{round_:07d}-", n + 1, shift, in_round)


def synthetic_line(template: dict, prefix: str, sequence: int, shift: timedelta, in_round: set[str]) -> str:
    obj = json.loads(json.dumps(template))  # a deep copy that keeps the key order
    external_id = prefix + template["external_id"]
    obj["external_id"] = external_id
    obj["system_id"] = derived_case_system_id(external_id)
    received = date.fromisoformat(template["received"]) + shift
    obj["case_number"] = f"{received.year}/{sequence}"
    refer(obj, "origin", prefix, in_round)
    refer(obj[obj["kind"]], "duplicate_of", prefix, in_round)
    for entry in obj.get("journal", ()):
        entry["system_id"] = derived_journal_system_id(external_id, entry["number"])
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return DATE_VALUE.sub(lambda m: f'"{(date.fromisoformat(m.group(1)) + shift).isoformat()}"', line)


def refer(obj: dict, key: str, prefix: str, in_round: set[str]) -> None:
    if key not in obj:
        return
    if obj[key] in in_round:
        obj[key] = prefix + obj[key]
    else:
        del obj[key]


def write_synthetic_file(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for line in synthetic_lines(count):
            f.write(line + "\n")
