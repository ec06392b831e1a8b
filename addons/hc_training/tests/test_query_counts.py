from odoo.tests import tagged

from ..models.hr_employee import skip_assignment_rules
from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestQueryCounts(HcTrainingCommon):
    """The hot paths of hc_training cost a number of queries that does not grow with the
    number of records: each is measured on a small and on a ten times larger set, under the
    same budget, after a warm-up call (registry caches primed, record cache emptied)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_porter = cls.env["hr.job"].create({"name": "QC Porter"})
        cls.role_porter = cls.env["hc.training.role"].create(
            {
                "name": "QC Porter",
                "code": "T-QCP",
                "job_ids": [(6, 0, cls.job_porter.ids)],
                "company_id": cls.company.id,
            }
        )
        cls.path_porter = cls._create_path(
            "Porter go-live",
            [
                {"name": "Transfers process", "kind": "session", "layer": "process"},
                {"name": "Transfers in Odoo", "kind": "session", "layer": "system"},
            ],
            role=cls.role_porter,
        )
        cls.path_porter.action_publish()
        # paths of a role nobody holds, assigned by hand to the employee under My Training
        cls.role_extra = cls.env["hc.training.role"].create(
            {"name": "QC Extra", "code": "T-QCX", "company_id": cls.company.id}
        )
        cls.extra_paths = cls.env["hc.learning.path"]
        for i in range(29):
            path = cls._create_path(
                f"Extra path {i:02d}",
                [
                    {"name": f"Extra {i:02d} process", "kind": "session"},
                    {"name": f"Extra {i:02d} system", "kind": "session", "layer": "system"},
                ],
                role=cls.role_extra,
            )
            cls.extra_paths |= path
        cls.extra_paths.action_publish()

    def _porters(self, count, prefix):
        with skip_assignment_rules():
            return self.env["hr.employee"].create(
                [
                    {
                        "name": f"{prefix} porter {i:03d}",
                        "company_id": self.company.id,
                        "hc_site_id": self.site_a.id,
                        "department_id": self.dep_stores.id,
                        "job_id": self.job_porter.id,
                    }
                    for i in range(count)
                ]
            )

    def test_assignment_by_rules(self):
        """The role rules assign a path to 5 or to 50 new employees in the same queries."""
        Assignment = self.env["hc.training.assignment"]
        warm, few, many = (
            self._porters(2, "warm"),
            self._porters(5, "few"),
            self._porters(50, "many"),
        )
        self.assertEqual(len(Assignment._assign_by_rules(warm)), 2)  # warm-up
        for employees in (few, many):
            self.env.invalidate_all()
            with self.assertQueryCount(18):
                created = Assignment._assign_by_rules(employees)
            self.assertEqual(created.employee_id, employees)
            self.assertEqual(created.path_id, self.path_porter)
            self.assertEqual(len(created.completion_ids), 2 * len(employees))

    def test_open_my_training(self):
        """An employee opens My Training (its kanban and list fields) with 3 or with 30
        assignments in the same queries."""
        Assignment = self.env["hc.training.assignment"].with_user(self.emp_user)
        views = Assignment.get_views([(False, "kanban"), (False, "list")])
        fields_info = views["models"][Assignment._name]["fields"]
        specification = {
            name: {"fields": {"display_name": {}}} if info["type"] == "many2one" else {}
            for name, info in fields_info.items()
            if info["type"] not in ("one2many", "many2many")
        }
        self.assertTrue({"path_id", "progress", "next_step_id", "state"} <= set(specification))
        domain = [("user_id", "=", self.emp_user.id)]

        def assign(paths):
            Assignment.sudo()._create_assignments(
                [{"employee_id": self.emp.id, "path_id": path.id} for path in paths]
            )

        assign(self.extra_paths[:2])  # with the rule's assignment: 3
        Assignment.web_search_read(domain, specification, limit=80)  # warm-up
        for total in (3, 30):
            if total == 30:
                assign(self.extra_paths[2:])
            self.env.invalidate_all()
            with self.assertQueryCount(12):
                result = Assignment.web_search_read(domain, specification, limit=80)
            self.assertEqual(result["length"], total)
            self.assertEqual(
                {record["employee_id"]["id"] for record in result["records"]}, {self.emp.id}
            )
            self.assertTrue(all(record["next_step_id"] for record in result["records"]))
