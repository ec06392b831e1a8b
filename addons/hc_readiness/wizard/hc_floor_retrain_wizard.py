from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to
from odoo.addons.hc_training.lib.constants import RETRAIN_DAYS


class HcFloorRetrainWizard(models.TransientModel):
    """Retrain the employees named on a floor issue on the steps they got wrong, through the
    one retraining code path of hc_training, and link the lines back on the issue."""

    _name = "hc.floor.retrain.wizard"
    _inherit = ["hr.mixin"]
    _description = "Retrain from a Floor Issue"

    issue_id = fields.Many2one("hc.floor.issue", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="issue_id.company_id")
    employee_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_employee_ids",
        store=True,
        readonly=False,
        precompute=True,
        string="Employees",
    )
    allowed_step_ids = fields.Many2many(
        "hc.learning.path.step",
        "hc_floor_retrain_wizard_allowed_step_rel",
        compute="_compute_allowed_step_ids",
    )
    step_ids = fields.Many2many(
        "hc.learning.path.step",
        string="Steps to Retrain",
        domain="[('id', 'in', allowed_step_ids)]",
    )
    days = fields.Integer(string="Due In (days)", default=RETRAIN_DAYS)

    @api.constrains("days")
    def _check_days(self):
        if any(wizard.days < 0 for wizard in self):
            raise ValidationError(self.env._("Retraining cannot be due before it is assigned."))

    reason = fields.Char(compute="_compute_reason", store=True, readonly=False, precompute=True)

    @api.depends("issue_id")
    def _compute_employee_ids(self):
        for wizard in self:
            wizard.employee_ids = wizard.issue_id.employee_ids

    @api.depends("issue_id")
    def _compute_reason(self):
        for wizard in self:
            wizard.reason = wizard.issue_id.display_name

    @api.depends("employee_ids", "issue_id.app_area_id")
    def _compute_allowed_step_ids(self):
        """Published steps of the roles of the employees (their active assignments) and of
        the roles working in the issue's app area."""
        Assignment = self.env["hc.training.assignment"].sudo()
        Role = self.env["hc.training.role"].sudo()
        Step = self.env["hc.learning.path.step"].sudo()
        for wizard in self:
            roles = Assignment.search(
                [("employee_id", "in", wizard.employee_ids.ids), ("active", "=", True)]
            ).role_id
            if wizard.issue_id.app_area_id:
                roles |= Role.search([("app_area_ids", "in", wizard.issue_id.app_area_id.ids)])
            wizard.allowed_step_ids = Step.search(
                [("path_id.state", "=", "published"), ("path_id.role_id", "in", roles.ids)]
            ).with_env(self.env)

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_confirm(self):
        self.ensure_one()
        issue = self.issue_id
        issue.check_access("write")
        if not self.employee_ids:
            raise UserError(
                self.env._("Name the employees to retrain on %(issue)s.", issue=issue.name)
            )
        if not self.step_ids:
            raise UserError(
                self.env._("Choose the steps to retrain for %(issue)s.", issue=issue.name)
            )
        self._check_employees()
        outside = self.step_ids - self.allowed_step_ids
        if outside:
            raise UserError(
                self.env._(
                    "%(steps)s is not a published step of the roles concerned by %(issue)s.",
                    steps=", ".join(outside.mapped("name")),
                    issue=issue.name,
                )
            )
        issue._retrain(
            self.employee_ids,
            self.step_ids,
            reason=self.reason or issue.name,
            days=self.days or RETRAIN_DAYS,
        )
        return {"type": "ir.actions.act_window_close"}

    def _check_employees(self):
        """The employees named on the issue, else employees of the issue's site and company;
        the PMO (command center) retrains anyone of the issue's company."""
        issue = self.issue_id.sudo()
        extra = self.sudo().employee_ids - issue.employee_ids
        if self.env.user.has_group("hc_readiness.group_pmo"):
            refused = extra.filtered(lambda e: e.company_id != issue.company_id)
        else:
            refused = extra.filtered(
                lambda e: e.company_id != issue.company_id or e.hc_site_id != issue.site_id
            )
        if refused:
            raise UserError(
                self.env._(
                    "%(employees)s cannot be retrained from %(issue)s: only the employees "
                    "named on the issue or working at %(site)s are.",
                    employees=", ".join(refused.mapped("name")),
                    issue=issue.name,
                    site=issue.site_id.name,
                )
            )
