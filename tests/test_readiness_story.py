"""Cross-module: the demo programme reads the demo training records (hc_training) of the demo
hospital group (hc_base) through the readiness engine (hc_readiness)."""

import base64
import json

from suite_case import SuiteTransactionCase as TransactionCase


class TestReadinessDemoStory(TransactionCase):
    def setUp(self):
        super().setUp()
        self.program = self.env.ref(
            "hc_readiness.program_northbridge_demo", raise_if_not_found=False
        )
        if not self.program:
            self.skipTest("database installed without demo data")

    def test_sites_show_a_mix_of_red_amber_green(self):
        sites = self.env["hc.readiness.score"].search(
            [("program_id", "=", self.program.id), ("level", "=", "site")]
        )
        self.assertEqual(len(sites.site_id), 3)
        self.assertEqual(set(sites.mapped("rag")), {"red", "amber", "green"})

    def test_five_lenses_with_evidence_or_not(self):
        lenses = self.program.lens_ids
        self.assertEqual(len(lenses), 5)
        with_evidence = set(lenses.filtered("has_evidence").mapped("lens"))
        self.assertLessEqual({"user_readiness", "scalability"}, with_evidence)
        self.assertTrue(
            self.env["hc.readiness.snapshot"].search_count([("program_id", "=", self.program.id)])
            >= 28
        )

    def test_recompute_matches_stored_scores(self):
        before = {
            (r.level, r.wave_id.id, r.site_id.id, r.role_id.id, r.employee_id.id): r.score
            for r in self.env["hc.readiness.score"].search([("program_id", "=", self.program.id)])
        }
        self.program.action_recompute_readiness()
        after = {
            (r.level, r.wave_id.id, r.site_id.id, r.role_id.id, r.employee_id.id): r.score
            for r in self.env["hc.readiness.score"].search([("program_id", "=", self.program.id)])
        }
        self.assertEqual(before, after)

    def test_spreadsheet_dashboard_reads_live_models(self):
        dashboard = self.env.ref("hc_readiness.spreadsheet_dashboard_go_live_readiness")
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        models = {pivot["model"] for pivot in data["pivots"].values()}
        self.assertEqual(models, {"hc.readiness.lens", "hc.readiness.score"})
        for pivot in data["pivots"].values():
            Model = self.env[pivot["model"]]
            for measure in pivot["measures"]:
                self.assertIn(measure["fieldName"], Model._fields)
            for row in pivot["rows"] + pivot["columns"]:
                self.assertIn(row["fieldName"], Model._fields)
            self.assertTrue(Model.search_count(pivot["domain"]))
