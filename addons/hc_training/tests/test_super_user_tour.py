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
