from odoo import api, fields, models
from odoo.tools import format_datetime


class HcFloorIssue(models.Model):
    """Where a logged issue went: the confirmation a super user reads on the quick form
    (a phone on the floor) once the issue is saved and triaged."""

    _inherit = "hc.floor.issue"

    routing_summary = fields.Char(
        string="Routing",
        compute="_compute_routing_summary",
        help="Reference, team, assignee and SLA deadline the triage gave the issue.",
    )

    @api.depends("name", "team", "user_id", "sla_deadline", "sla_hours", "triage_rule_id")
    def _compute_routing_summary(self):
        for issue in self:
            if not issue.name:
                issue.routing_summary = False
                continue
            parts = [self.env._("Logged as %(reference)s.", reference=issue.name)]
            if not (issue.team or issue.user_id):
                parts.append(
                    self.env._(
                        "No triage rule matches it yet: the PMO routes it from the daily "
                        "issue review."
                    )
                )
            if issue.team:
                parts.append(self.env._("Routed to team %(team)s.", team=issue.team))
            if issue.user_id:
                parts.append(self.env._("Assigned to %(assignee)s.", assignee=issue.user_id.name))
            if issue.sla_deadline:
                parts.append(
                    self.env._(
                        "Answer due by %(deadline)s (SLA %(hours)s h).",
                        deadline=format_datetime(self.env, issue.sla_deadline, dt_format="short"),
                        hours=f"{issue.sla_hours:g}",
                    )
                )
            issue.routing_summary = " ".join(parts)
