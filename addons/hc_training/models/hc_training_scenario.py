from odoo import fields, models


class HcTrainingScenario(models.Model):
    """An operational exception practised on the floor and signed off by an observer."""

    _name = "hc.training.scenario"
    _description = "Exception Scenario"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        [
            ("stock_discrepancy", "Stock discrepancy"),
            ("urgent_maintenance", "Urgent maintenance request"),
            ("supplier_issue", "Supplier issue"),
            ("approval_delay", "Approval delay"),
            ("document_deviation", "Document-control deviation"),
            ("other", "Other exception"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    app_area_id = fields.Many2one("hc.app.area")
    role_ids = fields.Many2many("hc.training.role", string="Roles")
    description = fields.Html(translate=True, help="The situation as it happens on the floor.")
    expected_actions = fields.Html(
        translate=True, help="What the employee must do, in Odoo and on the floor."
    )
    observer_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Signs the practice off; besides trainers, only the observer may.",
    )
