"""The demo programme's training story, across hc_base and hc_training demo data (skipped on a
database installed without demo data)."""

from suite_case import SuiteTransactionCase as TransactionCase


class TestTrainingDemoStory(TransactionCase):
    def setUp(self):
        super().setUp()
        if not self.env.ref("hc_training.path_stores_supervisor_demo", raise_if_not_found=False):
            self.skipTest("database installed without demo data")

    def test_paths_for_at_least_four_roles(self):
        published = self.env["hc.learning.path"].search([("state", "=", "published")])
        self.assertGreaterEqual(len(published.role_id), 4)
        layers = set(published.step_ids.mapped("layer"))
        self.assertEqual(layers, {"process", "system", "exception"})

    def test_assignments_in_every_state(self):
        states = set(self.env["hc.training.assignment"].search([]).mapped("state"))
        self.assertLessEqual(
            {"assigned", "in_progress", "completed", "overdue", "expired", "waived"}, states
        )

    def test_demo_employee_sees_own_training(self):
        nadia = self.env.ref("hc_base.user_nadia_demo")
        mine = self.env["hc.training.assignment"].with_user(nadia).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.employee_id, self.env.ref("hc_base.employee_nadia_demo"))
        self.assertEqual(mine.state, "in_progress")

    def test_lapsed_certification_is_expired_and_recorded_in_hr_skills(self):
        kwame = self.env.ref("hc_base.employee_kwame_demo")
        # his biomedical path (he also follows the super-user path of his app area)
        assignment = self.env["hc.training.assignment"].search(
            [
                ("employee_id", "=", kwame.id),
                ("path_id.step_ids", "in", self.env.ref("hc_training.step_bmt_1_demo").ids),
            ]
        )
        self.assertEqual(assignment.state, "expired")
        certs = self.env["hr.employee.skill"].search(
            [("employee_id", "=", kwame.id), ("skill_type_id.is_certification", "=", True)]
        )
        self.assertTrue(certs)
