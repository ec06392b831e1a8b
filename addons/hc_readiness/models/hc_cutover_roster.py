from odoo import api, fields, models
from odoo.exceptions import ValidationError

CC_ROLES = [
    ("deployment_lead", "Deployment lead"),
    ("app_lead", "App lead"),
    ("super_user_coordinator", "Super-user coordinator"),
    ("service_desk", "Service desk"),
    ("technical", "Technical support"),
    ("clinical_liaison", "Clinical liaison"),
]


class HcCutoverRoster(models.Model):
    """Who staffs the command center in which shift of the runbook's site on which date."""

    _name = "hc.cutover.roster"
    _description = "Command-Center Roster"
    _order = "runbook_id, date, shift_sequence, cc_role, id"
    _check_company_auto = True

    runbook_id = fields.Many2one(
        "hc.cutover.runbook", required=True, index=True, ondelete="cascade", check_company=True
    )
    site_id = fields.Many2one(related="runbook_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="runbook_id.company_id", store=True, index=True)
    date = fields.Date(required=True)
    shift_id = fields.Many2one(
        "hc.shift", required=True, domain="[('site_id', '=', site_id)]", check_company=True
    )
    shift_sequence = fields.Integer(related="shift_id.sequence", store=True)
    cc_role = fields.Selection(CC_ROLES, string="Command-Center Role", required=True)
    user_id = fields.Many2one("res.users", string="Person", required=True)
    phone = fields.Char()

    _shift_role_user_uniq = models.Constraint(
        "unique(runbook_id, date, shift_id, cc_role, user_id)",
        "This person already has this command-center role in that shift.",
    )

    @api.constrains("shift_id", "runbook_id")
    def _check_shift_site(self):
        for line in self:
            if line.shift_id.site_id != line.runbook_id.site_id:
                raise ValidationError(
                    self.env._(
                        "Roster: shift %(shift)s belongs to %(other)s, not to %(site)s where "
                        "runbook %(runbook)s cuts over.",
                        shift=line.shift_id.display_name,
                        other=line.shift_id.site_id.display_name,
                        site=line.runbook_id.site_id.display_name,
                        runbook=line.runbook_id.name,
                    )
                )

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id and not self.phone:
            self.phone = self.user_id.phone
