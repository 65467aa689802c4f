"""Computed tables against published ones, cell by cell (the transcribed report in ../shared/reference)."""
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableComparison:
    table_id: str
    cells: int = 0
    matches: int = 0
    mismatches: list[tuple] = field(default_factory=list)  # (section, label, column, published, computed)


def same(published, computed) -> bool:
    """Equal, where a printed empty cell and 0 are the same count, and numbers compare as numbers."""
    if published in (None, 0) and computed in (None, 0):
        return True
    if isinstance(published, (int, float)) and isinstance(computed, (int, float)):
        return abs(published - computed) < 1e-9
    return published == computed


def compare_with_published(computed: list[dict], directory: Path) -> list[TableComparison]:
    """Every published cell of each computed table (tabell 3: the figures the reference names) against ours."""
    result = []
    for table in computed:
        published = json.loads((Path(directory) / f"{table['id']}.json").read_text(encoding="utf-8"))
        ours = {(row.get("section"), row["label"]): row["values"] for row in table["rows"]}
        comparison = TableComparison(table["id"])
        for row in published["rows"]:
            key = (row.get("section"), row["label"])
            for column, value in row["values"].items():
                mine = ours.get(key, {}).get(column)
                comparison.cells += 1
                if same(value, mine):
                    comparison.matches += 1
                else:
                    comparison.mismatches.append((*key, column, value, mine))
        result.append(comparison)
    return result
