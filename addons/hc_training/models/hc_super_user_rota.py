from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..lib import rota as planner


class HcSuperUserRota(models.Model):
    """One floor-support slot: a super user on duty for an app area during one shift
    occurrence (the shift starting on ``date``; a night shift ends the next morning)."""

    _name = "hc.super.user.rota"
    _description = "Super-User Rota Slot"
    _inherit = ["mail.thread"]
    _order = "date, start_at, site_id, app_area_id, id"
    _check_company_auto = True

    date = fields.Date(required=True, index=True, tracking=True)
    site_id = fields.Many2one(
        "hc.site", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True)
    shift_id = fields.Many2one(
        "hc.shift",
        required=True,
        index=True,
        tracking=True,
        domain="[('site_id', '=', site_id)]",
    )
    shift_type = fields.Selection(related="shift_id.shift_type")
    app_area_id = fields.Many2one("hc.app.area", required=True, tracking=True)
    super_user_id = fields.Many2one(
        "hc.super.user",
        string="Super User on Duty",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain="[('site_id', '=', site_id), ('app_area_id', '=', app_area_id), "
        "('state', '=', 'active')]",
    )
    employee_id = fields.Many2one(related="super_user_id.employee_id", store=True, index=True)
    backup_id = fields.Many2one(
        "hr.employee",
        compute="_compute_backup_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    work_phone = fields.Char(related="super_user_id.work_phone")
    mobile_phone = fields.Char(related="super_user_id.mobile_phone")
    work_email = fields.Char(related="super_user_id.work_email")
    backup_phone = fields.Char(related="backup_id.work_phone", string="Backup Phone")
    backup_email = fields.Char(related="backup_id.work_email", string="Backup Email")
    start_at = fields.Datetime(string="Starts", compute="_compute_bounds", store=True, index=True)
    end_at = fields.Datetime(string="Ends", compute="_compute_bounds", store=True)
    note = fields.Char()
    is_on_duty = fields.Boolean(
        string="On Duty Now", compute="_compute_is_on_duty", search="_search_is_on_duty"
    )
    is_my_site = fields.Boolean(
        string="My Sites", compute="_compute_is_my_site", search="_search_is_my_site"
    )

    @api.depends("super_user_id")
    def _compute_backup_id(self):
        for line in self:
            line.backup_id = line.super_user_id.backup_id

    @api.depends("date", "shift_id.hour_from", "shift_id.hour_to", "site_id.tz")
    def _compute_bounds(self):
        for line in self:
            if line.date and line.shift_id:
                line.start_at, line.end_at = self._slot_bounds(line.shift_id, line.date)
            else:
                line.start_at = line.end_at = False

    def _compute_is_on_duty(self):
        on_duty = self.search(self._on_duty_domain())
        for line in self:
            line.is_on_duty = line in on_duty

    def _search_is_on_duty(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = self._on_duty_domain()
        return domain if (True in value) == (operator == "in") else ~domain

    def _compute_is_my_site(self):
        sites = self._my_sites()
        for line in self:
            line.is_my_site = line.site_id in sites

    def _search_is_my_site(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("site_id", "in", self._my_sites().ids)
        return domain if (True in value) == (operator == "in") else ~domain

    @api.depends("super_user_id", "shift_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(employee)s – %(area)s, %(shift)s %(date)s",
                employee=line.employee_id.name or "",
                area=line.app_area_id.name or "",
                shift=line.shift_id.display_name or "",
                date=line.date or "",
            )

    @api.constrains("date", "site_id", "shift_id", "app_area_id", "super_user_id")
    def _check_slot(self):
        for line in self:
            if line.shift_id.site_id != line.site_id:
                raise ValidationError(
                    self.env._(
                        "Shift %(shift)s is a shift of %(shift_site)s, not of %(site)s.",
                        shift=line.shift_id.display_name,
                        shift_site=line.shift_id.site_id.display_name,
                        site=line.site_id.display_name,
                    )
                )
            su = line.super_user_id
            if (
                su.site_id != line.site_id
                or su.app_area_id != line.app_area_id
                or su.state != "active"
                or su.date_start > line.date
                or (su.date_end and su.date_end < line.date)
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not an active %(area)s super user of %(site)s on "
                        "%(date)s (%(their)s).",
                        employee=su.employee_id.name,
                        area=line.app_area_id.name,
                        site=line.site_id.display_name,
                        date=line.date,
                        their=su.display_name
                        + ", "
                        + dict(su._fields["state"].selection)[su.state],
                    )
                )
        self._check_overlaps()

    def _check_overlaps(self):
        """Nobody is on two overlapping slots (at any site, in any area): one search."""
        lines = self.filtered(lambda rec: rec.start_at and rec.end_at)
        if not lines:
            return
        others = (
            self.sudo()
            .search(
                [
                    ("employee_id", "in", lines.employee_id.ids),
                    ("start_at", "<", max(lines.mapped("end_at"))),
                    ("end_at", ">", min(lines.mapped("start_at"))),
                ]
            )
            .with_env(self.env)
        )
        by_employee = {}
        for other in others | lines:
            by_employee.setdefault(other.employee_id, self.browse())
            by_employee[other.employee_id] |= other
        for line in lines:
            for other in by_employee.get(line.employee_id, ()):
                if other != line and other.start_at < line.end_at and line.start_at < other.end_at:
                    raise ValidationError(
                        self.env._(
                            "%(employee)s is already on duty for %(other_area)s at %(other_site)s "
                            "(%(other_shift)s, %(other_date)s) and cannot also cover %(area)s "
                            "on %(shift)s, %(date)s.",
                            employee=line.employee_id.name,
                            other_area=other.sudo().app_area_id.name,
                            other_site=other.sudo().site_id.display_name,
                            other_shift=other.sudo().shift_id.display_name,
                            other_date=other.date,
                            area=line.app_area_id.name,
                            shift=line.shift_id.display_name,
                            date=line.date,
                        )
                    )

    # ------------------------------------------------------------- business
    @api.model
    def _slot_bounds(self, shift, day):
        """UTC naive start and end of the occurrence of ``shift`` starting on ``day``, from
        the shift's calendar; (False, False) when the shift does not run that day."""
        return shift._occurrences_by_day(day, day).get(day, (False, False))

    @api.model
    def _my_sites(self):
        user = self.env.user
        return user.hc_site_ids | user.sudo().employee_ids.hc_site_id.with_env(self.env)

    @api.model
    def _on_duty_domain(self, moment_utc=None):
        """Slots of the shift occurrences running at ``moment_utc`` (default: now): the
        running shifts come from ``hc.shift._current_shifts``; a night shift seen after
        midnight is the occurrence that started the day before."""
        moment_utc = moment_utc or fields.Datetime.now()
        shifts = self.env["hc.shift"]._current_shifts(moment_utc=moment_utc)
        if not shifts:
            return Domain.FALSE
        return Domain.OR(
            Domain("shift_id", "=", shift.id)
            & Domain(
                "date",
                "=",
                shift._local(shift._occurrence_at(moment_utc)[0]).date(),
            )
            for shift in shifts
        )

    @api.model
    def _plan_go_live_week(self, site, date_start, days, shifts, app_areas):
        """Propose coverage of ``days`` days from ``date_start`` for ``shifts`` x
        ``app_areas`` of ``site`` from its active super users (lib/rota.py).

        Returns a list of dicts: date, shift_id, app_area_id, super_user_id (False for a
        gap), gap_reason; slots that already have a rota line are left out."""
        slots = []
        for offset in range(days):
            day = date_start + timedelta(days=offset)
            for shift in shifts:
                start, end = self._slot_bounds(shift, day)
                slots.extend(
                    planner.Slot((day, shift.id, area.id), area.id, start, end, day)
                    for area in app_areas
                )
        if not slots:
            return []
        first = min(s.start for s in slots) - timedelta(days=1)
        last = max(s.end for s in slots) + timedelta(days=1)
        planned = self.search(
            [("site_id", "=", site.id), ("start_at", "<", last), ("end_at", ">", first)]
        )
        taken = {(line.date, line.shift_id.id, line.app_area_id.id) for line in planned}
        slots = [s for s in slots if s.key not in taken]
        super_users = self.env["hc.super.user"].search(
            [
                ("site_id", "=", site.id),
                ("app_area_id", "in", app_areas.ids),
                ("state", "=", "active"),
            ],
            order="date_start, id",
        )
        busy_lines = self.sudo().search(
            [
                ("employee_id", "in", super_users.employee_id.ids),
                ("start_at", "<", last),
                ("end_at", ">", first),
            ]
        )
        plan = planner.plan_rota(
            slots,
            [
                planner.Candidate(
                    su.id, su.employee_id.id, su.app_area_id.id, su.date_start, su.date_end or None
                )
                for su in super_users
            ],
            busy=[(line.employee_id.id, line.start_at, line.end_at) for line in busy_lines],
        )
        gap_reasons = {gap.slot.key: gap.reason for gap in plan.gaps}
        return [
            {
                "date": slot.day,
                "shift_id": slot.key[1],
                "app_area_id": slot.area,
                "super_user_id": plan.assignments.get(slot.key, False),
                "gap_reason": gap_reasons.get(slot.key, False),
            }
            for slot in sorted(slots, key=lambda s: (s.start, s.area))
        ]

    @api.model
    def _create_go_live_rota(self, site_id, days=7, app_area_ids=None, date_start=None):
        """Plan and create the go-live week rota of a site from its go-live date (or
        ``date_start``), all its shifts and the given app areas (default: those with
        active super users); gaps are left open."""
        site = self.env["hc.site"].browse(site_id)
        Super = self.env["hc.super.user"]
        areas = (
            self.env["hc.app.area"].browse(app_area_ids)
            if app_area_ids
            else Super.search([("site_id", "=", site.id), ("state", "=", "active")]).app_area_id
        )
        proposal = self._plan_go_live_week(
            site,
            date_start or site.go_live_date or fields.Date.context_today(self),
            days,
            site.shift_ids,
            areas,
        )
        return self.create(
            [
                {
                    "date": p["date"],
                    "site_id": site.id,
                    "shift_id": p["shift_id"],
                    "app_area_id": p["app_area_id"],
                    "super_user_id": p["super_user_id"],
                }
                for p in proposal
                if p["super_user_id"]
            ]
        )
