from odoo import api, fields, models

from .hc_program import LENSES, RAG

# the records behind a lens (action_open_inputs): the RAID log, the site variants, else scores
INPUT_MODELS = {"governance": "hc.raid.item", "standardization": "hc.process.variant"}


class HcReadinessLens(models.Model):
    """One of the five programme lenses, for the programme or one site, with the formula and
    inputs behind it. Rebuilt by each recompute."""

    _name = "hc.readiness.lens"
    _description = "Readiness Lens"
    _order = "program_id, site_id, lens"
    _rec_name = "lens"

    # every figure is the engine's (``hc.program._store_lenses``): workflow-owned
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    lens = fields.Selection(LENSES, required=True, readonly=True)
    site_id = fields.Many2one("hc.site", index="btree_not_null", readonly=True)
    value = fields.Float(aggregator="avg", readonly=True)
    has_evidence = fields.Boolean(readonly=True)
    rag = fields.Selection(RAG, string="Status", default="none", readonly=True)
    explanation = fields.Text(string="Formula and Inputs", readonly=True)
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    display_value = fields.Char(compute="_compute_display_value", string="Score")
    color = fields.Integer(compute="_compute_display_value")
    can_open_inputs = fields.Boolean(
        compute="_compute_can_open_inputs",
        help="Whether the current user may read the records behind the lens (shows Inputs).",
    )

    def _compute_display_value(self):
        colors = {"red": 1, "amber": 2, "green": 10, "none": 0}
        for lens in self:
            lens.display_value = (
                f"{lens.value:.0f}" if lens.has_evidence else self.env._("No evidence")
            )
            lens.color = colors[lens.rag or "none"]

    @api.depends_context("uid")
    @api.depends("lens")
    def _compute_can_open_inputs(self):
        for lens in self:
            model = INPUT_MODELS.get(lens.lens, "hc.readiness.score")
            lens.can_open_inputs = self.env[model].has_access("read")

    def action_open_inputs(self):
        """The records behind the lens: score rows for readiness lenses, the RAID log for
        governance, the site variants for standardization, the mock runs for data
        trust."""
        self.ensure_one()
        by_lens = {
            "governance": ("hc_readiness.hc_raid_item_action", "program_id"),
            "standardization": ("hc_readiness.hc_process_variant_action", "program_id"),
        }
        if self.lens in by_lens:
            xmlid, field = by_lens[self.lens]
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            action["domain"] = [(field, "=", self.program_id.id)]
            if self.lens == "standardization" and self.site_id:
                action["domain"] += [("site_id", "=", self.site_id.id)]
            action["context"] = {}
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_score_action"
        )
        domain = [("program_id", "=", self.program_id.id)]
        if self.site_id:
            domain += [("site_id", "=", self.site_id.id), ("level", "=", "role")]
        else:
            domain += [("level", "in", ("wave", "site"))]
        action["domain"] = domain
        action["context"] = {}
        action["name"] = self.env._(
            "%(lens)s: inputs", lens=dict(self._fields["lens"].selection)[self.lens]
        )
        return action
