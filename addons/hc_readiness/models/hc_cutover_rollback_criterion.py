from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

CRITERION_STATES = [
    ("watching", "Watching"),
    ("triggered", "Triggered"),
    ("resolved", "Resolved"),
]


class HcCutoverRollbackCriterion(models.Model):
    """A condition under which the cutover is rolled back, the measure and threshold that
    decide it, and when (a datetime or a task) and by whom the decision is taken."""

    _name = "hc.cutover.rollback.criterion"
    _description = "Rollback Criterion"
    _inherit = ["mail.thread"]
    _order = "runbook_id, decision_point, id"
    _check_company_auto = True

    runbook_id = fields.Many2one(
        "hc.cutover.runbook", required=True, index=True, ondelete="cascade", check_company=True
    )
    site_id = fields.Many2one(related="runbook_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="runbook_id.company_id", store=True, index=True)
    name = fields.Char(string="Criterion", required=True, tracking=True)
    measure = fields.Char(
        string="Measure / Threshold",
        required=True,
        help="What is measured and the threshold that triggers the rollback.",
    )
    decision_point = fields.Datetime(tracking=True)
    decision_task_id = fields.Many2one(
        "hc.cutover.task",
        string="Decided At Task",
        domain="[('runbook_id', '=', runbook_id)]",
    )
    decision_owner_id = fields.Many2one("res.users", required=True, tracking=True)
    state = fields.Selection(
        CRITERION_STATES, default="watching", required=True, readonly=True, tracking=True
    )
    triggered_note = fields.Text(tracking=True)
    date_triggered = fields.Datetime(readonly=True, copy=False)

    @api.constrains("runbook_id", "decision_point", "decision_task_id")
    def _check_decision(self):
        for criterion in self:
            if not (criterion.decision_point or criterion.decision_task_id):
                raise ValidationError(
                    self.env._(
                        "Rollback criterion %(criterion)s needs a decision point: a date and "
                        "time or a task of the runbook.",
                        criterion=criterion.name,
                    )
                )
            if criterion.decision_task_id.runbook_id not in (
                criterion.runbook_id,
                self.env["hc.cutover.runbook"],
            ):
                raise ValidationError(
                    self.env._(
                        "Rollback criterion %(criterion)s: task %(task)s is not in runbook "
                        "%(runbook)s.",
                        criterion=criterion.name,
                        task=criterion.decision_task_id.name,
                        runbook=criterion.runbook_id.name,
                    )
                )

    @restricted_to("hc_readiness.group_pmo")
    def action_trigger(self):
        for criterion in self:
            if criterion.state != "watching":
                raise UserError(
                    self.env._(
                        "Rollback criterion %(criterion)s is not being watched.",
                        criterion=criterion.name,
                    )
                )
            if not (criterion.triggered_note or "").strip():
                raise UserError(
                    self.env._(
                        "Rollback criterion %(criterion)s: record what was measured in the "
                        "trigger note.",
                        criterion=criterion.name,
                    )
                )
        with workflow_scope(self._name, {"state", "date_triggered"}):
            self.write({"state": "triggered", "date_triggered": fields.Datetime.now()})

    @restricted_to("hc_readiness.group_pmo")
    def action_resolve(self):
        for criterion in self:
            if criterion.state != "triggered":
                raise UserError(
                    self.env._(
                        "Rollback criterion %(criterion)s is not triggered.",
                        criterion=criterion.name,
                    )
                )
        with workflow_scope(self._name, {"state"}):
            self.write({"state": "resolved"})
