from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestCompletion(HcTrainingCommon):
    def test_trainer_sign_off_completes_with_evidence(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_session)
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.trainer_a)
            .create({"name": "attendance.pdf", "raw": b"%PDF-1.4"})
        )
        self._sign_off(
            self.trainer_a, line, evidence_ids=[(6, 0, evidence.ids)], note="On the floor"
        )
        self.assertEqual(line.state, "done")
        self.assertEqual(line.verified_by_id, self.trainer_a)
        self.assertEqual(line.source, "signoff")
        self.assertEqual(line.evidence_ids, evidence)
        self.assertEqual(assignment.state, "in_progress")
        self.assertEqual(assignment.progress, 50.0)

    def test_nobody_signs_off_own_scenario(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_scenario)
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(self.emp_user).action_sign_off()
        # a trainer who is also the employee cannot either
        self.emp_user.group_ids = [(4, self.env.ref("hc_training.group_trainer").id)]
        with self.assertRaisesRegex(AccessError, "own training"):
            self._sign_off(self.emp_user, line, score=95)
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(self.emp_user).write({"state": "done"})
        self.assertEqual(line.state, "todo")

    def test_observer_signs_off_scenario_but_others_cannot(self):
        assignment = self._assignment(self.emp)
        session = self._line(assignment, self.step_session)
        scenario = self._line(assignment, self.step_scenario)
        with self.assertRaises(AccessError):
            self._sign_off(self.emp_user_2, scenario, score=95)
        self._sign_off(self.trainer_a, session)
        self._sign_off(self.observer_user, scenario, score=92)
        self.assertEqual(scenario.state, "done")
        self.assertEqual(scenario.verified_by_id, self.observer_user)
        self.assertEqual(assignment.state, "completed")
        self.assertEqual(assignment.progress, 100.0)

    def test_score_below_pass_mark_and_prerequisites(self):
        assignment = self._assignment(self.emp_2)
        scenario = self._line(assignment, self.step_scenario)
        with self.assertRaisesRegex(UserError, "pass mark"):
            self._sign_off(self.trainer_a, scenario, score=60)
        with self.assertRaisesRegex(AccessError, "workflow"):
            scenario.write({"score": 140})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            workflow_scope(scenario._name, {"score"}),  # fixture: the database constraint
        ):
            scenario.write({"score": 140})
            scenario.flush_recordset()
        path = self._create_path(
            "Ordered",
            [{"name": "First", "kind": "session"}, {"name": "Second", "kind": "session"}],
        )
        first, second = path.step_ids
        second.prerequisite_ids = first
        path.action_publish()
        ordered = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp_2.id, "path_id": path.id}]
        )
        with self.assertRaisesRegex(UserError, "must first complete First"):
            self._sign_off(self.trainer_a, self._line(ordered, second))
        self._sign_off(self.trainer_a, self._line(ordered, first))
        self._sign_off(self.trainer_a, self._line(ordered, second))
        self.assertEqual(ordered.state, "completed")

    def test_certification_recorded_extended_and_expired(self):
        assignment = self._assignment(self.emp)
        scenario = self._line(assignment, self.step_scenario)
        today = fields.Date.context_today(scenario)
        self._sign_off(self.trainer_a, scenario, score=85, date=today - timedelta(days=400))
        self.assertTrue(self.step_scenario.skill_id.skill_type_id.is_certification)
        cert = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(len(cert), 1)
        self.assertEqual(cert.valid_to, scenario.expires_on)
        self.assertLess(scenario.expires_on, today)
        # the daily cron expires it: the step reopens and the assignment flips to expired
        self.env["hc.training.assignment"]._cron_training_reminders()
        self.assertEqual(scenario.state, "expired")
        self.assertEqual(assignment.state, "expired")
        # recertifying creates a new validity period in hr_skills
        self._sign_off(self.trainer_a, scenario, score=90)
        self.assertEqual(scenario.state, "done")
        certs = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(max(certs.mapped("valid_to")), scenario.expires_on)
        self.assertGreater(scenario.expires_on, today)

    def test_certification_extended_when_still_valid(self):
        assignment = self._assignment(self.emp)
        scenario = self._line(assignment, self.step_scenario)
        today = fields.Date.context_today(scenario)
        self._sign_off(self.trainer_a, scenario, score=85, date=today - timedelta(days=30))
        first_expiry = scenario.expires_on
        scenario.with_user(self.manager_user).action_reopen()
        self._sign_off(self.trainer_a, scenario, score=88, date=today)
        certs = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(len(certs), 1, "a valid certification is extended, not duplicated")
        self.assertGreater(certs.valid_to, first_expiry)

    def test_reopen_is_for_managers(self):
        line = self._line(self._assignment(self.emp), self.step_session)
        self._sign_off(self.trainer_a, line)
        with self.assertRaises(AccessError):
            line.with_user(self.trainer_a).action_reopen()
        line.with_user(self.manager_user).action_reopen()
        self.assertEqual(line.state, "todo")

    def test_open_source_opens_the_scenario_not_a_session(self):
        """My Training's Open: a scenario step opens its scenario; a step a trainer signs off
        has nothing to open."""
        assignment = self._assignment(self.emp).with_user(self.emp_user)
        action = self._line(assignment, self.step_scenario).action_open_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("hc.training.scenario", self.scenario.id)
        )
        with self.assertRaisesRegex(UserError, "completed with your trainer"):
            self._line(assignment, self.step_session).action_open_source()
