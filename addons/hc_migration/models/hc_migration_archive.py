from odoo import api, fields, models


class HcMigrationArchive(models.Model):
    """Historical-archive scope: legacy rows kept searchable next to their original file,
    never loaded into live models."""

    _name = "hc.migration.archive"
    _description = "Migration Archive Row"
    _order = "domain_id, run_id, row_number"
    _rec_name = "content"

    # written by staging only: the archive is the legacy file's record
    domain_id = fields.Many2one(
        "hc.migration.domain", required=True, index=True, ondelete="cascade", readonly=True
    )
    run_id = fields.Many2one("hc.migration.run", index=True, ondelete="set null", readonly=True)
    sheet = fields.Char(readonly=True)
    row_number = fields.Integer(string="Row", readonly=True)
    content = fields.Text(readonly=True, help="The row's values, searchable.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self,
            self.env._("archived legacy rows are kept for retention."),
        )
