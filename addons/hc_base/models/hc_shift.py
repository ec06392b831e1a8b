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

    Each shift owns a resource calendar (its shift pattern) kept in sync with its hours, so
    that Odoo's resource tools (working hours, leaves) see the same pattern; a night shift
    is split at midnight in the calendar."""

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

    def _covers(self, start_utc, end_utc):
        """True when [start, end] (UTC naive) lies inside one occurrence of this shift."""
        self.ensure_one()
        return shifts.within(
            self.hour_from, self.hour_to, self._local(start_utc), self._local(end_utc)
        )

    def _is_on(self, moment_utc=None):
        self.ensure_one()
        moment = self._local(moment_utc or fields.Datetime.now())
        return shifts.is_on(self.hour_from, self.hour_to, moment)

    @api.model
    def _current_shifts(self, sites=None, moment_utc=None):
        """The shifts running now (or at ``moment_utc``) at ``sites``."""
        domain = [("site_id", "in", sites.ids)] if sites else [("site_id.active", "=", True)]
        return self.search(domain).filtered(lambda s: s._is_on(moment_utc))
