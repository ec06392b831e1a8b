"""The training matrix as an xlsx workbook a training lead can send to a site manager."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from odoo.addons.hc_base.lib.safe_cell import protect_worksheet

FILLS = {
    "done": "C6EFCE",
    "waived": "D9D9D9",
    "todo": "FFEB9C",
    "overdue": "FFC7CE",
    "expired": "FFC7CE",
}


def build_matrix_workbook(title, columns, rows, legend=None):
    """Bytes of an xlsx workbook.

    ``columns``: list of (role, layer, step) header triples, one per step column.
    ``rows``: list of dicts with keys employee, site, department, job, and cells: a list, one
    per column, of (state_key, label) or None where the step does not apply.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Training matrix"
    bold = Font(bold=True)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    fixed = ["Employee", "Site", "Department", "Job position"]
    ws.append(fixed + [c[0] for c in columns])
    ws.append([""] * len(fixed) + [c[1] for c in columns])
    ws.append([""] * len(fixed) + [c[2] for c in columns])
    for row_idx in (2, 3, 4):
        for cell in ws[row_idx]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        values = [row["employee"], row["site"], row["department"], row["job"]]
        values += [cell[1] if cell else "" for cell in row["cells"]]
        ws.append(values)
        current = ws.max_row
        for offset, cell in enumerate(row["cells"]):
            if cell and cell[0] in FILLS:
                ws.cell(current, len(fixed) + 1 + offset).fill = PatternFill(
                    "solid", fgColor=FILLS[cell[0]]
                )
    ws.freeze_panes = ws.cell(5, len(fixed) + 1)
    for idx in range(1, len(fixed) + len(columns) + 1):
        ws.column_dimensions[get_column_letter(idx)].width = 24 if idx <= len(fixed) else 18
    if legend:
        lg = wb.create_sheet("Legend")
        lg.append(["State", "Meaning"])
        for key, meaning in legend:
            lg.append([key, meaning])
            if key in FILLS:
                lg.cell(lg.max_row, 1).fill = PatternFill("solid", fgColor=FILLS[key])
    for sheet in wb.worksheets:  # names typed by users: text, never a live formula
        protect_worksheet(sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
