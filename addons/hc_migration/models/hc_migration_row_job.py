from odoo import fields, models


class HcMigrationRow(models.Model):
    """What a background load needs on each staged row: its chunk, and the values its load
    replaced (what a rollback restores, kept with the row so parallel lanes never write the
    run per chunk)."""

    _inherit = "hc.migration.row"

    job_chunk = fields.Integer(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Chunk of the background load this row belongs to (rows sharing a source key "
        "share a chunk).",
    )
    load_previous = fields.Text(
        readonly=True,
        copy=False,
        help="JSON: the values of the record this row updated, as they were before the load.",
    )
