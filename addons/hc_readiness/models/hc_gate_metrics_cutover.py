# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import cutover, gates


class HcGate(models.Model):
    """Stage-gate metrics of cutover: runbook progress and rollback triggers of the
    gate's scope."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "runbook_completion": {
                "label": self.env._("Cutover runbook tasks done (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_runbook_completion",
            },
            "open_rollback_triggers": {
                "label": self.env._("Open rollback triggers"),
                "kind": gates.COUNT,
                "method": "_metric_open_rollback_triggers",
            },
        }

    def _runbook_domain(self):
        return [*self._scope_domain(), ("state", "!=", "rolled_back")]

    def _metric_runbook_completion(self):
        Task = self.env["hc.cutover.task"].sudo()
        runbooks = self.env["hc.cutover.runbook"].sudo().search(self._runbook_domain())
        counts = dict(
            Task._read_group([("runbook_id", "in", runbooks.ids)], ["state"], ["__count"])
        )
        states = [state for state, n in counts.items() for _i in range(n)]
        rate = cutover.completion(states)
        if rate is None:
            return None, self.env._("No cutover task in this scope.")
        return rate, self.env._(
            "%(done)s of %(total)s cutover tasks done or skipped in %(n)s runbook(s).",
            done=sum(n for state, n in counts.items() if state in cutover.FINISHED),
            total=len(states),
            n=len(runbooks),
        )

    def _metric_open_rollback_triggers(self):
        runbooks = self.env["hc.cutover.runbook"].sudo().search(self._runbook_domain())
        count = (
            self.env["hc.cutover.rollback.criterion"]
            .sudo()
            .search_count([("runbook_id", "in", runbooks.ids), ("state", "=", "triggered")])
        )
        return float(count), self.env._("Rollback criteria triggered and not resolved.")
