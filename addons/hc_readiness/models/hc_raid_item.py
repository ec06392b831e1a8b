from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import workflow_scope

from ..lib.constants import SEVERITIES
from ..lib.governance import HIGH_RISK, RaidFact, risk_score

RAID_TYPES = [
    ("risk", "Risk"),
    ("assumption", "Assumption"),
    ("issue", "Issue"),
    ("dependency", "Dependency"),
]
SCALE = [
    ("1", "1 - Very low"),
    ("2", "2 - Low"),
    ("3", "3 - Medium"),
    ("4", "4 - High"),
    ("5", "5 - Very high"),
]
STATES = [
    ("open", "Open"),
    ("mitigating", "Mitigating"),
    ("closed", "Closed"),
    ("accepted", "Accepted"),
]


class HcRaidItem(models.Model):
    """A risk, assumption, issue or dependency of the programme, owned and governed."""

    _name = "hc.raid.item"
    _description = "RAID Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state_sequence, risk_score desc, date_due, id"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False)
    raid_type = fields.Selection(
        RAID_TYPES, string="Type", required=True, default="risk", tracking=True
    )
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    description = fields.Html()
    impact = fields.Selection(SCALE, tracking=True)
    likelihood = fields.Selection(SCALE, tracking=True, help="Risks only.")
    risk_score = fields.Integer(compute="_compute_risk_score", store=True, aggregator="max")
    severity = fields.Selection(SEVERITIES, tracking=True, help="Issues only.")
    owner_id = fields.Many2one("res.users", tracking=True)
    governance_body_id = fields.Many2one(
        "hc.governance.body", string="Governance Owner", tracking=True, check_company=True
    )
    mitigation = fields.Html(string="Mitigation / Response")
    date_due = fields.Date(string="Due", tracking=True)
    state = fields.Selection(STATES, default="open", required=True, tracking=True)
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    site_ids = fields.Many2many("hc.site", string="Sites", check_company=True)
    workstream_id = fields.Many2one("hc.workstream", tracking=True)
    gate_id = fields.Many2one(
        "hc.gate",
        string="Stage Gate",
        tracking=True,
        index="btree_not_null",
        domain="[('program_id', '=', program_id)]",
        help="The gate this item threatens or was raised at.",
    )
    is_high = fields.Boolean(
        compute="_compute_is_high",
        store=True,
        string="High / Critical",
        help="A risk scoring 15 or more, or a high or critical issue.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    date_escalated = fields.Date(readonly=True, copy=False, tracking=True)
    color = fields.Integer(compute="_compute_color")

    @api.depends("impact", "likelihood", "raid_type")
    def _compute_risk_score(self):
        for item in self:
            item.risk_score = (
                risk_score(item.impact, item.likelihood) if item.raid_type == "risk" else 0
            )

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"open": 1, "mitigating": 2, "accepted": 3, "closed": 4}
        for item in self:
            item.state_sequence = order.get(item.state, 9)

    @api.depends("risk_score", "severity", "raid_type")
    def _compute_is_high(self):
        for item in self:
            item.is_high = (item.raid_type == "risk" and item.risk_score >= HIGH_RISK) or (
                item.raid_type == "issue" and item.severity in ("high", "critical")
            )

    @api.depends("is_high")
    def _compute_color(self):
        for item in self:
            item.color = 1 if item.is_high else 0

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_overdue = bool(
                item.date_due and item.date_due < today and item.state in ("open", "mitigating")
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain(
            [
                ("date_due", "<", fields.Date.context_today(self)),
                ("state", "in", ("open", "mitigating")),
            ]
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.constrains("raid_type", "impact", "likelihood", "severity")
    def _check_scales(self):
        for item in self:
            if item.raid_type == "risk" and not (item.impact and item.likelihood):
                raise ValidationError(
                    self.env._("Risk %(item)s needs an impact and a likelihood.", item=item.name)
                )
            if item.raid_type == "issue" and not item.severity:
                raise ValidationError(
                    self.env._("Issue %(item)s needs a severity.", item=item.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        prefix = {"risk": "R", "assumption": "A", "issue": "I", "dependency": "D"}
        with workflow_scope(self._name, {"code"}):
            for item in items:
                item.code = f"{prefix[item.raid_type]}-{item.id:04d}"
        return items

    def _fact(self):
        self.ensure_one()
        return RaidFact(
            raid_type=self.raid_type,
            is_open=self.state in ("open", "mitigating"),
            score=self.risk_score,
            severity=self.severity or "",
            has_owner=bool(self.owner_id),
            has_body=bool(self.governance_body_id),
            has_mitigation=bool(self.mitigation and self.mitigation.striptags().strip()),
            overdue=self.is_overdue,
        )

    @api.model
    def _cron_escalate(self):
        """An overdue high risk or critical issue: an activity for its body's chair, once."""
        candidates = self.search(
            [
                ("is_overdue", "=", True),
                ("date_escalated", "=", False),
                ("governance_body_id.chair_id", "!=", False),
                "|",
                ("risk_score", ">=", HIGH_RISK),
                ("severity", "=", "critical"),
            ]
        )
        escalated = candidates.filtered(lambda i: i._fact().must_escalate)
        for item in escalated:
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=item.governance_body_id.chair_id.id,
                summary=self.env._("Escalated: %(code)s %(item)s", code=item.code, item=item.name),
                note=self.env._(
                    "%(type)s %(code)s is overdue since %(date)s and escalated to %(body)s.",
                    type=dict(RAID_TYPES)[item.raid_type],
                    code=item.code,
                    date=item.date_due,
                    body=item.governance_body_id.name,
                ),
            )
        with workflow_scope(self._name, {"date_escalated"}):
            escalated.write({"date_escalated": fields.Date.context_today(self)})
        return escalated
