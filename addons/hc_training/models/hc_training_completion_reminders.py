# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, models


class HcTrainingCompletion(models.Model):
    """Activities reminding employees of steps due soon and certifications about to lapse."""

    _inherit = "hc.training.completion"

    @api.model
    def _schedule_due_soon_activities(self, today):
        """An activity on the employee's user for each step due within 7 days, once."""
        activity_type = self.env.ref("hc_training.mail_activity_training_due")
        lines = self.search(
            [
                ("state", "=", "todo"),
                ("assignment_active", "=", True),
                ("user_id", "!=", False),
                ("date_due", ">=", today),
                ("date_due", "<=", today + timedelta(days=7)),
            ]
        )
        lines._hc_schedule_once(
            activity_type,
            user=lambda line: line.user_id,
            deadline=lambda line: line.date_due,
            summary=lambda line: self.env._("Training step due: %(step)s", step=line.name),
        )

    @api.model
    def _schedule_recertification_activities(self, today):
        """30 days before a certification lapses, remind the employee once."""
        activity_type = self.env.ref("hc_training.mail_activity_training_recertification")
        lines = self.search(
            [
                ("state", "=", "done"),
                ("assignment_active", "=", True),
                ("user_id", "!=", False),
                ("expires_on", ">=", today),
                ("expires_on", "<=", today + timedelta(days=30)),
            ]
        )
        lines._hc_schedule_once(
            activity_type,
            user=lambda line: line.user_id,
            deadline=lambda line: line.expires_on,
            summary=lambda line: self.env._(
                "Recertify before %(date)s: %(step)s", date=line.expires_on, step=line.name
            ),
        )
