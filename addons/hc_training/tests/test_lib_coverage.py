from datetime import date, datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..lib import coverage as cov

DAY = cov.Window(7, 15)
NIGHT = cov.Window(23, 7)


@tagged("post_install", "-at_install")
class TestCoveragePlanner(BaseCase):
    first, last = date(2031, 3, 10), date(2031, 3, 12)

    def test_chunks_even_sizes(self):
        self.assertEqual([len(c) for c in cov.chunks(range(13), 12)], [7, 6])
        self.assertEqual([len(c) for c in cov.chunks(range(24), 12)], [12, 12])
        self.assertEqual(cov.chunks([], 12), [])

    def test_slots_inside_night_window(self):
        slots = list(cov.slots(NIGHT, self.first, timedelta(hours=3)))
        self.assertEqual(slots[0], (datetime(2031, 3, 10, 23, 0), datetime(2031, 3, 11, 2, 0)))
        self.assertEqual(len(slots), 2)  # 23-02, 02-05; 05-08 would end after 07:00

    def test_places_each_shift_in_its_window(self):
        demands = [
            cov.Demand(1, 10, tuple(range(1, 21))),  # 20 day-shift employees
            cov.Demand(1, 30, (101, 102)),  # 2 night-shift employees
        ]
        proposals, gaps = cov.plan(
            demands, {10: DAY, 30: NIGHT}, [7, 8], self.first, self.last, capacity=12
        )
        self.assertFalse(gaps)
        self.assertEqual(len(proposals), 3)
        day = [p for p in proposals if p.shift_id == 10]
        self.assertEqual(sorted(len(p.employee_ids) for p in day), [10, 10])
        for p in day:
            self.assertTrue(p.start.hour >= 7 and p.stop.hour <= 15)
        (night,) = [p for p in proposals if p.shift_id == 30]
        self.assertIn(night.start.hour, (23, 0, 1, 2, 3, 4, 5))
        # trainers are never double-booked
        by_trainer = {}
        for p in proposals:
            for start, stop in by_trainer.get(p.trainer_id, []):
                self.assertTrue(p.stop <= start or stop <= p.start)
            by_trainer.setdefault(p.trainer_id, []).append((p.start, p.stop))

    def test_max_sessions_per_trainer_day_and_existing_bookings(self):
        calendar = cov.Calendar()
        calendar.book_trainer(7, datetime(2031, 3, 10, 7, 0), datetime(2031, 3, 10, 8, 30))
        proposals, gaps = cov.plan(
            [cov.Demand(1, 10, tuple(range(30)))],
            {10: DAY},
            [7],
            self.first,
            self.first,
            capacity=10,
            max_per_trainer_day=2,
            calendar=calendar,
        )
        # one session already that day: one more fits, 20 employees are left
        self.assertEqual(len(proposals), 1)
        self.assertEqual(proposals[0].start, datetime(2031, 3, 10, 8, 30))
        self.assertEqual(len(gaps), 1)
        self.assertEqual(gaps[0].reason, cov.NO_SLOT)
        self.assertEqual(len(gaps[0].employee_ids), 20)

    def test_employee_not_double_booked_across_steps(self):
        proposals, _gaps = cov.plan(
            [cov.Demand(1, 10, (1, 2)), cov.Demand(2, 10, (1, 2))],
            {10: DAY},
            [7, 8],
            self.first,
            self.first,
        )
        self.assertEqual(len(proposals), 2)
        a, b = proposals
        self.assertTrue(a.stop <= b.start or b.stop <= a.start)

    def test_gaps_with_reasons(self):
        _p, gaps = cov.plan([cov.Demand(1, None, (1,))], {10: DAY}, [7], self.first, self.last)
        self.assertEqual(gaps[0].reason, cov.NO_SHIFT)
        _p, gaps = cov.plan([cov.Demand(1, 10, (1,))], {10: DAY}, [], self.first, self.last)
        self.assertEqual(gaps[0].reason, cov.NO_TRAINER)
        _p, gaps = cov.plan([cov.Demand(1, 10, (1,))], {10: DAY}, [7], self.last, self.first)
        self.assertEqual(gaps[0].reason, cov.NO_DAYS)
        _p, gaps = cov.plan(
            [cov.Demand(1, 10, (1,))], {10: cov.Window(7, 8)}, [7], self.first, self.last
        )
        self.assertEqual(gaps[0].reason, cov.TOO_SHORT)
