from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope


class HcGateCondition(models.Model):
    """A condition of a conditional go, with its owner and due date, tracked to closure."""

    _name = "hc.gate.condition"
    _description = "Stage Gate Condition"
    _inherit = ["mail.thread"]
    _order = "state, date_due, id"

    gate_id = fields.Many2one("hc.gate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="gate_id.company_id", store=True)
    name = fields.Char(required=True, tracking=True)
    owner_id = fields.Many2one("res.users", required=True, tracking=True)
    date_due = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )

    def _check_gate_not_decided(self, gates):
        """The conditions of a decided gate are part of its decision: they are only closed
        (``action_close``), never added, changed or removed."""
        if guard_active(self.env) and any(g.state == "decided" for g in gates):
            raise AccessError(
                self.env._(
                    "The conditions of a decided gate are fixed by its decision: close them "
                    "with their button."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        gate_ids = {vals.get("gate_id") for vals in vals_list if vals.get("gate_id")}
        self._check_gate_not_decided(self.env["hc.gate"].browse(gate_ids).sudo())
        return super().create(vals_list)

    def write(self, vals):
        gates = self.sudo().gate_id
        if "gate_id" in vals:
            gates |= self.env["hc.gate"].browse(vals["gate_id"]).sudo()
        if set(vals) - self._workflow_owned_fields() - {"message_main_attachment_id"}:
            self._check_gate_not_decided(gates)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self._check_gate_not_decided(self.sudo().gate_id)

    @restricted_to("hc_readiness.group_pmo")
    def action_close(self):
        for condition in self:
            if condition.state != "open":
                raise UserError(
                    self.env._("Condition %(name)s is already closed.", name=condition.name)
                )
        with workflow_scope(self._name, {"state"}):
            self.state = "done"
