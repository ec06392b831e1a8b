from odoo import fields, models


class HcTrainingWaive(models.TransientModel):
    _name = "hc.training.waive"
    _description = "Waive Training"

    assignment_ids = fields.Many2many("hc.training.assignment", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.assignment_ids.write({"is_waived": True, "waive_reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
