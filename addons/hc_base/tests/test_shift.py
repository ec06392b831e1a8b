from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HcCommon


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
        day, night = self.shifts["day"], self.shifts["night"]
        self.assertTrue(day._covers(datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 11)))
        self.assertFalse(day._covers(datetime(2026, 3, 2, 14), datetime(2026, 3, 2, 16)))
        self.assertFalse(day._covers(datetime(2026, 3, 2, 11), datetime(2026, 3, 2, 9)))
        # a session after midnight belongs to the night shift that began the day before,
        # and one across midnight to a single night shift (its two attendances are joined)
        self.assertTrue(night._covers(datetime(2026, 3, 3, 1), datetime(2026, 3, 3, 2)))
        self.assertTrue(night._covers(datetime(2026, 3, 2, 23, 30), datetime(2026, 3, 3, 1)))
        self.assertTrue(night._covers(datetime(2026, 3, 8, 23), datetime(2026, 3, 9, 6)))  # Sun
        self.assertFalse(night._covers(datetime(2026, 3, 3, 6), datetime(2026, 3, 3, 8)))
        self.assertFalse(night._covers(datetime(2026, 3, 3, 9), datetime(2026, 3, 3, 10)))
        self.assertTrue(night._is_on(datetime(2026, 3, 3, 6, 59)))
        self.assertFalse(night._is_on(datetime(2026, 3, 3, 7, 0)))
        self.assertTrue(night._is_on(datetime(2026, 3, 2, 23, 0)))
        self.assertEqual(
            self.env["hc.shift"]._current_shifts(self.site_a, datetime(2026, 3, 3, 15, 30)),
            self.shifts["evening"],
        )
        # a night occurrence belongs to the evening it starts on
        self.assertEqual(
            night._occurrences_by_day(date(2026, 3, 2), date(2026, 3, 3)),
            {
                date(2026, 3, 2): (datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 7)),
                date(2026, 3, 3): (datetime(2026, 3, 3, 23), datetime(2026, 3, 4, 7)),
            },
        )
        self.assertEqual(
            night._occurrence_at(datetime(2026, 3, 3, 3)),
            (datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 7)),
        )
        self.assertIsNone(day._occurrence_at(datetime(2026, 3, 3, 3)))
        # the site's time zone reaches the shift's calendar
        self.site_a.tz = "Europe/Paris"  # UTC+1 in March: 00:30 UTC is 01:30 local
        self.assertEqual(night.resource_calendar_id.tz, "Europe/Paris")
        self.assertTrue(night._covers(datetime(2026, 3, 3, 0, 30), datetime(2026, 3, 3, 1)))
        self.assertFalse(night._covers(datetime(2026, 3, 2, 21, 30), datetime(2026, 3, 2, 22)))
        self.assertTrue(night._is_on(datetime(2026, 3, 3, 5, 59)))
        self.assertFalse(night._is_on(datetime(2026, 3, 3, 6, 0)))

    def test_times_come_from_the_calendar(self):
        """New hours rewrite the calendar, and the occurrences follow; the calendar is what
        is read: a night without its attendances is never on."""
        night = self.shifts["night"]
        night.write({"hour_from": 19.0, "hour_to": 7.0})
        self.assertTrue(night._covers(datetime(2026, 3, 2, 19), datetime(2026, 3, 3, 7)))
        self.assertTrue(night._is_on(datetime(2026, 3, 2, 20)))
        night.resource_calendar_id.attendance_ids.filtered(
            lambda a: a.dayofweek == "0"  # Monday
        ).unlink()
        self.assertFalse(night._is_on(datetime(2026, 3, 2, 20)))  # a Monday evening
        self.assertTrue(night._is_on(datetime(2026, 3, 3, 20)))  # a Tuesday evening

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
