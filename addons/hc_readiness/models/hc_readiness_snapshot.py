from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import guard_active, scope_allows

from .hc_program import LENSES, RAG


class HcReadinessSnapshot(models.Model):
    """The value of a lens on a day, kept for the trend. Taken by the daily recompute only
    and immutable once taken."""

    _name = "hc.readiness.snapshot"
    _description = "Readiness Snapshot"
    _order = "date desc, program_id, lens, site_id"
    _rec_name = "date"

    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    date = fields.Date(required=True, readonly=True, index=True)
    lens = fields.Selection(LENSES, required=True, readonly=True)
    site_id = fields.Many2one("hc.site", readonly=True)
    value = fields.Float(aggregator="avg", readonly=True)
    has_evidence = fields.Boolean(readonly=True)
    rag = fields.Selection(RAG, string="Status", readonly=True)

    _day_uniq = models.UniqueIndex(
        "(program_id, date, lens, COALESCE(site_id, 0))",
        "A programme has one snapshot per lens, site and day.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if guard_active(self.env) and not scope_allows(self._name, "date"):
            raise AccessError(
                self.env._("Readiness snapshots are taken by the daily recompute only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(self.env._("Readiness snapshots are immutable history."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Readiness snapshots are immutable history."))
