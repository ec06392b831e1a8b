import io

from openpyxl import load_workbook

from odoo.tests import BaseCase, tagged

from ..lib.matrix_xlsx import build_matrix_workbook


@tagged("post_install", "-at_install")
class TestMatrixSafeCells(BaseCase):
    def test_names_typed_by_users_come_back_as_text(self):
        """An employee, department or step named like a formula is written as text (the
        OWASP CSV-injection rule, ``hc_base/lib/safe_cell.py``), never as a live formula."""
        columns = [("=1+2", "@SUM(A1)", "-2a")]
        rows = [
            {
                "employee": '=HYPERLINK("http://x.example","y")',
                "site": "+1",
                "department": "\tHR",
                "job": "Nurse",
                "cells": [("done", "=cmd|' /C calc'!A0")],
            }
        ]
        content = build_matrix_workbook("=title", columns, rows, [("done", "@done")])
        workbook = load_workbook(io.BytesIO(content))
        cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        values = {c.value for c in cells}
        for text in ('=HYPERLINK("http://x.example","y")', "=1+2", "=cmd|' /C calc'!A0", "@done"):
            self.assertIn(text, values)
