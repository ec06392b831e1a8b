from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to


class HcSuperUserRotaPlan(models.TransientModel):
    """Plan the go-live week rota of a site: round-robin coverage of its shifts by the active
    super users of each app area (lib/rota.py), gaps shown, lines created on confirm."""

    _name = "hc.super.user.rota.plan"
    _description = "Plan Go-Live Week Rota"

    site_id = fields.Many2one("hc.site", required=True)
    date_start = fields.Date(
        string="First Day",
        compute="_compute_from_site",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    days = fields.Integer(string="Number of Days", default=7, required=True)
    shift_ids = fields.Many2many(
        "hc.shift",
        string="Shifts",
        compute="_compute_from_site",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('site_id', '=', site_id)]",
    )
    app_area_ids = fields.Many2many(
        "hc.app.area",
        string="App Areas",
        compute="_compute_from_site",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many("hc.super.user.rota.plan.line", "wizard_id", string="Proposal")
    planned_count = fields.Integer(compute="_compute_counts")
    gap_count = fields.Integer(compute="_compute_counts")

    @api.depends("site_id")
    def _compute_from_site(self):
        Super = self.env["hc.super.user"]
        for wizard in self:
            site = wizard.site_id
            wizard.date_start = site.go_live_date or fields.Date.context_today(self)
            wizard.shift_ids = site.shift_ids
            wizard.app_area_ids = (
                Super.search([("site_id", "=", site.id), ("state", "=", "active")]).app_area_id
                if site
                else False
            )

    @api.depends("line_ids.super_user_id")
    def _compute_counts(self):
        for wizard in self:
            wizard.planned_count = len(wizard.line_ids.filtered("super_user_id"))
            wizard.gap_count = len(wizard.line_ids) - wizard.planned_count

    def _check_inputs(self):
        self.ensure_one()
        user = self.env.user
        if not user.has_group("hc_training.group_training_manager") and (
            self.site_id not in user.hc_site_ids
        ):
            raise UserError(
                self.env._(
                    "You plan the rota of your own sites only; %(site)s is not one of them.",
                    site=self.site_id.display_name,
                )
            )
        if self.days < 1 or self.days > 31:
            raise UserError(self.env._("Plan between 1 and 31 days."))
        if not self.shift_ids or not self.app_area_ids:
            raise UserError(
                self.env._(
                    "Choose the shifts and the app areas to cover at %(site)s.",
                    site=self.site_id.display_name,
                )
            )
        wrong = self.shift_ids.filtered(lambda s: s.site_id != self.site_id)
        if wrong:
            raise UserError(
                self.env._(
                    "Shift %(shift)s is a shift of %(shift_site)s, not of %(site)s.",
                    shift=wrong[0].display_name,
                    shift_site=wrong[0].site_id.display_name,
                    site=self.site_id.display_name,
                )
            )

    @restricted_to("hc_training.group_trainer")
    def action_propose(self):
        self._check_inputs()
        proposal = self.env["hc.super.user.rota"]._plan_go_live_week(
            self.site_id, self.date_start, self.days, self.shift_ids, self.app_area_ids
        )
        self.line_ids = [(5, 0, 0)] + [(0, 0, vals) for vals in proposal]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Plan Go-Live Week Rota"),
        }

    @restricted_to("hc_training.group_trainer")
    def action_confirm(self):
        self.ensure_one()
        self._check_inputs()
        if not self.line_ids:
            self.action_propose()
        lines = self.line_ids.filtered("super_user_id")
        if not lines:
            raise UserError(
                self.env._(
                    "Nothing to plan at %(site)s: every slot is a gap or already planned.",
                    site=self.site_id.display_name,
                )
            )
        rota = self.env["hc.super.user.rota"].create(
            [
                {
                    "date": line.date,
                    "site_id": self.site_id.id,
                    "shift_id": line.shift_id.id,
                    "app_area_id": line.app_area_id.id,
                    "super_user_id": line.super_user_id.id,
                }
                for line in lines
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_super_user_rota_action"
        )
        action["domain"] = [("id", "in", rota.ids)]
        return action


class HcSuperUserRotaPlanLine(models.TransientModel):
    _name = "hc.super.user.rota.plan.line"
    _description = "Go-Live Rota Proposal Line"
    _order = "date, shift_id, app_area_id, id"

    wizard_id = fields.Many2one("hc.super.user.rota.plan", required=True, ondelete="cascade")
    date = fields.Date(required=True)
    shift_id = fields.Many2one("hc.shift", required=True)
    app_area_id = fields.Many2one("hc.app.area", required=True)
    super_user_id = fields.Many2one(
        "hc.super.user",
        domain="[('app_area_id', '=', app_area_id), ('state', '=', 'active')]",
    )
    gap_reason = fields.Selection(
        [("none", "No super user for this app area"), ("busy", "All on duty or resting")],
        string="Gap",
    )
