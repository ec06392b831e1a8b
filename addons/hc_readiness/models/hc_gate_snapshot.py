import json

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hc_base.guards import guard_active, scope_allows


class HcGateSnapshot(models.Model):
    """The evidence of a gate frozen at review, recycle or decision. Immutable: a new
    evaluation creates a new snapshot."""

    _name = "hc.gate.snapshot"
    _description = "Stage Gate Evidence Snapshot"
    _order = "gate_id, create_date desc, id desc"

    gate_id = fields.Many2one(
        "hc.gate", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="gate_id.company_id", store=True)
    reason = fields.Selection(
        [("review", "Opened for review"), ("recycle", "Recycled"), ("decision", "Decision")],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    content = fields.Text(
        required=True,
        readonly=True,
        help="Criteria, values, thresholds, results, "
        "attachment checksums, approvals and conditions (JSON).",
    )
    passed = fields.Boolean(string="All Criteria Passed", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        # only the gate's workflow (``hc.gate._freeze``) takes snapshots
        if guard_active(self.env) and not scope_allows(self._name, "content"):
            raise AccessError(
                self.env._("Evidence snapshots are taken by the gate's workflow only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise AccessError(self.env._("Evidence snapshots are immutable."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("Evidence snapshots are immutable."))

    def action_print(self):
        return self.env.ref("hc_readiness.action_report_gate_evidence_pack").report_action(self)

    def _data(self):
        self.ensure_one()
        return json.loads(self.content)
