from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to, scope_allows, workflow_scope

STATES = [
    ("nominated", "Nominated"),
    ("training", "In Training"),
    ("active", "Certified / Active"),
    ("stepped_down", "Stepped Down"),
]


class HcSuperUser(models.Model):
    """An employee who is the floor super user of one Odoo app area at one site.

    One app area per record: certification (the area's super-user path), the rota and the
    directory all work per area, so a person covering two areas holds two records. The
    employee and the backup both work at the site (their ``hc_site_id``)."""

    _name = "hc.super.user"
    _description = "Super User"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "site_id, app_area_id, state, employee_id, id"
    _check_company_auto = True
    _rec_names_search = ["employee_id.name", "app_area_id.name", "site_id.code"]

    employee_id = fields.Many2one(
        "hr.employee",
        string="Super User",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    site_id = fields.Many2one(
        "hc.site", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True)
    app_area_id = fields.Many2one("hc.app.area", required=True, index=True, tracking=True)
    app_area_color = fields.Integer(related="app_area_id.color")
    backup_id = fields.Many2one(
        "hr.employee",
        tracking=True,
        check_company=True,
        index="btree_not_null",
        help="Colleague at the same site who covers when the super user is away.",
    )
    state = fields.Selection(
        STATES,
        default="nominated",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_start = fields.Date(
        string="Active From", default=fields.Date.context_today, required=True, tracking=True
    )
    date_end = fields.Date(string="Active Until", tracking=True)
    # contact details: work details only, read through the employee (sudo related)
    work_phone = fields.Char(related="employee_id.work_phone")
    mobile_phone = fields.Char(related="employee_id.mobile_phone", string="Work Mobile")
    work_email = fields.Char(related="employee_id.work_email")
    job_title = fields.Char(related="employee_id.job_title")
    backup_phone = fields.Char(related="backup_id.work_phone", string="Backup Phone")
    backup_email = fields.Char(related="backup_id.work_email", string="Backup Email")
    # readiness of the super user: trainers only
    assignment_id = fields.Many2one(
        "hc.training.assignment",
        string="Super-User Path Assignment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="hc_training.group_trainer",
    )
    path_id = fields.Many2one(
        related="assignment_id.path_id",
        string="Super-User Path",
        groups="hc_training.group_trainer",
    )
    progress = fields.Float(
        related="assignment_id.progress", string="Path Progress", groups="hc_training.group_trainer"
    )
    path_state = fields.Selection(
        related="assignment_id.state", string="Path Status", groups="hc_training.group_trainer"
    )
    certified_on = fields.Date(readonly=True, copy=False, tracking=True)
    certified_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    is_override = fields.Boolean(
        string="Certified by Override",
        readonly=True,
        copy=False,
        tracking=True,
        groups="hc_training.group_trainer",
    )
    override_reason = fields.Text(
        copy=False,
        tracking=True,
        groups="hc_training.group_trainer",
        help="Why a training manager certifies this super user before the path is completed.",
    )
    rota_ids = fields.One2many("hc.super.user.rota", "super_user_id")
    is_on_duty = fields.Boolean(
        string="On Duty Now", compute="_compute_is_on_duty", search="_search_is_on_duty"
    )

    _active_unique = models.UniqueIndex(
        "(employee_id, site_id, app_area_id) WHERE state != 'stepped_down'",
        "This employee is already a super user of this app area at this site.",
    )
    _dates = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date_start)",
        "A super user's active period cannot end before it starts.",
    )

    @api.depends("employee_id", "app_area_id", "site_id.code")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(employee)s (%(area)s, %(site)s)",
                employee=rec.employee_id.name or "",
                area=rec.app_area_id.name or "",
                site=rec.site_id.code or "",
            )

    def _compute_is_on_duty(self):
        on_duty = self.env["hc.super.user.rota"].search([("is_on_duty", "=", True)]).super_user_id
        for rec in self:
            rec.is_on_duty = rec in on_duty

    def _search_is_on_duty(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        lines = self.env["hc.super.user.rota"].search([("is_on_duty", "=", True)])
        domain = Domain("id", "in", lines.super_user_id.ids)
        return domain if (True in value) == (operator == "in") else ~domain

    @api.constrains("employee_id", "backup_id", "site_id")
    def _check_people(self):
        for rec in self:
            if rec.backup_id and rec.backup_id == rec.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot be their own backup as %(area)s super user at "
                        "%(site)s.",
                        employee=rec.employee_id.name,
                        area=rec.app_area_id.name,
                        site=rec.site_id.display_name,
                    )
                )
            for person, what in ((rec.employee_id, "super user"), (rec.backup_id, "backup")):
                if person and person.hc_site_id != rec.site_id:
                    raise ValidationError(
                        self.env._(
                            "%(employee)s works at %(their_site)s and cannot be %(what)s for "
                            "%(area)s at %(site)s: super users and backups work at the site "
                            "they support.",
                            employee=person.name,
                            their_site=person.hc_site_id.display_name or self.env._("no site"),
                            what=self.env._("backup")
                            if what == "backup"
                            else self.env._("super user"),
                            area=rec.app_area_id.name,
                            site=rec.site_id.display_name,
                        )
                    )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        # a pending step-down must reach the database before the uniqueness index is checked
        self.flush_model(["state"])
        records = super().create(vals_list)
        records._assign_super_user_path()
        return records

    def write(self, vals):
        who = {"employee_id", "site_id", "app_area_id"} & set(vals)
        if who and not all(scope_allows(self._name, name) for name in who):
            settled = self.filtered(lambda r: r.state != "nominated")
            if settled:
                raise UserError(
                    self.env._(
                        "%(super_user)s is %(state)s: the person, site and app area no longer "
                        "change. Step them down and nominate anew.",
                        super_user=settled[0].display_name,
                        state=dict(STATES)[settled[0].state].lower(),
                    )
                )
        if "override_reason" in vals and not scope_allows(self._name, "override_reason"):
            closed = self.filtered(lambda r: r.state not in ("nominated", "training"))
            if closed:
                raise UserError(
                    self.env._(
                        "%(super_user)s is %(state)s: the override reason is part of the "
                        "certification record and no longer changes.",
                        super_user=closed[0].display_name,
                        state=dict(STATES)[closed[0].state].lower(),
                    )
                )
        res = super().write(vals)
        if who:
            # a nominee changed: the super-user path follows the new person and area
            with workflow_scope(self._name, {"assignment_id"}):
                self.sudo().write({"assignment_id": False})
            self._assign_super_user_path()
        return res

    # --------------------------------------------------------------- actions
    @restricted_to("hc_training.group_trainer")
    def action_start_training(self):
        self._check_state("nominated", self.env._("start training"))
        self._assign_super_user_path()
        self._workflow_write({"state": "training"})

    @restricted_to("hc_training.group_trainer")
    def action_certify(self):
        """Certified / active: the super-user path is completed, or a training manager
        certifies with an override reason (tracked). The certifier is the acting user."""
        self._check_state(("nominated", "training"), self.env._("certify"))
        is_manager = self.env.user.has_group("hc_training.group_training_manager")
        today = fields.Date.context_today(self)
        for rec in self:
            completed = rec.sudo().assignment_id.state == "completed"
            reason = (rec.sudo().override_reason or "").strip()
            if not completed and not (reason and is_manager):
                path = rec.sudo().assignment_id.path_id
                raise UserError(
                    self.env._(
                        "%(employee)s cannot be certified as %(area)s super user at %(site)s: "
                        "%(detail)s A training manager can certify with an override reason.",
                        employee=rec.employee_id.name,
                        area=rec.app_area_id.name,
                        site=rec.site_id.display_name,
                        detail=self.env._(
                            "the super-user path %(path)s is %(progress)s%% complete.",
                            path=path.display_name,
                            progress=round(rec.sudo().assignment_id.progress),
                        )
                        if path
                        else self.env._(
                            "no super-user path is assigned (set one on the app area)."
                        ),
                    )
                )
            rec._workflow_write(
                {
                    "state": "active",
                    "certified_on": today,
                    "certified_by_id": self.env.user.id,
                    "is_override": not completed,
                }
            )
            if not completed:
                rec.message_post(
                    body=self.env._(
                        "Certified by override by %(manager)s before the super-user path was "
                        "completed: %(reason)s",
                        manager=self.env.user.name,
                        reason=reason,
                    )
                )

    @restricted_to("hc_training.group_trainer")
    def action_step_down(self):
        self._check_state(("nominated", "training", "active"), self.env._("step down"))
        today = fields.Date.context_today(self)
        for rec in self:
            rec._workflow_write(
                {
                    "state": "stepped_down",
                    "date_end": min(rec.date_end or today, today)
                    if rec.date_start <= today
                    else rec.date_start,
                }
            )
        # future duty goes back to the planner
        self.rota_ids.filtered(lambda line: line.date > today).unlink()

    @restricted_to("hc_training.group_trainer")
    def action_renominate(self):
        self._check_state("stepped_down", self.env._("nominate again"))
        self._workflow_write(
            {
                "state": "nominated",
                "date_end": False,
                "certified_on": False,
                "certified_by_id": False,
                "is_override": False,
                "override_reason": False,
            }
        )
        self._assign_super_user_path()

    def action_view_assignment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hc.training.assignment",
            "res_id": self.assignment_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------- business
    def _check_state(self, allowed, what):
        allowed = (allowed,) if isinstance(allowed, str) else allowed
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "Cannot %(what)s %(super_user)s: the super user is %(state)s.",
                    what=what,
                    super_user=wrong[0].display_name,
                    state=dict(STATES)[wrong[0].state].lower(),
                )
            )

    def _assign_super_user_path(self):
        """Assign the current published path of each app area's super-user role, through
        ``hc.training.assignment._create_assignments``; an active assignment of the same
        path is reused."""
        if not self.env.user.has_group("hc_training.group_trainer") and not self.env.su:
            raise AccessError(self.env._("Only trainers can nominate super users."))
        todo = self.sudo().filtered(
            lambda r: r.app_area_id.super_user_role_id
            and r.state in ("nominated", "training")
            and (not r.assignment_id or not r.assignment_id.active)
        )
        if not todo:
            return
        Path = self.env["hc.learning.path"]
        paths_by_role = Path._current_paths_by_role(todo.app_area_id.super_user_role_id)
        path_of = {
            rec.id: max(paths_by_role.get(rec.app_area_id.super_user_role_id.id) or [0])
            for rec in todo
        }
        todo = todo.filtered(lambda r: path_of[r.id])
        if not todo:
            return
        Assignment = self.env["hc.training.assignment"]
        existing = {
            (a.employee_id.id, a.path_id.id): a
            for a in Assignment.search(
                [
                    ("employee_id", "in", todo.employee_id.ids),
                    ("path_id", "in", list(set(path_of.values()))),
                ]
            )
        }
        paths = Path.browse(set(path_of.values()))
        trainers = {p.id: p.responsible_id.id for p in paths}
        missing = {
            (rec.employee_id.id, path_of[rec.id])
            for rec in todo
            if (rec.employee_id.id, path_of[rec.id]) not in existing
        }
        created = Assignment._create_assignments(
            [
                {
                    "employee_id": emp_id,
                    "path_id": path_id,
                    "source": "manual",
                    "trainer_id": trainers[path_id],
                }
                for emp_id, path_id in sorted(missing)
            ]
        )
        existing.update({(a.employee_id.id, a.path_id.id): a for a in created})
        for rec in todo:
            assignment = existing[(rec.employee_id.id, path_of[rec.id])]
            with workflow_scope(self._name, {"assignment_id"}):
                rec.sudo().assignment_id = assignment
            rec.message_post(
                body=self.env._(
                    "Super-user path assigned: %(path)s.", path=assignment.path_id.display_name
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "nominated"),
            self.env._(
                "a super user's training and certification history is kept; "
                "step them down instead."
            ),
        )
