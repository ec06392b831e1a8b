"""Gate decisions as the roles make them: who is offered *Give My Decision* (and may give
it), what the decision dialogs show, and what a steering override records.

Users are built with the README's groups; with the demo data the same journey runs as the
demo logins (priya, grace, omar) on the demo gate in review."""

import json

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .test_gates import GateCommon

PMO = "hc_readiness.group_pmo"
GATE_APPROVER = "hc_readiness.group_gate_approver"


class GateDecisionCommon(GateCommon):
    def _gate_in_review(self, gate_type=None, failing=True):
        """A UAT-exit gate in review whose RAID criterion fails (one critical issue open)."""
        if failing:
            self._raid_critical()
        gate = self._gate(gate_type)
        gate.with_user(self.pmo_user).action_collect_evidence()
        self._attach(gate.criterion_ids.filtered(lambda c: c.kind == "document"))
        gate.with_user(self.pmo_user).action_submit_review()
        return gate

    def _header_buttons(self, record, user):
        """(name, label, context) of the header buttons ``user`` sees on ``record``'s form:
        the view rendered for the user (``groups`` applied), ``invisible`` evaluated on the
        record as the user reads it."""
        record = record.with_user(user)
        arch = record.get_view(view_type="form")["arch"]
        values = {"uid": user.id, "context": {}}
        for fname in record._fields:
            values[fname] = record[fname]
        values["id"] = record.id
        shown = []
        for button in etree.fromstring(arch).iterfind(".//header/button"):
            if safe_eval(button.get("invisible") or "False", values):
                continue
            context = safe_eval(button.get("context") or "{}", values)
            shown.append((button.get("name"), button.get("string"), context))
        return shown

    def _approval_vals(self, gate, body, vote="approve"):
        return {"gate_id": gate.id, "body_id": body.id, "vote": vote, "comment": "Seen."}


@tagged("post_install", "-at_install")
class TestGiveMyDecision(GateDecisionCommon):
    def test_a_member_of_the_required_body_decides_a_non_member_does_not(self):
        gate = self._gate_in_review()
        self.assertEqual(gate.required_body_ids, self.leads)
        Approval = self.env["hc.gate.approval"]
        # the member of the body the decision-rights matrix requires: offered, and it works
        as_member = gate.with_user(self.approver)
        self.assertTrue(as_member.can_give_decision)
        self.assertEqual(as_member.my_decision_body_ids, self.leads)
        labels = [label for _n, label, _c in self._header_buttons(gate, self.approver)]
        self.assertIn("Give My Decision", labels)
        action = as_member.action_open_my_decision()
        self.assertEqual(action["context"]["default_body_id"], self.leads.id)
        dialog = Approval.with_user(self.approver).new({"gate_id": gate.id})
        self.assertEqual(dialog.allowed_body_ids._origin, self.leads)
        defaults = (
            Approval.with_user(self.approver)
            .with_context(default_gate_id=gate.id)
            .default_get(["gate_id", "body_id"])
        )
        self.assertEqual(defaults["body_id"], self.leads.id)
        # a gate approver on no required body: not offered, refused
        self.assertFalse(gate.with_user(self.approver_2).can_give_decision)
        labels = [label for _n, label, _c in self._header_buttons(gate, self.approver_2)]
        self.assertNotIn("Give My Decision", labels)
        with self.assertRaisesRegex(UserError, "none of the bodies"), self.cr.savepoint():
            gate.with_user(self.approver_2).action_open_my_decision()
        with self.assertRaisesRegex(AccessError, "not a member"), self.cr.savepoint():
            Approval.with_user(self.approver_2).create(self._approval_vals(gate, self.leads))
        # ... even when on another body: only the bodies the gate requires are offered
        other = self.env["hc.governance.body"].create(
            {"name": "Other", "program_id": self.program.id, "member_ids": self.approver_2.ids}
        )
        self.assertFalse(gate.with_user(self.approver_2).my_decision_body_ids)
        with self.assertRaisesRegex(UserError, "does not approve"), self.cr.savepoint():
            Approval.with_user(self.approver_2).create(self._approval_vals(gate, other))
        # the member decides for the body
        Approval.with_user(self.approver).create(self._approval_vals(gate, self.leads))
        self.assertFalse(gate.missing_body_ids)
        self.assertFalse(gate.with_user(self.approver).can_give_decision)
        with self.assertRaisesRegex(UserError, "already given"), self.cr.savepoint():
            gate.with_user(self.approver).action_open_my_decision()
        # a second member of a body that has decided is not offered it, and is refused
        self.leads.member_ids = [(4, self.approver_2.id)]
        self.assertFalse(gate.with_user(self.approver_2).can_give_decision)
        with self.assertRaisesRegex(UserError, "already given its decision"), self.cr.savepoint():
            Approval.with_user(self.approver_2).create(
                self._approval_vals(gate, self.leads, "reject")
            )

    def test_the_pmo_decides_and_does_not_approve(self):
        """The README's role table: a PMO member of a body that must approve, without the
        Gate Approver role, is not offered Give My Decision, and the server agrees."""
        gate = self._gate_in_review()
        self.leads.member_ids = [(4, self.pmo_user.id)]
        self.assertFalse(gate.with_user(self.pmo_user).can_give_decision)
        labels = [label for _n, label, _c in self._header_buttons(gate, self.pmo_user)]
        self.assertNotIn("Give My Decision", labels)
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            gate.with_user(self.pmo_user).action_open_my_decision()
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            self.env["hc.gate.approval"].with_user(self.pmo_user).create(
                self._approval_vals(gate, self.leads)
            )
        # nobody on a body that still has to approve holds the role: the PMO is warned
        self.leads.member_ids = [(6, 0, self.pmo_user.ids)]
        gate.invalidate_recordset()
        self.assertEqual(gate.unapprovable_body_ids, self.leads)
        self.leads.member_ids = [(4, self.approver.id)]
        gate.invalidate_recordset()
        self.assertFalse(gate.unapprovable_body_ids)

    def test_every_button_shown_is_allowed(self):
        """For each role on a gate in review: each header button the role sees runs
        (or explains the state in a UserError), never an AccessError."""
        gate = self._gate_in_review()
        self.leads.member_ids = [(4, self.pmo_user.id)]
        users = (self.pmo_user, self.exec_user, self.approver, self.approver_2, self.chair)
        seen = set()
        for user in users:
            for name, label, context in self._header_buttons(gate, user):
                seen.add(label)
                with self.subTest(user=user.login, button=label), self.cr.savepoint() as sp:
                    record = gate.with_user(user).with_context(**context)
                    try:
                        getattr(record, name)()
                    except UserError as error:
                        self.assertNotIsInstance(error, AccessError, str(error))
                    sp.rollback()
        self.assertTrue({"Give My Decision", "Go", "Recycle", "Steering Override: Go"} <= seen)

    def test_required_bodies_follow_the_matrix_and_sign_off_criteria(self):
        """Gate type workflow -> decision-rights row (whatever its case) -> approving body
        -> its members; plus the bodies of the sign-off criteria."""
        right = self.env["hc.decision.right"].search(
            [("program_id", "=", self.program.id), ("workflow", "=", "UAT exit")]
        )
        right.workflow = " uat EXIT "
        gate = self._gate_in_review()
        self.assertEqual(gate.required_body_ids, self.leads)
        self.assertTrue(gate.with_user(self.approver).can_give_decision)
        # a sign-off criterion adds its body: its member is offered that body only
        go_live = self._gate_in_review(self.go_live_type, failing=False)
        self.assertIn(self.steering, go_live.required_body_ids)
        self.assertEqual(go_live.with_user(self.chair).my_decision_body_ids, self.steering)
        self.assertFalse(go_live.with_user(self.approver).can_give_decision)
        # no approving body at all: nothing to approve, the PMO is told on the form
        right.approve_body_id = False
        gate.invalidate_recordset()
        self.assertFalse(gate.required_body_ids)
        self.assertFalse(gate.with_user(self.approver).can_give_decision)


@tagged("post_install", "-at_install")
class TestDecisionDialogs(GateDecisionCommon):
    def test_dialogs_list_failing_criteria_and_missing_approvals(self):
        gate = self._gate_in_review()
        raid = gate.criterion_ids.filtered(lambda c: c.metric == "open_critical_raid")
        self.assertFalse(raid.passed)
        self.assertEqual(raid.result, "fail")
        # the PMO's Go dialog, before confirming
        action = gate.with_user(self.pmo_user).with_context(hc_decision="go").action_open_decision()
        wizard = self.env[action["res_model"]].with_user(self.pmo_user).browse(action["res_id"])
        self.assertEqual(wizard.outcome, "go")
        self.assertIn(raid, wizard.failing_criterion_ids)
        self.assertEqual(wizard.missing_body_ids, self.leads)
        self.assertIn(raid.name, wizard.summary)
        self.assertIn("1; needs at most 0", wizard.summary)
        self.assertIn("Approvals missing from: Leads", wizard.summary)
        with self.assertRaisesRegex(UserError, "approval missing from Leads"):
            wizard.action_confirm()
        # the approver's dialog shows the same before the vote
        dialog = self.env["hc.gate.approval"].with_user(self.approver).new({"gate_id": gate.id})
        self.assertIn(raid, dialog.gate_failing_criterion_ids._origin)
        self.assertEqual(dialog.gate_missing_body_ids._origin, self.leads)
        # the recycle dialog needs the reasons, then records them
        action = (
            gate.with_user(self.pmo_user).with_context(hc_decision="recycle").action_open_decision()
        )
        wizard = self.env[action["res_model"]].with_user(self.pmo_user).browse(action["res_id"])
        with self.assertRaisesRegex(UserError, "reasons"), self.cr.savepoint():
            wizard.action_confirm()
        wizard.note = "Critical interface issue still open."
        wizard.action_confirm()
        self.assertEqual((gate.state, gate.decision_note), ("evidence", wizard.note))
        # an unknown outcome or a gate not in review is explained
        with self.assertRaises(UserError):
            gate.with_user(self.pmo_user).with_context(hc_decision="go").action_open_decision()
        with self.assertRaises(UserError):
            gate.with_user(self.pmo_user).with_context(hc_decision="x").action_open_decision()

    def test_a_go_names_what_fails_in_the_chatter_and_snapshot(self):
        gate = self._gate_in_review()
        self.env["hc.gate.approval"].with_user(self.approver).create(
            self._approval_vals(gate, self.leads)
        )
        action = gate.with_user(self.pmo_user).with_context(hc_decision="go").action_open_decision()
        wizard = self.env[action["res_model"]].with_user(self.pmo_user).browse(action["res_id"])
        self.assertFalse(wizard.missing_body_ids)
        self.assertTrue(wizard.failing_criterion_ids)
        wizard.action_confirm()
        self.assertEqual(gate.decision, "go")
        snapshot = gate.snapshot_ids.filtered(lambda s: s.reason == "decision")
        data = json.loads(snapshot.content)
        self.assertIn("No open critical RAID issue", [c["name"] for c in data["failing_criteria"]])
        self.assertEqual(len(data["failing_criteria"]), len(wizard.failing_criterion_ids))
        self.assertEqual(data["missing_approvals"], [])
        self.assertIsNone(data["override"])
        self.assertIn("No open critical RAID issue", gate.message_ids[0].body)

    def test_a_wizard_cannot_decide_for_another_role(self):
        gate = self._gate_in_review()
        Wizard = self.env["hc.gate.decision.wizard"]
        wizard = Wizard.with_user(self.approver).create({"gate_id": gate.id, "outcome": "go"})
        with self.assertRaisesRegex(AccessError, "reserved to"):
            wizard.action_confirm()
        with self.assertRaises(AccessError):
            gate.with_user(self.approver).with_context(hc_decision="go").action_open_decision()
        self.assertEqual(gate.state, "review")


@tagged("post_install", "-at_install")
class TestSteeringOverride(GateDecisionCommon):
    def _check_override_recorded(self, gate, reason, criterion_name, body_name):
        self.assertEqual((gate.state, gate.decision), ("decided", "go"))
        for text in (reason, criterion_name, body_name):
            self.assertIn(text, gate.override_reason)
        snapshot = gate.snapshot_ids.filtered(lambda s: s.reason == "decision")
        data = json.loads(snapshot.content)
        self.assertEqual(data["override"]["reason"], reason)
        self.assertEqual(data["override"]["missing_bodies"], [body_name])
        self.assertIn(criterion_name, [c["name"] for c in data["override"]["failing_criteria"]])
        self.assertEqual(data["override_reason"], gate.override_reason)
        message = gate.message_ids[0].body
        for text in ("Steering override", reason, criterion_name, body_name):
            self.assertIn(text, message)

    def test_override_dialog_names_and_records_what_it_overrides(self):
        gate = self._gate_in_review()
        # only a steering committee member with a deciding role is offered it
        self.assertTrue(gate.with_user(self.chair).can_override)
        self.assertFalse(gate.with_user(self.approver).can_override)
        with self.assertRaisesRegex(AccessError, "steering committee"), self.cr.savepoint():
            gate.with_user(self.approver).action_open_override()
        action = gate.with_user(self.chair).action_open_override()
        wizard = self.env[action["res_model"]].with_user(self.chair).browse(action["res_id"])
        self.assertEqual(wizard.outcome, "override")
        self.assertEqual(wizard.missing_body_ids, self.leads)
        self.assertIn("No open critical RAID issue", wizard.failing_criterion_ids.mapped("name"))
        with self.assertRaisesRegex(UserError, "reason"), self.cr.savepoint():
            wizard.action_confirm()
        wizard.note = "Leads unavailable; risk accepted by the steering committee."
        wizard.action_confirm()
        self._check_override_recorded(gate, wizard.note, "No open critical RAID issue", "Leads")
        self.assertEqual(gate.decided_by_id, self.chair)

    def test_override_over_rpc_records_the_same(self):
        """Called directly (as over RPC), with the reason as argument or in the note."""
        gate = self._gate_in_review()
        with self.assertRaisesRegex(UserError, "reason"), self.cr.savepoint():
            gate.with_user(self.chair).action_override_go()
        gate.with_user(self.chair).action_override_go(reason="Sponsor accepts the risk.")
        self._check_override_recorded(
            gate, "Sponsor accepts the risk.", "No open critical RAID issue", "Leads"
        )
        other = self._gate_in_review(failing=False)
        other.decision_note = "Leads away; sponsor decides."
        other.with_user(self.chair).action_override_go()
        self._check_override_recorded(
            other, "Leads away; sponsor decides.", "No open critical RAID issue", "Leads"
        )


@tagged("post_install", "-at_install")
class TestDemoGateInReview(GateDecisionCommon):
    """The gate in review of the README's demo, as priya (PMO), grace and omar (Gate
    Approvers); without the demo data the same governance is built with the README's
    groups."""

    def _demo_or_built(self):
        gate = self.env.ref("hc_readiness.gate_migration_demo", raise_if_not_found=False)
        logins = ("priya", "grace", "omar")
        users = {u.login: u for u in self.env["res.users"].search([("login", "in", logins)])}
        if gate and gate.state == "review" and len(users) == 3:
            body = self.env.ref("hc_readiness.body_pmo_demo")
            return gate, body, users
        users = {
            "priya": self._create_user("hc_g_priya", groups=PMO),
            "grace": self._create_user("hc_g_grace", groups=GATE_APPROVER),
            "omar": self._create_user("hc_g_omar", groups=GATE_APPROVER),
        }
        maya = self._create_user("hc_g_maya", groups="hc_training.group_training_manager")
        body = self.env["hc.governance.body"].create(
            {
                "name": "Programme Management Office",
                "body_type": "pmo",
                "program_id": self.program.id,
                "chair_id": users["priya"].id,
                "member_ids": [(6, 0, [users["priya"].id, maya.id, users["omar"].id])],
            }
        )
        self.steering.member_ids = [(4, users["grace"].id), (4, users["priya"].id)]
        self.env["hc.decision.right"].create(
            {
                "program_id": self.program.id,
                "workflow": "Migration readiness",
                "approve_body_id": body.id,
            }
        )
        gate = self._gate(self.env.ref("hc_readiness.gate_type_migration"))
        gate.with_user(self.pmo_user).action_collect_evidence()
        gate.with_user(self.pmo_user).action_submit_review()
        return gate, body, users

    def test_the_demo_gate_in_review_is_approved_by_its_body_and_decided(self):
        gate, body, users = self._demo_or_built()
        priya, grace, omar = users["priya"], users["grace"], users["omar"]
        self.assertIn(body, gate.required_body_ids)
        self.assertFalse(gate.unapprovable_body_ids)
        # omar sits on the PMO body: he is offered it, and his decision counts
        self.assertEqual(gate.with_user(omar).my_decision_body_ids, body)
        self.assertFalse(gate.with_user(grace).can_give_decision)
        with self.assertRaisesRegex(UserError, "none of the bodies"), self.cr.savepoint():
            gate.with_user(grace).action_open_my_decision()
        self.assertFalse(gate.with_user(priya).can_give_decision)
        # priya sees what blocks a Go before deciding
        action = gate.with_user(priya).with_context(hc_decision="go").action_open_decision()
        wizard = self.env[action["res_model"]].with_user(priya).browse(action["res_id"])
        self.assertIn(body, wizard.missing_body_ids)
        failing = gate.criterion_ids.filtered(lambda c: not c.passed)
        self.assertEqual(wizard.failing_criterion_ids, failing)
        with self.assertRaisesRegex(UserError, "approval missing"), self.cr.savepoint():
            wizard.action_confirm()
        self.env["hc.gate.approval"].with_user(omar).create(self._approval_vals(gate, body))
        self.assertNotIn(body, gate.missing_body_ids)
        self.assertFalse(gate.with_user(grace).can_override)  # nothing left to override
        remaining = gate.missing_body_ids
        if not remaining:
            wizard.action_confirm()
            self.assertEqual(
                (gate.state, gate.decision, gate.decided_by_id), ("decided", "go", priya)
            )
            data = json.loads(gate.snapshot_ids.filtered(lambda s: s.reason == "decision").content)
            self.assertEqual(len(data["failing_criteria"]), len(failing))
