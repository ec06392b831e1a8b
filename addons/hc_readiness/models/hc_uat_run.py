from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import uat

RUN_STATES = [
    ("not_run", "Not run"),
    ("in_progress", "In progress"),
    ("passed", "Passed"),
    ("failed", "Failed"),
    ("blocked", "Blocked"),
]


class HcUatRun(models.Model):
    """One execution of a UAT scenario in a cycle. Its steps are copied from the scenario
    at creation; it passes only when every step passes."""

    _name = "hc.uat.run"
    _description = "UAT Scenario Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "cycle_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    sequence = fields.Integer(default=10)
    cycle_id = fields.Many2one(
        "hc.uat.cycle", required=True, index=True, ondelete="cascade", check_company=True
    )
    scenario_id = fields.Many2one("hc.uat.scenario", required=True, index=True, tracking=True)
    criticality = fields.Selection(related="scenario_id.criticality", store=True)
    program_id = fields.Many2one(related="cycle_id.program_id", store=True, index=True)
    wave_id = fields.Many2one(related="cycle_id.wave_id", store=True, index=True)
    site_id = fields.Many2one(related="cycle_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="cycle_id.company_id", store=True, index=True)
    tester_ids = fields.Many2many("res.users", string="Testers")
    date_run = fields.Datetime(
        string="Last Result", readonly=True, help="When a step result was last recorded."
    )
    step_ids = fields.One2many("hc.uat.run.step", "run_id", string="Steps")
    state = fields.Selection(
        RUN_STATES, compute="_compute_state", store=True, index=True, tracking=True
    )
    is_closed = fields.Boolean(string="Closed", readonly=True, copy=False, tracking=True)
    defect_ids = fields.One2many("hc.uat.defect", "run_id", string="Defects")
    defect_count = fields.Integer(compute="_compute_defect_count")
    color = fields.Integer(compute="_compute_color")

    @api.depends("scenario_id.code", "cycle_id.site_id.code", "cycle_id.name")
    def _compute_name(self):
        for run in self:
            run.name = (
                f"{run.scenario_id.code or ''} @ {run.cycle_id.site_id.code or ''} "
                f"({run.cycle_id.name or ''})"
            )

    @api.depends("step_ids.result")
    def _compute_state(self):
        for run in self:
            run.state = uat.run_state(run.step_ids.mapped("result"))

    def _compute_defect_count(self):
        counts = dict(
            self.env["hc.uat.defect"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.defect_count = counts.get(run, 0)

    @api.depends("state")
    def _compute_color(self):
        colors = {"passed": 10, "failed": 1, "blocked": 2, "in_progress": 4}
        for run in self:
            run.color = colors.get(run.state, 0)

    @api.model_create_multi
    def create(self, vals_list):
        """Steps given in the values are used as they are; otherwise the scenario's steps
        are copied."""
        cycles = self.env["hc.uat.cycle"].browse(
            [vals["cycle_id"] for vals in vals_list if vals.get("cycle_id")]
        )
        closed = cycles.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "UAT cycle %(cycle)s is closed: no new run can be added.",
                    cycle=closed[0].name,
                )
            )
        Scenario = self.env["hc.uat.scenario"]
        for vals in vals_list:
            if "step_ids" not in vals and vals.get("scenario_id"):
                vals["step_ids"] = [
                    (0, 0, {"scenario_step_id": step.id, "sequence": step.sequence})
                    for step in Scenario.browse(vals["scenario_id"]).step_ids
                ]
        return super().create(vals_list)

    def write(self, vals):
        # is_closed and date_run are workflow-owned (hc_base): closing and reopening go
        # through the buttons
        if "scenario_id" in vals and any(run.step_ids for run in self):
            raise UserError(
                self.env._("The scenario of a run with steps cannot change; create a new run.")
            )
        if "cycle_id" in vals and any(run.cycle_id.id != vals["cycle_id"] for run in self):
            raise UserError(
                self.env._("A run stays in its UAT cycle; create a new run in the other cycle.")
            )
        return super().write(vals)

    def _set_closed(self, closed):
        with workflow_scope(self._name, {"is_closed"}):
            self.write({"is_closed": closed})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_close(self):
        """Freeze the step results of the runs."""
        self._set_closed(True)

    @restricted_to("hc_readiness.group_pmo")
    def action_reopen(self):
        closed = self.cycle_id.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "UAT cycle %(cycle)s is closed: its runs stay closed.", cycle=closed[0].name
                )
            )
        self._set_closed(False)

    def action_view_defects(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hc_readiness.hc_uat_defect_action")
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"default_run_id": self.id}
        return action

    def _record_date_run(self, moment):
        """When a step result was last recorded: set by the steps' own write, as the system
        (a super user records results without the right to write the run's fields)."""
        with workflow_scope(self._name, {"date_run"}):
            self.sudo().write({"date_run": moment})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.is_closed or r.state != "not_run"),
            self.env._("a run with results is UAT evidence."),
        )
