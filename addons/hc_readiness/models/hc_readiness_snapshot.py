from odoo import api, fields, models
from odoo.exceptions import UserError

from .hc_program import LENSES, RAG


class HcReadinessSnapshot(models.Model):
    """The value of a lens on a day, kept for the trend. Immutable once taken."""

    _name = "hc.readiness.snapshot"
    _description = "Readiness Snapshot"
    _order = "date desc, program_id, lens, site_id"
    _rec_name = "date"

    program_id = fields.Many2one("hc.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    date = fields.Date(required=True, index=True)
    lens = fields.Selection(LENSES, required=True)
    site_id = fields.Many2one("hc.site")
    value = fields.Float(aggregator="avg")
    has_evidence = fields.Boolean()
    rag = fields.Selection(RAG, string="Status")

    _day_uniq = models.UniqueIndex(
        "(program_id, date, lens, COALESCE(site_id, 0))",
        "A programme has one snapshot per lens, site and day.",
    )

    def write(self, vals):
        if self:
            raise UserError(self.env._("Readiness snapshots are immutable history."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Readiness snapshots are immutable history."))
