# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.fields import Domain

from ..lib import gates


class HcGate(models.Model):
    """Stage-gate metrics of hypercare: floor-support issues in the gate's scope."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "hypercare_open_critical": {
                "label": self.env._("Open critical floor-support issues"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_open_critical",
            },
            "hypercare_issue_rate": {
                "label": self.env._("Floor-support issues per day, last 7 days"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_issue_rate",
            },
            "hypercare_sla_breaches": {
                "label": self.env._("Open floor-support issues past their SLA"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_sla_breaches",
            },
        }

    def _hypercare_domain(self):
        """The floor issues in the gate's scope: its programme, narrowed to its site or to
        the sites of its wave."""
        self.ensure_one()
        domain = Domain("program_id", "=", self.program_id.id)
        if self.site_id or self.wave_id.site_ids:
            domain &= Domain("site_id", "in", self._scope_sites().ids)
        return domain

    def _metric_hypercare_open_critical(self):
        count = (
            self.env["hc.floor.issue"]
            .sudo()
            .search_count(
                self._hypercare_domain()
                & Domain("is_open", "=", True)
                & Domain("severity", "=", "critical")
            )
        )
        return float(count), self.env._("Open critical floor-support issues in scope.")

    def _metric_hypercare_issue_rate(self):
        days = 7
        figures = (
            self.env["hc.floor.issue"].sudo()._adoption_figures(self._hypercare_domain(), days=days)
        )
        return figures["issue_rate"], self.env._(
            "Average floor-support issues logged per day over the last %(days)s days "
            "(today included).",
            days=days,
        )

    def _metric_hypercare_sla_breaches(self):
        # read the deadline itself (the hourly cron's flag may lag behind the clock)
        count = (
            self.env["hc.floor.issue"]
            .sudo()
            .search_count(
                self._hypercare_domain()
                & Domain("is_open", "=", True)
                & Domain("sla_deadline", "<", fields.Datetime.now())
            )
        )
        return float(count), self.env._("Open floor-support issues past their SLA deadline.")
