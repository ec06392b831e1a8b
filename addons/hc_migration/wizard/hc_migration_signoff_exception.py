from odoo import api, fields, models

from odoo.addons.hc_base.guards import restricted_to

from ..models.hc_migration_domain import SIGNOFF_KINDS


class HcMigrationSignoffException(models.TransientModel):
    """Sign off a domain whose latest mock run breaches its reject-rate target: the owner
    records why (the exception is kept on the sign-off and in the reconciliation report)."""

    _name = "hc.migration.signoff.exception"
    _description = "Sign-off with an Exception"

    domain_id = fields.Many2one("hc.migration.domain", required=True, ondelete="cascade")
    kind = fields.Selection(SIGNOFF_KINDS, required=True)
    run_id = fields.Many2one("hc.migration.run", compute="_compute_breach")
    reject_rate = fields.Float(string="Reject Rate (%)", compute="_compute_breach")
    reject_threshold = fields.Float(string="Reject Rate Target (%)", compute="_compute_breach")
    reason = fields.Text(required=True, help="Why the domain is signed off despite the breach.")

    @api.depends("domain_id")
    def _compute_breach(self):
        for wizard in self:
            if not wizard.domain_id:
                wizard.run_id, wizard.reject_rate, wizard.reject_threshold = False, 0.0, 0.0
                continue
            run, rate, target, _breached = wizard.domain_id._reject_target_breach()
            wizard.run_id, wizard.reject_rate, wizard.reject_threshold = run, rate, target

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_confirm(self):
        self.ensure_one()
        self.domain_id.action_sign_off(self.kind, exception_reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
