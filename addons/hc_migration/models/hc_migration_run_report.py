# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import Counter

from odoo import models
from odoo.tools import split_every

from odoo.addons.hc_base.guards import restricted_to
from odoo.addons.hc_base.lib.safe_cell import xlsx_row

from ..lib.rejects_xlsx import build_rejects_workbook

LOAD_CHUNK = 1000


class HcMigrationRun(models.Model):
    """What a run reports to its data owner: the rejected rows as an xlsx workbook and the
    reconciliation report (counts, control totals, a sample of loaded records, sign-offs)."""

    _inherit = "hc.migration.run"

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_export_rejects(self):
        """xlsx of the rejected rows with their reasons, for the data owner to fix the source."""
        self.ensure_one()
        rows = self.row_ids.filtered(lambda r: r.state in ("rejected", "error"))
        content = build_rejects_workbook(
            [
                (r.sheet, r.row_number, json.loads(r.raw_values or "{}"), r.errors or "")
                for r in rows
            ],
            xlsx_row,
            title=self.env._("Rejected rows"),
            headers=(self.env._("Sheet"), self.env._("Row"), self.env._("Reasons")),
        )
        # the data owner reads the run but does not edit it: the file is attached to the run
        # for them, once their read access is checked (no context default reaches it)
        self.check_access("read")
        attachment = self.env(context={"lang": self.env.context.get("lang")}, su=True)[
            "ir.attachment"
        ].create(
            {
                "public": False,
                "name": self.env._("%(run)s rejected rows.xlsx", run=self.name),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_print_reconciliation(self):
        return self.env.ref("hc_migration.action_report_reconciliation").report_action(self)

    def _reconciliation_data(self, sample=10):
        self.ensure_one()
        Row = self.env["hc.migration.row"]
        domain = [("run_id", "=", self.id)]
        totals = {}
        control = self.domain_id.mapping_ids.filtered("control_total")
        if control:
            totals = dict.fromkeys(control.mapped("source_column"), 0.0)
            ids = Row.search([*domain, ("state", "in", ("valid", "loaded"))]).ids
            for chunk in split_every(LOAD_CHUNK, ids, Row.browse):
                for values in (json.loads(v or "{}") for v in chunk.mapped("mapped_values")):
                    for line in control:
                        try:
                            totals[line.source_column] += float(values.get(line.target_field) or 0)
                        except (TypeError, ValueError):
                            continue
                chunk.invalidate_recordset()
        counts = Counter(dict(Row._read_group(domain, ["state"], ["__count"])))
        loaded = Row.search([*domain, ("state", "=", "loaded")], limit=sample)
        return {
            "counts": counts,
            "totals": totals,
            "sample": [
                (
                    row,
                    self.env[row.res_model].sudo().browse(row.res_id).display_name
                    if row.res_model
                    else "",
                )
                for row in loaded
            ],
            "reasons": dict(self._reason_items()),
            # the evidence of the sign-offs (and their exceptions) of the domain's current rules
            "signoffs": self.domain_id.sudo().signoff_ids.filtered("is_valid").sorted("kind"),
        }
