from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingTour(HttpCase):
    def test_trainer_opens_training_app(self):
        new_test_user(self.env, login="hc_tour_trainer", groups="hc_training.group_trainer")
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_training_open_app_tour", login="hc_tour_trainer")

    def test_trainer_builds_publishes_assigns_and_employee_sees_it(self):
        site = self.env["hc.site"].create({"name": "Tour Night Hospital", "code": "TNH"})
        trainer = new_test_user(
            self.env, login="hc_tour_path_trainer", groups="hc_training.group_trainer"
        )
        trainer.hc_site_ids = site
        employee_user = new_test_user(self.env, login="hc_tour_nina", groups="base.group_user")
        self.env["hc.training.role"].create({"name": "Tour Stores Role", "code": "TOUR-STR"})
        department = self.env["hr.department"].create({"name": "Tour Night Stores"})
        Employee = self.env["hr.employee"]
        nina = Employee.create(
            {
                "name": "Tour Nina Night",
                "department_id": department.id,
                "hc_site_id": site.id,
                "user_id": employee_user.id,
            }
        )
        omar = Employee.create(
            {"name": "Tour Omar Night", "department_id": department.id, "hc_site_id": site.id}
        )
        self.start_tour("/odoo", "hc_training_trainer_path_tour", login="hc_tour_path_trainer")
        path = self.env["hc.learning.path"].search([("name", "=", "Tour Night Stores Path")])
        self.assertEqual(path.state, "published")
        self.assertEqual(path.step_ids.mapped("kind"), ["session", "acknowledgment"])
        self.assertEqual(path.assignment_ids.employee_id, nina | omar)
        self.start_tour("/odoo", "hc_training_my_training_tour", login="hc_tour_nina")
