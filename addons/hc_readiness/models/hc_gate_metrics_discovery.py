# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import discovery, gates


class HcGate(models.Model):
    """Stage-gate metrics of discovery: baselines, site variants, local exceptions,
    workarounds and gaps of the gate's scope."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "discovery_baseline_coverage": {
                "label": self.env._("Workflows with a documented baseline per site (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_baseline_coverage",
            },
            "discovery_variants_classified": {
                "label": self.env._("Site variants classified (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_variants_classified",
            },
            "discovery_exceptions_approved": {
                "label": self.env._("Local exceptions approved by the design authority (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_exceptions_approved",
            },
            "discovery_open_workarounds": {
                "label": self.env._("Open workarounds"),
                "kind": gates.COUNT,
                "method": "_metric_discovery_open_workarounds",
            },
            "discovery_open_workarounds_high": {
                "label": self.env._("Open high or critical workarounds"),
                "kind": gates.COUNT,
                "method": "_metric_discovery_open_workarounds_high",
            },
            "discovery_gaps_agreed": {
                "label": self.env._("Gaps with an agreed resolution (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_gaps_agreed",
            },
        }

    def _discovery_baseline(self):
        """Baseline figures of the gate's scope (``_scope_sites``): every active catalog
        workflow is expected at every site."""
        sites = self._scope_sites()
        facts = self.env["hc.process.variant"]._baseline_facts(self.program_id, sites)
        workflows = self.env["hc.process.workflow"].sudo().search_count([("active", "=", True)])
        return discovery.baseline_figures(facts, workflows, len(sites))

    def _metric_discovery_baseline_coverage(self):
        figures = self._discovery_baseline()
        if figures["coverage"] is None:
            return None, self.env._("No site or catalog workflow in scope.")
        return figures["coverage"], self.env._(
            "%(documented)s of %(expected)s workflow x site baselines have their current "
            "practice documented.",
            documented=figures["documented"],
            expected=figures["expected"],
        )

    def _metric_discovery_variants_classified(self):
        figures = self._discovery_baseline()
        if figures["classified_share"] is None:
            return None, self.env._("No site or catalog workflow in scope.")
        return figures["classified_share"], self.env._(
            "%(classified)s of %(expected)s workflow x site baselines are classified "
            "(standard, local exception or to be retired).",
            classified=figures["classified"],
            expected=figures["expected"],
        )

    def _metric_discovery_exceptions_approved(self):
        figures = self._discovery_baseline()
        return figures["approved_share"], self.env._(
            "%(approved)s of %(exceptions)s local exceptions are approved by the design "
            "authority (100 when there is none).",
            approved=figures["exceptions_approved"],
            exceptions=figures["exceptions"],
        )

    def _discovery_open_workarounds(self, risks=None):
        domain = [
            ("program_id", "=", self.program_id.id),
            ("state", "=", "open"),
            ("site_id", "in", self._scope_sites().ids),
        ]
        if risks:
            domain += [("risk", "in", risks)]
        return self.env["hc.process.workaround"].sudo().search_count(domain)

    def _metric_discovery_open_workarounds(self):
        return float(self._discovery_open_workarounds()), self.env._(
            "Workarounds found in discovery that are still open in the scope."
        )

    def _metric_discovery_open_workarounds_high(self):
        return float(self._discovery_open_workarounds(["high", "critical"])), self.env._(
            "Open workarounds in the scope with a high or critical go-live risk."
        )

    def _metric_discovery_gaps_agreed(self):
        groups = (
            self.env["hc.process.gap"]
            .sudo()
            ._read_group([("program_id", "=", self.program_id.id)], ["state"], ["__count"])
        )
        total = sum(count for _state, count in groups)
        agreed = sum(count for state, count in groups if state != "identified")
        value = discovery.share(agreed, total)
        if value is None:
            return None, self.env._("No gap recorded for the programme.")
        return value, self.env._(
            "%(agreed)s of %(total)s gaps of the programme have an agreed resolution "
            "(agreed, in progress or resolved).",
            agreed=agreed,
            total=total,
        )
