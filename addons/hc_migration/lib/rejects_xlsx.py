"""The rejected rows of a run as an xlsx for the data owner: original values and reasons.

Plain Python (no Odoo import): the model passes the sheet title and column headers in the
user's language, and ``xlsx_row`` of ``hc_base/lib/safe_cell.py`` that writes every cell."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

HEADERS = ("Sheet", "Row", "Reasons")
TITLE = "Rejected rows"


def build_rejects_workbook(rows, xlsx_row, title=TITLE, headers=HEADERS):
    """``rows``: (sheet, row number, raw values dict, reasons text). Every cell goes through
    ``xlsx_row(cell, values)`` (``safe_cell.xlsx_row``): a staged value such as
    ``=HYPERLINK(...)`` comes back as the text it was, never as a live formula. ``title`` and
    ``headers`` (sheet, row, reasons): the sheet's name and first three column headers."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    columns = []
    for _sheet, _row, values, _reasons in rows:
        for key in values:
            if key not in columns:
                columns.append(key)

    def cell(value):
        return WriteOnlyCell(ws, value=value)

    ws.append(xlsx_row(cell, [*headers, *columns]))
    for sheet, number, values, reasons in rows:
        ws.append(xlsx_row(cell, [sheet, number, reasons, *[values.get(c) for c in columns]]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
