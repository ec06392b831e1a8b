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
        actions = super().create(vals_list)
        for action in actions:
            action.code = f"CAPA-{action.id:04d}"
        return actions

    def _html_empty(self, value):
        return not (value and value.striptags().strip())

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        for action in self:
            if self._html_empty(action.action_plan):
                raise UserError(
                    self.env._(
                        "Write the action plan of %(capa)s before marking it done.",
                        capa=action.code,
                    )
                )
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})

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
        self.write({"state": "verified"})

    def action_cancel(self):
        self.write({"state": "cancelled"})
