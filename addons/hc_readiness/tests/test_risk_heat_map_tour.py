from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRiskHeatMapTour(HttpCase):
    def test_pmo_opens_the_coloured_heat_map_and_its_risks(self):
        new_test_user(self.env, login="hc_tour_heat_pmo", groups="hc_readiness.group_pmo")
        program = self.env["hc.program"].create({"name": "Tour heat programme"})
        self.env["hc.raid.item"].create(
            {
                "name": "Tour heat risk",
                "raid_type": "risk",
                "program_id": program.id,
                "impact": "5",
                "likelihood": "4",
            }
        )
        self.start_tour("/odoo", "hc_risk_heat_map_tour", login="hc_tour_heat_pmo")
