"""The README's PMO, governance, stage-gate, discovery and go-live walkthroughs, clicked
through as the demo logins the README names.

They run on the Northbridge demo data and are skipped without it (the tours of
``test_tour.py``, ``test_discovery_tour.py`` and ``test_floor_tour.py`` build their own data
and cover the same screens without demo).
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.hc_base.tests.demo_tour_common import DemoTourMixin


@tagged("post_install", "-at_install")
class TestPmoDemoTours(DemoTourMixin, HttpCase):
    def test_pmo_readiness_and_executive_scorecard(self):
        """For the PMO, as priya then daniel: dashboard, by role, missing completions,
        programme, recompute, lenses, reporting, spreadsheet dashboard, scorecard PDF."""
        self.demo_user("hc_base.user_priya_demo")
        self.demo_user("hc_base.user_daniel_demo")
        program = self.env.ref("hc_readiness.program_northbridge_demo")
        self.start_tour("/odoo", "hc_demo_pmo_readiness_tour", login="priya", timeout=180)
        self.start_tour("/odoo", "hc_demo_executive_readonly_tour", login="daniel", timeout=90)
        for login in ("priya", "daniel"):
            self.assert_pdf_download(login, "hc_readiness.report_executive_scorecard", program)

    def test_governance_and_customization_decision(self):
        """Governance, as priya (bodies, decision rights, RAID, heat map, requests) and grace
        (the design authority rejects a request in favour of the standard)."""
        grace = self.demo_user("hc_base.user_grace_demo")
        self.demo_user("hc_base.user_priya_demo")
        request = self.env["hc.customization.request"].search(
            [("name", "like", "Sterile kit tracking")]
        )
        self.start_tour("/odoo", "hc_demo_pmo_governance_tour", login="priya", timeout=120)
        self.start_tour("/odoo", "hc_demo_design_authority_request_tour", login="grace", timeout=90)
        self.assertEqual((request.state, request.decided_by_id), ("rejected", grace))

    def test_stage_gate_approved_and_decided(self):
        """Stage gates: the PMO body's gate approver (omar) approves the migration readiness
        gate in review, the PMO (priya) decides a conditional go with a condition, and the
        decision's evidence pack prints."""
        omar = self.demo_user("hc_base.user_omar_demo")
        self.demo_user("hc_base.user_priya_demo")
        gate = self.env.ref("hc_readiness.gate_migration_demo")
        self.start_tour("/odoo", "hc_demo_gate_approver_tour", login="omar", timeout=90)
        self.assertIn(omar, gate.approval_ids.user_id)
        self.start_tour("/odoo", "hc_demo_gate_pmo_decides_tour", login="priya", timeout=120)
        self.assertEqual((gate.state, gate.decision), ("decided", "conditional"))
        snapshot = gate.snapshot_ids.filtered(lambda s: s.reason == "decision")
        self.assertTrue(snapshot)
        self.assert_pdf_download("priya", "hc_readiness.report_gate_evidence_pack", snapshot)


@tagged("post_install", "-at_install")
class TestDiscoveryDemoTours(DemoTourMixin, HttpCase):
    def test_discovery_exception_approved_and_baseline_printed(self):
        """Discovery, as ines (catalog, baseline, matrix, a local exception submitted,
        workarounds, gap register, process baseline PDF) and grace (approves it)."""
        self.demo_user("hc_readiness.user_ines_demo")
        grace = self.demo_user("hc_base.user_grace_demo")
        program = self.env.ref("hc_readiness.program_northbridge_demo")
        variant = self.env.ref("hc_readiness.variant_service_ticket_routing_sag_demo")
        self.start_tour("/odoo", "hc_demo_analyst_discovery_tour", login="ines", timeout=150)
        self.assertEqual(
            (variant.classification, variant.approval_state), ("exception", "submitted")
        )
        self.start_tour("/odoo", "hc_demo_design_authority_variant_tour", login="grace", timeout=90)
        self.assertEqual((variant.approval_state, variant.approver_id), ("approved", grace))
        self.assert_pdf_download(
            "ines", "hc_readiness.report_process_baseline", program.workstream_ids
        )


@tagged("post_install", "-at_install")
class TestGoLiveDemoTours(DemoTourMixin, HttpCase):
    def test_pmo_uat_retraining_cutover_and_daily_review(self):
        """Go-live week at the desk, as priya: UAT scenarios, cycle, defects by root cause,
        targeted retraining, runbook, tasks timeline, daily review, adoption, repeat issues."""
        self.demo_user("hc_base.user_priya_demo")
        defect = self.env["hc.uat.defect"].search([("name", "like", "manual stock adjustment")])
        self.start_tour("/odoo", "hc_demo_pmo_go_live_tour", login="priya", timeout=180)
        self.assertTrue(defect.retraining_line_ids)


@tagged("post_install", "-at_install")
class TestSuperUserPhoneDemoTours(DemoTourMixin, HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_super_user_on_a_phone(self):
        """Go-live week on a phone, as sofia: log a floor issue in six taps, start and finish
        her cutover task, open her UAT run."""
        sofia = self.demo_user("hc_base.user_sofia_demo")
        self.start_tour(
            "/odoo/action-hc_readiness.hc_floor_issue_action_quick",
            "hc_demo_super_user_floor_issue_tour",
            login="sofia",
            timeout=90,
        )
        issue = self.env["hc.floor.issue"].search(
            [("description", "like", "Demo tour: theatre 2 infusion pump")]
        )
        self.assertEqual(len(issue), 1)
        self.assertEqual(
            (issue.reporter_id, issue.site_id, issue.category),
            (sofia, self.env.ref("hc_base.site_sag_demo"), "equipment"),
        )
        self.assertTrue(issue.name.startswith("FI-"))
        self.assertEqual(issue.maintenance_request_id.equipment_id, issue.equipment_id)
        task = self.env["hc.cutover.task"].search(
            [("name", "=", "Load opening stock balances after the final count")]
        )
        self.start_tour(
            f"/odoo/action-hc_readiness.hc_cutover_task_action/{task.id}",
            "hc_demo_super_user_cutover_tour",
            login="sofia",
            timeout=90,
        )
        self.assertEqual(task.state, "done")
        run = self.env["hc.uat.run"].search(
            [("scenario_id.code", "=", "UAT-MNT-01"), ("tester_ids", "in", sofia.ids)], limit=1
        )
        self.start_tour(
            f"/odoo/action-hc_readiness.hc_uat_run_action/{run.id}",
            "hc_demo_super_user_uat_tour",
            login="sofia",
            timeout=90,
        )
