from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestUat(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.super_user_b = cls._create_user(
            "hc_r_su_b", groups="hc_readiness.group_super_user", sites=cls.site_b
        )
        cls.pmo_other = cls._create_user(
            "hc_r_pmo_other", groups="hc_readiness.group_pmo", company=cls.company_other
        )
        maintenance = cls.env.ref("hc_base.app_area_maintenance")
        Scenario = cls.env["hc.uat.scenario"]
        cls.scenario = Scenario.create(
            {
                "name": "Fault to spare part",
                "code": "T-UAT-1",
                "criticality": "critical",
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 10,
                            "name": "Log the fault",
                            "app_area_id": maintenance.id,
                            "expected_result": "Request logged",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 20,
                            "name": "Raise replenishment",
                            "app_area_id": cls.inventory.id,
                            "role_id": cls.role.id,
                            "training_step_id": cls.step_session.id,
                            "expected_result": "Purchase requirement",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 30,
                            "name": "Receive the part",
                            "app_area_id": cls.inventory.id,
                            "expected_result": "Received",
                        },
                    ),
                ],
            }
        )
        cls.scenario_2 = Scenario.create(
            {
                "name": "Onboarding",
                "code": "T-UAT-2",
                "criticality": "critical",
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Onboard",
                            "app_area_id": cls.inventory.id,
                            "expected_result": "Employee ready",
                        },
                    )
                ],
            }
        )
        cls.scenario_normal = Scenario.create(
            {
                "name": "Minor",
                "code": "T-UAT-3",
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Look",
                            "app_area_id": cls.inventory.id,
                            "expected_result": "Seen",
                        },
                    )
                ],
            }
        )
        Cycle = cls.env["hc.uat.cycle"]
        cls.cycle_a = Cycle.create(
            {
                "name": "UAT A",
                "program_id": cls.program.id,
                "wave_id": cls.wave.id,
                "site_id": cls.site_a.id,
            }
        )
        cls.cycle_b = Cycle.create(
            {
                "name": "UAT B",
                "program_id": cls.program.id,
                "wave_id": cls.wave.id,
                "site_id": cls.site_b.id,
            }
        )
        (cls.cycle_a | cls.cycle_b).with_user(cls.pmo_user).action_start()
        cls.team = cls.env["maintenance.team"].create(
            {"name": "Test biomed", "company_id": cls.company.id}
        )
        cls.domain_items = cls.env["hc.migration.domain"].create(
            {"name": "Test items", "code": "T-ITEMS", "company_id": cls.company.id}
        )

    def _run(self, cycle, scenario=None, user=None, testers=None):
        return (
            self.env["hc.uat.run"]
            .with_user(user or self.super_user_a)
            .create(
                {
                    "cycle_id": cycle.id,
                    "scenario_id": (scenario or self.scenario).id,
                    "tester_ids": [(6, 0, (testers or self.emp_user).ids)],
                }
            )
        )

    def _record(self, run, *results):
        for step, result in zip(run.step_ids.sorted("sequence"), results, strict=False):
            step.result = result

    def test_uat_chain_training_gap_retraining(self):
        """A failing step with a training-gap defect: the super user proposes retraining of
        the step's training step to the tester, through hc_training's one code path."""
        line = self._line(self._assignment(self.emp), self.step_session)
        line._complete(source="signoff")
        self.assertEqual(line.state, "done")
        run = self._run(self.cycle_a)
        self.assertEqual(len(run.step_ids), 3, "the scenario's steps are copied")
        self.assertEqual(run.state, "not_run")
        self._record(run, "pass", "fail", "not_run")
        self.assertEqual(run.state, "failed")
        failing = run.step_ids.filtered(lambda s: s.result == "fail")
        self.assertEqual(failing.tester_id, self.super_user_a)
        defect = (
            self.env["hc.uat.defect"]
            .with_user(self.super_user_a)
            .create(
                {
                    "name": "Manual adjustment instead of replenishment",
                    "run_id": run.id,
                    "run_step_id": failing.id,
                    "severity": "high",
                    "root_cause": "training_gap",
                }
            )
        )
        action = defect.action_propose_retraining()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.super_user_a)
            .with_context(**action["context"])
        )
        wizard = wizard.save()
        self.assertEqual(wizard.step_ids, self.step_session)
        self.assertEqual(wizard.employee_ids.ids, self.emp.ids, "the tester's employee")
        # a published path of another role is not the training behind this defect
        other_path = self._unrelated_published_path()
        wizard.step_ids = other_path.step_ids
        with self.assertRaisesRegex(UserError, "not training of the role"):
            wizard.action_confirm()
        wizard.step_ids = self.step_session
        wizard.action_confirm()
        self.assertEqual(line.state, "todo", "the done step is reopened")
        self.assertEqual(line.date_due, fields.Date.today() + timedelta(days=14))
        self.assertEqual(defect.retraining_line_ids, line)
        self.assertEqual(defect.retraining_count, 1)

    def test_retraining_defaults_to_role_people_and_refuses_other_causes(self):
        run = self._run(self.cycle_a, testers=self.super_user_a)
        self._record(run, "pass", "fail")
        defect = self.env["hc.uat.defect"].create(
            {
                "name": "Config",
                "run_id": run.id,
                "run_step_id": run.step_ids[1].id,
                "root_cause": "configuration",
            }
        )
        with self.assertRaisesRegex(UserError, "not a training gap"), self.cr.savepoint():
            defect.with_user(self.super_user_a).action_propose_retraining()
        defect.root_cause = "training_gap"
        employees, steps = defect._retraining_defaults()
        # the tester has no employee: the role's employees at the cycle's site
        self.assertEqual(employees, self.emp | self.emp_2)
        self.assertEqual(steps, self.step_session)
        with self.assertRaisesRegex(UserError, "work elsewhere"), self.cr.savepoint():
            defect._hc_assign_retraining(self.emp_b, self.step_session, reason="wrong site")
        with self.assertRaises(AccessError), self.cr.savepoint():
            defect.with_user(self.super_user_b)._hc_assign_retraining(
                self.emp_b, self.step_session, reason="not mine"
            )
        # an employee without the path gets a retraining assignment of only that step
        self.assertFalse(self._assignment(self.emp_biomed))
        lines = defect.with_user(self.super_user_a)._hc_assign_retraining(
            self.emp_biomed, self.step_session, reason="UAT defect"
        )
        self.assertEqual(lines.employee_id, self.emp_biomed)
        self.assertEqual(lines.step_id, self.step_session)
        self.assertEqual(lines.state, "todo")
        self.assertEqual(lines.assignment_id.source, "retraining")
        self.assertEqual(
            lines.assignment_id.completion_ids.filtered(lambda c: c.state == "waived").step_id,
            self.step_scenario,
        )
        self.assertEqual(defect.retraining_line_ids, lines)

    def test_run_passes_only_when_every_step_passes(self):
        run = self._run(self.cycle_a)
        self._record(run, "pass", "pass")
        self.assertEqual(run.state, "in_progress")
        self._record(run, "pass", "pass", "blocked")
        self.assertEqual(run.state, "blocked")
        self._record(run, "pass", "pass", "pass")
        self.assertEqual(run.state, "passed")
        self.assertTrue(run.date_run)

    def test_closed_run_refuses_results(self):
        run = self._run(self.cycle_a)
        self._record(run, "pass")
        run.with_user(self.super_user_a).action_close()
        with (
            self.assertRaisesRegex(UserError, "is closed: the result of step Log the fault"),
            self.cr.savepoint(),
        ):
            run.step_ids[0].with_user(self.super_user_a).result = "fail"
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            run.with_user(self.super_user_a).action_reopen()
        with self.assertRaisesRegex(AccessError, "workflow only"), self.cr.savepoint():
            run.with_user(self.super_user_a).write({"is_closed": False})
        run.with_user(self.pmo_user).action_reopen()
        run.step_ids[0].with_user(self.super_user_a).result = "fail"
        self.assertEqual(run.state, "failed")
        self.cycle_a.with_user(self.pmo_user).action_close()
        self.assertTrue(run.is_closed)
        with self.assertRaisesRegex(UserError, "UAT cycle UAT A is closed"), self.cr.savepoint():
            self._run(self.cycle_a)
        # results are evidence: not the step, the run nor (through the database's cascade)
        # the cycle can be deleted by the PMO
        for records in (run.step_ids[0], run, self.cycle_a):
            with (
                self.subTest(model=records._name),
                self.assertRaisesRegex(UserError, "cannot be deleted"),
                self.cr.savepoint(),
            ):
                records.with_user(self.pmo_user).unlink()
        self.assertTrue(run.step_ids[0].exists())

    def test_data_quality_defect_links_migration_domain(self):
        run = self._run(self.cycle_a)
        Defect = self.env["hc.uat.defect"].with_user(self.super_user_a)
        with (
            self.assertRaisesRegex(ValidationError, "name the migration domain"),
            self.cr.savepoint(),
        ):
            Defect.create({"name": "Wrong UoM", "run_id": run.id, "root_cause": "data_quality"})
        defect = Defect.create(
            {
                "name": "Wrong UoM",
                "run_id": run.id,
                "root_cause": "data_quality",
                "severity": "critical",
                "migration_domain_id": self.domain_items.id,
            }
        )
        self.assertEqual(defect.migration_domain_id.name, "Test items")
        self.assertEqual(self.domain_items.uat_defect_ids, defect)
        self.assertEqual(self.domain_items.uat_open_defect_count, 1)
        action = self.domain_items.with_user(self.super_user_a).action_view_uat_defects()
        self.assertEqual(Defect.search(action["domain"]), defect)
        defect.action_close()
        self.domain_items.invalidate_recordset(["uat_open_defect_count"])
        self.assertEqual(self.domain_items.uat_open_defect_count, 0)
        self.assertEqual(
            Defect.search([("migration_domain_id", "=", self.domain_items.id)]), defect
        )
        with self.assertRaisesRegex(ValidationError, "not a step of run"), self.cr.savepoint():
            Defect.create(
                {
                    "name": "x",
                    "run_id": run.id,
                    "root_cause": "configuration",
                    "run_step_id": self._run(self.cycle_a).step_ids[0].id,
                }
            )

    def test_maintenance_request_as_step_evidence(self):
        """A step links the real maintenance request it produced, under Maintenance's own
        access rights: a plain user reaches only the requests they own, follow or work on."""
        Request = self.env["maintenance.request"]
        own = Request.create(
            {
                "name": "UAT pump alarm",
                "user_id": self.super_user_a.id,
                "maintenance_team_id": self.team.id,
                "company_id": self.company.id,
            }
        )
        other = Request.create(
            {
                "name": "Someone else's request",
                "user_id": self.pmo_user.id,
                "maintenance_team_id": self.team.id,
                "company_id": self.company.id,
            }
        )
        run = self._run(self.cycle_a)
        step = run.step_ids[0].with_user(self.super_user_a)
        step.write({"result": "pass", "maintenance_request_id": own.id})
        self.assertEqual(step.maintenance_request_id.name, "UAT pump alarm")
        with self.assertRaises(AccessError), self.cr.savepoint():
            step.maintenance_request_id = other
        self.assertEqual(run.step_ids[0].maintenance_request_id, own)

    def test_uat_gate_metrics(self):
        # (scenario 1, A): failed then passed -> passed; (scenario 2, A) failed;
        # (scenario 2, B) passed; the normal scenario does not count
        self._record(self._run(self.cycle_a), "fail")
        self._record(self._run(self.cycle_a), "pass", "pass", "pass")
        self._record(self._run(self.cycle_a, self.scenario_2), "fail")
        self._record(self._run(self.cycle_b, self.scenario_2, user=self.super_user_b), "pass")
        self._record(self._run(self.cycle_a, self.scenario_normal), "fail")
        run = self._run(self.cycle_a, self.scenario_2)
        Defect = self.env["hc.uat.defect"]
        for severity, action in (
            ("critical", None),
            ("critical", "action_fixed"),
            ("critical", "action_close"),
            ("high", None),
        ):
            defect = Defect.create(
                {
                    "name": "d",
                    "run_id": run.id,
                    "root_cause": "configuration",
                    "severity": severity,
                }
            )
            if action:
                getattr(defect.with_user(self.super_user_a), action)()
        Gate = self.env["hc.gate"].with_user(self.pmo_user)
        gate = Gate.create(
            {
                "program_id": self.program.id,
                "wave_id": self.wave.id,
                "gate_type_id": self.env.ref("hc_readiness.gate_type_uat_exit").id,
            }
        )
        # (scenario, A) passed, (scenario_2, A) re-run pending, (scenario_2, B) passed, and
        # the critical scenario never run at B (which has a cycle) counts as not passed
        self.assertEqual(gate._metric_uat_critical_pass_rate()[0], 50.0)
        self.assertEqual(gate._metric_uat_open_critical_defects()[0], 2.0)
        gate_a = Gate.create(
            {
                "program_id": self.program.id,
                "wave_id": self.wave.id,
                "site_id": self.site_a.id,
                "gate_type_id": self.env.ref("hc_readiness.gate_type_uat_exit").id,
            }
        )
        # site A: the re-run of scenario 2 has no result yet: not passed
        self.assertEqual(gate_a._metric_uat_critical_pass_rate()[0], 50.0)
        gate_a.action_collect_evidence()
        gate_a.action_evaluate()
        by_metric = {c.metric: c for c in gate_a.criterion_ids}
        self.assertEqual(by_metric["uat_critical_pass_rate"].value, 50.0)
        self.assertFalse(by_metric["uat_critical_pass_rate"].passed)
        self.assertEqual(by_metric["uat_open_critical_defects"].value, 2.0)
        other = self.env["hc.program"].create({"name": "Empty", "company_id": self.company.id})
        empty = Gate.create(
            {
                "program_id": other.id,
                "gate_type_id": self.env.ref("hc_readiness.gate_type_uat_exit").id,
            }
        )
        self.assertIsNone(empty._metric_uat_critical_pass_rate()[0])

    def test_access_by_role(self):
        run_a = self._run(self.cycle_a)
        run_b = self._run(self.cycle_b, user=self.super_user_b)
        Run = self.env["hc.uat.run"]
        self.assertEqual(Run.with_user(self.super_user_a).search([]), run_a)
        with self.assertRaises(AccessError), self.cr.savepoint():
            run_b.with_user(self.super_user_a).read(["name"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._run(self.cycle_b, user=self.super_user_a)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.uat.cycle"].with_user(self.super_user_a).create(
                {
                    "name": "x",
                    "program_id": self.program.id,
                    "wave_id": self.wave.id,
                    "site_id": self.site_a.id,
                }
            )
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.scenario.with_user(self.super_user_a).name = "renamed"
        self.assertEqual(Run.with_user(self.exec_user).search([]), run_a | run_b)
        with self.assertRaises(AccessError), self.cr.savepoint():
            run_a.step_ids[0].with_user(self.exec_user).result = "pass"
        self.assertEqual(Run.with_user(self.pmo_user).search([]), run_a | run_b)
        self.assertFalse(Run.with_user(self.pmo_other).search([]))
        # executives read defects but do not retrain from them
        defect = self.env["hc.uat.defect"].create(
            {"name": "Gap", "run_id": run_a.id, "root_cause": "training_gap"}
        )
        self.assertEqual(defect.with_user(self.exec_user).name, "Gap")
        with self.assertRaises(AccessError), self.cr.savepoint():
            defect.with_user(self.exec_user)._hc_assign_retraining(
                self.emp, self.step_session, reason="not an executive's call"
            )
        self.assertFalse(defect.retraining_line_ids)

    def test_cycle_site_must_be_in_wave(self):
        other_wave = self.env["hc.program.wave"].create(
            {
                "program_id": self.program.id,
                "name": "Wave A only",
                "sequence": 20,
                "go_live_date": self.wave.go_live_date + timedelta(days=30),
                "site_ids": [(6, 0, self.site_a.ids)],
                "app_area_ids": [(6, 0, self.env.ref("hc_base.app_area_purchase").ids)],
            }
        )
        with (
            self.assertRaisesRegex(ValidationError, "does not go live in Wave A only"),
            self.cr.savepoint(),
        ):
            self.env["hc.uat.cycle"].with_user(self.pmo_user).create(
                {
                    "name": "x",
                    "program_id": self.program.id,
                    "wave_id": other_wave.id,
                    "site_id": self.site_b.id,
                }
            )

    # ------------------------------------------------------------ trust at the model layer
    def test_context_flag_does_not_reopen_a_closed_run(self):
        """A super user cannot reopen a closed run with the context key the server once
        used internally, nor with the field; the PMO reopens with the button."""
        run = self._run(self.cycle_a)
        self._record(run, "pass")
        su_run = run.with_user(self.super_user_a)
        su_run.action_close()
        for context in ({"hc_uat_closing": True}, {}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                su_run.with_context(**context).write({"is_closed": False})
            with self.assertRaises(AccessError), self.cr.savepoint():
                su_run.with_context(**context).action_reopen()
        with self.assertRaises(AccessError), self.cr.savepoint():
            su_run.write({"date_run": fields.Datetime.now() - timedelta(days=3)})
        self.assertTrue(run.is_closed)
        # an empty recordset does not get past the role check either
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.uat.run"].with_user(self.super_user_a).action_reopen()
        run.with_user(self.pmo_user).action_reopen()
        self.assertFalse(run.is_closed)
        # a closed run refuses new steps (create mirrors write)
        run.with_user(self.pmo_user).action_close()
        with self.assertRaisesRegex(UserError, "is closed: no step"), self.cr.savepoint():
            self.env["hc.uat.run.step"].with_user(self.super_user_a).create(
                {
                    "run_id": run.id,
                    "scenario_step_id": self.scenario.step_ids[0].id,
                    "result": "pass",
                }
            )

    def test_who_and_when_of_a_result_are_the_servers(self):
        run = self._run(self.cycle_a)
        step = run.step_ids[0].with_user(self.super_user_a)
        yesterday = fields.Datetime.now() - timedelta(days=1)
        for vals in (
            {"result": "pass", "tester_id": self.pmo_user.id},
            {"tester_id": self.pmo_user.id},
            {"date_result": yesterday},
            {"result": "pass", "date_result": yesterday},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                step.write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.uat.run.step"].with_user(self.super_user_a).create(
                {
                    "run_id": run.id,
                    "scenario_step_id": self.scenario.step_ids[0].id,
                    "result": "pass",
                    "tester_id": self.pmo_user.id,
                }
            )
        step.result = "pass"
        self.assertEqual(step.tester_id, self.super_user_a)
        self.assertTrue(step.date_result)
        self.assertEqual(run.date_run, step.date_result)
        # a step added with a result records who and when too
        extra = (
            self.env["hc.uat.run.step"]
            .with_user(self.super_user_a)
            .create(
                {
                    "run_id": run.id,
                    "scenario_step_id": self.scenario.step_ids[0].id,
                    "result": "fail",
                }
            )
        )
        self.assertEqual(extra.tester_id, self.super_user_a)
        # a step stays in its run
        other = self._run(self.cycle_a)
        with self.assertRaisesRegex(UserError, "stays in its run"), self.cr.savepoint():
            step.run_id = other

    def test_states_move_through_the_buttons_of_their_roles(self):
        run = self._run(self.cycle_a)
        defect = (
            self.env["hc.uat.defect"]
            .with_user(self.super_user_a)
            .create({"name": "Config", "run_id": run.id, "root_cause": "configuration"})
        )
        self.assertRegex(defect.code, r"^UD-\d{4}$")
        with self.assertRaises(AccessError), self.cr.savepoint():
            defect.write({"state": "closed"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            defect.write({"code": "UD-0001"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.uat.defect"].with_user(self.super_user_a).create(
                {"name": "x", "run_id": run.id, "root_cause": "configuration", "state": "closed"}
            )
        for method in ("action_fixed", "action_close", "action_propose_retraining"):
            with self.subTest(method=method), self.assertRaises(AccessError), self.cr.savepoint():
                getattr(defect.with_user(self.exec_user), method)()
        defect.with_user(self.super_user_a).action_fixed()
        self.assertEqual(defect.state, "fixed")
        # cycles: the PMO starts and closes them; the state is not written directly
        cycle = self.cycle_a.with_user(self.pmo_user)
        with self.assertRaises(AccessError), self.cr.savepoint():
            cycle.write({"state": "draft"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.uat.cycle"].with_user(self.pmo_user).create(
                {
                    "name": "Closed from the start",
                    "program_id": self.program.id,
                    "wave_id": self.wave.id,
                    "site_id": self.site_a.id,
                    "state": "closed",
                }
            )
        for method in ("action_start", "action_close"):
            with self.subTest(method=method), self.assertRaises(AccessError), self.cr.savepoint():
                getattr(self.cycle_a.with_user(self.super_user_a), method)()
        with self.assertRaisesRegex(UserError, "not a draft"), self.cr.savepoint():
            cycle.action_start()

    def test_runs_and_defects_stay_at_the_users_sites(self):
        """Scope after write: a super user cannot move a run or a defect to a site that is
        not theirs, and a run stays in its cycle."""
        run = self._run(self.cycle_a)
        run_b = self._run(self.cycle_b, user=self.super_user_b)
        with self.assertRaisesRegex(UserError, "stays in its UAT cycle"), self.cr.savepoint():
            run.with_user(self.super_user_a).cycle_id = self.cycle_b
        defect = (
            self.env["hc.uat.defect"]
            .with_user(self.super_user_a)
            .create({"name": "Gap", "run_id": run.id, "root_cause": "configuration"})
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            defect.with_user(self.super_user_a).run_id = run_b
        self.assertEqual(defect.site_id, self.site_a)
