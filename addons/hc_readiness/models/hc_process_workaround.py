from odoo import api, fields, models

KINDS = [
    ("spreadsheet", "Spreadsheet"),
    ("offline_list", "Offline list"),
    ("shadow_tool", "Shadow tool"),
    ("paper", "Paper"),
    ("other", "Other"),
]
RISKS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]


class HcProcessWorkaround(models.Model):
    """An operational workaround found in discovery (a spreadsheet, offline list, shadow
    tool...) at a site, with its go-live risk and planned replacement. Open workarounds
    lower the site's standardization lens."""

    _name = "hc.process.workaround"
    _description = "Process Workaround"
    _inherit = ["hc.discovery.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state, risk_sequence desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    site_id = fields.Many2one(
        "hc.site", required=True, index=True, tracking=True, check_company=True
    )
    workflow_id = fields.Many2one(
        "hc.process.workflow", required=True, index=True, ondelete="restrict", tracking=True
    )
    workstream_id = fields.Many2one(related="workflow_id.workstream_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="spreadsheet", tracking=True)
    description = fields.Html()
    risk = fields.Selection(
        RISKS, string="Go-Live Risk", required=True, default="medium", tracking=True
    )
    risk_sequence = fields.Integer(compute="_compute_risk_sequence", store=True)
    replacement = fields.Text(
        string="Planned Replacement", help="The Odoo feature or process that replaces it."
    )
    owner_id = fields.Many2one("res.users", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("replaced", "Replaced"), ("accepted", "Accepted")],
        default="open",
        required=True,
        tracking=True,
        help="Accepted: kept after go-live with the risk accepted.",
    )

    @api.depends("risk")
    def _compute_risk_sequence(self):
        order = {"low": 1, "medium": 2, "high": 3, "critical": 4}
        for workaround in self:
            workaround.risk_sequence = order.get(workaround.risk, 0)

    @api.constrains("site_id", "program_id")
    def _check_site(self):
        self._check_site_in_program()

    @api.model
    def _open_risks_by_site(self, program):
        """{site: [risk, ...]} of the programme's open workarounds, one grouped query."""
        groups = self.sudo()._read_group(
            [("program_id", "=", program.id), ("state", "=", "open")],
            ["site_id", "risk"],
            ["__count"],
        )
        risks = {}
        for site, risk, count in groups:
            risks.setdefault(site, []).extend([risk] * count)
        return risks
