from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestReadinessScores(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        # site A: emp 100 (both steps), emp_2 50 (session only)
        a1 = cls._assignment(cls.emp)
        a2 = cls._assignment(cls.emp_2)
        (a1 | a2).completion_ids.filtered(lambda c: c.step_id == cls.step_session)._complete(
            source="signoff"
        )
        a1.completion_ids.filtered(lambda c: c.step_id == cls.step_scenario)._complete(
            source="signoff", score=90
        )
        # site B: emp_b 0 (certification lapsed), emp_c waived (100), emp_d nothing (0)
        cls.emp_b.department_id = cls.dep_stores
        b1 = cls._assignment(cls.emp_b)
        b1.completion_ids.filtered(lambda c: c.step_id == cls.step_scenario)._complete(
            source="signoff", score=95, date=today - timedelta(days=400)
        )
        cls.emp_c = cls._create_employee(
            "Cleo Waived", site=cls.site_b, department=cls.dep_stores, job=cls.job_stores
        )
        cls.emp_d = cls._create_employee(
            "Dan Late", site=cls.site_b, department=cls.dep_stores, job=cls.job_stores
        )
        # fixture: the waiver is the waive wizard's (workflow-owned fields)
        with workflow_scope("hc.training.assignment", {"is_waived", "waive_reason"}):
            cls._assignment(cls.emp_c).write(
                {"is_waived": True, "waive_reason": "Certified elsewhere"}
            )
        cls.env["hc.training.assignment"]._cron_training_reminders()  # expires emp_b's line
        cls.program.with_user(cls.pmo_user).action_recompute_readiness()

    def test_hand_computed_scores(self):
        self.assertEqual(self._assignment(self.emp_b).state, "expired")
        self.assertEqual(self._score("employee", employee_id=self.emp).score, 100.0)
        self.assertEqual(self._score("employee", employee_id=self.emp_2).score, 50.0)
        self.assertEqual(self._score("employee", employee_id=self.emp_b).score, 0.0)
        self.assertEqual(self._score("employee", employee_id=self.emp_c).score, 100.0)
        self.assertEqual(self._score("employee", employee_id=self.emp_d).score, 0.0)
        site_a = self._score("site", site_id=self.site_a)
        site_b = self._score("site", site_id=self.site_b)
        self.assertEqual((site_a.score, site_a.weight, site_a.rag), (75.0, 2, "amber"))
        self.assertEqual((site_b.score, site_b.weight, site_b.rag), (33.33, 3, "red"))
        wave = self._score("wave", wave_id=self.wave)
        self.assertEqual((wave.score, wave.weight), (50.0, 5))
        self.assertEqual(self.wave.score, 50.0)
        self.assertEqual(self._score("program").score, 50.0)
        emp_row = self._score("employee", employee_id=self.emp_b)
        self.assertEqual(
            (emp_row.lines_total, emp_row.lines_done, emp_row.lines_expired), (2, 0, 1)
        )

    def test_roll_ups_equal_aggregates_of_children(self):
        for site in (self.site_a, self.site_b):
            employees = self._score("employee", site_id=site)
            self.assertAlmostEqual(
                self._score("site", site_id=site).score,
                sum(employees.mapped("score")) / len(employees),
                places=2,
            )
            roles = self._score("role", site_id=site)
            self.assertEqual(roles.score, self._score("site", site_id=site).score)
            self.assertEqual(
                self._score("department", site_id=site).score,
                self._score("site", site_id=site).score,
            )
        sites = self._score("site")
        weighted = sum(s.score * s.weight for s in sites) / sum(sites.mapped("weight"))
        self.assertAlmostEqual(self._score("wave", wave_id=self.wave).score, weighted, places=2)
        workstream = self._score("workstream")
        self.assertAlmostEqual(workstream.score, weighted, places=2)
        self.assertEqual(workstream.weight, 5)

    def test_lenses_and_no_evidence(self):
        lenses = {lens.lens: lens for lens in self.program.lens_ids}
        self.assertEqual(
            set(lenses),
            {"standardization", "data_trust", "user_readiness", "governance", "scalability"},
        )
        self.assertEqual(
            (lenses["user_readiness"].value, lenses["user_readiness"].rag), (50.0, "amber")
        )
        # 50% evenness (100 - (75 - 33.33)) + 50% wave readiness (50)
        self.assertAlmostEqual(
            lenses["scalability"].value, 0.5 * (100 - (75 - 33.33)) + 25, places=1
        )
        runs = self.env["hc.migration.run"].search_count([("state", "in", ("validated", "loaded"))])
        self.assertEqual(lenses["data_trust"].has_evidence, bool(runs))
        for key in ("governance", "standardization"):
            self.assertFalse(lenses[key].has_evidence)
            self.assertEqual(lenses[key].rag, "none")
            self.assertEqual(lenses[key].display_value, "No evidence")
            self.assertIn("No evidence", lenses[key].explanation)
        site_b_lens = self.program.site_lens_ids.filtered(
            lambda x: x.site_id == self.site_b and x.lens == "user_readiness"
        )
        self.assertEqual((site_b_lens.value, site_b_lens.rag), (33.33, "red"))
        with_evidence = [lens for lens in lenses.values() if lens.has_evidence]
        expected = sum(
            lens.value * self.program[f"lens_weight_{lens.lens}"] for lens in with_evidence
        ) / sum(self.program[f"lens_weight_{lens.lens}"] for lens in with_evidence)
        self.assertAlmostEqual(self.program.overall_score, expected, places=1)

    def test_drill_down_to_missing_completions(self):
        site_b = self._score("site", site_id=self.site_b)
        action = site_b.action_open_inputs()
        lines = self.env["hc.training.completion"].search(action["domain"])
        self.assertEqual(lines.employee_id, self.emp_b | self.emp_c | self.emp_d)
        roles = self.env["hc.readiness.score"].search(site_b.action_open_children()["domain"])
        self.assertEqual(roles.role_id, self.role)
        employees = self.env["hc.readiness.score"].search(roles.action_open_children()["domain"])
        self.assertEqual(employees.employee_id, self.emp_b | self.emp_c | self.emp_d)

    def test_recompute_is_idempotent_and_replaces_rows(self):
        before = self.env["hc.readiness.score"].search_count([("program_id", "=", self.program.id)])
        self.program.action_recompute_readiness()
        after = self.env["hc.readiness.score"].search_count([("program_id", "=", self.program.id)])
        self.assertEqual(before, after)
        self.assertEqual(len(self.program.lens_ids), 5)

    def test_recompute_rewrites_only_changed_rows(self):
        Score = self.env["hc.readiness.score"]
        rows = Score.search([("program_id", "=", self.program.id)])
        old = fields.Datetime.now() - timedelta(days=3)
        self.env.cr.execute(
            "UPDATE hc_readiness_score SET date_computed = %s WHERE id = ANY(%s)",
            (old, rows.ids),
        )
        rows.invalidate_recordset(["date_computed"])
        # emp_d completes the session: their row, department, role, site, wave... change
        self._line(self._assignment(self.emp_d), self.step_session)._complete(source="signoff")
        self.program.action_recompute_readiness()
        emp_d = self._score("employee", employee_id=self.emp_d)
        self.assertEqual(emp_d.score, 50.0)
        self.assertGreater(emp_d.date_computed, old)
        self.assertGreater(self._score("site", site_id=self.site_b).date_computed, old)
        # unchanged figures are not rewritten
        self.assertEqual(self._score("employee", employee_id=self.emp).date_computed, old)
        self.assertEqual(self._score("site", site_id=self.site_a).date_computed, old)
        self.assertEqual(Score.search_count([("program_id", "=", self.program.id)]), len(rows))

    def test_red_crossing_warns_the_lead_once(self):
        line = self.program.workstream_ids
        self.assertEqual(line.rag, "amber")
        self.program.threshold_amber = 60.0
        self.program.action_recompute_readiness()
        self.program.action_recompute_readiness()
        self.assertEqual(line.rag, "red")
        activities = line.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("hc_readiness.mail_activity_readiness_red")
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.lead_user)

    def test_snapshots_are_immutable(self):
        snapshots = self.program._take_snapshots()
        self.assertTrue(snapshots)
        self.assertFalse(self.program._take_snapshots(), "one snapshot per day")
        with self.assertRaises(UserError):
            snapshots[0].write({"value": 99})
        with self.assertRaises(UserError):
            snapshots[0].unlink()

    def test_access_by_role(self):
        Score = self.env["hc.readiness.score"]
        self.assertEqual(
            Score.with_user(self.exec_user).search_count([("program_id", "=", self.program.id)]),
            Score.search_count([("program_id", "=", self.program.id)]),
        )
        su_rows = Score.with_user(self.super_user_a).search([("program_id", "=", self.program.id)])
        self.assertTrue(su_rows)
        self.assertEqual(su_rows.site_id, self.site_a)
        trainer_rows = Score.with_user(self.trainer_b).search(
            [("program_id", "=", self.program.id)]
        )
        self.assertEqual(trainer_rows.site_id, self.site_b)
        mine = Score.with_user(self.emp_user).search([])
        self.assertEqual((mine.level, mine.employee_id), ("employee", self.emp))
        with self.assertRaises(AccessError):
            self.program.with_user(self.exec_user).write({"threshold_green": 95})
        with self.assertRaises(AccessError):
            self.program.with_user(self.super_user_a).write({"threshold_green": 95})
        self.program.with_user(self.pmo_user).write({"threshold_green": 95})
        self.assertEqual(self.program.threshold_green, 95)

    def test_recompute_is_the_pmos(self):
        """Recomputing runs as superuser: only the PMO (and the cron) may start it."""
        Program, Wave = self.env["hc.program"], self.env["hc.program.wave"]
        for user in (self.exec_user, self.emp_user, self.super_user_a, self.trainer_a):
            for records in (self.program, self.wave, Program, Wave):
                with (
                    self.subTest(user=user.login, model=records._name),
                    self.assertRaisesRegex(AccessError, "reserved to"),
                ):
                    records.with_user(user).action_recompute_readiness()
        before = self.program.date_computed
        self.wave.with_user(self.pmo_user).action_recompute_readiness()
        self.assertGreaterEqual(self.program.date_computed, before)
        Program._cron_recompute_readiness()

    def test_engine_figures_are_owned(self):
        line = self.program.workstream_ids
        lens = self.program.lens_ids[:1]
        row = self._score("program")
        for record, vals in (
            (self.program, {"overall_score": 99.0}),
            (self.program, {"overall_rag": "green"}),
            (self.program, {"date_computed": "2020-01-01 00:00:00"}),
            (self.wave, {"score": 99.0}),
            (self.wave, {"headcount": 1}),
            (self.wave, {"rag": "green"}),
            (line, {"score": 99.0}),
            (line, {"headcount": 1}),
            (lens, {"value": 99.0}),
            (lens, {"has_evidence": True}),
            (lens, {"date_computed": "2020-01-01 00:00:00"}),
            (row, {"score": 99.0}),
            (row, {"weight": 1}),
        ):
            with self.subTest(model=record._name, vals=vals):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    record.with_user(self.pmo_user).write(vals)
                with self.assertRaises(AccessError), self.cr.savepoint():
                    record.sudo().write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.readiness.lens"].sudo().create(
                {"program_id": self.program.id, "lens": "governance", "value": 100.0}
            )

    def test_snapshots_are_taken_by_the_recompute_only(self):
        """The PMO cannot back-date (or create at all) a readiness snapshot."""
        values = {
            "program_id": self.program.id,
            "date": fields.Date.today() - timedelta(days=30),
            "lens": "user_readiness",
            "value": 95.0,
            "has_evidence": True,
            "rag": "green",
        }
        Snapshot = self.env["hc.readiness.snapshot"]
        with self.assertRaises(AccessError), self.cr.savepoint():
            Snapshot.with_user(self.pmo_user).create(values)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Snapshot.sudo().create(values)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Snapshot.with_user(self.pmo_user).create({})
        self.assertFalse(Snapshot.search([("program_id", "=", self.program.id)]))
        self.env["hc.program"]._cron_recompute_readiness()
        taken = Snapshot.search([("program_id", "=", self.program.id)])
        self.assertEqual(set(taken.mapped("date")), {fields.Date.context_today(taken)})


@tagged("post_install", "-at_install")
class TestProgramRules(HcReadinessCommon):
    def test_weights_and_thresholds(self):
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            self.program.write({"weight_process": 60.0})
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            self.program.write({"lens_weight_governance": 50.0})
        with self.assertRaisesRegex(ValidationError, "red < amber < green"):
            self.program.write({"threshold_amber": 95.0})

    def test_wave_rules(self):
        today = fields.Date.today()
        with self.assertRaisesRegex(ValidationError, "same app area"), self.cr.savepoint():
            self.env["hc.program.wave"].create(
                {
                    "program_id": self.program.id,
                    "name": "Clash",
                    "sequence": 20,
                    "go_live_date": today + timedelta(days=60),
                    "site_ids": [(6, 0, self.site_a.ids)],
                    "app_area_ids": [(6, 0, self.inventory.ids)],
                }
            )
        with self.assertRaisesRegex(ValidationError, "follow the wave order"), self.cr.savepoint():
            self.env["hc.program.wave"].create(
                {
                    "program_id": self.program.id,
                    "name": "Too early",
                    "sequence": 20,
                    "go_live_date": today,
                    "site_ids": [(6, 0, self.site_a.ids)],
                    "app_area_ids": [(6, 0, self.env.ref("hc_base.app_area_hr").ids)],
                }
            )
        with self.assertRaisesRegex(ValidationError, "not in the scope"), self.cr.savepoint():
            self.env["hc.program.wave"].create(
                {
                    "program_id": self.program.id,
                    "name": "Elsewhere",
                    "sequence": 30,
                    "go_live_date": today + timedelta(days=90),
                    "site_ids": [(6, 0, self.site_other.ids)],
                    "app_area_ids": [(6, 0, self.env.ref("hc_base.app_area_hr").ids)],
                }
            )

    def test_wave_sets_site_go_live_and_roles(self):
        self.assertEqual(self.site_a.go_live_date, self.wave.go_live_date)
        self.assertIn(self.role, self.wave.role_ids)

    def test_lens_without_any_training_says_no_evidence(self):
        empty = self.env["hc.program"].create({"name": "Empty", "company_id": self.company.id})
        empty.action_recompute_readiness()
        self.assertEqual(len(empty.lens_ids), 5)
        readiness_lenses = empty.lens_ids.filtered(lambda x: x.lens != "data_trust")
        self.assertFalse(any(readiness_lenses.mapped("has_evidence")))
        self.assertIn(
            "No evidence",
            readiness_lenses.filtered(lambda x: x.lens == "user_readiness").explanation,
        )

    def test_data_trust_reads_migration_runs(self):
        self.env["hc.migration.run"].search([]).unlink()
        self.env["hc.migration.signoff"].search([]).unlink()
        self.program.action_recompute_readiness()
        lens = self.program.lens_ids.filtered(lambda x: x.lens == "data_trust")
        self.assertFalse(lens.has_evidence)
        domain = self.env.ref("hc_migration.domain_suppliers")
        run = self.env["hc.migration.run"].create({"domain_id": domain.id})
        with workflow_scope("hc.migration.run", {"state", "reject_rate"}):  # fixture
            run.write({"state": "loaded", "reject_rate": 10.0})
        domain.owner_id = self.env.user
        domain.action_sign_off("cleansing", exception_reason="Fixture: accepted exception")
        self.program.action_recompute_readiness()
        lens = self.program.lens_ids.filtered(lambda x: x.lens == "data_trust")
        self.assertTrue(lens.has_evidence)
        operational = self.env["hc.migration.domain"].search(
            [("scope", "=", "operational"), ("company_id", "in", [self.company.id, False])]
        )
        weights = {"high": 3, "medium": 2, "low": 1}
        expected = (
            (0.7 * 90 + 0.3 * 100 / 3)
            * weights[domain.criticality]
            / sum(weights[d.criticality] for d in operational)
        )
        self.assertAlmostEqual(lens.value, expected, places=1)

    def test_scorecard_renders(self):
        self.program.action_recompute_readiness()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_readiness.report_executive_scorecard", self.program.ids
        )
        html = html.decode()
        for text in (
            "Go-live readiness scorecard",
            "User readiness",
            "No evidence",
            "Top gaps",
            "Count discrepancy drill",
        ):
            self.assertIn(text, html)
