# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import gates


class HcGate(models.Model):
    """Stage-gate metrics of data migration: the data-trust lens and the mock runs of
    the critical migration domains."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "data_trust": {
                "label": self.env._("Data trust lens (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_data_trust",
            },
            "mock_runs_critical": {
                "label": self.env._("Good mock runs of the least-tested critical domain"),
                "kind": gates.COUNT,
                "method": "_metric_mock_runs_critical",
            },
        }

    def _metric_data_trust(self):
        lens = self.program_id.lens_ids.filtered(lambda lens: lens.lens == "data_trust")[:1]
        if not lens or not lens.has_evidence:
            return None, self.env._("No data-trust evidence.")
        return lens.value, lens.explanation

    def _metric_mock_runs_critical(self):
        domains = (
            self.env["hc.migration.domain"]
            .sudo()
            .search(
                [
                    ("scope", "=", "operational"),
                    ("criticality", "=", "high"),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        if not domains:
            return None, self.env._("No critical operational migration domain.")
        figures = domains._migration_readiness()
        worst = min(figures.items(), key=lambda item: item[1]["good_runs"])
        return float(worst[1]["good_runs"]), self.env._(
            "Completed mock runs under the reject-rate target; least-tested critical domain: "
            "%(domain)s.",
            domain=domains.browse(worst[0]).name,
        )
