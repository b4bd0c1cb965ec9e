"""Spreadsheets the product writes hold text, never formulas: openpyxl stores a string starting with "=" as a
formula, so a value typed or imported as "=HYPERLINK(…)" would run in the reader's spreadsheet (the same risk
as CSV injection; CSV cells go through law.disclosure.csv_cell)."""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def no_formulas(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return wb


def xlsx_download(data: bytes, name: str):
    """A written workbook as a download named `name` (any characters: RFC 6266 filename*)."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    r = HttpResponse(data, content_type=XLSX)
    r["Content-Disposition"] = content_disposition_header(True, name)
    return r
