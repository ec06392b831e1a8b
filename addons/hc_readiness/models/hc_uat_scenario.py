from odoo import api, fields, models


class HcUatScenario(models.Model):
    """A UAT scenario template: a complete operational chain across app areas (not a
    screen), as ordered steps each performed by a role, with the expected result and the
    evidence to capture. Runs copy its steps."""

    _name = "hc.uat.scenario"
    _description = "UAT Scenario"
    _inherit = ["mail.thread"]
    _order = "sequence, code, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    criticality = fields.Selection(
        [("critical", "Critical"), ("normal", "Normal")],
        default="normal",
        required=True,
        tracking=True,
        help="Critical scenarios count in the UAT-exit pass rate.",
    )
    description = fields.Html(translate=True)
    step_ids = fields.One2many("hc.uat.scenario.step", "scenario_id", string="Steps", copy=True)
    app_area_ids = fields.Many2many(
        "hc.app.area", compute="_compute_app_area_ids", string="App Areas"
    )
    step_count = fields.Integer(compute="_compute_app_area_ids")

    _code_uniq = models.Constraint("unique(code)", "A UAT scenario code must be unique.")

    @api.depends("step_ids.app_area_id")
    def _compute_app_area_ids(self):
        for scenario in self:
            scenario.app_area_ids = scenario.step_ids.app_area_id
            scenario.step_count = len(scenario.step_ids)
