from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    hc_site_id = fields.Many2one("hc.site", string="Site", readonly=True)
    hc_shift_id = fields.Many2one("hc.shift", string="Shift", readonly=True)
