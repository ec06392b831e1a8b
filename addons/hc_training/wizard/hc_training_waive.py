from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope


class HcTrainingWaive(models.TransientModel):
    _name = "hc.training.waive"
    _description = "Waive Training"

    assignment_ids = fields.Many2many("hc.training.assignment", required=True)
    reason = fields.Text(required=True)

    @restricted_to("hc_training.group_trainer")
    def action_confirm(self):
        """A trainer (or training manager) waives the assignments they may edit (their
        sites), never their own; the waiver and its reason are tracked."""
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the training is waived."))
        assignments = self.assignment_ids
        assignments._check_not_own(self.env._("waive"))
        # record rules apply: the write is the acting user's, not sudo
        with workflow_scope(assignments._name, {"is_waived", "waive_reason"}):
            assignments.write({"is_waived": True, "waive_reason": reason})
        return {"type": "ir.actions.act_window_close"}
