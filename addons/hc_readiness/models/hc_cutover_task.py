from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import cutover

TASK_STATES = [
    ("todo", "To do"),
    ("running", "Running"),
    ("done", "Done"),
    ("blocked", "Blocked"),
    ("skipped", "Skipped"),
]


PROGRESS_FIELDS = {"state", "actual_start", "actual_end"}
# the plan of the runbook: the deployment lead's (PMO); owners record progress and notes
PLAN_FIELDS = {
    "runbook_id",
    "owner_id",
    "planned_start",
    "planned_end",
    "depends_on_ids",
    "dependent_ids",
}


class HcCutoverTask(models.Model):
    """A task of a cutover runbook: owner, planned and actual times, dependencies on other
    tasks of the same runbook. A task starts only when its dependencies are done."""

    _name = "hc.cutover.task"
    _description = "Cutover Task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "runbook_id, sequence, planned_start, id"
    _check_company_auto = True

    runbook_id = fields.Many2one(
        "hc.cutover.runbook", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, tracking=True)
    site_id = fields.Many2one(related="runbook_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="runbook_id.company_id", store=True, index=True)
    owner_id = fields.Many2one("res.users", tracking=True)
    app_area_id = fields.Many2one("hc.app.area", string="Team / App Area")
    planned_start = fields.Datetime(required=True, tracking=True)
    planned_end = fields.Datetime(required=True, tracking=True)
    planned_hour = fields.Char(
        compute="_compute_planned_hour",
        store=True,
        index=True,
        help="The hour slot of the planned start in the site's time zone (YYYY-MM-DD HH:00): "
        "the timeline groups the tasks by it, in chronological order.",
    )
    actual_start = fields.Datetime(readonly=True, copy=False, tracking=True)
    actual_end = fields.Datetime(readonly=True, copy=False, tracking=True)
    depends_on_ids = fields.Many2many(
        "hc.cutover.task",
        "hc_cutover_task_dependency_rel",
        "task_id",
        "depends_on_id",
        domain="[('runbook_id', '=', runbook_id), ('id', '!=', id)]",
    )
    dependent_ids = fields.Many2many(
        "hc.cutover.task",
        "hc_cutover_task_dependency_rel",
        "depends_on_id",
        "task_id",
        string="Blocks",
    )
    state = fields.Selection(
        TASK_STATES, default="todo", required=True, readonly=True, tracking=True
    )
    is_ready = fields.Boolean(
        compute="_compute_is_ready", help="To do and every dependency done or skipped."
    )
    note = fields.Text()
    user_is_pmo = fields.Boolean(compute="_compute_user_is_pmo")
    can_update = fields.Boolean(
        compute="_compute_can_update",
        help="Whether the current user may start, finish or block the task (its owner or the PMO).",
    )

    @api.depends_context("uid")
    def _compute_user_is_pmo(self):
        self.user_is_pmo = self.env.user.has_group("hc_readiness.group_pmo")

    @api.depends_context("uid")
    @api.depends("owner_id")
    def _compute_can_update(self):
        is_pmo = self.env.user.has_group("hc_readiness.group_pmo")
        for task in self:
            task.can_update = is_pmo or task.owner_id == self.env.user

    @api.depends("planned_start", "site_id.tz")
    def _compute_planned_hour(self):
        for task in self:
            task.planned_hour = cutover.hour_slot(task.planned_start, task.site_id.tz)

    @api.depends("state", "depends_on_ids.state")
    def _compute_is_ready(self):
        for task in self:
            task.is_ready = task.state == "todo" and not cutover.unfinished(
                {dep.id: dep.state for dep in task.depends_on_ids}
            )

    @api.constrains("planned_start", "planned_end")
    def _check_planned(self):
        for task in self:
            if task.planned_end < task.planned_start:
                raise ValidationError(
                    self.env._(
                        "Cutover task %(task)s: planned end is before planned start.",
                        task=task.name,
                    )
                )

    @api.constrains("depends_on_ids", "dependent_ids", "runbook_id", "planned_start", "planned_end")
    def _check_dependencies(self):
        tasks = self | self.dependent_ids
        if tasks._has_cycle("depends_on_ids"):
            # any new cycle runs through a task written here (or its new dependent)
            looped = tasks.filtered(lambda task: task._has_cycle("depends_on_ids"))
            raise ValidationError(
                self.env._(
                    "Runbook %(runbook)s: circular task dependency through %(tasks)s.",
                    runbook=looped.runbook_id[:1].name,
                    tasks=", ".join(looped.mapped("name")),
                )
            )
        # a dependency moved later is checked against the tasks that wait for it
        for task in tasks:
            foreign = task.depends_on_ids.filtered(lambda t, r=task.runbook_id: t.runbook_id != r)
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Cutover task %(task)s depends on %(others)s of another runbook.",
                        task=task.name,
                        others=", ".join(foreign.mapped("name")),
                    )
                )
            late = cutover.ordering_errors(
                task.planned_start, {dep: dep.planned_end for dep in task.depends_on_ids}
            )
            if late:
                raise ValidationError(
                    self.env._(
                        "Cutover task %(task)s is planned to start before %(others)s end.",
                        task=task.name,
                        others=", ".join(t.name for t in late),
                    )
                )

    def write(self, vals):
        plan = PLAN_FIELDS & vals.keys()
        if plan and not (self.env.su or self.env.user.has_group("hc_readiness.group_pmo")):
            raise AccessError(
                self.env._(
                    "The plan of a cutover task (%(fields)s) is the deployment lead's (PMO): "
                    "owners start, finish and block their tasks.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(plan)
                    ),
                )
            )
        return super().write(vals)

    def _write_progress(self, vals):
        """Progress feeds the go-live gate: state and actual times are workflow-owned
        (hc_base) and move through the Start, Done, Block and Skip buttons only."""
        with workflow_scope(self._name, PROGRESS_FIELDS):
            return self.write(vals)

    def _check_owner(self):
        """Super users update the tasks they own; the deployment lead (PMO) any task."""
        if self.env.su:
            return
        foreign = self.filtered(lambda t: not t.can_update)
        if foreign:
            raise AccessError(
                self.env._(
                    "Cutover task %(task)s is owned by %(owner)s: only its owner or the "
                    "deployment lead (PMO) updates it.",
                    task=foreign[0].name,
                    owner=foreign[0].owner_id.name or self.env._("nobody"),
                )
            )

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_start(self):
        self._check_owner()
        for task in self:
            if task.state not in ("todo", "blocked"):
                raise UserError(
                    self.env._("Cutover task %(task)s is not waiting to start.", task=task.name)
                )
            waiting = task.depends_on_ids.filtered(lambda t: t.state not in cutover.FINISHED)
            if waiting:
                raise UserError(
                    self.env._(
                        "Cutover task %(task)s cannot start: waiting for %(tasks)s.",
                        task=task.name,
                        tasks=", ".join(waiting.mapped("name")),
                    )
                )
        self._write_progress({"state": "running", "actual_start": fields.Datetime.now()})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_done(self):
        self._check_owner()
        for task in self:
            if task.state != "running":
                raise UserError(
                    self.env._("Cutover task %(task)s must be running to be done.", task=task.name)
                )
        self._write_progress({"state": "done", "actual_end": fields.Datetime.now()})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_block(self):
        self._check_owner()
        for task in self:
            if task.state not in ("todo", "running"):
                raise UserError(
                    self.env._("Cutover task %(task)s cannot be blocked now.", task=task.name)
                )
        self._write_progress({"state": "blocked"})

    @restricted_to("hc_readiness.group_pmo")
    def action_skip(self):
        """Only the deployment lead (PMO) skips a task."""
        self.filtered(lambda t: t.state in ("todo", "blocked"))._write_progress(
            {"state": "skipped"}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "todo"),
            self.env._("a started task is part of the cutover record; block or skip it instead."),
        )
