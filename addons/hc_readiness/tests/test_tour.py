from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReadinessTour(HttpCase):
    def test_pmo_opens_readiness_app(self):
        new_test_user(self.env, login="hc_tour_pmo", groups="hc_readiness.group_pmo")
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_readiness_open_app_tour", login="hc_tour_pmo")
