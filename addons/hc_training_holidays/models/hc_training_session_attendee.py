from odoo import api, models


class HcTrainingSessionAttendee(models.Model):
    _inherit = "hc.training.session.attendee"

    @api.model
    def _unavailable_periods(self, employees, begin, end):
        """Approved time off: one search for every employee and session asked about."""
        periods = super()._unavailable_periods(employees, begin, end)
        if not employees:
            return periods
        reason = self.env._("on approved leave at that time")
        # who is off is checked for the trainer, never shown: read as superuser
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "validate"),
                    ("date_from", "<", end),
                    ("date_to", ">", begin),
                ]
            )
        )
        for leave in leaves:
            periods.setdefault(leave.employee_id.id, []).append(
                (leave.date_from, leave.date_to, reason)
            )
        return periods
