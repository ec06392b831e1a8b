from odoo import fields, models


class HcAppArea(models.Model):
    _inherit = "hc.app.area"

    super_user_role_id = fields.Many2one(
        "hc.training.role",
        string="Super-User Role",
        help="Operational role whose published learning path a super user of this area must "
        "complete before being certified (e.g. 'Super User Inventory'). Nominating a super "
        "user assigns the current published version of it.",
    )
