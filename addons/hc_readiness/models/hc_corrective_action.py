from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

ACTION_TYPES = [("corrective", "Corrective"), ("preventive", "Preventive")]
STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("verified", "Verified"),
    ("cancelled", "Cancelled"),
]
# set by the action methods only (workflow-owned, hc_base)
STATE_FIELDS = {"state", "date_done", "date_verified", "verified_by_id"}


class HcCorrectiveAction(models.Model):
    """A corrective or preventive action (CAPA) raised from floor-support issues: an owner,
    a due date, the root cause, the action plan and the check that it worked. The
    Community answer to a quality action."""

    _name = "hc.corrective.action"
    _description = "Corrective / Preventive Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state_sequence, date_due, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False)
    action_type = fields.Selection(
        ACTION_TYPES, string="Type", required=True, default="corrective", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    issue_ids = fields.One2many(
        "hc.floor.issue", "corrective_action_id", string="Origin Issues", readonly=True
    )
    site_ids = fields.Many2many(
        "hc.site", compute="_compute_site_ids", store=True, string="Sites", check_company=True
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        check_company=True,
    )
    date_due = fields.Date(string="Due", required=True, tracking=True)
    state = fields.Selection(STATES, default="open", required=True, readonly=True, tracking=True)
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    root_cause = fields.Html()
    action_plan = fields.Html()
    effectiveness_check = fields.Html(
        help="How and when it was checked that the action prevents the issue coming back."
    )
    date_done = fields.Date(readonly=True, copy=False)
    date_verified = fields.Date(string="Verified On", readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    can_move = fields.Boolean(
        compute="_compute_can_move",
        help="Whether the current user may move this action along (its owner or the PMO).",
    )

    @api.depends("issue_ids.site_id")
    def _compute_site_ids(self):
        for action in self:
            action.site_ids = action.issue_ids.site_id

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"open": 1, "in_progress": 2, "done": 3, "verified": 4, "cancelled": 5}
        for action in self:
            action.state_sequence = order.get(action.state, 9)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.date_due
                and action.date_due < today
                and action.state in ("open", "in_progress")
            )

    @api.depends_context("uid")
    @api.depends("owner_id")
    def _compute_can_move(self):
        is_pmo = self.env.user.has_group("hc_readiness.group_pmo")
        for action in self:
            action.can_move = is_pmo or action.owner_id == self.env.user

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("date_due", "<", fields.Date.context_today(self)) & Domain(
            "state", "in", ("open", "in_progress")
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.model_create_multi
    def create(self, vals_list):
        """A corrective action starts open; its code is the server's (the state and the
        code are workflow-owned, hc_base)."""
        if guard_active(self.env):
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if not vals.get("code"):
                vals["code"] = sequence.next_by_code("hc.corrective.action")
        with workflow_scope(self._name, {"code"}):
            actions = super().create(vals_list)
            for action in actions.filtered(lambda a: not a.code):
                action.code = f"CAPA-{action.id:04d}"
        return actions

    def _html_empty(self, value):
        return not (value and value.striptags().strip())

    def _check_owner(self):
        """Owners work their own corrective actions; the PMO any."""
        if self.env.su:
            return
        foreign = self.filtered(lambda a: not a.can_move)
        if foreign:
            raise AccessError(
                self.env._(
                    "%(capa)s is owned by %(owner)s: only its owner or the PMO moves it.",
                    capa=foreign[0].code,
                    owner=foreign[0].owner_id.name,
                )
            )

    def _set_state(self, vals):
        with workflow_scope(self._name, STATE_FIELDS):
            return self.write(vals)

    @restricted_to("base.group_user")
    def action_start(self):
        self._check_owner()
        for action in self:
            if action.state != "open":
                raise UserError(self.env._("%(capa)s is not open.", capa=action.code))
        self._set_state({"state": "in_progress"})

    @restricted_to("base.group_user")
    def action_done(self):
        self._check_owner()
        for action in self:
            if action.state not in ("open", "in_progress"):
                raise UserError(self.env._("%(capa)s is not open.", capa=action.code))
            if self._html_empty(action.action_plan):
                raise UserError(
                    self.env._(
                        "Write the action plan of %(capa)s before marking it done.",
                        capa=action.code,
                    )
                )
        self._set_state({"state": "done", "date_done": fields.Date.context_today(self)})

    @restricted_to("base.group_user")
    def action_verify(self):
        """Record that the effectiveness check held: who verified it and when."""
        self._check_owner()
        for action in self:
            if action.state != "done":
                raise UserError(
                    self.env._("%(capa)s must be done before it is verified.", capa=action.code)
                )
            if self._html_empty(action.effectiveness_check):
                raise UserError(
                    self.env._(
                        "Record the effectiveness check of %(capa)s before verifying it.",
                        capa=action.code,
                    )
                )
        self._set_state(
            {
                "state": "verified",
                "date_verified": fields.Date.context_today(self),
                "verified_by_id": self.env.uid,
            }
        )

    @restricted_to("base.group_user")
    def action_cancel(self):
        self._check_owner()
        for action in self:
            if action.state in ("verified", "cancelled"):
                raise UserError(
                    self.env._("%(capa)s is verified or cancelled already.", capa=action.code)
                )
        self._set_state({"state": "cancelled"})

    @api.model
    def _sync_code_sequence(self):
        """Data hook: codes were ``CAPA-<id>`` before the sequence; start it past them."""
        sequence = self.env.ref("hc_readiness.seq_hc_corrective_action", raise_if_not_found=False)
        last_id = self.sudo()._read_group([], [], ["id:max"])[0][0] or 0
        if sequence and sequence.number_next_actual <= last_id:
            sequence.sudo().number_next = last_id + 1

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state not in ("open", "cancelled")),
            self.env._("a corrective action in progress or done is evidence; cancel it instead."),
        )
