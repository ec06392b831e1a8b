from odoo import api, fields, models

BODY_TYPES = [
    ("steering", "Executive steering committee"),
    ("design_authority", "Design authority"),
    ("pmo", "PMO"),
    ("workstream_leads", "Workstream leads"),
    ("custom", "Other"),
]


class HcGovernanceBody(models.Model):
    """A governance body of the programme: who sits on it, who chairs it, what it decides."""

    _name = "hc.governance.body"
    _description = "Governance Body"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "program_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    body_type = fields.Selection(BODY_TYPES, required=True, default="custom", tracking=True)
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    chair_id = fields.Many2one("res.users", tracking=True)
    member_ids = fields.Many2many("res.users", string="Members")
    decides = fields.Html(help="The decisions this body takes.")
    meeting_cadence = fields.Char(help="e.g. weekly on Tuesdays, daily during go-live week")
    active = fields.Boolean(default=True)
    raid_count = fields.Integer(compute="_compute_raid_count", string="RAID Items")

    @api.depends("program_id")
    def _compute_raid_count(self):
        counts = dict(
            self.env["hc.raid.item"]._read_group(
                [("governance_body_id", "in", self.ids), ("state", "in", ("open", "mitigating"))],
                ["governance_body_id"],
                ["__count"],
            )
        )
        for body in self:
            body.raid_count = counts.get(body, 0)

    @api.model_create_multi
    def create(self, vals_list):
        bodies = super().create(vals_list)
        bodies._add_chair_to_members()
        return bodies

    def write(self, vals):
        res = super().write(vals)
        if "chair_id" in vals or "member_ids" in vals:
            self._add_chair_to_members()
        return res

    @api.model
    def _design_authority_programs(self):
        """The programmes on whose design authority the current user sits (who decides their
        customization requests and local exceptions)."""
        bodies = self.sudo().search(
            [("body_type", "=", "design_authority"), ("member_ids", "in", self.env.uid)]
        )
        return bodies.program_id.with_env(self.env)

    def _add_chair_to_members(self):
        for body in self.filtered(lambda b: b.chair_id and b.chair_id not in b.member_ids):
            body.member_ids = [(4, body.chair_id.id)]

    def action_open_raid(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hc_readiness.hc_raid_item_action")
        action["domain"] = [("governance_body_id", "=", self.id)]
        action["context"] = {
            "default_governance_body_id": self.id,
            "default_program_id": self.program_id.id,
        }
        return action
