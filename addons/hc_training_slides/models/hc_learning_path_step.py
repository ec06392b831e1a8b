from odoo import fields, models


class HcLearningPathStep(models.Model):
    """eLearning steps complete when the employee finishes their course."""

    _inherit = "hc.learning.path.step"

    # uninstalling this module turns its steps into sessions a trainer signs off
    kind = fields.Selection(
        selection_add=[("elearning", "eLearning course"), ("scenario",)],
        ondelete={"elearning": lambda steps: steps._make_sessions()},
    )
    channel_id = fields.Many2one("slide.channel", string="eLearning Course")

    def _kind_sources(self):
        return {**super()._kind_sources(), "elearning": "channel_id"}
