from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingSecurity(HcTrainingCommon):
    def test_employee_reads_only_own_training(self):
        Assignment = self.env["hc.training.assignment"].with_user(self.emp_user)
        mine = Assignment.search([])
        self.assertEqual(mine.employee_id, self.emp)
        self.assertEqual(mine.completion_ids.employee_id, self.emp)
        others = self._assignment(self.emp_2)
        with self.assertRaises(AccessError):
            others.with_user(self.emp_user).read(["state"])
        with self.assertRaises(AccessError):
            others.completion_ids.with_user(self.emp_user).read(["state"])
        with self.assertRaises(AccessError):
            mine.write({"date_due": False})
        lines = self.env["hc.training.completion"].with_user(self.emp_user).search([])
        self.assertEqual(lines.employee_id, self.emp)

    def test_observer_sees_observed_scenarios_only(self):
        lines = self.env["hc.training.completion"].with_user(self.observer_user).search([])
        self.assertEqual(lines.step_id, self.step_scenario)
        self.assertFalse(
            self.env["hc.training.assignment"].with_user(self.observer_user).search([])
        )

    def test_trainer_manages_own_sites_only(self):
        Assignment = self.env["hc.training.assignment"].with_user(self.trainer_a)
        visible = Assignment.search([])
        self.assertEqual(set(visible.site_id.ids), {self.site_a.id})
        self.assertIn(self._assignment(self.emp), visible)
        site_b_assignment = self._assignment(self.emp_b)
        with self.assertRaises(AccessError):
            site_b_assignment.with_user(self.trainer_a).read(["state"])
        with self.assertRaises(AccessError):
            site_b_assignment.with_user(self.trainer_a).write({"trainer_id": self.trainer_a.id})
        self._assignment(self.emp).with_user(self.trainer_a).write(
            {"trainer_id": self.trainer_b.id}
        )
        with self.assertRaises(AccessError):
            self._assignment(self.emp).with_user(self.trainer_a).unlink()

    def test_manager_sees_all_sites_of_company(self):
        visible = self.env["hc.training.assignment"].with_user(self.manager_user).search([])
        self.assertEqual(set(visible.site_id.ids), {self.site_a.id, self.site_b.id})

    def test_multi_company_isolation(self):
        other_site = self.site_other
        other_emp = self._create_employee("Olga Other", site=other_site, company=self.company_other)
        other_role_path = self._create_path(
            "Other company path", [{"name": "X", "kind": "session"}]
        )
        other_role_path.company_id = self.company_other
        other_role_path.action_publish()
        other = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": other_emp.id, "path_id": other_role_path.id}]
        )
        self.manager_user.hc_site_ids = [(4, other_site.id)]
        visible = self.env["hc.training.assignment"].with_user(self.manager_user).search([])
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            other.with_user(self.manager_user).read(["state"])
        paths = self.env["hc.learning.path"].with_user(self.manager_user).search([])
        self.assertNotIn(other_role_path, paths)

    def test_employee_cannot_publish_or_edit_paths(self):
        with self.assertRaises(AccessError):
            self.path.with_user(self.emp_user).write({"responsible_id": self.emp_user.id})
        with self.assertRaises(AccessError):
            self.env["hc.learning.path"].with_user(self.emp_user).create(
                {"name": "Mine", "role_id": self.role.id}
            )
        # but reads the path and steps of their assignment
        self.assertEqual(
            self.path.with_user(self.emp_user).step_ids.mapped("name"),
            ["Receipts process", "Count discrepancy drill"],
        )
