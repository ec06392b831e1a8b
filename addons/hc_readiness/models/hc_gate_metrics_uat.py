# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import gates, uat


class HcGate(models.Model):
    """Stage-gate metrics of user acceptance testing: critical scenarios and defects
    of the gate's scope."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "uat_critical_pass_rate": {
                "label": self.env._("Critical UAT scenarios whose latest run passed (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_uat_critical_pass_rate",
            },
            "uat_open_critical_defects": {
                "label": self.env._("Open critical UAT defects"),
                "kind": gates.COUNT,
                "method": "_metric_uat_open_critical_defects",
            },
        }

    def _metric_uat_critical_pass_rate(self):
        runs = (
            self.env["hc.uat.run"]
            .sudo()
            .search_fetch(
                [*self._scope_domain(), ("criticality", "=", "critical")],
                ["scenario_id", "site_id", "state"],
            )
        )
        # the latest run of a scenario at a site is the last one created: a re-run not
        # executed yet means the scenario is to be retested
        states = uat.latest_states(
            ((run.scenario_id.id, run.site_id.id), run.id, run.state) for run in runs
        )
        # every critical scenario tested in the scope is expected at every site with a UAT
        # cycle in the scope: one never run at a site counts as not passed there
        sites = self.env["hc.uat.cycle"].sudo().search(self._scope_domain()).site_id
        for scenario_id in {scenario for scenario, _site in states}:
            for site_id in sites.ids:
                states.setdefault((scenario_id, site_id), "not_run")
        rate = uat.pass_rate(states.values())
        if rate is None:
            return None, self.env._("No run of a critical UAT scenario in this scope.")
        passed = sum(1 for state in states.values() if state == "passed")
        return rate, self.env._(
            "%(passed)s of %(total)s critical scenario(s) per site passed in their latest run "
            "(a scenario not yet run at a site with a UAT cycle counts as not passed).",
            passed=passed,
            total=len(states),
        )

    def _metric_uat_open_critical_defects(self):
        count = (
            self.env["hc.uat.defect"]
            .sudo()
            .search_count(
                [*self._scope_domain(), ("severity", "=", "critical"), ("is_open", "=", True)]
            )
        )
        return float(count), self.env._(
            "UAT defects of critical severity open or fixed but not retested."
        )
