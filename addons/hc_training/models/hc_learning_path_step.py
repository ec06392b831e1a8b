from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import scope_allows, workflow_scope

from ..lib.progress import step_due_date

LAYERS = [
    ("process", "Process understanding"),
    ("system", "System execution"),
    ("exception", "Exception management"),
]
# eLearning courses and certification surveys are added by the bridge modules
# hc_training_slides and hc_training_survey (selection_add).
KINDS = [
    ("scenario", "Scenario practice"),
    ("session", "Instructor-led session"),
    ("acknowledgment", "Policy acknowledgment"),
]
# Kinds completed by a trainer's (or observer's) sign-off rather than by a source record.
SIGN_OFF_KINDS = ("scenario", "session", "acknowledgment")


class HcLearningPathStep(models.Model):
    _name = "hc.learning.path.step"
    _description = "Learning Path Step"
    _order = "path_id, sequence, id"

    path_id = fields.Many2one("hc.learning.path", required=True, index=True, ondelete="cascade")
    path_state = fields.Selection(related="path_id.state")
    role_id = fields.Many2one(related="path_id.role_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Html(translate=True)
    layer = fields.Selection(LAYERS, required=True, default="process")
    kind = fields.Selection(KINDS, required=True, default="session")
    scenario_id = fields.Many2one("hc.training.scenario")
    is_mandatory = fields.Boolean(string="Mandatory", default=True)
    weight = fields.Float(default=1.0, help="Weight of the step in the assignment's progress.")
    due_offset_days = fields.Integer(
        string="Due Offset (days)",
        default=14,
        help="Days after the assignment, or days before the site's go-live.",
    )
    due_reference = fields.Selection(
        [("assignment", "After assignment"), ("golive", "Before site go-live")],
        default="assignment",
        required=True,
    )
    validity_months = fields.Integer(
        help="Months a completion stays valid before recertification; 0: never expires."
    )
    min_score = fields.Float(string="Minimum Score (%)", help="Pass mark for scored steps (0-100).")
    prerequisite_ids = fields.Many2many(
        "hc.learning.path.step",
        "hc_learning_path_step_prerequisite_rel",
        "step_id",
        "prerequisite_id",
        string="Prerequisites",
        domain="[('path_id', '=', path_id), ('id', '!=', id)]",
    )
    skill_id = fields.Many2one(
        "hr.skill",
        string="Certification",
        domain=[("skill_type_id.is_certification", "=", True)],
        help="Skill recorded on the employee (hr_skills) when the step is completed; "
        "created on publishing for steps with a validity.",
    )
    previous_step_id = fields.Many2one(
        "hc.learning.path.step",
        string="Revises Step",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The step of the previous version this step revises.",
    )
    must_redo = fields.Boolean(
        string="Must Be Redone",
        copy=False,
        help="On a revision: completions of the previous version do not carry over.",
    )

    _min_score_range = models.Constraint(
        "CHECK(min_score >= 0 AND min_score <= 100)",
        "The minimum score of a step must be between 0 and 100.",
    )
    _validity_positive = models.Constraint(
        "CHECK(validity_months >= 0)", "The validity of a step cannot be negative."
    )
    _weight_positive = models.Constraint("CHECK(weight > 0)", "A step weight must be positive.")

    def _kind_sources(self):
        """{step kind: the field holding what a step of that kind delivers}. The bridges add
        their kinds (an eLearning course, an assessment survey) by extending ``super()``."""
        return {"scenario": "scenario_id"}

    @api.constrains(lambda self: ("kind", *self._kind_sources().values()))
    def _check_source(self):
        sources = self._kind_sources()
        missing = self.filtered(lambda s: s.kind in sources and not s[sources[s.kind]])
        if missing:
            step = missing[0]
            raise ValidationError(
                self.env._(
                    "Step %(step)s of %(path)s needs its %(what)s.",
                    step=step.name,
                    path=step.path_id.display_name,
                    what=self._fields[sources[step.kind]]._description_string(self.env),
                )
            )

    @api.constrains("prerequisite_ids", "path_id")
    def _check_prerequisites(self):
        for path in self.path_id:
            steps = path.step_ids
            foreign = steps.prerequisite_ids - steps
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Prerequisites of %(path)s must be steps of the same path "
                        "(%(steps)s is not).",
                        path=path.display_name,
                        steps=", ".join(foreign.mapped("name")),
                    )
                )
        if self._has_cycle("prerequisite_ids"):
            # any new cycle runs through a step written here: name those on it
            looped = self.filtered(lambda step: step._has_cycle("prerequisite_ids"))
            raise ValidationError(
                self.env._(
                    "The prerequisites of %(path)s form a cycle through %(steps)s: a step "
                    "cannot require itself, directly or through others.",
                    path=looped.path_id[:1].display_name,
                    steps=", ".join(looped.mapped("name")),
                )
            )

    # ------------------------------------------------------------------ CRUD
    def _check_path_draft(self, paths):
        frozen = paths.filtered(lambda p: p.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "Version %(version)s of learning path %(path)s is published and frozen. "
                    "Use Revise to change its steps.",
                    version=frozen[0].version,
                    path=frozen[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        paths = self.env["hc.learning.path"].browse({v.get("path_id") for v in vals_list})
        self._check_path_draft(paths.exists())
        return super().create(vals_list)

    def write(self, vals):
        # the certification skill of a published step is set by the publishing workflow only
        if any(not scope_allows(self._name, name) for name in vals):
            self._check_path_draft(self.path_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        self._check_path_draft(self.path_id)

    # ------------------------------------------------------------- business
    def _copy_into(self, new_path):
        """Copy these steps into the draft ``new_path``, remapping prerequisites."""
        mapping = {}
        for step in self:
            with workflow_scope(self._name, {"previous_step_id"}):
                mapping[step] = step.copy(
                    {
                        "path_id": new_path.id,
                        "previous_step_id": step.id,
                        "prerequisite_ids": False,
                    }
                )
        for step, copied in mapping.items():
            if step.prerequisite_ids:
                copied.prerequisite_ids = [
                    (6, 0, [mapping[p].id for p in step.prerequisite_ids if p in mapping])
                ]
        return mapping

    def _ensure_certification_skill(self):
        """Give every step with a validity an hr_skills certification to record."""
        to_link = self.filtered(lambda s: s.validity_months and not s.skill_id)
        if not to_link:
            return
        skill_type = self.env.ref("hc_training.skill_type_golive_certification")
        Skill = self.env["hr.skill"].sudo()
        for step in to_link:
            skill = step.previous_step_id.skill_id or Skill.create(
                {
                    "name": f"{step.path_id.name}: {step.name}",
                    "skill_type_id": skill_type.id,
                }
            )
            with workflow_scope(self._name, {"skill_id"}):
                step.skill_id = skill

    def _make_sessions(self):
        """Turn these steps (published ones included) into instructor-led sessions a trainer
        signs off, their lines following: what the steps of a bridge module's kind become
        when that module is uninstalled (its ``ondelete`` policy)."""
        self._workflow_write({"kind": "session"})

    def _due_date(self, date_assigned, go_live_date):
        self.ensure_one()
        return step_due_date(
            date_assigned=date_assigned,
            offset_days=self.due_offset_days,
            reference=self.due_reference,
            go_live_date=go_live_date,
        )
