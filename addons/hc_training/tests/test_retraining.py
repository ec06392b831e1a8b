from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestRetraining(HcTrainingCommon):
    """``hc.training.completion._retrain``: the one code path of targeted retraining."""

    def setUp(self):
        super().setUp()
        self.Completion = self.env["hc.training.completion"]
        self.due = fields.Date.today() + timedelta(days=14)

    def test_done_step_reopened_with_new_due_date(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_session)
        line._complete(source="signoff", verified_by=self.trainer_a)
        self.assertEqual(line.state, "done")
        lines = self.Completion._retrain(self.emp, self.step_session, reason="UAT defect D-1")
        self.assertEqual(lines, line)
        self.assertEqual(line.state, "todo")
        self.assertFalse(line.date_completed)
        self.assertFalse(line.verified_by_id)
        self.assertEqual(line.date_due, self.due)
        self.assertGreaterEqual(assignment.date_due, self.due)
        self.assertIn("UAT defect D-1", assignment.message_ids[0].body)
        # the other step is untouched and no new assignment appeared
        self.assertEqual(self._line(assignment, self.step_scenario).state, "todo")
        self.assertEqual(self._assignment(self.emp), assignment)

    def test_open_step_keeps_state_and_earliest_due_date(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_scenario)
        line.date_due = fields.Date.today() + timedelta(days=60)
        self.Completion._retrain(self.emp, self.step_scenario, reason="floor issue")
        self.assertEqual(line.state, "todo")
        self.assertEqual(line.date_due, self.due)
        earlier = fields.Date.today() + timedelta(days=3)
        line.date_due = earlier
        self.Completion._retrain(self.emp, self.step_scenario, reason="again")
        self.assertEqual(line.date_due, earlier)

    def test_employee_without_the_path_gets_targeted_retraining_assignment(self):
        self.assertFalse(self._assignment(self.emp_biomed))
        lines = self.Completion._retrain(
            self.emp_biomed | self.emp, self.step_scenario, reason="role confusion at stores"
        )
        new = self._assignment(self.emp_biomed)
        self.assertEqual(new.source, "retraining")
        self.assertEqual(new.date_due, self.due)
        self.assertEqual(self._line(new, self.step_scenario).state, "todo")
        self.assertEqual(self._line(new, self.step_session).state, "waived")
        self.assertEqual(
            lines,
            self._line(new, self.step_scenario)
            | self._line(self._assignment(self.emp), self.step_scenario),
        )
        # asked again: the open line is reused, no second assignment
        again = self.Completion._retrain(self.emp_biomed, self.step_scenario, reason="repeat")
        self.assertEqual(again, self._line(new, self.step_scenario))
        self.assertEqual(len(self._assignment(self.emp_biomed)), 1)

    def test_unpublished_path_refused(self):
        draft = self._create_path("Draft path", [{"name": "Draft step", "kind": "session"}])
        with self.assertRaisesRegex(UserError, "Draft path"):
            self.Completion._retrain(self.emp, draft.step_ids, reason="x")

    def test_archived_employee_skipped(self):
        self.emp_2.active = False
        self.assertFalse(self.Completion._retrain(self.emp_2, self.step_session, reason="x"))


@tagged("post_install", "-at_install")
class TestRetrainingWizard(HcTrainingCommon):
    """``hc.retraining.wizard``: the one retraining wizard retrains only from a source record
    (``hc.retraining.mixin``), whose role and rules it re-checks on the server."""

    def test_wizard_refuses_a_model_that_is_no_retraining_source(self):
        assignment = self._assignment(self.emp)
        Wizard = self.env["hc.retraining.wizard"].with_user(self.manager_user)
        with self.assertRaisesRegex(AccessError, "not a retraining source"):
            Wizard.create(
                {
                    "res_model": assignment._name,
                    "res_id": assignment.id,
                    "employee_ids": [(6, 0, self.emp.ids)],
                    "step_ids": [(6, 0, self.step_session.ids)],
                }
            )
        self.assertNotIn(
            "hc.training.assignment", self.env["hc.retraining.mixin"]._hc_retraining_models()
        )

    def test_confirm_refused_to_roles_that_retrain_from_no_source(self):
        # trainers and employees retrain through their own assignments, not through this
        # wizard (it serves floor issues and UAT defects): an empty call is refused too
        for user in (self.trainer_a, self.manager_user, self.emp_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["hc.retraining.wizard"].with_user(user).action_confirm()
