"""Sample legacy files for the tests (plain Python: the lib tests import them without Odoo)."""

import io

from openpyxl import Workbook

HEADER = ("Supplier Code", "Name", "VAT", "Email", "Phone", "City")


def xlsx(rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.title = "Suppliers"
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


OTHER_HEADER = ("Vendor No.", "Vendor Name", "Tax ID / VAT", "E-Mail Address", "Tel.", "Town")


def workbook(sheets):
    """xlsx bytes of {sheet title: (header, rows)}, in order."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
