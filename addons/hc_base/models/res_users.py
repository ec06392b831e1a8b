from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    hc_site_ids = fields.Many2many(
        "hc.site",
        "hc_site_res_users_rel",
        "user_id",
        "site_id",
        string="Readiness Sites",
        help="Sites this user works for in the readiness programme. Trainers and super users "
        "see and manage records of these sites only.",
    )
