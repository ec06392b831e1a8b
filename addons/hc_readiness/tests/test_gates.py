import base64
import json

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import gates
from .common import HcReadinessCommon


class GateCommon(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = cls._create_user("hc_g_approver", groups="hc_readiness.group_gate_approver")
        cls.approver_2 = cls._create_user(
            "hc_g_approver2", groups="hc_readiness.group_gate_approver"
        )
        cls.chair = cls._create_user("hc_g_chair", groups="hc_readiness.group_gate_approver")
        Body = cls.env["hc.governance.body"]
        cls.steering = Body.create(
            {
                "name": "Steering",
                "body_type": "steering",
                "program_id": cls.program.id,
                "chair_id": cls.chair.id,
            }
        )
        cls.leads = Body.create(
            {
                "name": "Leads",
                "body_type": "workstream_leads",
                "program_id": cls.program.id,
                "member_ids": [(6, 0, cls.approver.ids)],
            }
        )
        cls.env["hc.decision.right"].create(
            {"program_id": cls.program.id, "workflow": "UAT exit", "approve_body_id": cls.leads.id}
        )
        cls.uat_type = cls.env.ref("hc_readiness.gate_type_uat_exit")
        cls.go_live_type = cls.env.ref("hc_readiness.gate_type_go_live")
        cls.program.gates_in_order = False

    def _gate(self, gate_type=None, **vals):
        values = {"program_id": self.program.id, "gate_type_id": (gate_type or self.uat_type).id}
        values.update(vals)
        return self.env["hc.gate"].with_user(self.pmo_user).create(values)

    def _raid_critical(self):
        return self.env["hc.raid.item"].create(
            {
                "name": "Interface truncates serials",
                "raid_type": "issue",
                "severity": "critical",
                "program_id": self.program.id,
            }
        )

    def _attach(self, criterion):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.pmo_user)
            .create({"name": "uat-exit.pdf", "datas": base64.b64encode(b"UAT exit report")})
        )
        criterion.attachment_ids = attachment
        return attachment


@tagged("post_install", "-at_install")
class TestGates(GateCommon):
    def test_metric_providers(self):
        gate = self._gate()
        self.program._recompute_readiness()
        value, _why = gate._metric_user_readiness()
        program_score = self.env["hc.readiness.score"].search(
            [("program_id", "=", self.program.id), ("level", "=", "program")]
        )
        self.assertEqual(value, program_score.score)
        self.assertEqual(gate._metric_open_critical_raid()[0], 0.0)
        self._raid_critical()
        self.assertEqual(gate._metric_open_critical_raid()[0], 1.0)
        self.env["hc.customization.request"].create(
            {"name": "x", "program_id": self.program.id, "description": "<p>x</p>"}
        )
        self.assertEqual(gate._metric_undecided_customizations()[0], 1.0)

    def test_every_feature_registers_its_metrics(self):
        """Each feature's file adds its metrics to the registry: the criterion's selection
        lists all of them, and each one computes (value or None, explanation) for a gate."""
        expected = {
            "user_readiness",
            "data_trust",
            "mock_runs_critical",
            "open_critical_raid",
            "undecided_customizations",
            "hypercare_open_critical",
            "hypercare_issue_rate",
            "hypercare_sla_breaches",
            "discovery_baseline_coverage",
            "discovery_variants_classified",
            "discovery_exceptions_approved",
            "discovery_open_workarounds",
            "discovery_open_workarounds_high",
            "discovery_gaps_agreed",
            "uat_critical_pass_rate",
            "uat_open_critical_defects",
            "runbook_completion",
            "open_rollback_triggers",
        }
        gate = self._gate()
        providers = gate._metric_providers()
        self.assertLessEqual(expected, set(providers))
        for model in ("hc.gate.criterion", "hc.gate.criterion.template"):
            selection = dict(self.env[model]._fields["metric"]._description_selection(self.env))
            self.assertLessEqual(expected, set(selection), model)
        for code, spec in providers.items():
            self.assertIn(spec["kind"], (gates.PERCENT, gates.COUNT), code)
            self.assertEqual(selection[code], spec["label"])
            value, explanation = getattr(gate, spec["method"])()
            self.assertTrue(value is None or isinstance(value, int | float), code)
            self.assertTrue(explanation, code)

    def test_threshold_of_the_wrong_type(self):
        with self.assertRaisesRegex(ValidationError, "whole number"), self.cr.savepoint():
            self.env["hc.gate.criterion.template"].create(
                {
                    "gate_type_id": self.uat_type.id,
                    "name": "Half an issue",
                    "metric": "open_critical_raid",
                    "threshold": 0.5,
                }
            )
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"), self.cr.savepoint():
            self.env["hc.gate.criterion.template"].create(
                {
                    "gate_type_id": self.uat_type.id,
                    "name": "Too ready",
                    "metric": "user_readiness",
                    "threshold": 120,
                }
            )

    def test_uat_exit_fails_is_recycled_then_approved_and_decided(self):
        raid = self._raid_critical()
        gate = self._gate()
        gate.action_collect_evidence()
        self.assertEqual(len(gate.criterion_ids), len(self.uat_type.template_ids))
        report = gate.criterion_ids.filtered(lambda c: c.kind == "document")
        with self.assertRaisesRegex(UserError, "Evidence document missing"):
            gate.with_user(self.pmo_user).action_submit_review()
        attachment = self._attach(report)
        gate.with_user(self.pmo_user).action_submit_review()
        self.assertEqual(gate.state, "review")
        raid_criterion = gate.criterion_ids.filtered(lambda c: c.metric == "open_critical_raid")
        self.assertFalse(raid_criterion.passed)
        self.assertEqual(raid_criterion.value, 1.0)
        # recycle with reasons
        with self.assertRaisesRegex(UserError, "reasons"):
            gate.with_user(self.pmo_user).action_recycle()
        gate.decision_note = "Critical interface issue still open."
        gate.with_user(self.pmo_user).action_recycle()
        self.assertEqual((gate.state, gate.recycle_count), ("evidence", 1))
        raid.state = "closed"
        gate.with_user(self.pmo_user).action_submit_review()
        self.assertTrue(raid_criterion.passed)
        # approvals follow the decision-rights matrix
        self.assertEqual(gate.required_body_ids, self.leads)
        with self.assertRaisesRegex(UserError, "approval missing from Leads"):
            gate.with_user(self.pmo_user).action_decide_go()
        Approval = self.env["hc.gate.approval"]
        with self.assertRaises(AccessError):
            Approval.with_user(self.approver_2).create(
                {"gate_id": gate.id, "body_id": self.leads.id, "vote": "approve", "comment": "ok"}
            )
        with self.assertRaises(AccessError):
            Approval.with_user(self.approver_2).create(
                {
                    "gate_id": gate.id,
                    "body_id": self.leads.id,
                    "user_id": self.approver.id,
                    "vote": "approve",
                    "comment": "on behalf",
                }
            )
        approval = Approval.with_user(self.approver).create(
            {"gate_id": gate.id, "body_id": self.leads.id, "vote": "approve", "comment": "Passed."}
        )
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            Approval.with_user(self.approver).create(
                {"gate_id": gate.id, "body_id": self.leads.id, "vote": "reject", "comment": "2"}
            )
        with self.assertRaises(AccessError):
            approval.with_user(self.approver).write({"vote": "reject"})
        gate.with_user(self.pmo_user).action_decide_go()
        self.assertEqual((gate.state, gate.decision), ("decided", "go"))
        # snapshots: review, recycle, review, decision; immutable and complete
        self.assertEqual(
            sorted(gate.snapshot_ids.mapped("reason")), ["decision", "recycle", "review", "review"]
        )
        final = gate.snapshot_ids.filtered(lambda s: s.reason == "decision")
        data = json.loads(final.content)
        self.assertEqual(data["decision"], "go")
        self.assertEqual(data["approvals"][0]["user"], self.approver.name)
        docs = next(c for c in data["criteria"] if c["kind"] == "document")
        self.assertEqual(docs["attachments"][0]["checksum"], attachment.checksum)
        with self.assertRaises(AccessError):
            final.with_user(self.pmo_user).write({"passed": False})
        with self.assertRaises(AccessError):
            final.with_user(self.pmo_user).unlink()
        with self.assertRaises(AccessError):
            gate.with_user(self.pmo_user).write({"decision_note": "rewrite history"})
        with self.assertRaises(AccessError):
            raid_criterion.with_user(self.pmo_user).write({"threshold": 5})
        pdf, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_readiness.report_gate_evidence_pack", final.ids
        )
        self.assertIn(b"UAT exit", pdf)

    def test_conditional_go_and_steering_override(self):
        gate = self._gate(self.go_live_type)
        gate.action_collect_evidence()
        gate.with_user(self.pmo_user).action_submit_review()
        self.assertIn(self.steering, gate.required_body_ids)  # sign-off criterion
        gate.decision_note = "Go-live readiness accepted by the sponsor."
        with self.assertRaises(AccessError):
            gate.with_user(self.pmo_user).action_override_go()
        Approval = self.env["hc.gate.approval"]
        Approval.with_user(self.chair).create(
            {"gate_id": gate.id, "body_id": self.steering.id, "vote": "approve", "comment": "Yes"}
        )
        with self.assertRaisesRegex(UserError, "needs at least one condition"):
            gate.with_user(self.pmo_user).action_decide_conditional()
        gate.condition_ids = [
            (
                0,
                0,
                {
                    "name": "RCH night shift trained",
                    "owner_id": self.pmo_user.id,
                    "date_due": "2030-01-01",
                },
            )
        ]
        gate.with_user(self.pmo_user).action_decide_conditional()
        self.assertEqual(gate.decision, "conditional")
        self.assertEqual(gate.open_condition_count, 1)

    def test_override_by_steering_member(self):
        gate = self._gate()
        gate.action_collect_evidence()
        self._attach(gate.criterion_ids.filtered(lambda c: c.kind == "document"))
        gate.with_user(self.pmo_user).action_submit_review()
        gate.decision_note = "Leads unavailable; risk accepted by the steering committee."
        gate.with_user(self.chair).action_override_go()
        self.assertEqual(gate.decision, "go")
        # the recorded reason is the note, and names what it overrides
        self.assertIn(gate.decision_note, gate.override_reason)
        self.assertIn("Approvals missing from: Leads", gate.override_reason)

    def test_gates_in_order(self):
        self.program.gates_in_order = True
        design = self._gate(self.env.ref("hc_readiness.gate_type_design"))
        uat = self._gate()
        uat.action_collect_evidence()
        self._attach(uat.criterion_ids.filtered(lambda c: c.kind == "document"))
        with self.assertRaisesRegex(UserError, "before Design approval"):
            uat.with_user(self.pmo_user).action_submit_review()
        self.assertEqual(design.state, "draft")

    def test_access_by_role(self):
        gate = self._gate()
        with self.assertRaises(AccessError):
            gate.with_user(self.exec_user).action_collect_evidence()
        with self.assertRaises(AccessError):
            self.env["hc.gate"].with_user(self.approver).create(
                {"program_id": self.program.id, "gate_type_id": self.uat_type.id}
            )
        self.assertEqual(gate.with_user(self.exec_user).state, "draft")
        with self.assertRaises(AccessError):
            self.uat_type.with_user(self.exec_user).write({"workflow": "x"})

    def test_controlled_document_as_evidence(self):
        """A document criterion is met by an attachment or by an effective version of a
        controlled document (a draft version does not count)."""
        document = self.env["hc.controlled.document"].create(
            {"name": "UAT exit procedure", "code": "WI-UAT-001", "company_id": self.company.id}
        )
        version = self.env["hc.controlled.document.version"].create(
            {
                "document_id": document.id,
                "name": "v1",
                "file": base64.b64encode(b"UAT exit procedure v1"),
                "file_name": "wi-uat-001.pdf",
            }
        )
        gate = self._gate()
        gate.action_collect_evidence()
        report = gate.criterion_ids.filtered(lambda c: c.kind == "document")
        report.document_version_id = version
        self.assertFalse(report._has_document())
        version.action_submit()
        version.action_approve()
        version.action_make_effective()
        self.assertTrue(report._has_document())
        gate.with_user(self.pmo_user).action_submit_review()
        snapshot = json.loads(gate.snapshot_ids.content)
        evidence = next(c for c in snapshot["criteria"] if c["kind"] == "document")
        self.assertEqual(evidence["document_version"]["sha256"], version.checksum)

    def test_no_go_with_a_rejection(self):
        """A rejecting approver does not count as an approval: the PMO can still decide
        no-go, which freezes the evidence and closes the gate."""
        gate = self._gate()
        gate.action_collect_evidence()
        self._attach(gate.criterion_ids.filtered(lambda c: c.kind == "document"))
        issue = self._raid_critical()
        issue.gate_id = gate
        self.assertEqual(gate.raid_ids, issue)
        gate.with_user(self.pmo_user).action_submit_review()
        self.env["hc.gate.approval"].with_user(self.approver).create(
            {"gate_id": gate.id, "body_id": self.leads.id, "vote": "reject", "comment": "Not yet"}
        )
        self.assertFalse(gate.missing_body_ids)
        self.assertEqual(gate.rejecting_body_ids, self.leads)
        with self.assertRaisesRegex(UserError, "rejected by Leads"):
            gate.with_user(self.pmo_user).action_decide_go()
        gate.decision_note = "Interface issue blocks go-live."
        gate.with_user(self.pmo_user).action_decide_no_go()
        self.assertEqual((gate.state, gate.decision), ("decided", "no_go"))
        self.assertFalse(gate.override_reason)
        decision = gate.snapshot_ids.filtered(lambda snap: snap.reason == "decision")
        self.assertEqual(json.loads(decision.content)["decision"], "no_go")


@tagged("post_install", "-at_install")
class TestGateGuards(GateCommon):
    """What a client may not do to a gate over RPC, whatever the UI shows."""

    def _gate_in_review(self, gate_type=None):
        gate = self._gate(gate_type)
        gate.with_user(self.pmo_user).action_collect_evidence()
        self._attach(gate.criterion_ids.filtered(lambda c: c.kind == "document"))
        gate.with_user(self.pmo_user).action_submit_review()
        return gate

    def _approve(self, gate, user=None, body=None):
        return (
            self.env["hc.gate.approval"]
            .with_user(user or self.approver)
            .create(
                {
                    "gate_id": gate.id,
                    "body_id": (body or self.leads).id,
                    "vote": "approve",
                    "comment": "Fine.",
                }
            )
        )

    def test_a_wave_goes_live_on_its_go_live_gate_only(self):
        wave = self.wave.with_user(self.pmo_user)
        with self.assertRaisesRegex(UserError, "go-live approval gate"):
            wave.state = "live"
        gate = self._gate(
            self.env.ref("hc_readiness.gate_type_go_live"), wave_id=self.wave.id
        ).sudo()
        # a fixture: the gate's own decision path is tested above
        with workflow_scope("hc.gate", {"state", "decision"}):
            gate.write({"state": "decided", "decision": "no_go"})
        with self.assertRaisesRegex(UserError, "go-live approval gate"):
            wave.state = "live"
        with workflow_scope("hc.gate", {"decision"}):
            gate.decision = "go"
        wave.state = "live"
        self.assertEqual(self.wave.state, "live")

    def test_only_the_pmo_decides(self):
        gate = self._gate_in_review()
        self._approve(gate)
        # an executive and a gate approver (even one who approved) cannot decide
        for user in (self.exec_user, self.approver, self.chair):
            for action in ("action_decide_go", "action_decide_conditional", "action_decide_no_go"):
                with self.subTest(user=user.login, action=action):
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        getattr(gate.with_user(user), action)()
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        getattr(self.env["hc.gate"].with_user(user), action)()
        self.assertEqual(gate.state, "review")
        for action in ("action_collect_evidence", "action_evaluate", "action_recycle"):
            with self.assertRaises(AccessError), self.cr.savepoint():
                getattr(gate.with_user(self.approver), action)()
        gate.with_user(self.pmo_user).action_decide_go()
        self.assertEqual((gate.state, gate.decided_by_id), ("decided", self.pmo_user))

    def test_override_is_the_steering_committees_role_first(self):
        gate = self._gate_in_review()
        gate.decision_note = "Risk accepted."
        # a steering member without a deciding role is refused before anything runs
        self.steering.member_ids = [(4, self.exec_user.id)]
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            gate.with_user(self.exec_user).action_override_go()
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            self.env["hc.gate"].with_user(self.exec_user).action_override_go()
        # a gate approver outside the steering committee is refused
        with self.assertRaisesRegex(AccessError, "steering committee"), self.cr.savepoint():
            gate.with_user(self.approver).action_override_go()
        self.assertEqual(gate.state, "review")
        # nothing to override once every body approved: the PMO decides
        self._approve(gate)
        with self.assertRaisesRegex(UserError, "nothing to override"), self.cr.savepoint():
            gate.with_user(self.chair).action_override_go()

    def test_decision_fields_are_owned(self):
        gate = self._gate_in_review()
        as_pmo = gate.with_user(self.pmo_user)
        for vals in (
            {"state": "decided"},
            {"decision": "go"},
            {"decided_by_id": self.chair.id},
            {"date_decided": "2020-01-01 10:00:00"},
            {"override_reason": "forged"},
            {"recycle_count": 0},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    as_pmo.write(vals)
                with self.assertRaises(AccessError), self.cr.savepoint():
                    gate.sudo().write(vals)
        self.assertEqual((gate.state, gate.decision), ("review", False))
        # create mirrors write: no gate is born decided
        Gate = self.env["hc.gate"].with_user(self.pmo_user)
        for vals in (
            {"state": "decided"},
            {"decision": "go"},
            {"decided_by_id": self.pmo_user.id},
            {"date_decided": "2020-01-01 10:00:00"},
        ):
            with self.subTest(create=vals), self.assertRaises(AccessError), self.cr.savepoint():
                Gate.create(
                    {"program_id": self.program.id, "gate_type_id": self.uat_type.id, **vals}
                )
        with self.assertRaises(AccessError), self.cr.savepoint():
            Gate.create(
                {
                    "program_id": self.program.id,
                    "gate_type_id": self.uat_type.id,
                    "criterion_ids": [(0, 0, {"name": "Forged", "kind": "document", "passed": 1})],
                }
            )
        # the scope of the evidence is fixed once the gate leaves draft
        with self.assertRaisesRegex(UserError, "fixed"), self.cr.savepoint():
            as_pmo.write({"site_id": self.site_a.id})

    def test_frozen_criteria_conditions_and_approvals(self):
        gate = self._gate_in_review()
        criterion = gate.criterion_ids[:1]
        Criterion = self.env["hc.gate.criterion"].with_user(self.pmo_user)
        Condition = self.env["hc.gate.condition"].with_user(self.pmo_user)
        # in review the criteria are the frozen evidence: recycle to change them
        with self.assertRaises(AccessError), self.cr.savepoint():
            Criterion.create({"gate_id": gate.id, "name": "Added late", "kind": "document"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            criterion.with_user(self.pmo_user).write({"threshold": 99})
        with self.assertRaises(AccessError), self.cr.savepoint():
            criterion.with_user(self.pmo_user).write({"passed": True})
        condition = Condition.create(
            {
                "gate_id": gate.id,
                "name": "Night shift",
                "owner_id": self.pmo_user.id,
                "date_due": "2030-01-01",
            }
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            Condition.create(
                {
                    "gate_id": gate.id,
                    "name": "Closed already",
                    "owner_id": self.pmo_user.id,
                    "date_due": "2030-01-01",
                    "state": "done",
                }
            )
        self._approve(gate)
        gate.with_user(self.pmo_user).action_decide_conditional()
        # decided: criteria and conditions are neither added, changed nor removed
        with self.assertRaises(AccessError), self.cr.savepoint():
            Criterion.create({"gate_id": gate.id, "name": "Added after", "kind": "document"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            criterion.with_user(self.pmo_user).unlink()
        with self.assertRaises(AccessError), self.cr.savepoint():
            Condition.create(
                {
                    "gate_id": gate.id,
                    "name": "Added after",
                    "owner_id": self.pmo_user.id,
                    "date_due": "2030-01-01",
                }
            )
        with self.assertRaises(AccessError), self.cr.savepoint():
            condition.with_user(self.pmo_user).write({"date_due": "2035-01-01"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            condition.with_user(self.pmo_user).write({"state": "done"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            condition.with_user(self.pmo_user).unlink()
        with self.assertRaises(UserError), self.cr.savepoint():
            gate.with_user(self.pmo_user).action_evaluate()
        # a condition is closed by the PMO with its button
        with self.assertRaises(AccessError), self.cr.savepoint():
            condition.with_user(self.exec_user).action_close()
        condition.with_user(self.pmo_user).action_close()
        self.assertEqual(condition.state, "done")
        # no approval on a decided gate, and approvals are never changed or removed
        with self.assertRaisesRegex(UserError, "not in review"), self.cr.savepoint():
            self._approve(gate, user=self.chair, body=self.steering)
        approval = gate.approval_ids
        for call in (lambda a: a.write({"comment": "x"}), lambda a: a.unlink()):
            with self.assertRaises(AccessError), self.cr.savepoint():
                call(approval.with_user(self.approver))
            with self.assertRaises(AccessError), self.cr.savepoint():
                call(approval.sudo())

    def test_approvals_in_own_name_for_own_bodies(self):
        gate = self._gate_in_review(self.go_live_type)  # the steering committee signs off
        Approval = self.env["hc.gate.approval"]
        # not a member of the body
        with self.assertRaisesRegex(AccessError, "not a member"), self.cr.savepoint():
            self._approve(gate, user=self.approver, body=self.steering)
        # a body that does not approve the gate
        other = self.env["hc.governance.body"].create(
            {
                "name": "Other",
                "program_id": self.program.id,
                "member_ids": [(6, 0, self.approver.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "does not approve"), self.cr.savepoint():
            self._approve(gate, user=self.approver, body=other)
        # the voter is the caller, set by the server: not even one's own id is sent
        for user_id in (self.approver.id, self.chair.id):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Approval.with_user(self.chair).create(
                    {
                        "gate_id": gate.id,
                        "body_id": self.steering.id,
                        "user_id": user_id,
                        "vote": "approve",
                        "comment": "x",
                    }
                )
        # only gate approvers give decisions (the PMO decides the gate itself)
        self.steering.member_ids = [(4, self.pmo_user.id)]
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            self._approve(gate, user=self.pmo_user, body=self.steering)
        approval = self._approve(gate, user=self.chair, body=self.steering)
        self.assertEqual((approval.user_id, approval.vote), (self.chair, "approve"))
        self.assertTrue(approval.create_date)

    def test_snapshots_only_by_the_workflow(self):
        gate = self._gate_in_review()
        values = {
            "gate_id": gate.id,
            "reason": "decision",
            "user_id": self.pmo_user.id,
            "content": "{}",
            "passed": True,
        }
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.gate.snapshot"].with_user(self.pmo_user).create(values)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.gate.snapshot"].sudo().create(values)
        self.assertEqual(gate.snapshot_ids.mapped("reason"), ["review"])
        snapshot = gate.snapshot_ids
        self.assertEqual(snapshot.user_id, self.pmo_user)
        with self.assertRaises(AccessError), self.cr.savepoint():
            snapshot.sudo().write({"content": "{}"})
