from odoo import fields, models


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
        [("open", "Open"), ("done", "Closed")], default="open", required=True, tracking=True
    )

    def action_close(self):
        self.state = "done"
