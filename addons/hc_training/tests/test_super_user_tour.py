from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSuperUserTour(HttpCase):
    def test_floor_employee_finds_who_to_call_now(self):
        """A floor employee opens "Who to call now" and sees the super user on duty at their
        site (a 24-hour shift starting yesterday is running now, whatever the time)."""
        company = self.env["res.company"].create({"name": "Tour Super-User Health"})
        site = self.env["hc.site"].create(
            {"name": "Tour Floor Hospital", "code": "TFH", "tz": "UTC", "company_id": company.id}
        )
        other_site = self.env["hc.site"].create(
            {"name": "Tour Far Hospital", "code": "TFF", "tz": "UTC", "company_id": company.id}
        )
        now = fields.Datetime.now()
        hour = (now - timedelta(hours=1)).hour
        Shift = self.env["hc.shift"]
        shift, other_shift = (
            Shift.create(
                {
                    "name": "Long day",
                    "shift_type": "other",
                    "site_id": s.id,
                    "hour_from": float(hour),
                    "hour_to": float((hour + 12) % 24),
                }
            )
            for s in (site, other_site)
        )
        area = self.env["hc.app.area"].create({"name": "Tour Inventory", "code": "TOUR-INV"})
        Employee = self.env["hr.employee"].with_company(company)
        floor_user = new_test_user(
            self.env,
            login="hc_tour_floor",
            groups="base.group_user",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        Employee.create(
            {"name": "Tour Floor Nurse", "hc_site_id": site.id, "user_id": floor_user.id}
        )
        quinn = Employee.create(
            {"name": "Tour Quinn Super", "hc_site_id": site.id, "work_phone": "+44 20 7946 0999"}
        )
        rhea = Employee.create({"name": "Tour Rhea Backup", "hc_site_id": site.id})
        far = Employee.create({"name": "Tour Far Super", "hc_site_id": other_site.id})
        SuperUser = self.env["hc.super.user"]
        rota = self.env["hc.super.user.rota"]
        for employee, s, sh, backup in (
            (quinn, site, shift, rhea),
            (far, other_site, other_shift, None),
        ):
            su = SuperUser.create(
                {
                    "employee_id": employee.id,
                    "site_id": s.id,
                    "app_area_id": area.id,
                    "backup_id": backup.id if backup else False,
                    "date_start": now.date() - timedelta(days=2),
                    "override_reason": "tour",
                }
            )
            su.action_certify()
            start_day = (now - timedelta(hours=1)).date()
            rota |= rota.create(
                {
                    "date": start_day,
                    "site_id": s.id,
                    "shift_id": sh.id,
                    "app_area_id": area.id,
                    "super_user_id": su.id,
                }
            )
        self.assertEqual(
            rota.with_user(floor_user)
            .search([("is_on_duty", "=", True), ("is_my_site", "=", True)])
            .employee_id,
            quinn,
        )
        self.start_tour("/odoo", "hc_training_who_to_call_tour", login="hc_tour_floor")

    def test_manager_plans_go_live_week(self):
        site = self.env["hc.site"].create(
            {"name": "Tour Plan Hospital", "code": "TPH", "tz": "UTC", "go_live_date": "2026-12-01"}
        )
        for name, start, end in (("Day", 7, 15), ("Evening", 15, 23), ("Night", 23, 7)):
            self.env["hc.shift"].create(
                {"name": name, "site_id": site.id, "hour_from": start, "hour_to": end}
            )
        area = self.env["hc.app.area"].create({"name": "Tour Plan Area", "code": "TOUR-PLAN"})
        lonely = self.env["hc.app.area"].create({"name": "Tour Lonely Area", "code": "TOUR-LON"})
        Employee = self.env["hr.employee"]
        for name, app_area in (
            ("Tour Pia Super", area),
            ("Tour Paz Super", area),
            ("Tour Lou Super", lonely),
        ):
            su = self.env["hc.super.user"].create(
                {
                    "employee_id": Employee.create({"name": name, "hc_site_id": site.id}).id,
                    "site_id": site.id,
                    "app_area_id": app_area.id,
                    "date_start": "2026-01-01",
                    "override_reason": "tour",
                }
            )
            su.action_certify()
        manager = new_test_user(
            self.env, login="hc_tour_su_manager", groups="hc_training.group_training_manager"
        )
        manager.hc_site_ids = site
        self.start_tour("/odoo", "hc_training_plan_rota_tour", login="hc_tour_su_manager")
        rota = self.env["hc.super.user.rota"].search([("site_id", "=", site.id)])
        # 2 days x 3 shifts: the two Plan Area super users cover all 6, Lou covers 3 of 6
        self.assertEqual(len(rota.filtered(lambda r: r.app_area_id == area)), 6)
        self.assertEqual(len(rota.filtered(lambda r: r.app_area_id == lonely)), 3)
