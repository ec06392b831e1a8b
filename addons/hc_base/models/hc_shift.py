from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..guards import workflow_scope
from ..lib import shifts

SHIFT_TYPES = [
    ("day", "Day"),
    ("evening", "Evening"),
    ("night", "Night"),
    ("other", "Site-specific"),
]


class HcShift(models.Model):
    """A shift of a site (day, evening, night or site-specific), in the site's timezone.

    Each shift owns a resource calendar (its shift pattern) written from its hours and its
    site's time zone; a night shift is split at midnight in the calendar. Everything that asks
    when the shift runs (is it on now, does it cover a session, a rota slot) reads that
    calendar, as Odoo's resource tools (working hours, leaves) do."""

    _name = "hc.shift"
    _description = "Site Shift"
    _order = "site_id, sequence, hour_from, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    shift_type = fields.Selection(SHIFT_TYPES, required=True, default="day")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    site_id = fields.Many2one("hc.site", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True)
    tz = fields.Selection(related="site_id.tz")
    hour_from = fields.Float(string="Starts", required=True, default=7.0)
    hour_to = fields.Float(string="Ends", required=True, default=15.0)
    crosses_midnight = fields.Boolean(compute="_compute_crosses_midnight")
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Shift Pattern",
        readonly=True,
        copy=False,
        check_company=True,
    )
    employee_ids = fields.One2many("hr.employee", "hc_shift_id", string="Employees")
    employee_count = fields.Integer(compute="_compute_employee_count")

    _site_name_uniq = models.Constraint(
        "unique(site_id, name)", "A site cannot have two shifts with the same name."
    )

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for shift in self:
            if not (0 <= shift.hour_from < 24 and 0 <= shift.hour_to <= 24):
                raise ValidationError(
                    self.env._(
                        "Shift %(shift)s: hours must be between 0:00 and 24:00.",
                        shift=shift.display_name,
                    )
                )
            if shift.hour_from == shift.hour_to:
                raise ValidationError(
                    self.env._(
                        "Shift %(shift)s starts and ends at the same time.",
                        shift=shift.display_name,
                    )
                )

    @api.depends("hour_from", "hour_to")
    def _compute_crosses_midnight(self):
        for shift in self:
            shift.crosses_midnight = shifts.crosses_midnight(shift.hour_from, shift.hour_to)

    @api.depends("name", "site_id.code")
    def _compute_display_name(self):
        for shift in self:
            shift.display_name = (
                f"{shift.site_id.code} {shift.name}" if shift.site_id.code else shift.name
            )

    def _compute_employee_count(self):
        counts = dict(
            self.env["hr.employee"]._read_group(
                [("hc_shift_id", "in", self.ids)], ["hc_shift_id"], ["__count"]
            )
        )
        for shift in self:
            shift.employee_count = counts.get(shift, 0)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sync_calendar()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"hour_from", "hour_to", "name", "site_id"} & set(vals):
            self._sync_calendar()
        return res

    def _sync_calendar(self):
        """Create or rewrite each shift's resource calendar from its hours."""
        Calendar = self.env["resource.calendar"].sudo()
        for shift in self:
            attendances = [
                (
                    0,
                    0,
                    {
                        "name": f"{shift.name} {day}",
                        "dayofweek": day,
                        "hour_from": start,
                        "hour_to": end,
                        "day_period": "morning" if start < 12 else "afternoon",
                    },
                )
                for day, start, end in shifts.attendance_lines(shift.hour_from, shift.hour_to)
            ]
            values = {
                "name": f"{shift.display_name} shift",
                "company_id": shift.company_id.id,
                "tz": shift.site_id.tz or "UTC",
                "attendance_ids": [(5, 0, 0), *attendances],
            }
            if shift.resource_calendar_id:
                shift.resource_calendar_id.sudo().write(values)
            else:
                with workflow_scope(self._name, {"resource_calendar_id"}):
                    shift.resource_calendar_id = Calendar.create(values)

    # ------------------------------------------------------------ helpers
    def _local(self, dt_utc):
        """A UTC naive datetime as the site's local naive datetime."""
        self.ensure_one()
        tz = pytz.timezone(self.site_id.tz or "UTC")
        return pytz.utc.localize(dt_utc).astimezone(tz).replace(tzinfo=None)

    def _occurrences(self, start_utc, end_utc):
        """The occurrences of this shift around [start_utc, end_utc], as UTC naive (begin,
        end) pairs, read from its resource calendar (the one source of the shift's times):
        the two attendances of a night shift, split at midnight, are joined back into one
        occurrence."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return []
        # a day of margin on each side, so that every occurrence touching the range is whole
        begin = pytz.utc.localize(start_utc - timedelta(days=1))
        end = pytz.utc.localize(end_utc + timedelta(days=1))
        intervals = calendar._attendance_intervals_batch(
            begin, end, tz=pytz.timezone(calendar.tz or "UTC")
        )[False]
        occurrences = []
        for start, stop, _attendance in sorted(intervals, key=lambda i: i[0]):
            start = start.astimezone(pytz.utc).replace(tzinfo=None)
            stop = stop.astimezone(pytz.utc).replace(tzinfo=None)
            # an attendance ending at 24:00 stops a microsecond before the next one starts
            if occurrences and start - occurrences[-1][1] <= timedelta(seconds=1):
                occurrences[-1] = (occurrences[-1][0], stop)
            else:
                occurrences.append((start, stop))
        return occurrences

    def _occurrence_at(self, moment_utc):
        """(begin, end), UTC naive, of the occurrence running at ``moment_utc``, or None."""
        self.ensure_one()
        return next(
            (
                (begin, end)
                for begin, end in self._occurrences(moment_utc, moment_utc)
                if begin <= moment_utc < end
            ),
            None,
        )

    def _occurrences_by_day(self, date_from, date_to):
        """{local day: (begin, end) UTC naive} of the occurrences starting from ``date_from``
        to ``date_to`` (local dates of the site): a night shift belongs to its evening."""
        self.ensure_one()
        tz = pytz.timezone(self.site_id.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time(0))).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time(0)))
        return {
            day: (begin, stop)
            for begin, stop in self._occurrences(
                start.replace(tzinfo=None), end.astimezone(pytz.utc).replace(tzinfo=None)
            )
            if date_from <= (day := self._local(begin).date()) <= date_to
        }

    def _covers(self, start_utc, end_utc):
        """True when [start, end] (UTC naive) lies inside one occurrence of this shift."""
        self.ensure_one()
        if end_utc <= start_utc:
            return False
        return any(
            begin <= start_utc and end_utc <= end
            for begin, end in self._occurrences(start_utc, end_utc)
        )

    def _is_on(self, moment_utc=None):
        """True when this shift runs at ``moment_utc`` (UTC naive; now by default)."""
        self.ensure_one()
        return bool(self._occurrence_at(moment_utc or fields.Datetime.now()))

    @api.model
    def _current_shifts(self, sites=None, moment_utc=None):
        """The shifts running now (or at ``moment_utc``) at ``sites``."""
        domain = [("site_id", "in", sites.ids)] if sites else [("site_id.active", "=", True)]
        return self.search(domain).filtered(lambda s: s._is_on(moment_utc))
