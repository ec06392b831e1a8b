from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, tagged

from ..lib import shifts
from .common import HcCommon


@tagged("post_install", "-at_install")
class TestShiftWindows(BaseCase):
    def test_day_and_night_windows(self):
        day, night = (7.0, 15.0), (23.0, 7.0)
        self.assertTrue(shifts.within(*day, datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 11)))
        self.assertFalse(shifts.within(*day, datetime(2026, 3, 2, 14), datetime(2026, 3, 2, 16)))
        # a night session after midnight belongs to the night shift that began the day before
        self.assertTrue(shifts.within(*night, datetime(2026, 3, 3, 1), datetime(2026, 3, 3, 3)))
        self.assertTrue(
            shifts.within(*night, datetime(2026, 3, 2, 23, 30), datetime(2026, 3, 3, 1))
        )
        self.assertFalse(shifts.within(*night, datetime(2026, 3, 3, 6), datetime(2026, 3, 3, 8)))
        self.assertFalse(shifts.within(*day, datetime(2026, 3, 2, 11), datetime(2026, 3, 2, 9)))
        self.assertTrue(shifts.is_on(*night, datetime(2026, 3, 3, 6, 59)))
        self.assertFalse(shifts.is_on(*night, datetime(2026, 3, 3, 7, 0)))

    def test_calendar_lines_split_at_midnight(self):
        lines = shifts.attendance_lines(23.0, 7.0)
        self.assertEqual(len(lines), 14)
        self.assertIn(("0", 23.0, 24.0), lines)
        self.assertIn(("1", 0.0, 7.0), lines)
        self.assertIn(("0", 0.0, 7.0), lines)  # Sunday night into Monday
        self.assertEqual(len(shifts.attendance_lines(7.0, 15.0)), 7)


@tagged("post_install", "-at_install")
class TestShift(HcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shifts = cls._create_shifts(cls.site_a)

    def test_shift_keeps_a_resource_calendar(self):
        night = self.shifts["night"]
        calendar = night.resource_calendar_id
        self.assertTrue(calendar)
        self.assertEqual(calendar.company_id, self.company)
        self.assertEqual(len(calendar.attendance_ids), 14)
        night.write({"hour_from": 22.0, "hour_to": 6.0})
        self.assertEqual(night.resource_calendar_id, calendar)
        self.assertEqual(set(calendar.attendance_ids.mapped("hour_from")), {22.0, 0.0})
        self.assertTrue(night.crosses_midnight)
        self.assertFalse(self.shifts["day"].crosses_midnight)

    def test_covers_in_site_time(self):
        night = self.shifts["night"]
        self.assertTrue(night._covers(datetime(2026, 3, 3, 1), datetime(2026, 3, 3, 2)))
        self.assertFalse(night._covers(datetime(2026, 3, 3, 9), datetime(2026, 3, 3, 10)))
        self.site_a.tz = "Europe/Paris"  # UTC+1 in March: 00:30 UTC is 01:30 local
        self.assertTrue(night._covers(datetime(2026, 3, 3, 0, 30), datetime(2026, 3, 3, 1)))
        self.assertFalse(night._covers(datetime(2026, 3, 2, 21, 30), datetime(2026, 3, 2, 22)))

    def test_bad_hours_and_wrong_site(self):
        with self.assertRaisesRegex(ValidationError, "same time"), self.cr.savepoint():
            self.env["hc.shift"].create(
                {"name": "Zero", "site_id": self.site_a.id, "hour_from": 8, "hour_to": 8}
            )
        with self.assertRaisesRegex(ValidationError, "between 0:00 and 24:00"), self.cr.savepoint():
            self.env["hc.shift"].create(
                {"name": "Long", "site_id": self.site_a.id, "hour_from": 25, "hour_to": 8}
            )
        employee = self._create_employee("Shift Worker", site=self.site_b)
        with self.assertRaisesRegex(ValidationError, "is a shift of"), self.cr.savepoint():
            employee.hc_shift_id = self.shifts["day"]
        employee.hc_site_id = self.site_a
        employee.hc_shift_id = self.shifts["night"]
        self.assertEqual(self.shifts["night"].employee_count, 1)
