"""The cells of the published 2024 report that the demo data set does not reproduce, each with its reason.

`known_differences.json` lists them grouped by reason: where the report contradicts itself (one set of cases
cannot give both figures) and the figures the cases cannot give by design. `tests/test_statistics_reproduction.py`
computes the 2024 report from `tilsyn demodata --years 2014-2024` and requires the cells that differ from the
published tables to be exactly these, so a new difference fails the test and so does a fixed one.
docs/statistics.md, «Reproducing the 2024 report», is written from the file:

    python -m tilsyn.statistics.known_differences          # print the section
    python -m tilsyn.statistics.known_differences --write  # replace it in docs/statistics.md
"""
import json
import sys
import textwrap
from pathlib import Path

from tilsyn.statistics.comparison import TableComparison

FILE = Path(__file__).with_name("known_differences.json")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "statistics.md"
HEADING = "## Reproducing the 2024 report"
KINDS = {"contradiction": "The report contradicts itself", "gap": "Figures the cases cannot give"}
# Not computed from cases (docs/statistics.md): staff, a list of activities, pay.
NOT_COMPUTED = {"tabell-02", "tabell-05", "tabell-16", "tabell-17"}

Cell = tuple  # (table, section, label, column, published, computed)


def load() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


def known_cells(known: dict | None = None) -> dict[Cell, str]:
    """Every listed cell, and the code of its reason."""
    known = known or load()
    return {(c["table"], c.get("section"), c["label"], c["column"], c["published"], c["computed"]): reason["code"]
            for reason in known["reasons"] for c in reason["cells"]}


def differing_cells(comparisons: list[TableComparison]) -> set[Cell]:
    return {(c.table_id, *mismatch) for c in comparisons for mismatch in c.mismatches}


# ---------------------------------------------------------------------------------------------- the docs section


def markdown(known: dict | None = None) -> str:
    known = known or load()
    cells = sum(len(reason["cells"]) for reason in known["reasons"])
    lines = [HEADING, "", _paragraph(known["introduction"].format(cells=cells)), ""]
    for kind, title in KINDS.items():
        reasons = [r for r in known["reasons"] if r["kind"] == kind]
        lines += [f"### {title} ({sum(len(r['cells']) for r in reasons)} cells)", ""]
        for reason in reasons:
            lines += [_paragraph(f"**{reason['title']}** ({len(reason['cells'])}). {reason['explanation']}"), "",
                      "| table | section | row | column | published | computed |",
                      "| --- | --- | --- | --- | --- | --- |"]
            lines += [f"| {c['table']} | {c.get('section') or ''} | {c['label']} | {c['column']} | "
                      f"{_number(c['published'])} | {_number(c['computed'])} |" for c in reason["cells"]]
            lines.append("")
    return "\n".join(lines) + "\n"


def _paragraph(text: str) -> str:
    return textwrap.fill(text, width=115, break_long_words=False, break_on_hyphens=False)


def _number(value) -> str:
    return "–" if value is None else str(value)


def docs_section(text: str) -> str:
    """The section as it stands in docs/statistics.md: from its heading to the next «## » heading."""
    start = text.index(HEADING)
    end = text.find("\n## ", start + len(HEADING))
    return text[start:] if end < 0 else text[start:end + 1]


def write_docs() -> None:
    text = DOCS.read_text(encoding="utf-8")
    DOCS.write_text(text.replace(docs_section(text), markdown()), encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_docs()
    else:
        print(markdown())
