"""The rejected rows of a run as an xlsx for the data owner: original values and reasons."""

import io

from openpyxl import Workbook


def build_rejects_workbook(rows):
    """``rows``: (sheet, row number, raw values dict, reasons text)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rejected rows")
    columns = []
    for _sheet, _row, values, _reasons in rows:
        for key in values:
            if key not in columns:
                columns.append(key)
    ws.append(["Sheet", "Row", "Reasons", *columns])
    for sheet, number, values, reasons in rows:
        ws.append([sheet, number, reasons, *[values.get(c) for c in columns]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
