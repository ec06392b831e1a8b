from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_uat import create_passed_critical_run


@tagged("post_install", "-at_install")
class TestReadinessTour(HttpCase):
    def test_pmo_opens_readiness_app(self):
        new_test_user(self.env, login="hc_tour_pmo", groups="hc_readiness.group_pmo")
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_readiness_open_app_tour", login="hc_tour_pmo")

    def test_pmo_drills_from_red_site_to_missing_completions(self):
        new_test_user(self.env, login="hc_tour_pmo2", groups="hc_readiness.group_pmo")
        site = self.env["hc.site"].create({"name": "Tour Red Hospital", "code": "TRH"})
        area = self.env.ref("hc_base.app_area_inventory")
        role = self.env["hc.training.role"].create(
            {"name": "Tour red role", "code": "TOUR-RED", "app_area_ids": [(6, 0, area.ids)]}
        )
        path = self.env["hc.learning.path"].create(
            {
                "name": "Tour red path",
                "role_id": role.id,
                "step_ids": [(0, 0, {"name": "Tour red drill", "kind": "session"})],
            }
        )
        path.action_publish()
        employee = self.env["hr.employee"].create({"name": "Tour Ruth Red", "hc_site_id": site.id})
        self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": employee.id, "path_id": path.id}]
        )
        program = self.env["hc.program"].create(
            {"name": "Tour programme", "site_ids": [(6, 0, site.ids)]}
        )
        self.env["hc.program.wave"].create(
            {
                "program_id": program.id,
                "name": "Tour Wave",
                "go_live_date": fields.Date.today() + timedelta(days=10),
                "site_ids": [(6, 0, site.ids)],
                "app_area_ids": [(6, 0, area.ids)],
            }
        )
        program.action_recompute_readiness()
        self.start_tour("/odoo", "hc_readiness_dashboard_tour", login="hc_tour_pmo2")

    def test_executive_opens_spreadsheet_dashboard(self):
        new_test_user(self.env, login="hc_tour_exec", groups="hc_readiness.group_executive")
        self.start_tour("/odoo", "hc_readiness_spreadsheet_tour", login="hc_tour_exec")


@tagged("post_install", "-at_install")
class TestGateTour(HttpCase):
    def test_uat_exit_gate_recycled_then_approved_and_decided(self):
        """PMO opens the UAT-exit gate for review, a criterion fails and the gate is
        recycled; evidence is added; the approver approves; the PMO decides go; the
        evidence pack prints."""
        pmo = new_test_user(self.env, login="hc_tour_gate_pmo", groups="hc_readiness.group_pmo")
        approver = new_test_user(
            self.env, login="hc_tour_gate_approver", groups="hc_readiness.group_gate_approver"
        )
        program = self.env["hc.program"].create({"name": "Tour gate programme"})
        leads = self.env["hc.governance.body"].create(
            {
                "name": "Tour Leads",
                "body_type": "workstream_leads",
                "program_id": program.id,
                "member_ids": [(6, 0, approver.ids)],
            }
        )
        self.env["hc.decision.right"].create(
            {"program_id": program.id, "workflow": "UAT exit", "approve_body_id": leads.id}
        )
        issue = self.env["hc.raid.item"].create(
            {
                "name": "Tour interface issue",
                "raid_type": "issue",
                "severity": "critical",
                "program_id": program.id,
            }
        )
        create_passed_critical_run(self.env, program)
        gate = self.env["hc.gate"].create(
            {
                "program_id": program.id,
                "gate_type_id": self.env.ref("hc_readiness.gate_type_uat_exit").id,
            }
        )
        gate.with_user(pmo).action_collect_evidence()
        report = gate.criterion_ids.filtered(lambda c: c.kind == "document")
        report.attachment_ids = (
            self.env["ir.attachment"]
            .with_user(pmo)
            .create({"name": "uat-exit-draft.pdf", "raw": b"draft UAT exit report"})
        )
        url = f"/odoo/action-hc_readiness.hc_gate_action/{gate.id}"
        self.start_tour(url, "hc_gate_pmo_recycle_tour", login="hc_tour_gate_pmo")
        self.assertEqual((gate.state, gate.recycle_count), ("evidence", 1))
        # the evidence is added: the issue is fixed and the final report attached
        issue.state = "closed"
        report.attachment_ids |= (
            self.env["ir.attachment"]
            .with_user(pmo)
            .create({"name": "uat-exit-final.pdf", "raw": b"final UAT exit report"})
        )
        self.start_tour(url, "hc_gate_pmo_review_tour", login="hc_tour_gate_pmo")
        self.assertEqual(gate.state, "review")
        self.start_tour(url, "hc_gate_approver_tour", login="hc_tour_gate_approver")
        self.assertEqual(gate.approval_ids.user_id, approver)
        self.start_tour(url, "hc_gate_pmo_decide_tour", login="hc_tour_gate_pmo")
        self.assertEqual((gate.state, gate.decision), ("decided", "go"))
        snapshot = gate.snapshot_ids.filtered(lambda s: s.reason == "decision")
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = reports._render_qweb_pdf(
            "hc_readiness.action_report_gate_evidence_pack", snapshot.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # decided gates, their approvals and snapshots are read-only, also through RPC
        self.authenticate("hc_tour_gate_pmo", "hc_tour_gate_pmo")
        for model, record, vals in (
            ("hc.gate", gate, {"decision_note": "rewritten"}),
            ("hc.gate.snapshot", snapshot, {"passed": False}),
            ("hc.gate.approval", gate.approval_ids, {"vote": "reject"}),
        ):
            with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/write",
                    {
                        "model": model,
                        "method": "write",
                        "args": [record.ids, vals],
                        "kwargs": {},
                    },
                )
        self.assertNotEqual(gate.decision_note, "rewritten")
        self.assertTrue(snapshot.passed)
        self.assertEqual(gate.approval_ids.vote, "approve")


@tagged("post_install", "-at_install")
class TestUatTour(HttpCase):
    def test_super_user_fails_a_step_and_proposes_retraining(self):
        site = self.env["hc.site"].create({"name": "Tour UAT Hospital", "code": "TUH"})
        user = new_test_user(
            self.env, login="hc_tour_uat_su", groups="hc_readiness.group_super_user"
        )
        user.hc_site_ids = site
        area = self.env.ref("hc_base.app_area_inventory")
        role = self.env["hc.training.role"].create(
            {"name": "Tour UAT role", "code": "TOUR-UAT", "app_area_ids": [(6, 0, area.ids)]}
        )
        path = self.env["hc.learning.path"].create(
            {
                "name": "Tour UAT path",
                "role_id": role.id,
                "step_ids": [(0, 0, {"name": "Tour replenishment drill", "kind": "session"})],
            }
        )
        path.action_publish()
        employee = self.env["hr.employee"].create(
            {"name": "Tour Tess", "hc_site_id": site.id, "user_id": user.id}
        )
        scenario = self.env["hc.uat.scenario"].create(
            {
                "name": "Tour chain",
                "code": "TOUR-UAT-1",
                "criticality": "critical",
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 10,
                            "name": "Tour log the fault",
                            "app_area_id": area.id,
                            "expected_result": "Logged",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 20,
                            "name": "Tour raise replenishment",
                            "app_area_id": area.id,
                            "role_id": role.id,
                            "training_step_id": path.step_ids.id,
                            "expected_result": "Purchase requirement",
                        },
                    ),
                ],
            }
        )
        program = self.env["hc.program"].create(
            {"name": "Tour UAT programme", "site_ids": [(6, 0, site.ids)]}
        )
        wave = self.env["hc.program.wave"].create(
            {
                "program_id": program.id,
                "name": "Tour UAT wave",
                "go_live_date": fields.Date.today() + timedelta(days=10),
                "site_ids": [(6, 0, site.ids)],
                "app_area_ids": [(6, 0, area.ids)],
            }
        )
        cycle = self.env["hc.uat.cycle"].create(
            {
                "name": "Tour cycle",
                "program_id": program.id,
                "wave_id": wave.id,
                "site_id": site.id,
            }
        )
        cycle.action_start()
        run = self.env["hc.uat.run"].create(
            {"cycle_id": cycle.id, "scenario_id": scenario.id, "tester_ids": [(6, 0, user.ids)]}
        )
        url = f"/odoo/action-hc_readiness.hc_uat_run_action/{run.id}"
        self.start_tour(url, "hc_uat_retraining_tour", login="hc_tour_uat_su")
        defect = run.defect_ids
        self.assertEqual(defect.root_cause, "training_gap")
        self.assertEqual(run.state, "failed")
        self.assertEqual(defect.retraining_line_ids.employee_id, employee)
        self.assertEqual(defect.retraining_line_ids.state, "todo")
