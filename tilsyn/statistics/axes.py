"""Row and column sets of the published tables, taken from the reference data wherever it has them: offices in
report order with the table's spelling, provisions of a catalogue with their sections, vocabulary terms under
the label a table prints (`extra.report_labels`), handling methods and other codes, and runs of years.
"""
from tilsyn.statistics.engine import Col, Context, Facets, Measure, Members, Row


def offices(total: str | None = None, *, spelling: int = 0, name: str = "office", extra=(),
            total_cells=None) -> Members:
    """The ten county governors in report order, labelled as the table prints them (`spelling` picks one of an
    office's report labels), then `extra` rows (label, values), then the total row. With an office chosen,
    only that office's row."""

    def members(ctx: Context):
        from tilsyn.reference.models import Office

        rows = Office.objects.filter(kind=Office.Kind.COUNTY_GOVERNOR).order_by("report_order")
        if ctx.office:
            rows = rows.filter(code=ctx.office)
        printed = [(o.report_labels[min(spelling, len(o.report_labels) - 1)], None, (o.code,)) for o in rows]
        return printed + [(label, None, values) for label, values in extra]

    return Members(name, members, total, total_cells or {})


def provisions(catalogue: str, table_id: str, total: str | None = None, total_cells=None) -> Members:
    """The provisions of a catalogue that `table_id` prints (`table_ref`), labelled and sectioned as there. A
    catalogue may also hold provisions the table does not print (vedlegg 12 is «a selection»): they are left out
    of its rows and of its total row, as in the report."""

    def members(ctx: Context):
        from tilsyn.reference.models import Provision

        rows = Provision.objects.filter(catalogue=catalogue, table_ref=table_id, active=True).order_by(
            "sort_order", "pk")
        return [(p.label, p.section or None, (p.code,)) for p in rows]

    return Members("provision", members, total, total_cells or {})


def term_groups(vocabulary: str, table_id: str | None = None, labels: list[str] | None = None):
    """(label, codes) for the terms of a vocabulary, under the label `table_id` prints for each (its report
    label, else the term's own label); terms sharing a label share a row. `labels` fixes the printed order."""

    def groups(ctx: Context) -> list[tuple[str, tuple]]:
        from tilsyn.reference.models import Term

        grouped: dict[str, list[str]] = {}
        for term in Term.objects.filter(vocabulary=vocabulary, active=True).order_by("sort_order", "pk"):
            printed = (term.extra.get("report_labels") or {}).get(table_id) if table_id else None
            if table_id and term.extra.get("report_labels") is not None and printed is None and labels is None:
                continue  # a term this table has no row for
            grouped.setdefault(printed or term.label, []).append(term.code)
        order = labels if labels is not None else list(grouped)
        return [(label, tuple(grouped.get(label, ()))) for label in order]

    return groups


def terms(vocabulary: str, name: str, *, table_id: str | None = None, labels: list[str] | None = None,
          total: str | None = None, total_cells=None) -> Members:
    groups = term_groups(vocabulary, table_id, labels)
    return Members(name, lambda ctx: [(label, None, codes or None) for label, codes in groups(ctx)], total,
                   total_cells or {})


def term_columns(vocabulary: str, name: str, measure: Measure, *, table_id: str | None = None,
                 labels: list[str] | None = None) -> Facets:
    return Facets(name, term_groups(vocabulary, table_id, labels), measure)


def choices(name: str, labels: dict, total: str | None = None, total_cells=None) -> Members:
    """Rows for coded values (handling methods, routings …): {value: printed label}."""
    return Members(name, lambda ctx: [(label, None, (value,)) for value, label in labels.items()], total,
                   total_cells or {})


def choice_columns(name: str, labels: dict, measure: Measure) -> list[Col]:
    return [Col(label, measure, where={name: (value,)}) for value, label in labels.items()]


def year_template(template: str, offset: int) -> str:
    return template.replace("{y}", "{y%+d}" % offset if offset else "{y}")


def years(first: int, last: int = 0, label: str = "{y}", measure: Measure | None = None) -> list[Col]:
    """Columns for the years `first`…`last` relative to the table's year: years(-2) = 2022, 2023, 2024."""
    return [Col(year_template(label, offset), measure, year=offset) for offset in range(first, last + 1)]


def year_rows(first: int, last: int = 0, label: str = "{y}", **row) -> list[Row]:
    return [Row(year_template(label, offset), year=offset, **row) for offset in range(first, last + 1)]
