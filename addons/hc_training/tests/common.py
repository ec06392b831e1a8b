from odoo.addons.hc_base.tests.common import HcCommon


class HcTrainingCommon(HcCommon):
    """A stores role with a published two-step path, and the people around it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_user = cls._create_user(
            "hc_t_manager",
            groups="hc_training.group_training_manager",
            sites=cls.site_a | cls.site_b,
        )
        cls.trainer_a = cls._create_user(
            "hc_t_trainer_a", groups="hc_training.group_trainer", sites=cls.site_a
        )
        cls.trainer_b = cls._create_user(
            "hc_t_trainer_b", groups="hc_training.group_trainer", sites=cls.site_b
        )
        cls.emp_user = cls._create_user("hc_t_emp", sites=cls.site_a)
        cls.emp_user_2 = cls._create_user("hc_t_emp2", sites=cls.site_a)
        cls.observer_user = cls._create_user("hc_t_observer", sites=cls.site_a)
        cls.role = cls.env["hc.training.role"].create(
            {
                "name": "Test Stores Supervisor",
                "code": "T-STS",
                "job_ids": [(6, 0, cls.job_stores.ids)],
                "company_id": cls.company.id,
            }
        )
        cls.scenario = cls.env["hc.training.scenario"].create(
            {
                "name": "Cycle count discrepancy",
                "category": "stock_discrepancy",
                "observer_id": cls.observer_user.id,
            }
        )
        cls.path = cls._create_path(
            "Stores go-live",
            [
                {"name": "Receipts process", "kind": "session", "layer": "process"},
                {
                    "name": "Count discrepancy drill",
                    "kind": "scenario",
                    "layer": "exception",
                    "scenario_id": cls.scenario.id,
                    "validity_months": 12,
                    "min_score": 80,
                },
            ],
        )
        cls.path.action_publish()
        cls.step_session, cls.step_scenario = cls.path.step_ids
        # employees: created after the path is published, so the role rule assigns them
        cls.emp = cls._create_employee(
            "Erin Stores",
            site=cls.site_a,
            department=cls.dep_stores,
            job=cls.job_stores,
            user=cls.emp_user,
        )
        cls.emp_2 = cls._create_employee(
            "Finn Stores",
            site=cls.site_a,
            department=cls.dep_stores,
            job=cls.job_stores,
            user=cls.emp_user_2,
        )
        cls.emp_b = cls._create_employee(
            "Gail Stores", site=cls.site_b, department=cls.dep_stores, job=cls.job_stores
        )
        cls.emp_biomed = cls._create_employee(
            "Hank Biomed", site=cls.site_a, department=cls.dep_biomed, job=cls.job_biomed
        )

    @classmethod
    def _create_path(cls, name, steps, role=None):
        return cls.env["hc.learning.path"].create(
            {
                "name": name,
                "role_id": (role or cls.role).id,
                "company_id": cls.company.id,
                "responsible_id": cls.trainer_a.id,
                "step_ids": [
                    (0, 0, dict({"sequence": (i + 1) * 10, "due_offset_days": 14}, **step))
                    for i, step in enumerate(steps)
                ],
            }
        )

    @classmethod
    def _assignment(cls, employee, path=None):
        return cls.env["hc.training.assignment"].search(
            [("employee_id", "=", employee.id), ("path_id", "=", (path or cls.path).id)]
        )

    def _line(self, assignment, step):
        return assignment.completion_ids.filtered(lambda c: c.step_id == step)

    def _sign_off(self, user, lines, **vals):
        """Sign ``lines`` off through the wizard, as ``user``."""
        wizard = (
            self.env["hc.training.signoff"]
            .with_user(user)
            .create(dict({"completion_ids": [(6, 0, lines.ids)]}, **vals))
        )
        return wizard.action_confirm()

    def _unrelated_published_path(self):
        """A published path of another role: training no issue or defect of ours concerns."""
        path = self._create_path(
            "Other path",
            [{"name": "Unrelated step", "kind": "session", "layer": "process"}],
            role=self.env["hc.training.role"].create(
                {"name": "Other role", "code": "T-OTH", "company_id": self.company.id}
            ),
        )
        path.action_publish()
        return path
