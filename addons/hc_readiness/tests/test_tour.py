from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReadinessTour(HttpCase):
    def test_pmo_opens_readiness_app(self):
        new_test_user(self.env, login="hc_tour_pmo", groups="hc_readiness.group_pmo")
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_readiness_open_app_tour", login="hc_tour_pmo")

    def test_pmo_drills_from_red_site_to_missing_completions(self):
        new_test_user(self.env, login="hc_tour_pmo2", groups="hc_readiness.group_pmo")
        site = self.env["hc.site"].create({"name": "Tour Red Hospital", "code": "TRH"})
        area = self.env.ref("hc_base.app_area_inventory")
        role = self.env["hc.training.role"].create(
            {"name": "Tour red role", "code": "TOUR-RED", "app_area_ids": [(6, 0, area.ids)]}
        )
        path = self.env["hc.learning.path"].create(
            {
                "name": "Tour red path",
                "role_id": role.id,
                "step_ids": [(0, 0, {"name": "Tour red drill", "kind": "session"})],
            }
        )
        path.action_publish()
        employee = self.env["hr.employee"].create({"name": "Tour Ruth Red", "hc_site_id": site.id})
        self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": employee.id, "path_id": path.id}]
        )
        program = self.env["hc.program"].create(
            {"name": "Tour programme", "site_ids": [(6, 0, site.ids)]}
        )
        self.env["hc.program.wave"].create(
            {
                "program_id": program.id,
                "name": "Tour Wave",
                "go_live_date": fields.Date.today() + timedelta(days=10),
                "site_ids": [(6, 0, site.ids)],
                "app_area_ids": [(6, 0, area.ids)],
            }
        )
        program.action_recompute_readiness()
        self.start_tour("/odoo", "hc_readiness_dashboard_tour", login="hc_tour_pmo2")

    def test_executive_opens_spreadsheet_dashboard(self):
        new_test_user(self.env, login="hc_tour_exec", groups="hc_readiness.group_executive")
        self.start_tour("/odoo", "hc_readiness_spreadsheet_tour", login="hc_tour_exec")
