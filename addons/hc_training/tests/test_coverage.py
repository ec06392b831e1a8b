from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .session_common import HcSessionCommon


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
