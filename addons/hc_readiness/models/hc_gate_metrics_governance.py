# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..lib import gates


class HcGate(models.Model):
    """Stage-gate metrics of governance: open high RAID items and undecided
    customization requests."""

    _inherit = "hc.gate"

    @api.model
    def _metric_providers(self):
        return {
            **super()._metric_providers(),
            "open_critical_raid": {
                "label": self.env._("Open high risks and critical issues"),
                "kind": gates.COUNT,
                "method": "_metric_open_critical_raid",
            },
            "undecided_customizations": {
                "label": self.env._("Undecided customization requests"),
                "kind": gates.COUNT,
                "method": "_metric_undecided_customizations",
            },
        }

    def _metric_open_critical_raid(self):
        count = (
            self.env["hc.raid.item"]
            .sudo()
            .search_count(
                [
                    ("program_id", "=", self.program_id.id),
                    ("state", "in", ("open", "mitigating")),
                    ("is_high", "=", True),
                ]
            )
        )
        return float(count), self.env._("Open RAID items rated high or critical.")

    def _metric_undecided_customizations(self):
        count = (
            self.env["hc.customization.request"]
            .sudo()
            .search_count(
                [("program_id", "=", self.program_id.id), ("state", "in", ("draft", "submitted"))]
            )
        )
        return float(count), self.env._("Customization requests not decided yet.")
