from odoo import api, fields, models

from ..lib.matching import RoleRule


class HcTrainingRole(models.Model):
    """An operational role of the go-live (not an hr.job): who transacts in which Odoo areas.

    The role applies to the employees whose job position or department is listed, at the
    listed sites (none: all sites); its published learning paths are assigned to them.
    """

    _name = "hc.training.role"
    _description = "Operational Role"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for a role shared by all companies."
    )
    workstream_id = fields.Many2one("hc.workstream", tracking=True, index=True)
    app_area_ids = fields.Many2many("hc.app.area", string="Odoo App Areas")
    # no check_company: a role shared by all companies lists the jobs of several companies;
    # matching an employee always compares the employee's own company (lib/matching.py)
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    department_ids = fields.Many2many("hr.department")
    site_ids = fields.Many2many("hc.site", string="Sites", help="Leave empty for every site.")
    responsible_id = fields.Many2one(
        "res.users",
        string="Lead Trainer",
        tracking=True,
        help="Trainer told about overdue training of this role.",
    )
    description = fields.Html(translate=True)
    path_ids = fields.One2many("hc.learning.path", "role_id", string="Learning Paths")
    published_path_ids = fields.One2many(
        "hc.learning.path",
        "role_id",
        string="Published Paths",
        domain=[("state", "=", "published")],
    )
    path_count = fields.Integer(compute="_compute_path_count")

    _code_uniq = models.Constraint("UNIQUE(code)", "A role code must be unique.")

    @api.depends("path_ids")
    def _compute_path_count(self):
        counts = dict(
            self.env["hc.learning.path"]._read_group(
                [("role_id", "in", self.ids)], ["role_id"], ["__count"]
            )
        )
        for role in self:
            role.path_count = counts.get(role, 0)

    def action_view_paths(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_learning_path_action"
        )
        action["domain"] = [("role_id", "=", self.id)]
        action["context"] = {"default_role_id": self.id}
        return action

    def _match_rules(self):
        """These roles' job/department/site/company rules as plain ``RoleRule`` values."""
        return [
            RoleRule(
                role_id=role.id,
                job_ids=frozenset(role.job_ids.ids),
                department_ids=frozenset(role.department_ids.ids),
                site_ids=frozenset(role.site_ids.ids),
                company_id=role.company_id.id or None,
            )
            for role in self
        ]
