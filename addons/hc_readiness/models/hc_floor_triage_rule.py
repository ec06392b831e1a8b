from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..lib import floor
from ..lib.constants import SEVERITIES

CATEGORIES = [
    ("howto", "How-to / training gap"),
    ("access", "Access or security"),
    ("data", "Data issue"),
    ("process", "Process gap"),
    ("defect", "Software defect"),
    ("equipment", "Equipment"),
    ("quality", "Quality deviation"),
]


class HcFloorTriageRule(models.Model):
    """Routes a new floor-support issue to a team and an assignee with an SLA: category,
    app area (empty: any) and severity (empty: any). The most specific rule wins."""

    _name = "hc.floor.triage.rule"
    _description = "Floor Issue Triage Rule"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    category = fields.Selection(CATEGORIES, required=True)
    app_area_id = fields.Many2one("hc.app.area", help="Empty: any app area.")
    severity = fields.Selection(SEVERITIES, help="Empty: any severity.")
    team = fields.Char(required=True, help="The team that works the issue, e.g. Biomedical.")
    user_id = fields.Many2one("res.users", string="Assignee", check_company=True)
    sla_hours = fields.Float(
        string="SLA (hours)", required=True, default=24.0, help="Wall-clock hours to resolve."
    )

    _sla_positive = models.Constraint(
        "CHECK(sla_hours > 0)", "The SLA of a triage rule must be more than 0 hours."
    )

    @api.depends("category", "app_area_id", "severity", "team")
    def _compute_display_name(self):
        labels = dict(CATEGORIES)
        severities = dict(SEVERITIES)
        for rule in self:
            rule.display_name = " / ".join(
                [
                    labels.get(rule.category, ""),
                    rule.app_area_id.name or self.env._("any app area"),
                    severities.get(rule.severity) or self.env._("any severity"),
                ]
            ) + (f" → {rule.team}" if rule.team else "")

    @api.constrains("category", "app_area_id", "severity", "company_id", "active")
    def _check_unique_match(self):
        active = self.filtered("active")
        if not active:
            return
        others = self.search(
            [
                ("company_id", "in", active.company_id.ids),
                ("category", "in", list(set(active.mapped("category")))),
            ]
        )
        for company in active.company_id:
            rules = others.filtered(lambda r, c=company: r.company_id == c)
            facts = [
                floor.Rule(
                    r.id, r.sequence, r.category, r.app_area_id.id or None, r.severity or None
                )
                for r in rules
            ]
            for first, second in floor.duplicate_rules(facts):
                if {first, second} & set(active.ids):
                    one, two = self.browse(first), self.browse(second)
                    raise ValidationError(
                        self.env._(
                            "Triage rules conflict: %(one)s and %(two)s match the same issues "
                            "(category, app area and severity) in %(company)s. Change or "
                            "archive one of them.",
                            one=one.display_name,
                            two=two.display_name,
                            company=company.name,
                        )
                    )

    @api.model
    def _match(self, issues):
        """{issue: rule} for ``issues``: one search for the rules of their companies."""
        rules = self.sudo().search(
            Domain("company_id", "in", issues.company_id.ids)
            & Domain("category", "in", list(set(issues.mapped("category"))))
        )
        by_company = {}
        for rule in rules:
            by_company.setdefault(rule.company_id.id, []).append(
                floor.Rule(
                    rule.id,
                    rule.sequence,
                    rule.category,
                    rule.app_area_id.id or None,
                    rule.severity or None,
                )
            )
        result = {}
        for issue in issues:
            rule_id = floor.match_rule(
                by_company.get(issue.company_id.id, []),
                issue.category,
                issue.app_area_id.id or None,
                issue.severity,
            )
            result[issue] = rules.browse(rule_id).sudo(False) if rule_id else self.browse()
        return result
