from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to, scope_allows, workflow_scope

from ..lib import progress as engine
from ..lib.constants import RETRAIN_DAYS
from .hc_learning_path_step import SIGN_OFF_KINDS

REOPEN_VALS = {
    "state": "todo",
    "date_completed": False,
    "score": 0,
    "expires_on": False,
    "verified_by_id": False,
    "source": False,
}


class HcTrainingCompletion(models.Model):
    """One step of one assignment: due, done, expired or waived, with its evidence.

    Every way a step gets done (eLearning, survey, sign-off, session attendance,
    acknowledgment, revision carry-over) goes through :meth:`_complete`.
    """

    _name = "hc.training.completion"
    _description = "Training Completion"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "assignment_id, sequence, id"

    # a line belongs to its assignment and step for good: set by the assignment's workflow
    assignment_id = fields.Many2one(
        "hc.training.assignment", required=True, index=True, ondelete="cascade", readonly=True
    )
    step_id = fields.Many2one(
        "hc.learning.path.step", required=True, index=True, ondelete="restrict", readonly=True
    )
    sequence = fields.Integer(related="step_id.sequence", store=True)
    name = fields.Char(related="step_id.name", string="Step Name")
    layer = fields.Selection(related="step_id.layer", store=True)
    kind = fields.Selection(related="step_id.kind", store=True)
    is_mandatory = fields.Boolean(related="step_id.is_mandatory", store=True)
    weight = fields.Float(related="step_id.weight")
    employee_id = fields.Many2one(related="assignment_id.employee_id", store=True, index=True)
    user_id = fields.Many2one(related="assignment_id.user_id", store=True, index="btree_not_null")
    path_id = fields.Many2one(related="assignment_id.path_id", store=True)
    role_id = fields.Many2one(related="assignment_id.role_id", store=True)
    company_id = fields.Many2one(related="assignment_id.company_id", store=True, index=True)
    site_id = fields.Many2one(related="assignment_id.site_id", store=True, index=True)
    department_id = fields.Many2one(related="assignment_id.department_id", store=True)
    assignment_active = fields.Boolean(related="assignment_id.active", store=True)
    assignment_waived = fields.Boolean(related="assignment_id.is_waived", store=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("done", "Done"),
            ("expired", "Expired"),
            ("waived", "Waived"),
        ],
        default="todo",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_due = fields.Date(string="Due", tracking=True)
    date_completed = fields.Date(string="Completed On", readonly=True, tracking=True)
    score = fields.Float(readonly=True, tracking=True)
    expires_on = fields.Date(readonly=True, tracking=True)
    verified_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    source = fields.Selection(
        [
            ("elearning", "eLearning"),
            ("survey", "Assessment"),
            ("signoff", "Trainer sign-off"),
            ("session", "Session attendance"),
            ("acknowledgment", "Acknowledgment"),
            ("carried", "Carried over from previous version"),
        ],
        readonly=True,
        tracking=True,
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Attempt", readonly=True
    )
    evidence_ids = fields.Many2many("ir.attachment", readonly=True)
    note = fields.Text(readonly=True)
    carried_from_id = fields.Many2one(
        "hc.training.completion", readonly=True, index="btree_not_null"
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    matrix_state = fields.Selection(
        [
            ("done", "Done"),
            ("waived", "Waived"),
            ("todo", "To Do"),
            ("overdue", "Overdue"),
            ("expired", "Expired"),
        ],
        compute="_compute_is_overdue",
    )

    can_sign_off = fields.Boolean(
        compute="_compute_can_sign_off",
        help="Whether the current user may sign this step off (shows the Sign off button).",
    )

    _score_range = models.Constraint(
        "CHECK(score >= 0 AND score <= 100)", "A score must be between 0 and 100."
    )
    _step_unique = models.UniqueIndex(
        "(assignment_id, step_id)", "An assignment has one line per step."
    )

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_overdue = line.state == "todo" and bool(line.date_due) and line.date_due < today
            line.matrix_state = "overdue" if line.is_overdue else line.state

    @api.depends_context("uid")
    @api.depends("state", "user_id", "site_id", "kind", "step_id")
    def _compute_can_sign_off(self):
        for line in self:
            line.can_sign_off = line.state != "done" and not line._sign_off_refusal()

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        domain = Domain(
            [("state", "=", "todo"), ("date_due", "<", fields.Date.context_today(self))]
        )
        return domain if (operator == "=") == value else ~domain

    @api.depends("step_id", "employee_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.employee_id.name} – {line.step_id.name}"

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        if not self.env.su:
            own = self.filtered(lambda c: c.user_id == self.env.user)
            if own and vals.get("state") == "done":
                raise AccessError(
                    self.env._(
                        "You cannot mark your own training as done (%(step)s).", step=own[0].name
                    )
                )
            if own and any(not scope_allows(self._name, name) for name in vals):
                raise AccessError(
                    self.env._(
                        "You cannot edit your own training record (%(step)s): another trainer "
                        "or a training manager does.",
                        step=own[0].name,
                    )
                )
        return super().write(vals)

    # --------------------------------------------------------------- actions
    def action_sign_off(self):
        self._check_can_sign_off()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign off training"),
            "res_model": "hc.training.signoff",
            "view_mode": "form",
            "target": "new",
            "context": {"default_completion_ids": self.ids},
        }

    @restricted_to("hc_training.group_training_manager")
    def action_reopen(self):
        """A correction to a closed record: training managers only, never their own."""
        own = self.browse() if self.env.su else self.filtered(lambda c: c.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "You cannot reopen your own training (%(step)s): another training manager "
                    "must.",
                    step=own[0].name,
                )
            )
        self._workflow_write(dict(REOPEN_VALS))

    def action_open_source(self):
        """Open what the employee must do: the course, the assessment or the scenario."""
        self.ensure_one()
        step = self.step_id
        if step.kind == "elearning" and step.channel_id:
            return {
                "type": "ir.actions.act_url",
                "url": step.channel_id.website_url,
                "target": "new",
            }
        if step.kind == "assessment" and step.survey_id:
            return {
                "type": "ir.actions.act_url",
                "url": step.survey_id.get_start_url(),
                "target": "new",
            }
        if step.kind == "scenario" and step.scenario_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "hc.training.scenario",
                "res_id": step.scenario_id.id,
                "view_mode": "form",
            }
        raise UserError(self.env._("Step %(step)s is completed with your trainer.", step=step.name))

    # ------------------------------------------------------------- business
    def _check_can_sign_off(self):
        """A trainer signs off the lines of the sites they train (a training manager any line
        of their companies), a scenario's observer the lines of that scenario; nobody their
        own."""
        for line in self:
            refusal = line._sign_off_refusal()
            if refusal:
                error_class, message = refusal
                raise error_class(message)

    def _sign_off_refusal(self):
        """(exception class, message) of why the current user may not sign this line off,
        or None: the one rule behind the server check and the Sign off button."""
        self.ensure_one()
        user = self.env.user
        if self.user_id == user:
            return AccessError, self.env._(
                "You cannot sign off your own training (%(step)s): a trainer or the "
                "scenario observer must.",
                step=self.name,
            )
        is_trainer = user.has_group("hc_training.group_trainer")
        is_manager = user.has_group("hc_training.group_training_manager")
        # who observes the scenario is compared with the user, never shown
        observer = self.sudo().step_id.scenario_id.observer_id
        is_observer = bool(observer) and observer == user
        if not (is_trainer or is_observer):
            return AccessError, self.env._(
                "Only a trainer or the scenario's observer can sign off %(step)s.",
                step=self.name,
            )
        if (
            is_trainer
            and not is_manager
            and not is_observer
            and self.site_id not in user.hc_site_ids
        ):
            return AccessError, self.env._(
                "%(employee)s works at %(site)s, which is not one of the sites you "
                "train: you cannot sign off %(step)s.",
                employee=self.sudo().employee_id.name,
                site=self.sudo().site_id.display_name or self.env._("no site"),
                step=self.name,
            )
        if self.kind not in SIGN_OFF_KINDS and not is_trainer:
            return AccessError, self.env._("This step completes from its source.")
        return None

    def _complete(
        self,
        *,
        source,
        date=None,
        score=None,
        verified_by=None,
        evidence=None,
        note=None,
        user_input=None,
        enforce=False,
    ):
        """Mark these lines done: the single completion code path.

        ``enforce`` (sign-offs) refuses unmet prerequisites and scores below the pass mark;
        automatic sources skip the lines whose score is below the pass mark.
        """
        date = date or fields.Date.context_today(self)
        todo = self.filtered(lambda c: c.state in ("todo", "expired"))
        passed = self.browse()
        for line in todo:
            step = line.step_id
            if score is not None and step.min_score and score < step.min_score:
                if enforce:
                    raise UserError(
                        self.env._(
                            "%(employee)s scored %(score)s%% on %(step)s; the pass mark is "
                            "%(min)s%%.",
                            employee=line.employee_id.name,
                            score=score,
                            step=step.name,
                            min=step.min_score,
                        )
                    )
                continue
            if enforce:
                done_steps = line.assignment_id.completion_ids.filtered(
                    lambda c: c.state in ("done", "waived")
                ).step_id
                missing = step.prerequisite_ids - done_steps
                if missing:
                    raise UserError(
                        self.env._(
                            "%(employee)s must first complete %(steps)s before %(step)s.",
                            employee=line.employee_id.name,
                            steps=", ".join(missing.mapped("name")),
                            step=step.name,
                        )
                    )
            vals = {
                "state": "done",
                "date_completed": date,
                "expires_on": engine.expiry_date(date, step.validity_months),
                "source": source,
                "verified_by_id": verified_by.id if verified_by else False,
            }
            if score is not None:
                vals["score"] = score
            if note:
                vals["note"] = note
            if user_input:
                vals["survey_user_input_id"] = user_input.id
            if evidence:
                vals["evidence_ids"] = [(4, a.id) for a in evidence]
            line._workflow_write(vals)
            passed |= line
        passed._record_certifications()
        return passed

    @api.model
    def _retrain(self, employees, steps, *, reason, days=RETRAIN_DAYS):
        """Targeted retraining, the one code path for it (UAT defects, floor-support issues).

        Each (employee, step) ends with an open line due in ``days``: a done, expired or
        waived line of the employee's active assignment of the step's path is reopened; a
        to-do line keeps its state and gets the new due date if it had a later one or none;
        an employee without an active assignment of that path gets a *retraining*
        assignment of it whose other steps are waived, so only the targeted steps are asked.
        The reason is logged on each assignment concerned. Callers check their own access
        rights. Returns the lines concerned.
        """
        employees = employees.filtered("active")
        if not employees or not steps:
            return self.browse()
        unpublished = steps.path_id.filtered(lambda p: p.state != "published")
        if unpublished:
            raise UserError(
                self.env._(
                    "Retraining needs a published learning path; %(path)s is %(state)s.",
                    path=unpublished[0].display_name,
                    state=unpublished[0].state,
                )
            )
        due = fields.Date.context_today(self) + timedelta(days=days)
        Assignment = self.env["hc.training.assignment"]
        assignments = Assignment.search(
            [
                ("employee_id", "in", employees.ids),
                ("path_id", "in", steps.path_id.ids),
                ("active", "=", True),
            ]
        )
        by_pair = {(a.employee_id.id, a.path_id.id): a for a in assignments}
        existing = self.search(
            [("assignment_id", "in", assignments.ids), ("step_id", "in", steps.ids)]
        )
        by_line = {(c.assignment_id.id, c.step_id.id): c for c in existing}
        reopen, refresh = self.browse(), self.browse()
        missing = {}  # (employee id, path id) -> targeted step ids
        for employee in employees:
            for step in steps:
                assignment = by_pair.get((employee.id, step.path_id.id))
                line = assignment and by_line.get((assignment.id, step.id))
                if not line:
                    missing.setdefault((employee.id, step.path_id.id), set()).add(step.id)
                elif line.state == "todo":
                    refresh |= line
                else:
                    reopen |= line
        new = Assignment._create_assignments(
            [
                {
                    "employee_id": employee_id,
                    "path_id": path_id,
                    "source": "retraining",
                    "date_due": due,
                    "trainer_id": self.env["hc.learning.path"].browse(path_id).responsible_id.id,
                }
                for employee_id, path_id in missing
            ]
        )
        created = self.browse()
        for assignment in new:
            targeted = missing[(assignment.employee_id.id, assignment.path_id.id)]
            lines = assignment.completion_ids
            created |= lines.filtered(lambda c, t=targeted: c.step_id.id in t)
            others = lines - created
            if others:
                others._workflow_write(
                    {"state": "waived", "note": self.env._("Not part of the targeted retraining.")}
                )
        reopen._workflow_write(dict(REOPEN_VALS, date_due=due))
        refresh.filtered(lambda c: not c.date_due or c.date_due > due).write({"date_due": due})
        lines = reopen | refresh | created
        late = lines.assignment_id.filtered(lambda a: not a.date_due or a.date_due < due)
        late.write({"date_due": due})
        body = self.env._(
            "Targeted retraining (%(steps)s): %(reason)s",
            steps=", ".join(steps.mapped("name")),
            reason=reason,
        )
        lines.assignment_id._message_log_batch(bodies=dict.fromkeys(lines.assignment_id.ids, body))
        return lines

    @api.model
    def _open_lines_for_partners(self, partners, step_domain):
        """Open lines of active assignments whose employee's user is one of ``partners``."""
        return self.search(
            Domain.AND(
                [
                    [
                        ("state", "in", ("todo", "expired")),
                        ("assignment_active", "=", True),
                        ("user_id.partner_id", "in", partners.ids),
                    ],
                    step_domain,
                ]
            )
        )

    def _carry_over_from(self, old_lines, carried_steps):
        """Copy completions of the previous version onto the revised steps they map to."""
        by_key = {(c.employee_id.id, c.step_id.id): c for c in old_lines if c.state == "done"}
        for line in self.filtered(lambda c: c.step_id in carried_steps):
            old = by_key.get((line.employee_id.id, line.step_id.previous_step_id.id))
            if old:
                line._workflow_write(
                    {
                        "state": "expired"
                        if engine.is_expired(old.expires_on, fields.Date.context_today(self))
                        else "done",
                        "date_completed": old.date_completed,
                        "score": old.score,
                        "expires_on": old.expires_on,
                        "verified_by_id": old.verified_by_id.id,
                        "source": "carried",
                        "carried_from_id": old.id,
                        "evidence_ids": [(6, 0, old.evidence_ids.ids)],
                    }
                )

    def _expire(self):
        """Lapsed completions reopen the step; their assignment becomes expired."""
        if self:
            self._workflow_write({"state": "expired"})

    def _record_certifications(self):
        """Create or extend the hr_skills certification of steps that have a validity."""
        lines = self.filtered(lambda c: c.step_id.skill_id and c.expires_on)
        if not lines:
            return
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        # the one code path that writes the suite's certifications (hr_employee_skill.py)
        with workflow_scope("hr.employee.skill"):
            self._write_certifications(lines, EmployeeSkill)

    @api.model
    def _write_certifications(self, lines, EmployeeSkill):
        level = self.env.ref("hc_training.skill_level_golive_certified")
        existing = EmployeeSkill.search(
            [
                ("employee_id", "in", lines.employee_id.ids),
                ("skill_id", "in", lines.step_id.skill_id.ids),
            ]
        )
        current = {(s.employee_id.id, s.skill_id.id): s for s in existing.sorted("valid_to")}
        to_create = []
        for line in lines:
            skill = line.step_id.skill_id
            cert = current.get((line.employee_id.id, skill.id))
            if cert and cert.valid_to and cert.valid_to >= line.date_completed:
                if cert.valid_to < line.expires_on:
                    cert.valid_to = line.expires_on
            else:
                to_create.append(
                    {
                        "employee_id": line.employee_id.id,
                        "skill_id": skill.id,
                        "skill_type_id": skill.skill_type_id.id,
                        "skill_level_id": level.id,
                        "valid_from": line.date_completed,
                        "valid_to": line.expires_on,
                    }
                )
        if to_create:
            EmployeeSkill.create(to_create)

    @api.model
    def _schedule_due_soon_activities(self, today):
        """An activity on the employee's user for each step due within 7 days, once."""
        activity_type = self.env.ref("hc_training.mail_activity_training_due")
        lines = self.search(
            [
                ("state", "=", "todo"),
                ("assignment_active", "=", True),
                ("user_id", "!=", False),
                ("date_due", ">=", today),
                ("date_due", "<=", today + timedelta(days=7)),
            ]
        )
        self._schedule_once(
            lines,
            activity_type,
            lambda line: line.date_due,
            lambda line: self.env._("Training step due: %(step)s", step=line.name),
        )

    @api.model
    def _schedule_recertification_activities(self, today):
        """30 days before a certification lapses, remind the employee once."""
        activity_type = self.env.ref("hc_training.mail_activity_training_recertification")
        lines = self.search(
            [
                ("state", "=", "done"),
                ("assignment_active", "=", True),
                ("user_id", "!=", False),
                ("expires_on", ">=", today),
                ("expires_on", "<=", today + timedelta(days=30)),
            ]
        )
        self._schedule_once(
            lines,
            activity_type,
            lambda line: line.expires_on,
            lambda line: self.env._(
                "Recertify before %(date)s: %(step)s", date=line.expires_on, step=line.name
            ),
        )

    @api.model
    def _schedule_once(self, lines, activity_type, deadline, summary):
        if not lines:
            return
        already = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", lines.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        for line in lines.filtered(lambda c: c.id not in already):
            line.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=line.user_id.id,
                date_deadline=deadline(line),
                summary=summary(line),
            )
