"""The panel's figures made ready for the page once, in Python: each cell's text (the Norwegian way), its link to
the cases behind it, and whether it reached its target. The templates only loop over them, which keeps the
national view's hundreds of cells fast to render."""
from dataclasses import dataclass

from tilsyn.steering.models import Figure
from tilsyn.steering.templatetags.steering import drill_url, figure, status


@dataclass(frozen=True)
class Shown:
    text: str
    url: str = ""
    reached: bool | None = None

    @property
    def css(self) -> str:
        return {True: "reached", False: "missed"}.get(self.reached, "")

    @property
    def mark(self) -> str:
        return {True: "✓", False: "✗"}.get(self.reached, "")

    @property
    def status(self) -> str:
        return status(self.reached)


def targets_shown(rows, office=None) -> list[dict]:
    """Each target row: its goal, the country's figure, «N av 10», each office's figure (or, with `office`,
    that office's figure and goal), every figure linked to its cases."""
    shown = []
    for row in rows:
        kind, code, day = Figure.Kind.ATTAINMENT, row.target.code, row.day
        country = Shown(figure(row.country.value, row.unit), drill_url(kind, code, day), row.country.reached)
        own = row.office
        shown.append({
            "row": row, "country": country,
            "goal": figure(own.goal if own else row.goal, row.unit),
            "own": Shown(figure(own.value, row.unit), drill_url(kind, code, day, office), own.reached) if own
            else country,
            "offices": [Shown(figure(cell.value, row.unit), drill_url(kind, code, day, cell.office), cell.reached)
                        for cell in row.offices],
            "this_year": [figure(value, row.unit) for value in row.this_year],
            "last_year": [figure(value, row.unit) for value in row.last_year],
        })
    return shown


def backlogs_shown(rows, office=None) -> list[dict]:
    """Each backlog series at the start of the year and at its last day, for the country or `office`, and per
    office at the last day; every figure linked to its cases."""
    kind = Figure.Kind.BACKLOG
    return [{"row": row,
             "start": Shown(figure(row.start.value), drill_url(kind, row.code, row.start_day, office)),
             "end": Shown(figure(row.end.value), drill_url(kind, row.code, row.end_day, office)) if row.end_day
             else Shown("–"),
             "offices": [Shown(figure(last), drill_url(kind, row.code, row.end_day, o)) for o, _first, last
                         in row.offices],
             "this_year": [figure(value) for value in row.this_year],
             "last_year": [figure(value) for value in row.last_year]} for row in rows]
