from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import check_groups, restricted_to

from ..models.hc_gate_decision import GATE_APPROVER, OUTCOMES, PMO

ACTIONS = {
    "go": "action_decide_go",
    "conditional": "action_decide_conditional",
    "no_go": "action_decide_no_go",
    "recycle": "action_recycle",
}


class HcGateDecisionWizard(models.TransientModel):
    """The decision dialog of a gate in review: before Go, Conditional Go, No-Go, Recycle or
    a steering override is confirmed, it shows the criteria that fail (live value and
    threshold), the approvals missing and the rejections. The gate's own actions decide."""

    _name = "hc.gate.decision.wizard"
    _description = "Stage Gate Decision"

    gate_id = fields.Many2one("hc.gate", required=True, ondelete="cascade")
    outcome = fields.Selection(OUTCOMES, required=True)
    note = fields.Text(
        string="Reason",
        help="Recorded as the gate's decision note (for an override: the override's reason).",
    )
    criteria_passed = fields.Integer(related="gate_id.criteria_passed")
    criteria_total = fields.Integer(related="gate_id.criteria_total")
    failing_criterion_ids = fields.Many2many(related="gate_id.failing_criterion_ids")
    missing_body_ids = fields.Many2many(related="gate_id.missing_body_ids")
    rejecting_body_ids = fields.Many2many(related="gate_id.rejecting_body_ids")
    open_condition_count = fields.Integer(related="gate_id.open_condition_count")
    summary = fields.Text(compute="_compute_summary")

    @api.depends("gate_id", "outcome")
    def _compute_summary(self):
        for wizard in self:
            gate = wizard.gate_id
            lines = gate._describe_issues(gate._open_issues()) if gate else []
            wizard.summary = "\n".join(lines) or self.env._(
                "Every criterion passes and every body that must approve has approved."
            )

    @restricted_to(GATE_APPROVER, PMO)
    def action_confirm(self):
        """Decide as the dialog says, through the gate's own action (its role checks run)."""
        self.ensure_one()
        gate = self.gate_id
        note = (self.note or "").strip()
        if self.outcome == "override":
            gate.action_override_go(reason=note)
            return {"type": "ir.actions.act_window_close"}
        check_groups(self.env, [PMO], ACTIONS[self.outcome])
        if self.outcome == "recycle" and not note:
            raise UserError(self.env._("Give the reasons for recycling %(gate)s.", gate=gate.name))
        if note != (gate.decision_note or "").strip():
            gate.decision_note = note
        getattr(gate, ACTIONS[self.outcome])()
        return {"type": "ir.actions.act_window_close"}
