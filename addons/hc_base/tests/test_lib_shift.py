from odoo.tests import BaseCase, tagged

from ..lib import shifts


@tagged("post_install", "-at_install")
class TestShiftLines(BaseCase):
    def test_calendar_lines_split_at_midnight(self):
        lines = shifts.attendance_lines(23.0, 7.0)
        self.assertEqual(len(lines), 14)
        self.assertIn(("0", 23.0, 24.0), lines)
        self.assertIn(("1", 0.0, 7.0), lines)
        self.assertIn(("0", 0.0, 7.0), lines)  # Sunday night into Monday
        self.assertEqual(len(shifts.attendance_lines(7.0, 15.0)), 7)
