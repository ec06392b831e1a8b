"""Migration integrity (issue #17): every row read is in exactly one bucket, rows rejected for a
field still take part in deduplication, matching across domains, sign-offs guarded by the
reject-rate target, bounded reasons."""

import io

from openpyxl import Workbook, load_workbook

from odoo.tests import BaseCase, tagged

from odoo.addons.hc_base.lib import safe_cell

from ..lib import buckets, validation
from ..lib.rejects_xlsx import build_rejects_workbook


@tagged("post_install", "-at_install")
class TestBucketsAndReasons(BaseCase):
    def test_each_row_state_has_one_bucket(self):
        expected = {
            ("valid", None): "valid",
            ("loaded", None): "valid",
            ("error", None): "valid",
            ("valid", "merged"): "valid",  # the survivor
            ("rejected", None): "rejected",
            ("rejected", "pending"): "rejected",
            ("rejected", "merged"): "rejected",
            ("duplicate", "pending"): "pending",
            ("valid", "pending"): "pending",  # the row standing in for its cluster
            ("duplicate", "merged"): "merged",
            ("valid", "apart"): "apart",
            ("loaded", "apart"): "apart",
            ("archived", None): "archived",
            ("duplicate", None): None,  # never made by the pipeline
        }
        for (state, cluster), bucket in expected.items():
            with self.subTest(state=state, cluster=cluster):
                self.assertEqual(buckets.bucket(state, cluster), bucket)
        self.assertEqual(buckets.unaccounted(10, {"valid": 6, "rejected": 3, "merged": 1}), 0)
        self.assertEqual(buckets.unaccounted(10, {"valid": 6, "rejected": 3}), 1)

    def test_reasons_name_a_handful_of_rows(self):
        self.assertEqual(validation.others_text([7, 8], 7, 1), "row 8")
        self.assertEqual(
            validation.others_text([2, 3, 4, 5], 2, 5999), "rows 3, 4, 5 and 5,996 other rows"
        )
        self.assertEqual(
            validation.others_text([2, 3, 4, 5], 4, 5999), "rows 2, 3, 5 and 5,996 other rows"
        )


@tagged("post_install", "-at_install")
class TestSafeCells(BaseCase):
    VALUES = [
        '=HYPERLINK("http://x","y")',
        "=1+2",
        "+1",
        "-2a",
        "@SUM(A1)",
        "\tTAB",
        "\rCR",
        "＝1+2",  # full-width equals sign
        -5,
        2.5,
        "plain",
        "-5",
        None,
    ]

    def _reloaded(self, content):
        return [
            cell for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row
        ]

    def test_xlsx_write_only_and_regular_sheets(self):
        content = build_rejects_workbook(
            [("CSV", 2, {"v": v}, "bad") for v in self.VALUES], safe_cell.xlsx_row
        )
        cells = self._reloaded(content)
        values = [c.value for c in cells[7::4]]  # the 'v' column of each row
        self.assertEqual(values, [v if v != "" else None for v in self.VALUES])
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        numbers = {c.value: c.data_type for c in cells if isinstance(c.value, int | float)}
        self.assertEqual(numbers[-5], "n")
        # a regular (not write-only) sheet, protected after it is filled
        wb = Workbook()
        wb.active.append(self.VALUES)
        safe_cell.protect_worksheet(wb.active)
        buf = io.BytesIO()
        wb.save(buf)
        cells = self._reloaded(buf.getvalue())
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        self.assertEqual(cells[1].value, "=1+2")
        self.assertEqual(cells[8].value, -5)

    def test_control_characters_an_xlsx_cannot_hold_are_dropped(self):
        content = build_rejects_workbook(
            [("CSV", 2, {"v": "bad\x01value"}, "x")], safe_cell.xlsx_row
        )
        self.assertEqual(self._reloaded(content)[-1].value, "badvalue")
