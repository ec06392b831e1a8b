from odoo import fields, models


class HcLearningPathStep(models.Model):
    """Assessment steps complete when the employee passes their certification survey."""

    _inherit = "hc.learning.path.step"

    # uninstalling this module turns its steps into sessions a trainer signs off
    kind = fields.Selection(
        selection_add=[("assessment", "Assessment / certification"), ("scenario",)],
        ondelete={"assessment": lambda steps: steps._make_sessions()},
    )
    survey_id = fields.Many2one(
        "survey.survey", string="Assessment", domain=[("scoring_type", "!=", "no_scoring")]
    )

    def _kind_sources(self):
        return {**super()._kind_sources(), "assessment": "survey_id"}
