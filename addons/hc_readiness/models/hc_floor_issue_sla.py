# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import guard_active, scope_allows, workflow_scope

from ..lib import floor

# The triage rule and the breach flag are workflow-owned (hc_base): they move through triage
# and the SLA cron only. The SLA hours come from triage; the PMO (command center) may also
# change them by hand.
SLA_FIELD = "sla_hours"
TRIAGE_FIELDS = {"triage_rule_id", "sla_hours", "team", "user_id", "state"}


class HcFloorIssue(models.Model):
    """Triage and SLA of floor issues: the most specific triage rule gives team, assignee
    and SLA hours; the deadline follows, and the hourly cron flags the open issues past it."""

    _inherit = "hc.floor.issue"

    triage_rule_id = fields.Many2one("hc.floor.triage.rule", readonly=True, copy=False)
    team = fields.Char(tracking=True)
    user_id = fields.Many2one("res.users", string="Assignee", tracking=True, check_company=True)
    sla_hours = fields.Float(string="SLA (hours)", tracking=True)
    user_is_pmo = fields.Boolean(compute="_compute_user_is_pmo")
    sla_deadline = fields.Datetime(
        string="SLA Deadline", compute="_compute_sla_deadline", store=True
    )
    sla_breached = fields.Boolean(
        string="SLA Breached",
        compute="_compute_sla_breached",
        store=True,
        help="Resolved after the SLA deadline, or open past it (refreshed every hour).",
    )

    @api.depends_context("uid")
    def _compute_user_is_pmo(self):
        self.user_is_pmo = self.env.user.has_group("hc_readiness.group_pmo")

    @api.depends("date_logged", "sla_hours")
    def _compute_sla_deadline(self):
        for issue in self:
            issue.sla_deadline = floor.sla_deadline(issue.date_logged, issue.sla_hours)

    @api.depends("sla_deadline", "date_resolved", "state")
    def _compute_sla_breached(self):
        now = fields.Datetime.now()
        for issue in self:
            issue.sla_breached = floor.is_breached(issue.sla_deadline, now, issue.date_resolved)

    @api.model_create_multi
    def create(self, vals_list):
        """The SLA hours of a new issue come from triage, unless the user is the PMO."""
        if guard_active(self.env):
            for vals in vals_list:
                if vals.get(SLA_FIELD):
                    self._check_sla_change(vals.get("name") or self.env._("a new issue"))
        issues = super().create(vals_list)
        issues._triage()
        return issues

    def write(self, vals):
        """The SLA hours change by triage or by the PMO's hand."""
        if SLA_FIELD in vals and guard_active(self.env):
            self[:1]._check_sla_change(self[:1].name)
        return super().write(vals)

    def _check_sla_change(self, name):
        """The SLA hours come from triage; only the PMO changes them by hand."""
        if (
            self.env.su
            or scope_allows(self._name, SLA_FIELD)
            or self.env.user.has_group("hc_readiness.group_pmo")
        ):
            return
        raise AccessError(
            self.env._(
                "Only the PMO changes the SLA of %(issue)s directly; triage sets it.",
                issue=name,
            )
        )

    def _triage(self):
        """Apply the most specific triage rule: team, assignee and SLA. One write (and one
        subscription of the rule's assignee) per group of issues getting the same values."""
        matches = self.env["hc.floor.triage.rule"]._match(self)
        groups = defaultdict(list)
        for issue, rule in matches.items():
            if not rule:
                continue
            rule = rule.sudo()
            vals = {"triage_rule_id": rule.id, "sla_hours": rule.sla_hours}
            if not issue.team:
                vals["team"] = rule.team
            if not issue.user_id and rule.user_id:
                vals["user_id"] = rule.user_id.id
            if issue.state == "new":
                vals["state"] = "triaged"
            groups[tuple(sorted(vals.items()))].append(issue.id)
        Rule = self.env["hc.floor.triage.rule"].sudo()
        for key, issue_ids in groups.items():
            vals = dict(key)
            issues = self.browse(issue_ids)
            with workflow_scope(self._name, TRIAGE_FIELDS):
                issues.write(vals)
            assignee = Rule.browse(vals["triage_rule_id"]).user_id
            if assignee:
                issues.message_subscribe(partner_ids=assignee.partner_id.ids)

    @api.model
    def _cron_refresh_sla(self):
        """Flag the open issues whose SLA deadline passed since the last run, and unflag the
        open ones no longer past it: one write each."""
        now = fields.Datetime.now()
        late = self.search(
            [("is_open", "=", True), ("sla_breached", "=", False), ("sla_deadline", "<", now)]
        )
        recovered = self.search(
            Domain("is_open", "=", True)
            & Domain("sla_breached", "=", True)
            & (Domain("sla_deadline", "=", False) | Domain("sla_deadline", ">=", now))
        )
        with workflow_scope(self._name, {"sla_breached"}):
            late.write({"sla_breached": True})
            recovered.write({"sla_breached": False})
        return late
