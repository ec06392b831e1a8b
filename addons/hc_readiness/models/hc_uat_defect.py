from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib.constants import SEVERITIES

ROOT_CAUSES = [
    ("training_gap", "Training gap"),
    ("role_confusion", "Role confusion"),
    ("data_quality", "Data quality"),
    ("configuration", "Configuration"),
    ("software_defect", "Software defect"),
]
STATES = [("open", "Open"), ("fixed", "Fixed"), ("retested", "Retested"), ("closed", "Closed")]
OPEN_STATES = ("open", "fixed")


class HcUatDefect(models.Model):
    """A defect found in a UAT run, classified by root cause so that it feeds back: a
    training gap into targeted retraining, a data-quality defect into its migration domain,
    a configuration or software defect into a customization request."""

    _name = "hc.uat.defect"
    _description = "UAT Defect"
    _inherit = ["mail.thread", "mail.activity.mixin", "hc.retraining.mixin"]
    _order = "is_open desc, severity_sequence desc, id desc"
    _check_company_auto = True
    _hc_retraining_groups = ("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    _hc_retraining_lines_field = "retraining_line_ids"

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False)
    run_id = fields.Many2one(
        "hc.uat.run", required=True, index=True, ondelete="cascade", check_company=True
    )
    run_step_id = fields.Many2one(
        "hc.uat.run.step",
        string="Step",
        index="btree_not_null",
        domain="[('run_id', '=', run_id)]",
    )
    cycle_id = fields.Many2one(related="run_id.cycle_id", store=True, index=True)
    scenario_id = fields.Many2one(related="run_id.scenario_id", store=True)
    program_id = fields.Many2one(related="run_id.program_id", store=True, index=True)
    wave_id = fields.Many2one(related="run_id.wave_id", store=True)
    site_id = fields.Many2one(related="run_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    role_id = fields.Many2one(related="run_step_id.role_id", string="Role of the Step")
    severity = fields.Selection(SEVERITIES, required=True, default="medium", tracking=True)
    severity_sequence = fields.Integer(compute="_compute_severity_sequence", store=True)
    root_cause = fields.Selection(
        ROOT_CAUSES, string="Root-Cause Class", required=True, tracking=True
    )
    description = fields.Html()
    state = fields.Selection(STATES, default="open", required=True, readonly=True, tracking=True)
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    migration_domain_id = fields.Many2one(
        "hc.migration.domain",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The master-data domain whose data caused the defect (data-quality defects).",
    )
    customization_request_id = fields.Many2one(
        "hc.customization.request",
        tracking=True,
        check_company=True,
        domain="[('program_id', '=', program_id)]",
    )
    owner_id = fields.Many2one("res.users", string="Assigned To", tracking=True)
    retraining_line_ids = fields.Many2many(
        "hc.training.completion", string="Retraining", readonly=True, copy=False
    )
    retraining_count = fields.Integer(compute="_compute_retraining_count")
    color = fields.Integer(compute="_compute_color")

    @api.depends("severity")
    def _compute_severity_sequence(self):
        order = {"low": 1, "medium": 2, "high": 3, "critical": 4}
        for defect in self:
            defect.severity_sequence = order.get(defect.severity, 0)

    @api.depends("state")
    def _compute_is_open(self):
        for defect in self:
            defect.is_open = defect.state in OPEN_STATES

    def _compute_retraining_count(self):
        for defect in self:
            defect.retraining_count = len(defect.retraining_line_ids)

    @api.depends("severity", "is_open")
    def _compute_color(self):
        for defect in self:
            defect.color = 1 if defect.is_open and defect.severity in ("high", "critical") else 0

    @api.constrains("root_cause", "migration_domain_id")
    def _check_migration_domain(self):
        for defect in self:
            if defect.root_cause == "data_quality" and not defect.migration_domain_id:
                raise ValidationError(
                    self.env._(
                        "Data-quality defect %(defect)s: name the migration domain whose "
                        "data caused it.",
                        defect=defect.name,
                    )
                )

    @api.constrains("run_id", "run_step_id")
    def _check_step_of_run(self):
        for defect in self:
            if defect.run_step_id and defect.run_step_id.run_id != defect.run_id:
                raise ValidationError(
                    self.env._(
                        "Defect %(defect)s: step %(step)s is not a step of run %(run)s.",
                        defect=defect.name,
                        step=defect.run_step_id.name,
                        run=defect.run_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        defects = super().create(vals_list)
        with workflow_scope(self._name, {"code"}):
            for defect in defects:
                defect.code = f"UD-{defect.id:04d}"
        return defects

    # ------------------------------------------------------------ actions
    def _set_state(self, state, allowed):
        for defect in self:
            if defect.state not in allowed:
                raise UserError(
                    self.env._(
                        "Defect %(defect)s is %(state)s; it cannot become %(new)s.",
                        defect=defect.display_name,
                        state=dict(STATES)[defect.state],
                        new=dict(STATES)[state],
                    )
                )
        with workflow_scope(self._name, {"state"}):
            self.write({"state": state})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_fixed(self):
        self._set_state("fixed", ("open",))

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_retested(self):
        self._set_state("retested", ("fixed",))

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_close(self):
        self._set_state("closed", ("open", "fixed", "retested"))

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_reopen(self):
        self._set_state("open", ("fixed", "retested", "closed"))

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_propose_retraining(self):
        """Open the targeted-retraining proposal of a training-gap defect."""
        return self._hc_retraining_action()

    def action_view_retraining(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retraining"),
            "res_model": "hc.training.completion",
            "view_mode": "list,form",
            "domain": [("id", "in", self.retraining_line_ids.ids)],
        }

    # ------------------------------------------------------------ business
    def _check_training_gap(self):
        for defect in self:
            if defect.root_cause != "training_gap":
                raise UserError(
                    self.env._(
                        "Defect %(defect)s is not a training gap: retraining is proposed "
                        "for training-gap defects only.",
                        defect=defect.display_name,
                    )
                )

    def _retraining_defaults(self):
        """(employees, steps) proposed for a training-gap defect: the training step of the
        scenario step, or the published path steps of the step's role; the testers'
        employees, or the employees of that role at the cycle's site."""
        self.ensure_one()
        step = self.run_step_id
        steps = step.training_step_id
        if not steps and step.role_id:
            steps = (
                self.env["hc.learning.path.step"]
                .sudo()
                .search(
                    [
                        ("path_id.role_id", "=", step.role_id.id),
                        ("path_id.state", "=", "published"),
                    ]
                )
            )
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "in", self.run_id.tester_ids.ids),
                    ("hc_site_id", "=", self.site_id.id),
                ]
            )
        )
        if not employees and step.role_id:
            employees = (
                self.env["hc.training.assignment"]
                .sudo()
                .search(
                    [
                        ("role_id", "=", step.role_id.id),
                        ("site_id", "=", self.site_id.id),
                        ("active", "=", True),
                    ]
                )
                .employee_id
            )
        return employees, steps

    # ------------------------------------------------------------ retraining hooks
    def _hc_retraining_check_source(self):
        self._check_training_gap()

    def _hc_retraining_defaults(self):
        employees, steps = self._retraining_defaults()
        return {
            "employees": employees,
            "steps": steps,
            "reason": self.env._(
                "UAT defect %(code)s in %(run)s: %(defect)s",
                code=self.code,
                run=self.run_id.name,
                defect=self.name,
            ),
        }

    def _hc_retraining_allowed_steps(self, employees):
        """Only the training behind the defect: its scenario step's training step, or the
        published steps of the step's role (never any path of the site)."""
        _employees, proposed = self._retraining_defaults()
        return proposed | self.run_step_id.training_step_id

    def _hc_retraining_check(self, employees, steps):
        """The employees of the site where the defect was found."""
        elsewhere = employees.filtered(lambda e: e.hc_site_id != self.site_id)
        if elsewhere:
            raise UserError(
                self.env._(
                    "Defect %(defect)s was found at %(site)s: %(employees)s work elsewhere.",
                    defect=self.display_name,
                    site=self.site_id.display_name,
                    employees=", ".join(elsewhere.mapped("name")),
                )
            )
        return super()._hc_retraining_check(employees, steps)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "open"),
            self.env._("a defect that was fixed, retested or closed is UAT evidence."),
        )
