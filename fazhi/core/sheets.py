"""Spreadsheets the product writes hold text, never formulas: openpyxl stores a string starting with "=" as a
formula, so a value typed or imported as "=HYPERLINK(…)" would run in the reader's spreadsheet (the same risk
as CSV injection; CSV cells go through law.disclosure.csv_cell)."""


def no_formulas(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return wb
