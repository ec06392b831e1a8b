from odoo import models
from odoo.exceptions import UserError


class HcTrainingCompletion(models.Model):
    """A step linked to a controlled document completes only from the employee's own
    acknowledgment: nobody signs it off for them."""

    _inherit = "hc.training.completion"

    def _check_can_sign_off(self):
        linked = self.filtered(lambda c: c.step_id.document_id)
        if linked:
            raise UserError(
                self.env._(
                    "%(step)s completes when %(employee)s acknowledges %(document)s in My "
                    "Training; it cannot be signed off.",
                    step=linked[0].name,
                    employee=linked[0].employee_id.name,
                    document=linked[0].step_id.document_id.sudo().display_name,
                )
            )
        return super()._check_can_sign_off()

    def action_open_source(self):
        self.ensure_one()
        version = self.step_id.document_id.current_version_id
        if self.kind == "acknowledgment" and version:
            return version.action_open_acknowledge()
        return super().action_open_source()
