import contextvars
from contextlib import contextmanager

from odoo import api, fields, models

from ..lib.matching import EmployeeFacts

# Employee fields that decide which roles, hence which learning paths, apply.
RULE_FIELDS = {"job_id", "department_id", "hc_site_id", "company_id", "active"}

# Set only by server code (bulk loads, benchmarks) through skip_assignment_rules(): a
# context key would let any RPC client create employees without their mandatory training.
_SKIP_RULES = contextvars.ContextVar("hc_training_skip_assignment_rules", default=False)


@contextmanager
def skip_assignment_rules():
    """Server code only: employees created or changed inside the block get no assignment
    from the role rules (the nightly cron assigns them later)."""
    token = _SKIP_RULES.set(True)
    try:
        yield
    finally:
        _SKIP_RULES.reset(token)


# The training fields are not on the public profile (hr.employee.public): a colleague's training
# record is not public. As Odoo requires for such fields, they carry the groups that may read
# hr.employee itself (HR officers, and trainers through hc_training's access rule); an employee
# sees their own training under My Training.
EMPLOYEE_TRAINING_GROUPS = "hr.group_hr_user,hc_training.group_trainer"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    training_assignment_ids = fields.One2many(
        "hc.training.assignment",
        "employee_id",
        string="Training",
        groups=EMPLOYEE_TRAINING_GROUPS,
    )
    training_assignment_count = fields.Integer(
        compute="_compute_training_stats", groups=EMPLOYEE_TRAINING_GROUPS
    )
    training_progress = fields.Float(
        compute="_compute_training_stats", groups=EMPLOYEE_TRAINING_GROUPS
    )

    def _hc_match_facts(self):
        """The fields role rules match on, as plain ``EmployeeFacts`` values (one read)."""
        return [
            EmployeeFacts(
                employee_id=row["id"],
                job_id=row["job_id"] or None,
                department_id=row["department_id"] or None,
                site_id=row["hc_site_id"] or None,
                company_id=row["company_id"] or None,
            )
            for row in self.read(["job_id", "department_id", "hc_site_id", "company_id"], load="")
        ]

    def _compute_training_stats(self):
        rows = self.env["hc.training.assignment"]._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count", "progress:avg"]
        )
        stats = {emp: (count, avg) for emp, count, avg in rows}
        for employee in self:
            count, avg = stats.get(employee, (0, 0.0))
            employee.training_assignment_count = count
            employee.training_progress = avg or 0.0

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if not _SKIP_RULES.get():
            self.env["hc.training.assignment"].sudo()._assign_by_rules(employees)
        return employees

    def write(self, vals):
        res = super().write(vals)
        if RULE_FIELDS & set(vals) and not _SKIP_RULES.get():
            self.env["hc.training.assignment"].sudo()._assign_by_rules(self)
        return res

    def action_open_training(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_training_assignment_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "search_default_group_state": 0}
        return action

    def action_print_training_transcript(self):
        return self.env.ref("hc_training.action_report_training_transcript").report_action(self)
