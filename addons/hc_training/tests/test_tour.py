from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingTour(HttpCase):
    def test_trainer_opens_training_app(self):
        new_test_user(self.env, login="hc_tour_trainer", groups="hc_training.group_trainer")
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_training_open_app_tour", login="hc_tour_trainer")
