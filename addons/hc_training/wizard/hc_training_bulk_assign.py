from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to


class HcTrainingBulkAssign(models.TransientModel):
    """Assign published paths to chosen employees, a department or a site, after a preview.

    Creation goes through the same code path as the role rules
    (``hc.training.assignment._create_assignments``); employees who already hold the current
    version are skipped.
    """

    _name = "hc.training.bulk.assign"
    _description = "Assign Learning Paths"

    path_ids = fields.Many2many(
        "hc.learning.path",
        string="Learning Paths",
        required=True,
        domain=[("state", "=", "published")],
    )
    target = fields.Selection(
        [("employees", "Employees"), ("department", "Department"), ("site", "Site")],
        default="employees",
        required=True,
    )
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    department_id = fields.Many2one("hr.department")
    site_id = fields.Many2one("hc.site")
    include_sub_departments = fields.Boolean(default=True)
    date_due = fields.Date(string="Due Date", help="Leave empty to use each step's due rule.")
    line_ids = fields.One2many("hc.training.bulk.assign.line", "wizard_id", string="Preview")
    new_count = fields.Integer(compute="_compute_counts")
    skipped_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.skip")
    def _compute_counts(self):
        for wizard in self:
            wizard.skipped_count = len(wizard.line_ids.filtered("skip"))
            wizard.new_count = len(wizard.line_ids) - wizard.skipped_count

    def _target_employees(self):
        self.ensure_one()
        if self.target == "employees":
            domain = Domain("id", "in", self.employee_ids.ids)
        elif self.target == "department":
            if not self.department_id:
                raise UserError(self.env._("Choose the department to assign."))
            op = "child_of" if self.include_sub_departments else "="
            domain = Domain("department_id", op, self.department_id.id)
        else:
            if not self.site_id:
                raise UserError(self.env._("Choose the site to assign."))
            domain = Domain("hc_site_id", "=", self.site_id.id)
        if not self.env.user.has_group("hc_training.group_training_manager"):
            # trainers assign the employees of their own sites only
            domain &= Domain("hc_site_id", "in", self.env.user.hc_site_ids.ids)
        return self.env["hr.employee"].search(domain & Domain("active", "=", True))

    @restricted_to("hc_training.group_trainer")
    def action_preview(self):
        self.ensure_one()
        employees = self._target_employees()
        if not employees:
            raise UserError(self.env._("No active employee matches this selection."))
        if not self.path_ids:
            raise UserError(self.env._("Choose at least one published learning path."))
        existing = {
            (emp.id, path.id)
            for emp, path in self.env["hc.training.assignment"]._read_group(
                [("employee_id", "in", employees.ids), ("path_id", "in", self.path_ids.ids)],
                ["employee_id", "path_id"],
            )
        }
        lines = [fields.Command.clear()]
        for employee in employees:
            for path in self.path_ids:
                skip = (employee.id, path.id) in existing
                lines.append(
                    fields.Command.create(
                        {
                            "employee_id": employee.id,
                            "path_id": path.id,
                            "skip": skip,
                            "reason": self.env._("already has this version") if skip else False,
                        }
                    )
                )
        self.line_ids = lines
        return self._reopen()

    @restricted_to("hc_training.group_trainer")
    def action_confirm(self):
        """Assign as the acting user: record rules keep a trainer to the employees of their
        sites, whatever the preview lines were edited to."""
        self.ensure_one()
        if not self.line_ids:
            self.action_preview()
        todo = self.line_ids.filtered(lambda line: not line.skip)
        if not self.env.user.has_group("hc_training.group_training_manager"):
            foreign = todo.employee_id.filtered(
                lambda e: e.hc_site_id not in self.env.user.hc_site_ids
            )
            if foreign:
                raise AccessError(
                    self.env._(
                        "%(employee)s does not work at a site you train: you cannot assign "
                        "them training.",
                        employee=foreign[0].name,
                    )
                )
        if not todo:
            raise UserError(self.env._("Everyone selected already has these paths."))
        assignments = self.env["hc.training.assignment"]._create_assignments(
            [
                {
                    "employee_id": line.employee_id.id,
                    "path_id": line.path_id.id,
                    "source": "manual",
                    "trainer_id": self.env.uid,
                    "date_due": self.date_due,
                }
                for line in todo
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_training_assignment_action"
        )
        action["domain"] = [("id", "in", assignments.ids)]
        action["context"] = {}
        return action

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Assign Learning Paths"),
        }


class HcTrainingBulkAssignLine(models.TransientModel):
    _name = "hc.training.bulk.assign.line"
    _description = "Assign Learning Paths: preview line"

    wizard_id = fields.Many2one("hc.training.bulk.assign", required=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", required=True)
    path_id = fields.Many2one("hc.learning.path", required=True)
    skip = fields.Boolean()
    reason = fields.Char()
