# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.constants import RETRAIN_DAYS
from .hc_training_completion import REOPEN_VALS


class HcTrainingCompletion(models.Model):
    """Targeted retraining: reopen or add the lines of given steps for given employees."""

    _inherit = "hc.training.completion"

    @api.model
    def _retrain(self, employees, steps, *, reason, days=RETRAIN_DAYS):
        """Targeted retraining, the one code path for it (UAT defects, floor-support issues).

        Each (employee, step) ends with an open line due in ``days``: a done, expired or
        waived line of the employee's active assignment of the step's path is reopened; a
        to-do line keeps its state and gets the new due date if it had a later one or none;
        an employee without an active assignment of that path gets a *retraining*
        assignment of it whose other steps are waived, so only the targeted steps are asked.
        The reason is logged on each assignment concerned. Callers check their own access
        rights. Returns the lines concerned.
        """
        employees = employees.filtered("active")
        if not employees or not steps:
            return self.browse()
        unpublished = steps.path_id.filtered(lambda p: p.state != "published")
        if unpublished:
            raise UserError(
                self.env._(
                    "Retraining needs a published learning path; %(path)s is %(state)s.",
                    path=unpublished[0].display_name,
                    state=unpublished[0].state,
                )
            )
        due = fields.Date.context_today(self) + timedelta(days=days)
        Assignment = self.env["hc.training.assignment"]
        assignments = Assignment.search(
            [
                ("employee_id", "in", employees.ids),
                ("path_id", "in", steps.path_id.ids),
                ("active", "=", True),
            ]
        )
        by_pair = {(a.employee_id.id, a.path_id.id): a for a in assignments}
        existing = self.search(
            [("assignment_id", "in", assignments.ids), ("step_id", "in", steps.ids)]
        )
        by_line = {(c.assignment_id.id, c.step_id.id): c for c in existing}
        reopen, refresh = self.browse(), self.browse()
        missing = {}  # (employee id, path id) -> targeted step ids
        for employee in employees:
            for step in steps:
                assignment = by_pair.get((employee.id, step.path_id.id))
                line = assignment and by_line.get((assignment.id, step.id))
                if not line:
                    missing.setdefault((employee.id, step.path_id.id), set()).add(step.id)
                elif line.state == "todo":
                    refresh |= line
                else:
                    reopen |= line
        new = Assignment._create_assignments(
            [
                {
                    "employee_id": employee_id,
                    "path_id": path_id,
                    "source": "retraining",
                    "date_due": due,
                    "trainer_id": self.env["hc.learning.path"].browse(path_id).responsible_id.id,
                }
                for employee_id, path_id in missing
            ]
        )
        created = self.browse()
        for assignment in new:
            targeted = missing[(assignment.employee_id.id, assignment.path_id.id)]
            lines = assignment.completion_ids
            created |= lines.filtered(lambda c, t=targeted: c.step_id.id in t)
            others = lines - created
            if others:
                others._workflow_write(
                    {"state": "waived", "note": self.env._("Not part of the targeted retraining.")}
                )
        reopen._workflow_write(dict(REOPEN_VALS, date_due=due))
        refresh.filtered(lambda c: not c.date_due or c.date_due > due).write({"date_due": due})
        lines = reopen | refresh | created
        late = lines.assignment_id.filtered(lambda a: not a.date_due or a.date_due < due)
        late.write({"date_due": due})
        body = self.env._(
            "Targeted retraining (%(steps)s): %(reason)s",
            steps=", ".join(steps.mapped("name")),
            reason=reason,
        )
        lines.assignment_id._message_log_batch(bodies=dict.fromkeys(lines.assignment_id.ids, body))
        return lines
