# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to


class HcFloorIssue(models.Model):
    """Retraining from a floor issue, through hc_training's one retraining path
    (``hc.retraining.mixin``): the affected employees, on the published steps of their roles
    or of the roles working in the issue's app area."""

    _name = "hc.floor.issue"
    _inherit = ["hc.floor.issue", "hc.retraining.mixin"]

    _hc_retraining_groups = ("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    _hc_retraining_lines_field = "retrain_line_ids"

    retrain_line_ids = fields.Many2many(
        "hc.training.completion",
        string="Retraining",
        readonly=True,
        copy=False,
        help="The training steps reopened or assigned to the affected employees.",
    )
    retrain_open_count = fields.Integer(compute="_compute_retrain_counts")
    retrain_done_count = fields.Integer(compute="_compute_retrain_counts")

    @api.depends("retrain_line_ids.state")
    def _compute_retrain_counts(self):
        for issue in self:
            lines = issue.sudo().retrain_line_ids
            issue.retrain_done_count = len(lines.filtered(lambda c: c.state == "done"))
            issue.retrain_open_count = len(lines.filtered(lambda c: c.state in ("todo", "expired")))

    # ------------------------------------------------------------ actions
    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_retrain(self):
        return self._hc_retraining_action()

    # ------------------------------------------------------------ retraining hooks
    def _hc_retraining_defaults(self):
        return dict(super()._hc_retraining_defaults(), employees=self.employee_ids)

    def _hc_retraining_allowed_steps(self, employees):
        """Published steps of the roles of ``employees`` (their active assignments) and of
        the roles working in the issue's app area."""
        self.ensure_one()
        roles = (
            self.env["hc.training.assignment"]
            .sudo()
            .search([("employee_id", "in", employees.ids), ("active", "=", True)])
            .role_id
        )
        if self.app_area_id:
            roles |= (
                self.env["hc.training.role"]
                .sudo()
                .search([("app_area_ids", "in", self.app_area_id.ids)])
            )
        return (
            self.env["hc.learning.path.step"]
            .sudo()
            .search([("path_id.state", "=", "published"), ("path_id.role_id", "in", roles.ids)])
        )

    def _hc_retraining_check(self, employees, steps):
        """The employees named on the issue, else employees of the issue's site and company;
        the PMO (command center) retrains anyone of the issue's company."""
        issue = self.sudo()
        extra = employees.sudo() - issue.employee_ids
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
        return super()._hc_retraining_check(employees, steps)

    def _hc_retraining_link_vals(self, lines):
        return dict(
            super()._hc_retraining_link_vals(lines),
            resolution_type=self.resolution_type or "retrain",
        )
