from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

# Fields that may still change on a published (frozen) version.
FROZEN_WRITABLE = {
    "active",
    "state",
    "date_published",
    "published_by_id",
    "responsible_id",
    "message_follower_ids",
    "activity_ids",
    "website_message_ids",
    "message_ids",
}


class HcLearningPath(models.Model):
    """A versioned learning path of a role. A published version is frozen; a revision is a
    new draft version that, once published, supersedes the old one and moves its assignments
    over, carrying completions of the steps that need not be redone."""

    _name = "hc.learning.path"
    _description = "Learning Path"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "role_id, name, version desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    role_id = fields.Many2one("hc.training.role", required=True, index=True, tracking=True)
    workstream_id = fields.Many2one(related="role_id.workstream_id", store=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for a path shared by all companies."
    )
    version = fields.Integer(default=1, readonly=True, copy=False, tracking=True)
    origin_id = fields.Many2one(
        "hc.learning.path",
        string="First Version",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The first version of this path; all versions share it.",
    )
    previous_version_id = fields.Many2one(
        "hc.learning.path", readonly=True, copy=False, index="btree_not_null"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Trainer",
        default=lambda self: self.env.user,
        tracking=True,
        help="Trainer who owns the path and is told about overdue assignments.",
    )
    description = fields.Html(translate=True)
    revision_note = fields.Text(
        help="What changed in this version and why; shown to trainers when it is published."
    )
    step_ids = fields.One2many("hc.learning.path.step", "path_id", string="Steps", copy=True)
    step_count = fields.Integer(compute="_compute_step_count")
    date_published = fields.Datetime(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    assignment_ids = fields.One2many("hc.training.assignment", "path_id")
    assignment_count = fields.Integer(compute="_compute_assignment_count")
    redo_summary = fields.Html(
        compute="_compute_redo_summary",
        sanitize=False,
        help="Who must redo what once this revision is published.",
    )

    @api.depends("step_ids")
    def _compute_step_count(self):
        for path in self:
            path.step_count = len(path.step_ids)

    def _compute_assignment_count(self):
        counts = dict(
            self.env["hc.training.assignment"]
            .with_context(active_test=False)
            ._read_group([("path_id", "in", self.ids)], ["path_id"], ["__count"])
        )
        for path in self:
            path.assignment_count = counts.get(path, 0)

    @api.depends("previous_version_id", "step_ids.must_redo", "step_ids.previous_step_id")
    def _compute_redo_summary(self):
        for path in self:
            previous = path.previous_version_id
            if not previous or path.state != "draft":
                path.redo_summary = False
                continue
            redo, carried = path._revision_plan()
            count = len(previous.assignment_ids.filtered("active"))
            items = Markup("").join(
                Markup("<li>%s</li>") % escape(step.name) for step in redo
            ) or Markup("<li>%s</li>") % self.env._("nothing: every completion carries over")
            path.redo_summary = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                self.env._(
                    "On publishing, %(count)s active assignment(s) of version %(version)s "
                    "move to this version. These steps must be redone or newly completed:",
                    count=count,
                    version=previous.version,
                ),
                items,
                self.env._("%(carried)s step(s) keep their completions.", carried=len(carried)),
            )

    @api.depends("name", "version")
    def _compute_display_name(self):
        for path in self:
            path.display_name = self.env._(
                "%(name)s (v%(version)s)", name=path.name or "", version=path.version
            )

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        frozen = self.filtered(lambda p: p.state != "draft")
        if frozen and set(vals) - FROZEN_WRITABLE:
            raise UserError(
                self.env._(
                    "Version %(version)s of learning path %(path)s is %(state)s and frozen. "
                    "Use Revise to create a new version.",
                    version=frozen[0].version,
                    path=frozen[0].name,
                    state=dict(self._fields["state"].selection)[frozen[0].state].lower(),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        Assignment = self.env["hc.training.assignment"].with_context(active_test=False)
        used = Assignment.search([("path_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(
                self.env._(
                    "Learning path %(path)s has assignments and training records; archive it "
                    "instead of deleting it so that history is kept.",
                    path=used.path_id.display_name,
                )
            )
        if self.filtered(lambda p: p.state == "superseded"):
            raise UserError(self.env._("Superseded versions are history: archive them instead."))

    # --------------------------------------------------------------- actions
    @restricted_to("hc_training.group_trainer")
    def action_publish(self):
        for path in self:
            if path.state != "draft":
                raise UserError(
                    self.env._("Only a draft can be published (%(path)s).", path=path.display_name)
                )
            if not path.step_ids:
                raise UserError(
                    self.env._(
                        "Learning path %(path)s has no steps: add at least one before "
                        "publishing.",
                        path=path.display_name,
                    )
                )
            path.step_ids._ensure_certification_skill()
            previous = path.previous_version_id
            with workflow_scope(self._name, {"state", "date_published", "published_by_id"}):
                path.write(
                    {
                        "state": "published",
                        "date_published": fields.Datetime.now(),
                        "published_by_id": self.env.uid,
                    }
                )
            if previous and previous.state == "published":
                with workflow_scope(self._name, {"state"}):
                    previous.state = "superseded"
                path._take_over_assignments(previous)
                previous.message_post(
                    body=self.env._("Superseded by version %(version)s.", version=path.version)
                )
        return True

    @restricted_to("hc_training.group_trainer")
    def action_revise(self):
        """The only way to change a published path: a new draft version (a published
        version never goes back to draft)."""
        self.ensure_one()
        if self.state != "published":
            raise UserError(self.env._("Only the published version of a path can be revised."))
        family = self.origin_id or self
        latest = (
            self.with_context(active_test=False)
            .search(["|", ("origin_id", "=", family.id), ("id", "=", family.id)])
            .sorted("version")[-1:]
        )
        if latest.state == "draft":
            raise UserError(
                self.env._(
                    "Version %(version)s of this path is already being drafted.",
                    version=latest.version,
                )
            )
        with workflow_scope(self._name, {"version", "origin_id", "previous_version_id"}):
            new = self.copy(
                {
                    "name": self.name,
                    "version": latest.version + 1,
                    "origin_id": family.id,
                    "previous_version_id": self.id,
                    "revision_note": False,
                    "step_ids": False,
                }
            )
        self.step_ids._copy_into(new)
        return {
            "type": "ir.actions.act_window",
            "res_model": "hc.learning.path",
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_training_assignment_action"
        )
        action["domain"] = [("path_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    def action_open_bulk_assign(self):
        self.ensure_one()
        if self.state != "published":
            raise UserError(self.env._("Publish the path before assigning it."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign %(path)s", path=self.display_name),
            "res_model": "hc.training.bulk.assign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_path_ids": self.ids},
        }

    # ------------------------------------------------------------- business
    def _revision_plan(self):
        """(steps to redo, steps whose completions carry over) of this draft revision."""
        self.ensure_one()
        carried = self.step_ids.filtered(lambda s: s.previous_step_id and not s.must_redo)
        return self.step_ids - carried, carried

    def _take_over_assignments(self, previous):
        """Move the active assignments of ``previous`` onto this version in one batch.

        Every site's assignments move, whoever publishes: the publisher's role was checked by
        :meth:`action_publish`; the move itself is the workflow's (as superuser)."""
        self.ensure_one()
        old = previous.sudo().assignment_ids.filtered("active")
        if not old:
            return
        Assignment = self.env["hc.training.assignment"].sudo()
        new = Assignment._create_assignments(
            [
                {
                    "employee_id": a.employee_id.id,
                    "path_id": self.id,
                    "date_assigned": fields.Date.context_today(self),
                    "source": "revision",
                    "trainer_id": a.trainer_id.id,
                    "previous_assignment_id": a.id,
                    "is_waived": a.is_waived,
                    "waive_reason": a.waive_reason,
                }
                for a in old
            ],
            archive_previous=old,
        )
        _redo, carried = self._revision_plan()
        new.completion_ids._carry_over_from(old.completion_ids, carried)
        return new.with_env(self.env)

    @api.model
    def _current_paths_by_role(self, roles):
        """{role id: [published path ids]} in one query."""
        groups = self._read_group(
            [("role_id", "in", roles.ids), ("state", "=", "published")],
            ["role_id"],
            ["id:array_agg"],
        )
        return {role.id: ids for role, ids in groups}
