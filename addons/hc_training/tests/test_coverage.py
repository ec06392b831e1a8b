from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import BaseCase, tagged

from ..lib import coverage as cov
from .session_common import HcSessionCommon

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


@tagged("post_install", "-at_install")
class TestCoveragePlanWizard(HcSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site_a.go_live_date = fields.Date.today() + timedelta(days=4)
        # ten more night-shift storekeepers at site A
        cls.night_crew = cls.env["hr.employee"]
        for i in range(10):
            cls.night_crew |= cls._create_employee(
                f"Night Stores {i}",
                site=cls.site_a,
                department=cls.dep_stores,
                job=cls.job_stores,
                shift=cls.night,
            )

    def _wizard(self, user=None, **vals):
        Wizard = self.env["hc.training.coverage.plan"].with_user(user or self.trainer_a)
        return Wizard.create(dict({"site_id": self.site_a.id}, **vals))

    def test_defaults_from_site(self):
        wizard = self._wizard()
        self.assertEqual(wizard.go_live_date, self.site_a.go_live_date)
        self.assertEqual(wizard.trainer_ids, self.trainer_a | self.trainer_a2 | self.manager_user)

    def test_propose_edit_and_confirm(self):
        wizard = self._wizard(capacity=6, step_ids=self.step_session.ids)
        wizard.trainer_ids = self.trainer_a | self.trainer_a2
        wizard.action_propose()
        self.assertFalse(wizard.gap_ids)
        night = wizard.line_ids.filtered(lambda line: line.shift_id == self.night)
        day = wizard.line_ids.filtered(lambda line: line.shift_id == self.day)
        # 12 night-shift employees (Erin, Finn and the crew) in 2 sessions; Iris on days
        self.assertEqual(len(night), 2)
        self.assertEqual(night.employee_ids, self.emp | self.emp_2 | self.night_crew)
        self.assertEqual(day.employee_ids, self.emp_3)
        tomorrow = fields.Date.today() + timedelta(days=1)
        for line in wizard.line_ids:
            self.assertGreaterEqual(line.start.date(), tomorrow)
            self.assertTrue(line.shift_id._covers(line.start, line.stop))
        # editable: give the day session to the other trainer
        day.trainer_id = self.trainer_a2
        action = wizard.action_confirm()
        sessions = self.env["hc.training.session"].search(action["domain"])
        self.assertEqual(len(sessions), 3)
        self.assertEqual(set(sessions.mapped("state")), {"scheduled"})
        self.assertTrue(all(sessions.mapped("calendar_event_id")))
        self.assertEqual(
            sessions.filtered(lambda s: s.shift_id == self.day).trainer_id, self.trainer_a2
        )
        self.assertEqual(len(sessions.attendee_ids), 13)
        self.assertTrue(all(sessions.attendee_ids.mapped("completion_id")))
        # planned again: everyone is booked, nothing left to propose
        again = self._wizard(step_ids=self.step_session.ids)
        again.action_propose()
        self.assertFalse(again.line_ids)
        self.assertFalse(again.gap_ids)

    def test_cannot_place_everyone_says_why(self):
        # one trainer, one session a day, 3 days before go-live, 2 seats: 6 of 13 placed
        wizard = self._wizard(capacity=2, max_per_trainer_day=1, step_ids=self.step_session.ids)
        wizard.trainer_ids = self.trainer_a
        wizard.action_propose()
        self.assertEqual(len(wizard.line_ids), 3)
        self.assertEqual(sum(wizard.line_ids.mapped("employee_count")), 6)
        self.assertEqual(sum(wizard.gap_ids.mapped("employee_count")), 7)
        self.assertIn("no trainer available before go-live", wizard.gap_ids[0].reason)
        self.assertRegex(
            " ".join(wizard.gap_ids.mapped("reason")),
            r"\d+ (Night|Day)-shift employee\(s\) of step Receipts process",
        )

    def test_employee_without_shift_is_a_gap(self):
        self.night_crew[:2].hc_shift_id = False
        wizard = self._wizard(step_ids=self.step_session.ids)
        wizard.action_propose()
        gap = wizard.gap_ids.filtered(lambda g: not g.shift_id)
        self.assertEqual(gap.employee_ids, self.night_crew[:2])
        self.assertIn("have no shift", gap.reason)
