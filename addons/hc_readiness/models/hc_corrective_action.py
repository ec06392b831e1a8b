from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

ACTION_TYPES = [("corrective", "Corrective"), ("preventive", "Preventive")]
STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("verified", "Verified"),
    ("cancelled", "Cancelled"),
]
# Marks the state changes of the action methods. An object, not a flag: a context that
# comes over RPC cannot carry it (the pattern of hr's _ALLOW_READ_HR_EMPLOYEE).
_INTERNAL = object()


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
    state = fields.Selection(STATES, default="open", required=True, tracking=True)
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    root_cause = fields.Html()
    action_plan = fields.Html()
    effectiveness_check = fields.Html(
        help="How and when it was checked that the action prevents the issue coming back."
    )
    date_done = fields.Date(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

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

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("date_due", "<", fields.Date.context_today(self)) & Domain(
            "state", "in", ("open", "in_progress")
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.model_create_multi
    def create(self, vals_list):
        if not self._may_set_state() and any(
            vals.get("state", "open") != "open" for vals in vals_list
        ):
            raise UserError(self.env._("A corrective action starts open."))
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if not vals.get("code"):
                vals["code"] = sequence.next_by_code("hc.corrective.action")
        actions = super().create(vals_list)
        for action in actions.filtered(lambda a: not a.code):
            action.code = f"CAPA-{action.id:04d}"
        return actions

    def write(self, vals):
        """The state moves through the action methods only (the PMO's too), so that the
        plan and the effectiveness check are always checked."""
        if "state" in vals and not self._may_set_state():
            raise UserError(
                self.env._(
                    "Change the state of %(capa)s with its buttons (start, done, verify, "
                    "cancel).",
                    capa=", ".join(code for code in self.mapped("code") if code),
                )
            )
        return super().write(vals)

    def _html_empty(self, value):
        return not (value and value.striptags().strip())

    def _may_set_state(self):
        return self.env.su or self.env.context.get("hc_capa_internal") is _INTERNAL

    def _set_state(self, vals):
        return self.with_context(hc_capa_internal=_INTERNAL).write(vals)

    def action_start(self):
        for action in self:
            if action.state != "open":
                raise UserError(self.env._("%(capa)s is not open.", capa=action.code))
        self._set_state({"state": "in_progress"})

    def action_done(self):
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

    def action_verify(self):
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
        self._set_state({"state": "verified"})

    def action_cancel(self):
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
