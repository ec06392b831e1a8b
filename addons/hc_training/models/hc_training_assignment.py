from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import split_every

from odoo.addons.hc_base.guards import guard_active, restricted_to, scope_allows, workflow_scope

from ..lib import progress as engine
from ..lib.matching import plan_assignments

STATES = [
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("completed", "Completed"),
    ("overdue", "Overdue"),
    ("expired", "Expired"),
    ("waived", "Waived"),
]


class HcTrainingAssignment(models.Model):
    """One employee on one version of a learning path, with a completion line per step."""

    _name = "hc.training.assignment"
    _description = "Training Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id desc"
    _rec_names_search = ["employee_id.name", "path_id.name"]

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict", tracking=True
    )
    path_id = fields.Many2one(
        "hc.learning.path",
        string="Learning Path",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    role_id = fields.Many2one(related="path_id.role_id", store=True, index=True)
    workstream_id = fields.Many2one(related="path_id.workstream_id", store=True)
    path_version = fields.Integer(related="path_id.version")
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    site_id = fields.Many2one(related="employee_id.hc_site_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index="btree_not_null", string="User"
    )
    trainer_id = fields.Many2one("res.users", tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    date_assigned = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_due = fields.Date(string="Due Date", tracking=True)
    source = fields.Selection(
        [
            ("rule", "Role rule"),
            ("manual", "Trainer"),
            ("revision", "Path revision"),
            ("retraining", "Retraining"),
        ],
        default="manual",
        required=True,
        readonly=True,
    )
    completion_ids = fields.One2many("hc.training.completion", "assignment_id", string="Steps")
    progress = fields.Float(compute="_compute_progress_state", store=True, aggregator="avg")
    state = fields.Selection(
        STATES,
        compute="_compute_progress_state",
        store=True,
        tracking=True,
        index=True,
        default="assigned",
    )
    # set by the waive wizard (a trainer, never on their own training) and by revisions
    is_waived = fields.Boolean(string="Waived", readonly=True, tracking=True, copy=False)
    waive_reason = fields.Text(readonly=True, tracking=True, copy=False)
    previous_assignment_id = fields.Many2one(
        "hc.training.assignment",
        readonly=True,
        index="btree_not_null",
        help="Assignment of the previous path version this one replaces.",
    )
    next_step_id = fields.Many2one("hc.learning.path.step", compute="_compute_next_step")

    _date_due_after_assignment = models.Constraint(
        "CHECK(date_due IS NULL OR date_due >= date_assigned)",
        "The due date of an assignment cannot be before its assignment date.",
    )
    _active_unique = models.UniqueIndex(
        "(employee_id, path_id) WHERE active",
        "This employee already has an active assignment of this path version.",
    )

    @api.depends("completion_ids.state", "completion_ids.is_mandatory", "date_due", "is_waived")
    def _compute_progress_state(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            lines = [
                engine.Line(c.state, c.is_mandatory, c.weight) for c in assignment.completion_ids
            ]
            assignment.progress = engine.compute_progress(lines)
            assignment.state = engine.compute_state(
                lines, today=today, date_due=assignment.date_due, waived=assignment.is_waived
            )

    @api.depends("completion_ids.state")
    def _compute_next_step(self):
        for assignment in self:
            open_lines = assignment.completion_ids.filtered(
                lambda c: c.state in ("todo", "expired")
            )
            assignment.next_step_id = open_lines[:1].step_id

    @api.depends("employee_id", "path_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = (
                f"{assignment.employee_id.name} – {assignment.path_id.display_name}"
            )

    @api.constrains("is_waived", "waive_reason")
    def _check_waive_reason(self):
        for assignment in self:
            if assignment.is_waived and not (assignment.waive_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Waiving %(assignment)s needs a reason.",
                        assignment=assignment.display_name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .browse({v["employee_id"] for v in vals_list if v.get("employee_id")})
        )
        archived = employees.filtered(lambda e: not e.active)
        if archived:
            raise ValidationError(
                self.env._(
                    "Cannot assign training to archived employee(s): %(names)s.",
                    names=", ".join(archived.mapped("name")),
                )
            )
        paths = self.env["hc.learning.path"].browse({v.get("path_id") for v in vals_list})
        unpublished = paths.filtered(lambda p: p.state != "published")
        if unpublished:
            raise ValidationError(
                self.env._(
                    "Only a published learning path can be assigned (%(path)s is %(state)s).",
                    path=unpublished[0].display_name,
                    state=unpublished[0].state,
                )
            )
        assignments = super().create(vals_list)
        assignments._create_missing_lines()
        return assignments

    def write(self, vals):
        if (
            "date_assigned" in vals
            and guard_active(self.env)
            and not scope_allows(self._name, "date_assigned")
            and any(str(a.date_assigned) != str(vals["date_assigned"]) for a in self)
        ):
            # a date of record: due dates and overdue figures count from it
            raise AccessError(
                self.env._(
                    "The assignment date is set when the path is assigned; it cannot be "
                    "changed afterwards."
                )
            )
        moved = {"employee_id", "path_id"} & set(vals)
        if moved and not all(scope_allows(self._name, name) for name in moved):
            changed = self.filtered(
                lambda a: ("employee_id" in vals and a.employee_id.id != vals["employee_id"])
                or ("path_id" in vals and a.path_id.id != vals["path_id"])
            )
            if changed:
                raise UserError(
                    self.env._(
                        "The employee and the learning path of an assignment cannot change "
                        "(%(assignment)s): its training records are theirs. Assign the path "
                        "anew instead.",
                        assignment=changed[0].display_name,
                    )
                )
        if not self.env.su:
            if (
                "active" in vals
                and not scope_allows(self._name, "active")
                and not self.env.user.has_group("hc_training.group_training_manager")
            ):
                # archiving drops the training from everyone's view: a waiver without its
                # reason; trainers waive, training managers correct
                raise AccessError(
                    self.env._(
                        "Only a training manager can archive or restore a training "
                        "assignment; waive it (with a reason) instead."
                    )
                )
            own = self.filtered(lambda a: a.user_id == self.env.user)
            if own and any(not scope_allows(self._name, name) for name in vals):
                raise AccessError(
                    self.env._(
                        "You cannot edit your own training assignment (%(assignment)s): another "
                        "trainer or a training manager does.",
                        assignment=own[0].display_name,
                    )
                )
        return super().write(vals)

    # --------------------------------------------------------------- actions
    @restricted_to("hc_training.group_trainer")
    def action_waive(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive training"),
            "res_model": "hc.training.waive",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_ids": self.ids},
        }

    @restricted_to("hc_training.group_trainer")
    def action_unwaive(self):
        self._check_not_own(self.env._("cancel the waiver of"))
        with workflow_scope(self._name, {"is_waived", "waive_reason"}):
            self.write({"is_waived": False, "waive_reason": False})

    def _check_not_own(self, what):
        """Nobody decides on their own training (the employee linked to the acting user)."""
        if self.env.su:
            return
        own = self.filtered(lambda a: a.user_id == self.env.user)
        if own:
            # a segregation-of-duties rule a trainer can meet in the Action menu: the business
            # reason, not an access fault
            raise UserError(
                self.env._(
                    "You cannot %(what)s your own training (%(assignment)s): another trainer "
                    "or a training manager must.",
                    what=what,
                    assignment=own[0].display_name,
                )
            )

    def action_print_transcript(self):
        return self.env.ref("hc_training.action_report_training_transcript").report_action(
            self.employee_id
        )

    # ------------------------------------------------------------- business
    def _create_missing_lines(self):
        """One completion line per step of the path, due by the step's rule, in one create."""
        existing = {(c.assignment_id.id, c.step_id.id) for c in self.completion_ids}
        vals_list = []
        for assignment in self:
            go_live = assignment.employee_id.hc_site_id.go_live_date
            for step in assignment.path_id.step_ids:
                if (assignment.id, step.id) in existing:
                    continue
                vals_list.append(
                    {
                        "assignment_id": assignment.id,
                        "step_id": step.id,
                        "date_due": step._due_date(assignment.date_assigned, go_live),
                    }
                )
        with workflow_scope("hc.training.completion", {"assignment_id", "step_id", "date_due"}):
            lines = self.env["hc.training.completion"].create(vals_list)
        # the assignment is due when its last mandatory step is
        with workflow_scope(self._name, {"date_due"}):
            for assignment in self.filtered(lambda a: not a.date_due):
                dues = [
                    c.date_due for c in assignment.completion_ids if c.is_mandatory and c.date_due
                ] or [c.date_due for c in assignment.completion_ids if c.date_due]
                if dues:
                    assignment.date_due = max(dues)
        return lines

    @api.model
    def _create_assignments(self, vals_list, archive_previous=None):
        """The one code path that creates assignments (rules, wizard, revisions, retraining).

        ``archive_previous`` are assignments replaced by the new ones; they are archived
        first so the active-uniqueness index holds.
        """
        if archive_previous:
            with workflow_scope(self._name, {"active"}):
                archive_previous.with_context(tracking_disable=True).write({"active": False})
        created = self.browse()
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True)
        # the callers build vals_list (server values): the workflow fields they may set
        owned = {"source", "previous_assignment_id", "is_waived", "waive_reason"}
        with workflow_scope(self._name, owned & {key for vals in vals_list for key in vals}):
            for chunk in split_every(2000, vals_list, list):
                created |= quiet.create(chunk)
        return created.with_env(self.env)

    @api.model
    def _plan_assignments(self, employees, paths=None):
        """(employee, path) pairs the role rules call for and that do not exist yet."""
        Role = self.env["hc.training.role"]
        roles = Role.search(
            Domain.OR(
                [
                    [("job_ids", "in", employees.job_id.ids)],
                    [("department_ids", "in", employees.department_id.ids)],
                ]
            )
        )
        if paths is not None:
            roles &= paths.role_id
        if not roles or not employees:
            return []
        paths_by_role = self.env["hc.learning.path"]._current_paths_by_role(roles)
        if paths is not None:
            wanted = set(paths.ids)
            paths_by_role = {r: [p for p in ids if p in wanted] for r, ids in paths_by_role.items()}
        rules = roles._match_rules()
        facts = employees._hc_match_facts()
        all_path_ids = [pid for ids in paths_by_role.values() for pid in ids]
        existing = {
            (emp.id, path.id)
            for emp, path in self._read_group(
                [("employee_id", "in", employees.ids), ("path_id", "in", all_path_ids)],
                ["employee_id", "path_id"],
            )
        }
        return plan_assignments(facts, rules, paths_by_role, existing)

    @api.model
    def _assign_by_rules(self, employees, paths=None):
        """Assign what the role rules call for to ``employees``; returns the new assignments."""
        employees = employees.filtered("active")
        pairs = self._plan_assignments(employees, paths)
        if not pairs:
            return self.browse()
        path_trainers = {
            p.id: p.responsible_id.id
            for p in self.env["hc.learning.path"].browse({pid for _e, pid in pairs})
        }
        return self._create_assignments(
            [
                {
                    "employee_id": emp_id,
                    "path_id": path_id,
                    "source": "rule",
                    "trainer_id": path_trainers[path_id],
                }
                for emp_id, path_id in pairs
            ]
        )

    @api.model
    def _cron_apply_assignment_rules(self):
        """Nightly: new employees, new role rules and newly published versions."""
        employees = self.env["hr.employee"].search(
            [("hc_site_id", "!=", False), ("active", "=", True)]
        )
        for chunk in split_every(5000, employees.ids, self.env["hr.employee"].browse):
            self._assign_by_rules(chunk)

    def _refresh_states(self):
        """Recompute progress and state for time-driven changes (overdue, expiry)."""
        self.env.add_to_compute(self._fields["progress"], self)
        self.env.add_to_compute(self._fields["state"], self)
        self._recompute_recordset(["progress", "state"])

    @api.model
    def _cron_training_reminders(self):
        """Daily: expire lapsed completions, mark overdue assignments, schedule reminders."""
        today = fields.Date.context_today(self)
        Completion = self.env["hc.training.completion"]
        lapsed = Completion.search([("state", "=", "done"), ("expires_on", "<", today)])
        lapsed._expire()
        late = self.search([("state", "in", ("assigned", "in_progress")), ("date_due", "<", today)])
        late._refresh_states()
        Completion._schedule_due_soon_activities(today)
        self._notify_overdue_trainers()
        Completion._schedule_recertification_activities(today)

    def _notify_overdue_trainers(self):
        """One activity per overdue assignment for its trainer, never twice."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "overdue"), ("trainer_id", "!=", False)])._hc_schedule_once(
            self.env.ref("hc_training.mail_activity_training_overdue"),
            user=lambda assignment: assignment.trainer_id,
            deadline=lambda assignment: today,
            summary=lambda assignment: self.env._(
                "%(employee)s is overdue on %(path)s",
                employee=assignment.employee_id.name,
                path=assignment.path_id.display_name,
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: any(line.state == "done" for line in r.completion_ids)),
            self.env._("done training is evidence; waive or archive the assignment instead."),
        )
