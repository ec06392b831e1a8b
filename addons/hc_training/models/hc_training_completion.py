from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to, scope_allows

from ..lib import progress as engine
from .hc_learning_path_step import SIGN_OFF_KINDS

# What reopening a line clears (a manager's correction, a targeted retraining).
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

    Every way a step gets done (sign-off, session attendance, acknowledgment, revision
    carry-over, and with the bridge modules eLearning and survey) goes through
    :meth:`_complete`.
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
    # hc_training_slides and hc_training_survey add their sources (selection_add)
    source = fields.Selection(
        [
            ("signoff", "Trainer sign-off"),
            ("session", "Session attendance"),
            ("acknowledgment", "Acknowledgment"),
            ("carried", "Carried over from previous version"),
        ],
        readonly=True,
        tracking=True,
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
        """Open what the employee must do: the scenario (the bridge modules add the course
        and the assessment)."""
        self.ensure_one()
        action = self._source_action()
        if not action:
            raise UserError(
                self.env._("Step %(step)s is completed with your trainer.", step=self.name)
            )
        return action

    # ------------------------------------------------------------- business
    def _source_action(self):
        """The action opening this line's source (what the employee completes it from), or
        None: the hook the bridge modules extend for their kinds of step."""
        self.ensure_one()
        step = self.step_id
        if step.kind == "scenario" and step.scenario_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "hc.training.scenario",
                "res_id": step.scenario_id.id,
                "view_mode": "form",
            }
        return None

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
        values=None,
        enforce=False,
    ):
        """Mark these lines done: the single completion code path.

        ``enforce`` (sign-offs) refuses unmet prerequisites and scores below the pass mark;
        automatic sources skip the lines whose score is below the pass mark. ``values``: more
        workflow-owned values of the source (e.g. the survey attempt of an assessment).
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
            if values:
                vals.update(values)
            if evidence:
                vals["evidence_ids"] = [(4, a.id) for a in evidence]
            line._workflow_write(vals)
            passed |= line
        passed._record_certifications()
        return passed

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
