from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestReminders(HcTrainingCommon):
    def _activities(self, records, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_due_soon_activity_once_for_the_employee(self):
        assignment = self._assignment(self.emp)
        today = fields.Date.context_today(assignment)
        assignment.completion_ids.write({"date_due": today + timedelta(days=5)})
        Assignment = self.env["hc.training.assignment"]
        Assignment._cron_training_reminders()
        Assignment._cron_training_reminders()
        activities = self._activities(
            assignment.completion_ids, "hc_training.mail_activity_training_due"
        )
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.emp_user)
        # the employee without a user gets none
        self.assertFalse(
            self._activities(
                self._assignment(self.emp_b).completion_ids,
                "hc_training.mail_activity_training_due",
            )
        )

    def test_overdue_notifies_trainer_once(self):
        assignment = self._assignment(self.emp)
        today = fields.Date.context_today(assignment)
        with workflow_scope("hc.training.assignment", {"date_assigned"}):  # fixture: a month ago
            assignment.write(
                {
                    "date_assigned": today - timedelta(days=30),
                    "date_due": today - timedelta(days=1),
                }
            )
        Assignment = self.env["hc.training.assignment"]
        Assignment._cron_training_reminders()
        Assignment._cron_training_reminders()
        self.assertEqual(assignment.state, "overdue")
        activities = self._activities(assignment, "hc_training.mail_activity_training_overdue")
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.trainer_a)

    def test_recertification_reminder_30_days_ahead(self):
        assignment = self._assignment(self.emp)
        line = assignment.completion_ids.filtered(lambda c: c.step_id == self.step_scenario)
        today = fields.Date.context_today(line)
        line.sudo()._complete(source="signoff", score=90, date=today - timedelta(days=350))
        self.assertLessEqual(line.expires_on, today + timedelta(days=30))
        self.env["hc.training.assignment"]._cron_training_reminders()
        self.env["hc.training.assignment"]._cron_training_reminders()
        activities = self._activities(line, "hc_training.mail_activity_training_recertification")
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.emp_user)
