from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import check_groups

from ..lib.constants import RETRAIN_DAYS


class HcRetrainingWizard(models.TransientModel):
    """Targeted retraining from a source record (``hc.retraining.mixin``: a floor-support
    issue, a UAT defect): prefilled by the source with the people and steps concerned, and
    confirmed through the source's one retraining path, which re-checks the role and the
    rules of the source on the server."""

    _name = "hc.retraining.wizard"
    _inherit = ["hr.mixin"]
    _description = "Targeted Retraining"

    res_model = fields.Char(string="Source Model", required=True)
    res_id = fields.Many2oneReference(string="Source", model_field="res_model", required=True)
    source_name = fields.Char(string="Retrain From", compute="_compute_source_name")
    company_id = fields.Many2one("res.company", compute="_compute_source_name")
    employee_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_defaults",
        store=True,
        readonly=False,
        precompute=True,
        string="Employees",
    )
    allowed_step_ids = fields.Many2many(
        "hc.learning.path.step",
        "hc_retraining_wizard_allowed_step_rel",
        compute="_compute_allowed_step_ids",
    )
    step_ids = fields.Many2many(
        "hc.learning.path.step",
        compute="_compute_defaults",
        store=True,
        readonly=False,
        precompute=True,
        string="Steps to Retrain",
        domain="[('id', 'in', allowed_step_ids)]",
    )
    days = fields.Integer(string="Due In (days)", default=RETRAIN_DAYS, required=True)
    reason = fields.Text(compute="_compute_defaults", store=True, readonly=False, precompute=True)

    @api.depends("res_model", "res_id")
    def _compute_source_name(self):
        for wizard in self:
            source = wizard._source()
            wizard.source_name = source.display_name if source else False
            wizard.company_id = source.company_id if source else False

    @api.depends("res_model", "res_id")
    def _compute_defaults(self):
        for wizard in self:
            source = wizard._source()
            if not source:
                wizard.employee_ids = wizard.step_ids = wizard.reason = False
                continue
            defaults = source._hc_retraining_defaults()
            wizard.employee_ids = defaults["employees"]
            wizard.step_ids = defaults["steps"]
            wizard.reason = defaults["reason"]

    @api.depends("res_model", "res_id", "employee_ids")
    def _compute_allowed_step_ids(self):
        for wizard in self:
            source = wizard._source()
            wizard.allowed_step_ids = (
                source._hc_retraining_allowed_steps(wizard.employee_ids.sudo()).with_env(self.env)
                if source
                else False
            )

    @api.constrains("days")
    def _check_days(self):
        if any(wizard.days < 0 for wizard in self):
            raise ValidationError(self.env._("Retraining cannot be due before it is assigned."))

    @api.constrains("res_model")
    def _check_res_model(self):
        for wizard in self:
            wizard._source_model()

    # ------------------------------------------------------------ actions
    def action_confirm(self):
        """Retrain through the source: its role, its access and its rules are checked there
        (an empty call is refused to anyone who retrains from no source)."""
        if not self:
            models_ = self.env["hc.retraining.mixin"]._hc_retraining_models()
            groups = {g for name in models_ for g in self.env[name]._hc_retraining_groups}
            check_groups(self.env, tuple(sorted(groups)), "retrain")
            return {"type": "ir.actions.act_window_close"}
        self.ensure_one()
        self._source_model()._hc_retraining_check_role()
        source = self._source()
        if not source:
            raise UserError(self.env._("The record to retrain from no longer exists."))
        source._hc_assign_retraining(
            self.env["hr.employee"].sudo().browse(self.employee_ids.ids),
            self.step_ids,
            reason=self.reason,
            days=self.days,
        )
        return {"type": "ir.actions.act_window_close"}

    # ------------------------------------------------------------ business
    def _source_model(self):
        """The source's model, refused unless it is a retraining source."""
        self.ensure_one()
        if self.res_model not in self.env["hc.retraining.mixin"]._hc_retraining_models():
            raise AccessError(
                self.env._("%(model)s is not a retraining source.", model=self.res_model)
            )
        return self.env[self.res_model]

    def _source(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return None
        return self._source_model().browse(self.res_id).exists()
