from odoo import fields, models


class HcTrainingCompletion(models.Model):
    _inherit = "hc.training.completion"

    source = fields.Selection(
        selection_add=[("survey", "Assessment"), ("signoff",)],
        ondelete={"survey": "set null"},
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Attempt", readonly=True
    )

    def _source_action(self):
        step = self.step_id
        if step.kind == "assessment" and step.survey_id:
            # employees are no survey users: the start link of their own step's survey is
            # read as superuser, as the survey's invitation would give it to them
            return {
                "type": "ir.actions.act_url",
                "url": step.survey_id.sudo().get_start_url(),
                "target": "new",
            }
        return super()._source_action()
