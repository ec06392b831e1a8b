from odoo import fields, models


class HcTrainingCompletion(models.Model):
    _inherit = "hc.training.completion"

    source = fields.Selection(
        selection_add=[("elearning", "eLearning"), ("signoff",)],
        ondelete={"elearning": "set null"},
    )

    def _source_action(self):
        step = self.step_id
        if step.kind == "elearning" and step.channel_id:
            return {
                "type": "ir.actions.act_url",
                "url": step.channel_id.website_url,
                "target": "new",
            }
        return super()._source_action()
