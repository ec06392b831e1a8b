from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    hc_site_id = fields.Many2one(
        "hc.site",
        string="Site",
        index="btree_not_null",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        help="The hospital site where the employee works; drives training, shift "
        "planning and go-live readiness.",
    )

    hc_shift_id = fields.Many2one(
        "hc.shift",
        string="Shift",
        index="btree_not_null",
        tracking=True,
        domain="[('site_id', '=', hc_site_id)]",
        help="The shift the employee usually works: sessions and rotas are planned in it.",
    )

    @api.constrains("hc_shift_id", "hc_site_id")
    def _check_hc_shift_site(self):
        for employee in self.filtered("hc_shift_id"):
            if employee.hc_shift_id.site_id != employee.hc_site_id:
                raise ValidationError(
                    self.env._(
                        "Employee %(employee)s works at %(site)s, but shift %(shift)s is a "
                        "shift of %(shift_site)s.",
                        employee=employee.name,
                        site=employee.hc_site_id.display_name or "-",
                        shift=employee.hc_shift_id.display_name,
                        shift_site=employee.hc_shift_id.site_id.display_name,
                    )
                )

    @api.constrains("hc_site_id", "company_id")
    def _check_hc_site_company(self):
        for employee in self.filtered("hc_site_id"):
            if employee.hc_site_id.company_id != employee.company_id:
                raise ValidationError(
                    self.env._(
                        "Employee %(employee)s works for %(company)s, but site %(site)s "
                        "belongs to %(site_company)s.",
                        employee=employee.name,
                        company=employee.company_id.name,
                        site=employee.hc_site_id.display_name,
                        site_company=employee.hc_site_id.company_id.name,
                    )
                )
