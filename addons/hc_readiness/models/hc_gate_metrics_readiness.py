# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import gates


class HcGate(models.Model):
    """Stage-gate metric of user readiness: the stored readiness score of the gate's scope."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "user_readiness": {
                "label": self.env._("User readiness of the scope (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_user_readiness",
            },
        }

    def _metric_user_readiness(self):
        Score = self.env["hc.readiness.score"].sudo()
        domain = [("program_id", "=", self.program_id.id)]
        if self.site_id:
            domain += [("level", "=", "site"), ("site_id", "=", self.site_id.id)]
            if self.wave_id:
                domain += [("wave_id", "=", self.wave_id.id)]
        elif self.wave_id:
            domain += [("level", "=", "wave"), ("wave_id", "=", self.wave_id.id)]
        else:
            domain += [("level", "=", "program")]
        score = Score.search(domain, limit=1)
        if not score or not score.has_score:
            return None, self.env._("No readiness score for this scope: recompute readiness.")
        return score.score, self.env._(
            "Readiness of %(n)s employees, computed %(date)s.",
            n=score.weight,
            date=self.program_id.date_computed,
        )
