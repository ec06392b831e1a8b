from odoo import fields, models


class HcUatScenarioStep(models.Model):
    """One step of a UAT scenario: who does what in which app area, what must happen and
    what evidence proves it."""

    _name = "hc.uat.scenario.step"
    _description = "UAT Scenario Step"
    _order = "scenario_id, sequence, id"

    scenario_id = fields.Many2one("hc.uat.scenario", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True, translate=True)
    app_area_id = fields.Many2one("hc.app.area", required=True)
    role_id = fields.Many2one(
        "hc.training.role", string="Performed By", help="The operational role doing the step."
    )
    expected_result = fields.Text(required=True, translate=True)
    evidence = fields.Text(string="Evidence to Capture", translate=True)
    training_step_id = fields.Many2one(
        "hc.learning.path.step",
        domain="[('path_id.role_id', '=', role_id)]",
        help="The learning-path step that teaches this step; targeted retraining of a "
        "training-gap defect proposes it.",
    )
