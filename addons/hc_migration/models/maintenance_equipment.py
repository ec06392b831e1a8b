from odoo import fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    hc_site_id = fields.Many2one(
        "hc.site",
        string="Site",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Hospital site where the equipment is installed "
        "(migrated from the legacy asset register).",
    )
