from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import cutover

RUNBOOK_STATES = [
    ("draft", "Draft"),
    ("rehearsal", "Rehearsal"),
    ("live", "Live cutover"),
    ("done", "Done"),
    ("rolled_back", "Rolled back"),
]


class HcCutoverRunbook(models.Model):
    """The cutover runbook of a wave at a site: ordered tasks with owners and dependencies,
    rollback criteria with their decision point, and the command-center roster by shift."""

    _name = "hc.cutover.runbook"
    _description = "Cutover Runbook"
    _inherit = ["hc.wave.site.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "decision_point desc, id desc"

    deployment_lead_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        RUNBOOK_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    decision_point = fields.Datetime(
        string="Go/No-Go Decision Point",
        tracking=True,
        help="Latest moment to decide go-live or rollback.",
    )
    task_ids = fields.One2many("hc.cutover.task", "runbook_id", string="Tasks", copy=True)
    criterion_ids = fields.One2many(
        "hc.cutover.rollback.criterion", "runbook_id", string="Rollback Criteria"
    )
    roster_ids = fields.One2many("hc.cutover.roster", "runbook_id", string="Command Center")
    completion = fields.Float(
        compute="_compute_progress", store=True, help="Tasks done or skipped (%)."
    )
    task_count = fields.Integer(compute="_compute_progress", store=True)
    running_task_count = fields.Integer(compute="_compute_progress", store=True)
    triggered_count = fields.Integer(
        compute="_compute_triggered_count", store=True, string="Open Rollback Triggers"
    )

    @api.depends("task_ids.state")
    def _compute_progress(self):
        for runbook in self:
            states = runbook.task_ids.mapped("state")
            runbook.completion = cutover.completion(states) or 0.0
            runbook.task_count = len(states)
            runbook.running_task_count = states.count("running")

    @api.depends("criterion_ids.state")
    def _compute_triggered_count(self):
        for runbook in self:
            runbook.triggered_count = len(
                runbook.criterion_ids.filtered(lambda c: c.state == "triggered")
            )

    def _move(self, state, allowed):
        for runbook in self:
            if runbook.state not in allowed:
                raise UserError(
                    self.env._(
                        "Runbook %(runbook)s is %(state)s; it cannot move to %(new)s.",
                        runbook=runbook.name,
                        state=dict(RUNBOOK_STATES)[runbook.state],
                        new=dict(RUNBOOK_STATES)[state],
                    )
                )
        with workflow_scope(self._name, {"state"}):
            self.write({"state": state})

    @restricted_to("hc_readiness.group_pmo")
    def action_rehearse(self):
        self._move("rehearsal", ("draft",))

    @restricted_to("hc_readiness.group_pmo")
    def action_go_live(self):
        self._move("live", ("draft", "rehearsal"))

    @restricted_to("hc_readiness.group_pmo")
    def action_done(self):
        for runbook in self:
            open_tasks = runbook.task_ids.filtered(lambda t: t.state not in cutover.FINISHED)
            if open_tasks:
                raise UserError(
                    self.env._(
                        "Runbook %(runbook)s cannot be done: tasks still open: %(tasks)s.",
                        runbook=runbook.name,
                        tasks=", ".join(open_tasks.mapped("name")),
                    )
                )
        self._move("done", ("live",))

    @restricted_to("hc_readiness.group_pmo")
    def action_roll_back(self):
        for runbook in self:
            if not runbook.criterion_ids.filtered(lambda c: c.state == "triggered"):
                raise UserError(
                    self.env._(
                        "Runbook %(runbook)s: a rollback needs a triggered rollback criterion.",
                        runbook=runbook.name,
                    )
                )
        self._move("rolled_back", ("live",))

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_cutover_task_action"
        )
        action["domain"] = [("runbook_id", "=", self.id)]
        action["context"] = {"default_runbook_id": self.id}
        return action
