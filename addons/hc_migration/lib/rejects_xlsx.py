"""The rejected rows of a run as an xlsx for the data owner: original values and reasons."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from odoo.addons.hc_base.lib.safe_cell import xlsx_row


def build_rejects_workbook(rows):
    """``rows``: (sheet, row number, raw values dict, reasons text). Every cell goes through
    ``safe_cell``: a staged value such as ``=HYPERLINK(...)`` comes back as the text it was,
    never as a live formula."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rejected rows")
    columns = []
    for _sheet, _row, values, _reasons in rows:
        for key in values:
            if key not in columns:
                columns.append(key)

    def cell(value):
        return WriteOnlyCell(ws, value=value)

    ws.append(xlsx_row(cell, ["Sheet", "Row", "Reasons", *columns]))
    for sheet, number, values, reasons in rows:
        ws.append(xlsx_row(cell, [sheet, number, reasons, *[values.get(c) for c in columns]]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
