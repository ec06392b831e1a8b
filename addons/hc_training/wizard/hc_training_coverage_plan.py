from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import coverage
from ..models.hc_training_session import ACTIVE_STATES, DELIVERY_MODES


class HcTrainingCoveragePlan(models.TransientModel):
    """Propose enough sessions, shift by shift, for everyone at a site still missing an
    instructor-led step before go-live; the planning itself is :mod:`..lib.coverage`."""

    _name = "hc.training.coverage.plan"
    _description = "Session Coverage Planning"

    site_id = fields.Many2one(
        "hc.site", required=True, default=lambda self: self.env.user.hc_site_ids[:1]
    )
    go_live_date = fields.Date(
        compute="_compute_go_live_date",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Sessions are placed from tomorrow to the day before this date.",
    )
    step_ids = fields.Many2many(
        "hc.learning.path.step",
        string="Steps",
        domain=[("kind", "=", "session"), ("path_id.state", "=", "published")],
        help="Leave empty to plan every instructor-led step missing at the site.",
    )
    trainer_ids = fields.Many2many(
        "res.users",
        string="Trainers",
        domain=lambda self: [("all_group_ids", "in", self.env.ref("hc_training.group_trainer").id)],
        compute="_compute_trainer_ids",
        store=True,
        precompute=True,
        readonly=False,
        help="Trainers of the site by default.",
    )
    duration_hours = fields.Float(string="Session Length (hours)", default=1.5, required=True)
    capacity = fields.Integer(string="Seats per Session", default=12, required=True)
    max_per_trainer_day = fields.Integer(
        string="Max Sessions per Trainer per Day", default=2, required=True
    )
    delivery_mode = fields.Selection(DELIVERY_MODES, default="classroom", required=True)
    location = fields.Char(string="Room / Location")
    line_ids = fields.One2many("hc.training.coverage.line", "wizard_id", string="Proposed Sessions")
    gap_ids = fields.One2many("hc.training.coverage.gap", "wizard_id", string="Not Placed")
    is_proposed = fields.Boolean(readonly=True)

    @api.depends("site_id")
    def _compute_go_live_date(self):
        for wizard in self:
            wizard.go_live_date = wizard.site_id.go_live_date or wizard.go_live_date

    @api.depends("site_id")
    def _compute_trainer_ids(self):
        for wizard in self:
            wizard.trainer_ids = wizard._site_trainers()

    def _site_trainers(self):
        if not self.site_id:
            return self.env["res.users"]
        group = self.env.ref("hc_training.group_trainer")
        return self.env["res.users"].search(
            [("all_group_ids", "in", group.id), ("hc_site_ids", "in", self.site_id.ids)]
        )

    # ---------------------------------------------------------------- actions
    def _check_site(self):
        user = self.env.user
        if not user.has_group("hc_training.group_training_manager") and (
            self.site_id not in user.hc_site_ids
        ):
            raise AccessError(
                self.env._(
                    "You plan the sessions of your own sites only; %(site)s is not one of them.",
                    site=self.site_id.display_name,
                )
            )

    @restricted_to("hc_training.group_trainer")
    def action_propose(self):
        self.ensure_one()
        self._check_site()
        if self.capacity < 1 or self.duration_hours <= 0 or self.max_per_trainer_day < 1:
            raise UserError(
                self.env._("Seats, session length and sessions per day must be positive.")
            )
        proposals, gaps = self._plan()
        tz = pytz.timezone(self.site_id.tz or "UTC")

        def utc(local):
            return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

        Shift = self.env["hc.shift"]
        Step = self.env["hc.learning.path.step"]
        with workflow_scope(self._name, {"is_proposed"}):
            self._write_proposal(proposals, gaps, utc, Shift, Step)
        return self._reopen()

    def _write_proposal(self, proposals, gaps, utc, Shift, Step):
        self.write(
            {
                "is_proposed": True,
                "line_ids": [fields.Command.clear()]
                + [
                    fields.Command.create(
                        {
                            "step_id": p.step_id,
                            "shift_id": p.shift_id,
                            "trainer_id": p.trainer_id,
                            "start": utc(p.start),
                            "stop": utc(p.stop),
                            "employee_ids": [fields.Command.set(list(p.employee_ids))],
                        }
                    )
                    for p in proposals
                ],
                "gap_ids": [fields.Command.clear()]
                + [
                    fields.Command.create(
                        {
                            "step_id": g.step_id,
                            "shift_id": g.shift_id or False,
                            "employee_ids": [fields.Command.set(list(g.employee_ids))],
                            "reason": self._gap_message(
                                g, Step.browse(g.step_id), Shift.browse(g.shift_id or [])
                            ),
                        }
                    )
                    for g in gaps
                ],
            }
        )

    @restricted_to("hc_training.group_trainer")
    def action_confirm(self):
        """Create the sessions as the acting user (record rules apply to the sessions and
        their attendees)."""
        self.ensure_one()
        self._check_site()
        if not self.line_ids:
            raise UserError(self.env._("Nothing to create: propose the sessions first."))
        open_lines = self.env["hc.training.session"]._open_session_lines(
            self.line_ids.step_id, self.site_id
        )
        line_of = {(c.employee_id.id, c.step_id.id): c.id for c in open_lines}
        vals_list = []
        for line in self.line_ids:
            vals_list.append(
                {
                    "step_id": line.step_id.id,
                    "site_id": self.site_id.id,
                    "shift_id": line.shift_id.id,
                    "trainer_id": line.trainer_id.id,
                    "start": line.start,
                    "stop": line.stop,
                    "capacity": max(self.capacity, len(line.employee_ids)),
                    "delivery_mode": self.delivery_mode,
                    "location": self.location,
                    "attendee_ids": [
                        fields.Command.create(
                            {
                                "employee_id": employee.id,
                                "completion_id": line_of.get((employee.id, line.step_id.id)),
                            }
                        )
                        for employee in line.employee_ids
                    ],
                }
            )
        sessions = self.env["hc.training.session"].create(vals_list)
        sessions.action_schedule()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Planned sessions"),
            "res_model": "hc.training.session",
            "view_mode": "list,calendar,form",
            "domain": [("id", "in", sessions.ids)],
        }

    # --------------------------------------------------------------- business
    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _plan(self):
        """Feed the planner from the database: a handful of queries whatever the size."""
        site = self.site_id
        tz = pytz.timezone(site.tz or "UTC")
        today_local = datetime.now(pytz.utc).astimezone(tz).date()
        first_day = today_local + timedelta(days=1)
        last_day = self.go_live_date - timedelta(days=1)
        Session = self.env["hc.training.session"]
        steps = self.step_ids or self.env["hc.learning.path.step"].search(
            [("kind", "=", "session"), ("path_id.state", "=", "published")]
        )
        open_lines = Session._open_session_lines(steps, site)
        rows = open_lines.read(["employee_id", "step_id"], load="")
        employees = self.env["hr.employee"].browse({r["employee_id"] for r in rows})
        shift_of = {r["id"]: r["hc_shift_id"] for r in employees.read(["hc_shift_id"], load="")}
        grouped = defaultdict(list)
        for row in sorted(rows, key=lambda r: r["employee_id"]):
            grouped[(row["step_id"], shift_of.get(row["employee_id"]) or None)].append(
                row["employee_id"]
            )
        demands = [
            coverage.Demand(step_id, shift_id, tuple(ids))
            for (step_id, shift_id), ids in grouped.items()
        ]
        windows = {
            shift.id: coverage.Window(shift.hour_from, shift.hour_to)
            for shift in self.env["hc.shift"].search([("site_id", "=", site.id)])
        }
        calendar = coverage.Calendar()
        if first_day <= last_day:
            self._load_busy(calendar, tz, first_day, last_day, employees)
        proposals, gaps = coverage.plan(
            demands,
            windows,
            self.trainer_ids.ids,
            first_day,
            last_day,
            duration_hours=self.duration_hours,
            capacity=self.capacity,
            max_per_trainer_day=self.max_per_trainer_day,
            calendar=calendar,
        )
        return proposals, gaps

    def _load_busy(self, calendar, tz, first_day, last_day, employees):
        """Existing sessions of the trainers and bookings of the employees in the period."""

        def local(dt):
            return pytz.utc.localize(dt).astimezone(tz).replace(tzinfo=None)

        begin = tz.localize(datetime.combine(first_day, time(0))).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(last_day + timedelta(days=2), time(0))).astimezone(
            pytz.utc
        )
        begin, end = begin.replace(tzinfo=None), end.replace(tzinfo=None)
        sessions = (
            self.env["hc.training.session"]
            .sudo()
            .search_read(
                [
                    ("trainer_id", "in", self.trainer_ids.ids),
                    ("state", "in", ACTIVE_STATES),
                    ("start", "<", end),
                    ("stop", ">", begin),
                ],
                ["trainer_id", "start", "stop"],
                load="",
            )
        )
        for row in sessions:
            calendar.book_trainer(row["trainer_id"], local(row["start"]), local(row["stop"]))
        bookings = (
            self.env["hc.training.session.attendee"]
            .sudo()
            .search_read(
                [
                    ("employee_id", "in", employees.ids),
                    ("session_state", "in", ACTIVE_STATES),
                    ("attendance", "in", ("invited", "present")),
                    ("session_start", "<", end),
                    ("session_stop", ">", begin),
                ],
                ["employee_id", "session_start", "session_stop"],
                load="",
            )
        )
        for row in bookings:
            calendar.book_employees(
                [row["employee_id"]], local(row["session_start"]), local(row["session_stop"])
            )

    def _gap_message(self, gap, step, shift):
        count = len(gap.employee_ids)
        shift_name = shift.name or self.env._("no shift")
        reasons = {
            coverage.NO_SHIFT: self.env._(
                "%(count)s employee(s) of step %(step)s have no shift at %(site)s: set their "
                "shift to plan them.",
                count=count,
                step=step.name,
                site=self.site_id.display_name,
            ),
            coverage.NO_TRAINER: self.env._(
                "%(count)s %(shift)s-shift employee(s) of step %(step)s: no trainer for "
                "%(site)s.",
                count=count,
                shift=shift_name,
                step=step.name,
                site=self.site_id.display_name,
            ),
            coverage.NO_DAYS: self.env._(
                "%(count)s %(shift)s-shift employee(s) of step %(step)s: go-live (%(date)s) "
                "leaves no day to train.",
                count=count,
                shift=shift_name,
                step=step.name,
                date=self.go_live_date,
            ),
            coverage.TOO_SHORT: self.env._(
                "%(count)s %(shift)s-shift employee(s) of step %(step)s: the shift is shorter "
                "than a session.",
                count=count,
                shift=shift_name,
                step=step.name,
            ),
            coverage.NO_SLOT: self.env._(
                "%(count)s %(shift)s-shift employee(s) of step %(step)s: no trainer available "
                "before go-live (%(date)s).",
                count=count,
                shift=shift_name,
                step=step.name,
                date=self.go_live_date,
            ),
        }
        return reasons[gap.reason]


class HcTrainingCoverageLine(models.TransientModel):
    _name = "hc.training.coverage.line"
    _description = "Proposed Session"
    _order = "start, id"

    wizard_id = fields.Many2one("hc.training.coverage.plan", required=True, ondelete="cascade")
    step_id = fields.Many2one("hc.learning.path.step", required=True)
    shift_id = fields.Many2one("hc.shift")
    trainer_id = fields.Many2one("res.users", required=True)
    start = fields.Datetime(required=True)
    stop = fields.Datetime(string="End", required=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "hc_training_coverage_line_employee_rel",
        "line_id",
        "employee_id",
        string="Attendees",
    )
    employee_count = fields.Integer(compute="_compute_employee_count", string="Attendees #")

    @api.depends("employee_ids")
    def _compute_employee_count(self):
        for line in self:
            line.employee_count = len(line.employee_ids)


class HcTrainingCoverageGap(models.TransientModel):
    _name = "hc.training.coverage.gap"
    _description = "Session Coverage Gap"

    wizard_id = fields.Many2one("hc.training.coverage.plan", required=True, ondelete="cascade")
    step_id = fields.Many2one("hc.learning.path.step")
    shift_id = fields.Many2one("hc.shift")
    employee_ids = fields.Many2many(
        "hr.employee",
        "hc_training_coverage_gap_employee_rel",
        "gap_id",
        "employee_id",
        string="Employees",
    )
    employee_count = fields.Integer(compute="_compute_employee_count", string="Employees #")
    reason = fields.Char()

    @api.depends("employee_ids")
    def _compute_employee_count(self):
        for gap in self:
            gap.employee_count = len(gap.employee_ids)
