"""The tables as CSV (one section per table) and as an Excel workbook (one sheet per table)."""
import csv
import io

from tilsyn.statistics.engine import MONTHS, PERCENT
from tilsyn.statistics.formatting import cell_unit, has_sections, value_columns

HEADER = ["Seksjon", "Rad"]


def tables_csv(tables: list[dict]) -> str:
    """Each table: a line with its id and title, a header line, its rows, then an empty line. Numbers are
    written plainly (point decimals, percentages as numbers) so that the file reads back exactly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for table in tables:
        writer.writerow([table["id"], table["title"]])
        columns = value_columns(table)
        writer.writerow(HEADER + columns)
        for row in table["rows"]:
            values = [row["values"].get(column) for column in columns]
            writer.writerow([row.get("section") or "", row["label"]] + ["" if v is None else v for v in values])
        writer.writerow([])
    return out.getvalue()


NUMBER_FORMATS = {PERCENT: '0" %"', MONTHS: "0.0"}


def tables_xlsx(tables: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table["id"][:31])
        sections = has_sections(table)
        lead = HEADER if sections else HEADER[1:]
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append([])
        columns = value_columns(table)
        sheet.append(lead + columns)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table["rows"]:
            sheet.append(([row.get("section") or ""] if sections else []) + [row["label"]]
                         + [row["values"].get(column) for column in columns])
            for offset, column in enumerate(columns):
                number_format = NUMBER_FORMATS.get(cell_unit(table, row, column))
                if number_format:
                    sheet.cell(row=sheet.max_row, column=len(lead) + 1 + offset).number_format = number_format
        sheet.column_dimensions["A"].width = 50
        if sections:
            sheet.column_dimensions["B"].width = 50
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(tables: list[dict], wanted: str | None, filename: str):
    """The tables as a CSV or Excel attachment when `wanted` names one of them, else None."""
    from django.http import HttpResponse

    if wanted == "csv":
        response = HttpResponse(tables_csv(tables).encode(), content_type="text/csv; charset=utf-8")
    elif wanted == "xlsx":
        response = HttpResponse(tables_xlsx(tables), content_type=XLSX)
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{filename}.{wanted}"'
    return response
