from odoo import api, models
from odoo.fields import Domain

from ..lib.governance import HIGH_RISK, risk_score

# impact x likelihood bands of the 5 x 5 grid: 15 and more is a high risk (the governance
# lens and the escalation use the same threshold)
MEDIUM_RISK = 6


def risk_band(score):
    """'high', 'medium' or 'low' for an impact x likelihood score (1-25)."""
    if score >= HIGH_RISK:
        return "high"
    if score >= MEDIUM_RISK:
        return "medium"
    return "low"


class HcRaidItem(models.Model):
    _inherit = "hc.raid.item"

    @api.model
    def get_risk_heat_map(self, domain=None):
        """The 5 x 5 risk heat map of the risks the user may read within ``domain`` (open
        risks by default): one cell per impact (rows, 5 on top) and likelihood (columns),
        with its score, band and count, and the domain of its risks for the drill-down."""
        base = Domain("raid_type", "=", "risk") & Domain(
            domain if domain is not None else [("state", "in", ("open", "mitigating"))]
        )
        counts = {
            (impact, likelihood): count
            for impact, likelihood, count in self._read_group(
                base & Domain("impact", "!=", False) & Domain("likelihood", "!=", False),
                ["impact", "likelihood"],
                ["__count"],
            )
        }
        labels = dict(self._fields["impact"]._description_selection(self.env))
        rows = []
        for impact in ("5", "4", "3", "2", "1"):
            cells = []
            for likelihood in ("1", "2", "3", "4", "5"):
                score = risk_score(impact, likelihood)
                cells.append(
                    {
                        "impact": impact,
                        "likelihood": likelihood,
                        "score": score,
                        "band": risk_band(score),
                        "count": counts.get((impact, likelihood), 0),
                        "domain": list(
                            base
                            & Domain("impact", "=", impact)
                            & Domain("likelihood", "=", likelihood)
                        ),
                    }
                )
            rows.append({"impact": impact, "label": labels[impact], "cells": cells})
        return {
            "rows": rows,
            "likelihoods": [
                {"value": key, "label": labels[key]} for key in ("1", "2", "3", "4", "5")
            ],
            "total": sum(counts.values()),
        }
