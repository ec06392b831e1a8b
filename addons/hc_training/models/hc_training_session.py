from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, scope_allows, workflow_scope

DELIVERY_MODES = [
    ("classroom", "Classroom"),
    ("floor", "On the floor"),
    ("virtual", "Virtual"),
]
SESSION_STATES = [
    ("draft", "Draft"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# Sessions that hold their trainer and attendees (a cancelled one frees them).
ACTIVE_STATES = ("draft", "scheduled", "done")
# What still changes on a done session without a training manager.
DONE_WRITABLE = {
    "note",
    "message_follower_ids",
    "activity_ids",
    "message_ids",
    "website_message_ids",
}


class HcTrainingSession(models.Model):
    """An instructor-led session of a learning-path step, at a site, in a shift.

    Attendees are invited from the open completion lines that need the step; marking one
    present completes the step through :meth:`hc.training.completion._complete`. A scheduled
    session is mirrored by a ``calendar.event`` in the attendees' and trainer's calendars.
    """

    _name = "hc.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True, required=True
    )
    step_id = fields.Many2one(
        "hc.learning.path.step",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("kind", "=", "session"), ("path_id.state", "=", "published")],
    )
    path_id = fields.Many2one(related="step_id.path_id", store=True, string="Learning Path")
    trainer_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("all_group_ids", "in", self.env.ref("hc_training.group_trainer").id)],
    )
    site_id = fields.Many2one(
        "hc.site",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.hc_site_ids[:1],
    )
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True)
    location = fields.Char(string="Room / Location", tracking=True)
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(
        string="End",
        compute="_compute_stop",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    duration = fields.Float(compute="_compute_duration", string="Duration (hours)")
    capacity = fields.Integer(default=12, required=True, tracking=True)
    shift_id = fields.Many2one(
        "hc.shift",
        compute="_compute_shift_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        domain="[('site_id', '=', site_id)]",
        help="The shift whose staff the session is for; defaults to the site's shift "
        "running at the start.",
    )
    shift_type = fields.Selection(related="shift_id.shift_type", store=True)
    delivery_mode = fields.Selection(
        DELIVERY_MODES, default="classroom", required=True, tracking=True
    )
    state = fields.Selection(
        SESSION_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    attendee_ids = fields.One2many(
        "hc.training.session.attendee", "session_id", string="Attendees", copy=False
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count", store=True)
    seats_left = fields.Integer(compute="_compute_attendee_count", store=True)
    note = fields.Html()

    _stop_after_start = models.Constraint(
        "CHECK(stop > start)", "A session must end after it starts."
    )
    _capacity_positive = models.Constraint(
        "CHECK(capacity > 0)", "A session needs at least one seat."
    )
    _trainer_start_idx = models.Index("(trainer_id, start, stop)")

    @api.depends("step_id", "shift_id")
    def _compute_name(self):
        for session in self:
            if session.step_id and not session.name:
                session.name = session.step_id.name

    @api.depends("start")
    def _compute_stop(self):
        for session in self:
            if not session.start:
                continue
            origin = session._origin
            if origin.start and origin.stop and origin.start != session.start:
                # moved in the form: keep its length
                session.stop = session.start + (origin.stop - origin.start)
            elif not session.stop or session.stop <= session.start:
                session.stop = session.start + timedelta(hours=1, minutes=30)

    @api.depends("start", "stop")
    def _compute_duration(self):
        for session in self:
            session.duration = (
                (session.stop - session.start).total_seconds() / 3600
                if session.start and session.stop
                else 0.0
            )

    @api.depends("site_id", "start")
    def _compute_shift_id(self):
        shifts = self.env["hc.shift"].search([("site_id", "in", self.site_id.ids)])
        for session in self:
            if not (session.site_id and session.start):
                continue
            if session.shift_id.site_id == session.site_id and session.shift_id._is_on(
                session.start
            ):
                continue
            session.shift_id = shifts.filtered(
                lambda s, session=session: s.site_id == session.site_id and s._is_on(session.start)
            )[:1]

    @api.depends("attendee_ids", "capacity")
    def _compute_attendee_count(self):
        for session in self:
            session.attendee_count = len(session.attendee_ids)
            session.seats_left = session.capacity - session.attendee_count

    # ------------------------------------------------------------ constraints
    @api.constrains("step_id")
    def _check_step_kind(self):
        for session in self.filtered(lambda s: s.step_id.kind != "session"):
            raise ValidationError(
                self.env._(
                    "%(step)s is not an instructor-led step: only session steps are taught "
                    "in a session.",
                    step=session.step_id.name,
                )
            )

    @api.constrains("shift_id", "site_id")
    def _check_shift_site(self):
        for session in self.filtered(lambda s: s.shift_id and s.shift_id.site_id != s.site_id):
            raise ValidationError(
                self.env._(
                    "Session %(session)s is at %(site)s, but shift %(shift)s belongs to "
                    "%(shift_site)s.",
                    session=session.name,
                    site=session.site_id.display_name,
                    shift=session.shift_id.display_name,
                    shift_site=session.shift_id.site_id.display_name,
                )
            )

    @api.constrains("capacity", "attendee_ids")
    def _check_capacity(self):
        for session in self:
            if len(session.attendee_ids) > session.capacity:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s on %(start)s has %(count)s attendees for "
                        "%(capacity)s seats: raise the capacity or remove attendees.",
                        session=session.name,
                        start=session._local_label(),
                        count=len(session.attendee_ids),
                        capacity=session.capacity,
                    )
                )

    @api.constrains("trainer_id", "start", "stop", "state")
    def _check_trainer_double_booking(self):
        sessions = self.filtered(lambda s: s.state in ACTIVE_STATES)
        if not sessions:
            return
        others = self.sudo().search(
            [
                ("trainer_id", "in", sessions.trainer_id.ids),
                ("state", "in", ACTIVE_STATES),
                ("start", "<", max(sessions.mapped("stop"))),
                ("stop", ">", min(sessions.mapped("start"))),
            ]
        )
        for session in sessions:
            clash = others.filtered(
                lambda o, s=session: o != s
                and o.trainer_id == s.trainer_id
                and o.start < s.stop
                and s.start < o.stop
            )[:1]
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(trainer)s is already teaching %(other)s at %(site)s on %(when)s: "
                        "a trainer cannot run two sessions at once.",
                        trainer=session.trainer_id.name,
                        other=clash.name,
                        site=clash.site_id.display_name,
                        when=clash._local_label(),
                    )
                )

    @api.constrains("start", "stop", "state", "shift_id")
    def _check_attendees_on_reschedule(self):
        self.attendee_ids._check_conflicts()

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions.filtered(lambda s: s.state == "scheduled")._sync_calendar_event()
        return sessions

    def write(self, vals):
        unscoped = {name for name in vals if not scope_allows(self._name, name)}
        if (
            unscoped - DONE_WRITABLE
            and not self.env.su
            and not self.env.user.has_group("hc_training.group_training_manager")
        ):
            done = self.filtered(lambda s: s.state == "done")
            if done:
                raise AccessError(
                    self.env._(
                        "Session %(session)s is done: only a training manager can change it.",
                        session=done[0].name,
                    )
                )
        if vals.get("start") and "stop" not in vals:
            # moved without an end: keep each session's length
            start = fields.Datetime.to_datetime(vals["start"])
            for length, sessions in self.grouped(
                lambda s: (s.stop - s.start) if s.start and s.stop else None
            ).items():
                if length is not None:
                    sessions.write(dict(vals, stop=start + length))
                else:
                    sessions.write(dict(vals, stop=start + timedelta(hours=1, minutes=30)))
            return True
        res = super().write(vals)
        if {"start", "stop", "location", "name", "trainer_id", "delivery_mode"} & set(vals):
            self.filtered(lambda s: s.state == "scheduled")._sync_calendar_event()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        if any(s.state in ("scheduled", "done") for s in self):
            raise UserError(
                self.env._("Cancel a scheduled session instead of deleting it; done ones stay.")
            )

    def _write_state(self, state):
        with workflow_scope(self._name, {"state"}):
            return self.write({"state": state})

    # ---------------------------------------------------------------- actions
    @restricted_to("hc_training.group_trainer")
    def action_schedule(self):
        for session in self:
            if session.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft session can be scheduled (%(session)s is %(state)s).",
                        session=session.name,
                        state=session.state,
                    )
                )
        self._write_state("scheduled")
        self._sync_calendar_event()
        return True

    @restricted_to("hc_training.group_trainer")
    def action_mark_done(self):
        for session in self:
            if session.state != "scheduled":
                raise UserError(
                    self.env._(
                        "Only a scheduled session can be marked done (%(session)s is "
                        "%(state)s).",
                        session=session.name,
                        state=session.state,
                    )
                )
            pending = session.attendee_ids.filtered(lambda a: a.attendance == "invited")
            if pending:
                raise UserError(
                    self.env._(
                        "Record the attendance of %(names)s before closing session " "%(session)s.",
                        names=", ".join(pending.employee_id.mapped("name")),
                        session=session.name,
                    )
                )
        self._write_state("done")
        return True

    @restricted_to("hc_training.group_training_manager")
    def action_reopen(self):
        """A correction to a closed session: training managers only. The session is
        scheduled again; the steps its attendance completed stay completed."""
        for session in self:
            if session.state != "done":
                raise UserError(
                    self.env._(
                        "Only a done session can be reopened (%(session)s is %(state)s).",
                        session=session.name,
                        state=session.state,
                    )
                )
        self._write_state("scheduled")
        for session in self:
            session.message_post(body=self.env._("Reopened by %(user)s.", user=self.env.user.name))
        return True

    @restricted_to("hc_training.group_trainer")
    def action_cancel(self):
        done = self.filtered(lambda s: s.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "Session %(session)s is done: it cannot be cancelled.", session=done[0].name
                )
            )
        self._write_state("cancelled")
        events = self.calendar_event_id
        if events:
            events.sudo().with_context(dont_notify=True).action_archive()
        return True

    @restricted_to("hc_training.group_trainer")
    def action_reset_to_draft(self):
        self.filtered(lambda s: s.state == "cancelled")._write_state("draft")
        return True

    # --------------------------------------------------------------- business
    def _local_label(self):
        """Start of the session in the site's timezone, for messages."""
        self.ensure_one()
        if not self.start:
            return "-"
        if self.shift_id:
            local = self.shift_id._local(self.start)
        else:
            local = self.start
        return local.strftime("%Y-%m-%d %H:%M")
