import json

from odoo import api, fields, models

from odoo.addons.hc_base.guards import restricted_to

ROW_STATES = [
    ("valid", "Valid"),
    ("rejected", "Rejected"),
    ("duplicate", "Duplicate"),
    ("loaded", "Loaded"),
    ("error", "Load error"),
    ("archived", "Archived"),
]


class HcMigrationRow(models.Model):
    """A staged source row: its raw values as read (kept for audit, even after load), the
    mapped values, and every reason it was rejected with sheet, row and column."""

    _name = "hc.migration.row"
    _description = "Staged Migration Row"
    _order = "run_id, row_number"
    _rec_name = "row_number"

    # a staged row is the pipeline's record of what the file held and what became of it:
    # every value is set by staging, deduplication, the owner's decision or the load, never
    # typed (the load writes the mapped values with elevated rights)
    run_id = fields.Many2one(
        "hc.migration.run", required=True, index=True, ondelete="cascade", readonly=True
    )
    domain_id = fields.Many2one(related="run_id.domain_id", store=True, index=True)
    owner_id = fields.Many2one(related="run_id.domain_id.owner_id")
    sheet = fields.Char(readonly=True)
    row_number = fields.Integer(string="Row", index=True, readonly=True)
    source_key = fields.Char(index=True, readonly=True)
    raw_values = fields.Text(string="Raw Values (JSON)", readonly=True)
    mapped_values = fields.Text(string="Mapped Values (JSON)", readonly=True)
    state = fields.Selection(ROW_STATES, required=True, default="valid", index=True, readonly=True)
    errors = fields.Text(
        readonly=True, help="One reason per line: sheet, row, column and what is wrong."
    )
    error_count = fields.Integer(readonly=True)
    first_error = fields.Char(compute="_compute_first_error", string="Reason")
    cluster_id = fields.Many2one(
        "hc.migration.cluster", index="btree_not_null", ondelete="set null", readonly=True
    )
    res_model = fields.Char(string="Loaded Model", readonly=True)
    res_id = fields.Integer(string="Loaded Record", readonly=True)
    load_action = fields.Selection([("created", "Created"), ("updated", "Updated")], readonly=True)
    summary = fields.Char(compute="_compute_first_error", string="Record")
    # deduplication keeps its inputs with the row: the raw values it normalises and the
    # blocks the row is compared in (see ``hc.migration.run._block_candidates``)
    dedup_source = fields.Text(readonly=True)
    dedup_blocks = fields.Char(readonly=True)
    dedup_sort = fields.Char(readonly=True)

    @api.depends("errors", "mapped_values")
    def _compute_first_error(self):
        for row in self:
            row.first_error = (row.errors or "").split("\n", 1)[0]
            values = json.loads(row.mapped_values or "{}")
            row.summary = " · ".join(
                str(v) for v in list(values.values())[:3] if v not in (None, "")
            )

    def values(self):
        self.ensure_one()
        return json.loads(self.mapped_values or "{}")

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self,
            self.env._(
                "staged rows are the record of what a run read, validated and loaded "
                "(a rollback replays them)."
            ),
        )
