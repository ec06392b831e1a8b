from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to

from .hc_training_session import ACTIVE_STATES

ATTENDANCE = [
    ("invited", "Invited"),
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]


class HcTrainingSessionAttendee(models.Model):
    """One employee invited to a session, for one open completion line of the session's step.

    Marking the attendee present completes that line (source "session", verified by the
    session's trainer). Every change is tracked; once the session is done only a training
    manager may change the attendance."""

    _name = "hc.training.session.attendee"
    _description = "Training Session Attendee"
    _inherit = ["mail.thread"]
    _order = "session_start desc, employee_id"
    _rec_names_search = ["employee_id.name", "session_id.name"]
    _check_company_auto = True

    session_id = fields.Many2one(
        "hc.training.session", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    completion_id = fields.Many2one(
        "hc.training.completion",
        string="Training Step",
        compute="_compute_completion_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        ondelete="set null",
        domain="[('employee_id', '=', employee_id), ('step_id', '=', step_id)]",
        help="The completion line this attendance completes.",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index="btree_not_null", string="User"
    )
    employee_shift_id = fields.Many2one(related="employee_id.hc_shift_id", string="Works Shift")
    step_id = fields.Many2one(related="session_id.step_id", store=True)
    site_id = fields.Many2one(related="session_id.site_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    trainer_id = fields.Many2one(related="session_id.trainer_id", store=True)
    session_start = fields.Datetime(related="session_id.start", store=True, string="Start")
    session_stop = fields.Datetime(related="session_id.stop", store=True, string="End")
    session_state = fields.Selection(
        related="session_id.state", store=True, string="Session Status"
    )
    location = fields.Char(related="session_id.location")
    attendance = fields.Selection(ATTENDANCE, default="invited", required=True, tracking=True)
    outside_shift = fields.Boolean(
        string="Outside Shift Exception",
        tracking=True,
        help="The employee attends outside their own shift (agreed overtime, swap...).",
    )
    outside_shift_reason = fields.Char(tracking=True)
    completion_state = fields.Selection(related="completion_id.state", string="Step Status")
    can_edit_attendance = fields.Boolean(
        compute="_compute_can_edit_attendance",
        help="Whether the current user may change the attendance: a done session's is the "
        "training manager's to correct.",
    )

    _employee_session_uniq = models.UniqueIndex(
        "(session_id, employee_id)", "An employee is invited once to a session."
    )

    @api.depends_context("uid")
    @api.depends("session_state")
    def _compute_can_edit_attendance(self):
        is_manager = self.env.user.has_group("hc_training.group_training_manager")
        for attendee in self:
            attendee.can_edit_attendance = is_manager or attendee.session_state != "done"

    @api.depends("employee_id", "session_id.step_id")
    def _compute_completion_id(self):
        """The employee's open line of the session's step (one search for the batch)."""
        todo = self.filtered(
            lambda a: a.employee_id
            and a.session_id.step_id
            and (a.completion_id.employee_id, a.completion_id.step_id)
            != (a.employee_id, a.session_id.step_id)
        )
        if not todo:
            return
        lines = self.env["hc.training.completion"].search(
            [
                ("employee_id", "in", todo.employee_id.ids),
                ("step_id", "in", todo.session_id.step_id.ids),
                ("assignment_active", "=", True),
            ]
        )
        line_of = {}
        for line in lines.sorted(lambda c: c.state not in ("todo", "expired")):
            line_of.setdefault((line.employee_id.id, line.step_id.id), line)
        for attendee in todo:
            attendee.completion_id = line_of.get(
                (attendee.employee_id.id, attendee.session_id.step_id.id), False
            )

    # ------------------------------------------------------------ constraints
    @api.constrains("completion_id", "employee_id", "session_id")
    def _check_completion(self):
        for attendee in self.filtered("completion_id"):
            line = attendee.completion_id
            if line.employee_id != attendee.employee_id or line.step_id != attendee.step_id:
                raise ValidationError(
                    self.env._(
                        "The training step of %(employee)s in session %(session)s must be "
                        "their own %(step)s line.",
                        employee=attendee.employee_id.name,
                        session=attendee.session_id.name,
                        step=attendee.step_id.name,
                    )
                )

    @api.constrains("outside_shift", "outside_shift_reason")
    def _check_exception_reason(self):
        for attendee in self:
            if attendee.outside_shift and not (attendee.outside_shift_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why %(employee)s attends session %(session)s outside their shift.",
                        employee=attendee.employee_id.name,
                        session=attendee.session_id.name,
                    )
                )

    @api.constrains("employee_id", "session_id", "outside_shift")
    def _check_conflicts_constraint(self):
        self._check_conflicts()

    def _check_conflicts(self):
        """Refuse an attendee who is double-booked, outside their shift without an exception,
        or unavailable (e.g. on approved leave, with hc_training_holidays)."""
        live = self.filtered(lambda a: a.attendance in ("invited", "present"))
        requests = [
            (session, attendees.employee_id, attendees.filtered("outside_shift").employee_id.ids)
            for session, attendees in live._by_session().items()
            if session.state in ACTIVE_STATES and session.start and session.stop
        ]
        problems = self._conflicts(requests)
        for session, employees, _exceptions in requests:
            for employee in employees:
                problem = problems.get((session.id, employee.id))
                if problem:
                    raise ValidationError(
                        self.env._(
                            "%(employee)s cannot attend %(session)s on %(when)s: %(problem)s.",
                            employee=employee.name,
                            session=session.name,
                            when=session._local_label(),
                            problem=problem,
                        )
                    )

    def _by_session(self):
        groups = defaultdict(lambda: self.browse())
        for attendee in self:
            groups[attendee.session_id] |= attendee
        return groups

    @api.model
    def _conflicts_for(self, session, employees, exceptions=()):
        """{employee id: why they cannot attend ``session``} for ``employees``."""
        problems = self._conflicts([(session, employees, exceptions)])
        return {emp_id: reason for (_sid, emp_id), reason in problems.items()}

    @api.model
    def _conflicts(self, requests):
        """Why employees cannot attend sessions: ``requests`` are (session, employees,
        exception employee ids); returns {(session id, employee id): reason}.

        Busy in another live session at the same time, working another shift (unless an
        exception is marked), or unavailable (:meth:`_unavailable_periods`). One query for the
        bookings and one per source of unavailability, whatever the number of sessions."""
        problems = {}
        requests = [r for r in requests if r[1]]
        if not requests:
            return problems
        employees = self.env["hr.employee"].union(*(r[1] for r in requests))
        begin = min(r[0].start for r in requests)
        end = max(r[0].stop for r in requests)
        bookings = defaultdict(list)
        for other in self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("session_state", "in", ACTIVE_STATES),
                ("attendance", "in", ("invited", "present")),
                ("session_start", "<", end),
                ("session_stop", ">", begin),
            ]
        ):
            bookings[other.employee_id.id].append(other)
        unavailable = self._unavailable_periods(employees, begin, end)
        for session, session_employees, exceptions in requests:
            for employee in session_employees:
                key = (session.id, employee.id)
                clash = next(
                    (
                        o
                        for o in bookings[employee.id]
                        if o.session_id != session
                        and o.session_start < session.stop
                        and session.start < o.session_stop
                    ),
                    None,
                )
                shift = employee.hc_shift_id
                if clash:
                    problems[key] = self.env._(
                        "already booked on %(other)s at that time", other=clash.session_id.name
                    )
                elif (
                    shift
                    and employee.id not in exceptions
                    and not shift._covers(session.start, session.stop)
                ):
                    problems[key] = self.env._(
                        "works the %(shift)s shift; mark an outside-shift exception with a "
                        "reason",
                        shift=shift.display_name,
                    )
                else:
                    reason = next(
                        (
                            why
                            for start, stop, why in unavailable.get(employee.id, ())
                            if start < session.stop and session.start < stop
                        ),
                        None,
                    )
                    if reason:
                        problems[key] = reason
        return problems

    @api.model
    def _unavailable_periods(self, employees, begin, end):
        """{employee id: [(start, stop, reason)]}: when ``employees`` cannot attend training
        between ``begin`` and ``end`` (naive UTC datetimes), with the reason shown. None here;
        hc_training_holidays adds approved leaves."""
        return {}

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        # adding someone to a done session is a correction too (training managers)
        attendees._check_can_edit()
        attendees._check_session_open()
        attendees.session_id._check_capacity()
        attendees.filtered(lambda a: a.attendance == "present")._complete_steps()
        attendees.session_id.filtered(lambda s: s.state == "scheduled")._sync_calendar_event()
        return attendees

    def write(self, vals):
        self._check_can_edit()
        res = super().write(vals)
        if vals.get("attendance") == "present":
            self._check_session_open()
            self._complete_steps()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_not_when_done(self):
        self._check_can_edit()

    def unlink(self):
        sessions = self.session_id
        res = super().unlink()
        sessions.exists().filtered(lambda s: s.state == "scheduled")._sync_calendar_event()
        return res

    # ---------------------------------------------------------------- actions
    @restricted_to("hc_training.group_trainer")
    def action_mark_present(self):
        self.write({"attendance": "present"})
        return True

    @restricted_to("hc_training.group_trainer")
    def action_mark_absent(self):
        self.write({"attendance": "absent"})
        return True

    @restricted_to("hc_training.group_trainer")
    def action_mark_excused(self):
        self.write({"attendance": "excused"})
        return True

    # --------------------------------------------------------------- business
    def _check_can_edit(self):
        if self.env.su:
            return
        closed = self.filtered(lambda a: not a.can_edit_attendance)
        if closed:
            raise AccessError(
                self.env._(
                    "Session %(session)s is done: only a training manager can change its "
                    "attendance.",
                    session=closed[0].session_id.name,
                )
            )

    def _check_session_open(self):
        for attendee in self.filtered(lambda a: a.attendance != "invited"):
            if attendee.session_id.state not in ("scheduled", "done"):
                raise UserError(
                    self.env._(
                        "Schedule session %(session)s before recording attendance.",
                        session=attendee.session_id.name,
                    )
                )

    def _complete_steps(self):
        """Present attendees complete their step through the one completion code path."""
        for session, attendees in self._by_session().items():
            lines = attendees.filtered(lambda a: a.attendance == "present").completion_id
            if not lines:
                continue
            local = session.shift_id._local(session.start) if session.shift_id else session.start
            # who signs is who records the attendance: the session's trainer, or the
            # training manager (or colleague) recording it in their place
            signer = (
                session.trainer_id
                if self.env.su or self.env.user == session.trainer_id
                else self.env.user
            )
            lines._complete(
                source="session",
                date=local.date(),
                verified_by=signer,
                note=self.env._("Attended session %(session)s", session=session.name),
            )
