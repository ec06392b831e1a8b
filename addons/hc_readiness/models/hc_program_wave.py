from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import guard_active, restricted_to


class HcProgramWave(models.Model):
    """A deployment wave: which sites go live with which Odoo app areas on which date."""

    _name = "hc.program.wave"
    _description = "Deployment Wave"
    _inherit = ["mail.thread"]
    _order = "program_id, sequence, go_live_date, id"

    program_id = fields.Many2one(
        "hc.program", string="Programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    go_live_date = fields.Date(required=True, tracking=True)
    site_ids = fields.Many2many("hc.site", string="Sites", required=True)
    app_area_ids = fields.Many2many("hc.app.area", string="App Areas", required=True)
    role_ids = fields.Many2many(
        "hc.training.role",
        compute="_compute_role_ids",
        string="Roles Needed",
        help="Operational roles that transact in the wave's app areas.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("preparing", "Preparing"),
            ("live", "Live"),
            ("closed", "Closed"),
        ],
        default="planned",
        required=True,
        tracking=True,
    )
    score = fields.Float(readonly=True)
    rag = fields.Selection(
        [("none", "No evidence"), ("red", "Red"), ("amber", "Amber"), ("green", "Green")],
        string="RAG",
        default="none",
        readonly=True,
    )
    headcount = fields.Integer(readonly=True)
    color = fields.Integer(compute="_compute_color")

    @api.depends("app_area_ids")
    def _compute_role_ids(self):
        roles = self.env["hc.training.role"].search([("app_area_ids", "in", self.app_area_ids.ids)])
        for wave in self:
            wave.role_ids = roles.filtered(lambda r, w=wave: r.app_area_ids & w.app_area_ids)

    @api.depends("rag")
    def _compute_color(self):
        colors = {"red": 1, "amber": 2, "green": 10, "none": 0}
        for wave in self:
            wave.color = colors[wave.rag or "none"]

    @api.constrains("site_ids", "app_area_ids", "program_id")
    def _check_site_area_once(self):
        for program in self.program_id:
            seen = {}
            for wave in program.wave_ids:
                for site in wave.site_ids:
                    for area in wave.app_area_ids:
                        other = seen.get((site.id, area.id))
                        if other and other != wave:
                            raise ValidationError(
                                self.env._(
                                    "%(site)s already goes live with %(area)s in %(other)s; it "
                                    "cannot also be in %(wave)s for the same app area.",
                                    site=site.display_name,
                                    area=area.name,
                                    other=other.name,
                                    wave=wave.name,
                                )
                            )
                        seen[(site.id, area.id)] = wave

    @api.constrains("sequence", "go_live_date", "program_id")
    def _check_dates_ordered(self):
        for program in self.program_id:
            waves = program.wave_ids.sorted(lambda w: (w.sequence, w.id))
            for before, after in pairwise(waves):
                if (
                    before.go_live_date
                    and after.go_live_date
                    and after.go_live_date < before.go_live_date
                ):
                    raise ValidationError(
                        self.env._(
                            "Wave dates must follow the wave order: %(after)s (%(after_date)s) "
                            "comes after %(before)s (%(before_date)s).",
                            after=after.name,
                            after_date=after.go_live_date,
                            before=before.name,
                            before_date=before.go_live_date,
                        )
                    )

    @api.constrains("site_ids", "program_id")
    def _check_sites_in_program(self):
        for wave in self:
            outside = wave.site_ids - wave.program_id.site_ids
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(sites)s are not in the scope of programme %(program)s.",
                        sites=", ".join(outside.mapped("display_name")),
                        program=wave.program_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        waves = super().create(vals_list)
        waves._sync_site_go_live()
        return waves

    def write(self, vals):
        if vals.get("state") == "live" and guard_active(self.env):
            self._check_go_live_approved()
        res = super().write(vals)
        if {"go_live_date", "site_ids"} & set(vals):
            self._sync_site_go_live()
        return res

    def _check_go_live_approved(self):
        """A wave goes live on the steering decision, not on a click: its go-live approval
        gate must be decided Go or Conditional Go."""
        gate_type = self.env.ref("hc_readiness.gate_type_go_live", raise_if_not_found=False)
        for wave in self.filtered(lambda w: w.state != "live"):
            approved = (
                self.env["hc.gate"]
                .sudo()
                .search_count(
                    [
                        ("wave_id", "=", wave.id),
                        ("gate_type_id", "=", gate_type.id if gate_type else False),
                        ("state", "=", "decided"),
                        ("decision", "in", ("go", "conditional")),
                    ]
                )
            )
            if not approved:
                raise UserError(
                    self.env._(
                        "%(wave)s goes live once its go-live approval gate is decided Go or "
                        "Conditional Go.",
                        wave=wave.display_name,
                    )
                )

    def _sync_site_go_live(self):
        """A site's go-live date is its first wave's date (training due dates count back)."""
        sites = self.site_ids
        firsts = {}
        for wave in self.search([("site_ids", "in", sites.ids)]):
            for site in wave.site_ids & sites:
                if site.id not in firsts or wave.go_live_date < firsts[site.id]:
                    firsts[site.id] = wave.go_live_date
        for site in sites.sudo():
            if firsts.get(site.id) and site.go_live_date != firsts[site.id]:
                site.go_live_date = firsts[site.id]

    @restricted_to("hc_readiness.group_pmo")
    def action_recompute_readiness(self):
        self.program_id.action_recompute_readiness()

    def action_open_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_score_action"
        )
        action["domain"] = [("wave_id", "=", self.id)]
        action["context"] = {"search_default_level_site": 1}
        return action
