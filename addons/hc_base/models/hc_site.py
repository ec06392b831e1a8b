from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get


class HcSite(models.Model):
    """A hospital or care site of the group: where people work, train and go live."""

    _name = "hc.site"
    _description = "Healthcare Site"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used on reports, rotas and import files (e.g. SAG).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Address", check_company=True, index="btree_not_null"
    )
    site_type = fields.Selection(
        [
            ("acute", "Acute hospital"),
            ("community", "Community hospital"),
            ("rehab", "Rehabilitation centre"),
            ("clinic", "Outpatient clinic"),
            ("support", "Support centre / warehouse"),
        ],
        default="acute",
        required=True,
    )
    manager_id = fields.Many2one("res.users", string="Site Manager", tracking=True)
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        default=lambda self: self.env.user.tz or "UTC",
        help="Shifts and sessions at this site are planned in this timezone.",
    )
    bed_count = fields.Integer(string="Beds")
    go_live_date = fields.Date(
        tracking=True,
        help="Planned go-live date of the site. Training due dates can count back from it; "
        "the readiness programme's deployment waves keep it up to date.",
    )
    color = fields.Integer()
    note = fields.Html()
    employee_ids = fields.One2many("hr.employee", "hc_site_id", string="Employees")
    shift_ids = fields.One2many("hc.shift", "site_id", string="Shifts")
    employee_count = fields.Integer(compute="_compute_employee_count")

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)",
        "A site code must be unique within a company.",
    )

    @api.depends("employee_ids")
    def _compute_employee_count(self):
        # hr.employee.public: every internal user may count colleagues, not only HR officers
        counts = dict(
            self.env["hr.employee.public"]._read_group(
                [("hc_site_id", "in", self.ids)], ["hc_site_id"], ["__count"]
            )
        )
        for site in self:
            site.employee_count = counts.get(site, 0)

    @api.depends("name", "code")
    def _compute_display_name(self):
        for site in self:
            site.display_name = f"[{site.code}] {site.name}" if site.code else site.name

    def write(self, vals):
        res = super().write(vals)
        if {"tz", "code", "company_id"} & vals.keys():
            # the shift patterns (resource calendars) follow their site's time zone
            self.with_context(active_test=False).shift_ids._sync_calendar()
        return res

    def action_open_employees(self):
        """The site's people: the employee records for HR officers, the public profiles for
        everyone else (as ``hr.employee.get_formview_id`` does: the full employee form reads
        HR-only fields)."""
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("hr.group_hr_user")):
            action = self.env["ir.actions.act_window"]._for_xml_id("hr.hr_employee_public_action")
            action["domain"] = [("hc_site_id", "=", self.id)]
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id("hr.open_view_employee_list_my")
        action["domain"] = [("hc_site_id", "=", self.id)]
        action["context"] = {
            "default_hc_site_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action
