from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import guard_active, workflow_scope

RESULTS = [
    ("not_run", "Not run"),
    ("pass", "Pass"),
    ("fail", "Fail"),
    ("blocked", "Blocked"),
]
# fields that record the execution: frozen once the run is closed
RESULT_FIELDS = {"result", "actual_result", "attachment_ids", "maintenance_request_id"}
# who and when recorded the result: set by the server with the result (workflow-owned)
RECORD_FIELDS = {"tester_id", "date_result"}


class HcUatRunStep(models.Model):
    """The result of one scenario step in a run, with its evidence: attachments and,
    where the real Odoo app is installed, the record the step produced."""

    _name = "hc.uat.run.step"
    _description = "UAT Run Step"
    _order = "run_id, sequence, id"
    _check_company_auto = True

    run_id = fields.Many2one("hc.uat.run", required=True, index=True, ondelete="cascade")
    scenario_step_id = fields.Many2one("hc.uat.scenario.step", required=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    name = fields.Char(related="scenario_step_id.name")
    app_area_id = fields.Many2one(related="scenario_step_id.app_area_id")
    role_id = fields.Many2one(related="scenario_step_id.role_id", store=True)
    expected_result = fields.Text(related="scenario_step_id.expected_result")
    evidence = fields.Text(related="scenario_step_id.evidence")
    training_step_id = fields.Many2one(related="scenario_step_id.training_step_id")
    site_id = fields.Many2one(related="run_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    is_closed = fields.Boolean(related="run_id.is_closed")
    result = fields.Selection(RESULTS, default="not_run", required=True)
    actual_result = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    maintenance_request_id = fields.Many2one(
        "maintenance.request",
        index="btree_not_null",
        check_company=True,
        help="The real maintenance request this step produced, as evidence.",
    )
    tester_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    date_result = fields.Datetime(string="Recorded On", readonly=True)
    defect_ids = fields.One2many("hc.uat.defect", "run_step_id", string="Defects")

    @api.model_create_multi
    def create(self, vals_list):
        """A step is added to an open run only; a result given at creation records who and
        when, as a result recorded later does."""
        if guard_active(self.env):
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
        runs = self.env["hc.uat.run"].browse(
            [vals["run_id"] for vals in vals_list if vals.get("run_id")]
        )
        closed = runs.filtered("is_closed")
        if closed:
            raise UserError(
                self.env._("UAT run %(run)s is closed: no step can be added.", run=closed[0].name)
            )
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("result", "not_run") != "not_run":
                vals.update(tester_id=self.env.uid, date_result=now)
        with workflow_scope(self._name, RECORD_FIELDS):
            steps = super().create(vals_list)
        steps._check_evidence_access()
        recorded = steps.filtered("date_result")
        if recorded:
            recorded.run_id._record_date_run(now)
        return steps

    def write(self, vals):
        if RESULT_FIELDS & set(vals):
            closed = self.filtered("is_closed")
            if closed:
                raise UserError(
                    self.env._(
                        "UAT run %(run)s is closed: the result of step %(step)s cannot change.",
                        run=closed[0].run_id.name,
                        step=closed[0].name,
                    )
                )
        for fname in ("run_id", "scenario_step_id"):
            if fname in vals and any(step[fname].id != vals[fname] for step in self):
                raise UserError(
                    self.env._(
                        "A UAT run step stays in its run and scenario step; record its result."
                    )
                )
        if "result" in vals:
            if guard_active(self.env):
                self._hc_check_workflow_vals(vals)
            now = fields.Datetime.now()
            vals = dict(vals, tester_id=self.env.uid, date_result=now)
            with workflow_scope(self._name, RECORD_FIELDS):
                res = super().write(vals)
            self.run_id._record_date_run(now)
        else:
            res = super().write(vals)
        if "maintenance_request_id" in vals:
            self._check_evidence_access()
        return res

    def _check_evidence_access(self):
        """A step links only a maintenance request its user may read under Maintenance's
        own access rights."""
        self.maintenance_request_id.check_access("read")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.result != "not_run" or r.run_id.is_closed),
            self.env._("a recorded result is UAT evidence."),
        )
