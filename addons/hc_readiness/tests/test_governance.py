from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestGovernance(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver_user = cls._create_user(
            "hc_r_approver", groups="hc_readiness.group_gate_approver"
        )
        cls.requester_user = cls._create_user("hc_r_requester")
        Body = cls.env["hc.governance.body"]
        cls.steering = Body.create(
            {
                "name": "Steering Committee",
                "body_type": "steering",
                "program_id": cls.program.id,
                "chair_id": cls.exec_user.id,
            }
        )
        cls.design_authority = Body.create(
            {
                "name": "Design Authority",
                "body_type": "design_authority",
                "program_id": cls.program.id,
                "chair_id": cls.approver_user.id,
            }
        )
        cls.other_program = cls.env["hc.program"].create(
            {"name": "Other", "company_id": cls.company.id}
        )

    def _raid(self, **vals):
        values = {
            "name": "Poor master-data quality",
            "raid_type": "risk",
            "program_id": self.program.id,
            "impact": "4",
            "likelihood": "4",
        }
        values.update(vals)
        return self.env["hc.raid.item"].with_user(self.pmo_user).create(values)

    def test_bodies_and_decision_rights(self):
        self.assertIn(self.exec_user, self.steering.member_ids, "the chair is a member")
        Right = self.env["hc.decision.right"].with_user(self.pmo_user)
        stores = self.env.ref("hc_training.workstream_stores")
        Right.create(
            {
                "program_id": self.program.id,
                "workflow": "Go-live approval",
                "approve_body_id": self.steering.id,
            }
        )
        Right.create(
            {
                "program_id": self.program.id,
                "workflow": "Go-live approval",
                "workstream_id": stores.id,
                "approve_body_id": self.design_authority.id,
            }
        )
        self.assertEqual(
            Right._approvers(self.program, "Go-live approval", stores), self.design_authority
        )
        finance = self.env.ref("hc_training.workstream_finance")
        self.assertEqual(Right._approvers(self.program, "Go-live approval", finance), self.steering)
        stray = self.env["hc.governance.body"].create(
            {"name": "Elsewhere", "program_id": self.other_program.id}
        )
        with self.assertRaisesRegex(ValidationError, "another programme"), self.cr.savepoint():
            Right.create(
                {"program_id": self.program.id, "workflow": "UAT exit", "monitor_body_id": stray.id}
            )
        with self.assertRaises(AccessError):
            self.env["hc.decision.right"].with_user(self.exec_user).create(
                {"program_id": self.program.id, "workflow": "Cutover"}
            )

    def test_raid_rules_and_codes(self):
        risk = self._raid()
        self.assertEqual(risk.code, f"R-{risk.id:04d}")
        self.assertEqual(risk.risk_score, 16)
        self.assertTrue(risk.is_high)
        with (
            self.assertRaisesRegex(ValidationError, "impact and a likelihood"),
            self.cr.savepoint(),
        ):
            self._raid(likelihood=False)
        with self.assertRaisesRegex(ValidationError, "needs a severity"), self.cr.savepoint():
            self._raid(raid_type="issue", impact=False, likelihood=False)
        issue = self._raid(raid_type="issue", severity="critical", likelihood=False)
        self.assertTrue(issue.is_high)
        self.assertEqual(issue.risk_score, 0)
        self.assertTrue(issue.code.startswith("I-"))

    def test_escalation_once_to_the_chair(self):
        yesterday = fields.Date.today() - timedelta(days=1)
        late = self._raid(date_due=yesterday, governance_body_id=self.steering.id)
        low = self._raid(
            date_due=yesterday, impact="2", likelihood="2", governance_body_id=self.steering.id
        )
        on_time = self._raid(
            date_due=fields.Date.today() + timedelta(days=3), governance_body_id=self.steering.id
        )
        Raid = self.env["hc.raid.item"]
        self.assertIn(late, Raid.search([("is_overdue", "=", True)]))
        self.assertNotIn(on_time, Raid.search([("is_overdue", "=", True)]))
        mine = late | low | on_time
        escalated = Raid._cron_escalate() & mine  # demo data may hold other overdue items
        self.assertEqual(escalated, late)
        activity = late.activity_ids
        self.assertEqual(activity.user_id, self.exec_user)
        self.assertIn(late.code, activity.summary)
        self.assertEqual(late.date_escalated, fields.Date.today())
        self.assertFalse(Raid._cron_escalate() & mine, "escalated once per item")

    def test_raid_access_by_role(self):
        risk = self._raid()
        self.assertEqual(risk.with_user(self.exec_user).name, "Poor master-data quality")
        with self.assertRaises(AccessError):
            risk.with_user(self.exec_user).write({"state": "closed"})
        risk.with_user(self.approver_user).write({"state": "mitigating"})
        with self.assertRaises(AccessError):
            self.env["hc.raid.item"].with_user(self.approver_user).create(
                {"name": "x", "raid_type": "assumption", "program_id": self.program.id}
            )
        outsider = self._create_user(
            "hc_r_outsider", groups="hc_readiness.group_pmo", company=self.company_other
        )
        self.assertFalse(
            self.env["hc.raid.item"].with_user(outsider).search([("id", "=", risk.id)])
        )

    def test_customization_request_decisions(self):
        Request = self.env["hc.customization.request"].with_user(self.requester_user)
        request = Request.create(
            {
                "name": "Second approval above 50k",
                "program_id": self.program.id,
                "description": "<p>Finance wants two approvers.</p>",
                "business_value": "3",
                "compliance_need": "4",
                "supportability": "2",
                "upgrade_impact": "3",
            }
        )
        self.assertEqual(request.priority_score, 6)
        self.assertTrue(request.code.startswith("CR-"))
        with self.assertRaises(AccessError):
            request.write({"state": "approved"})
        request.action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.requester_user).action_approve()
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.write({"rationale": "I decide my own request."})
        request.standard_alternative = "<p>Use purchase approval thresholds.</p>"
        with self.assertRaisesRegex(UserError, "rationale"), self.cr.savepoint():
            self._decide(self.approver_user, request, "action_reject", "  ")
        self._decide(
            self.approver_user, request, "action_reject", "Standard purchase approval levels."
        )
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.rationale, "Standard purchase approval levels.")
        self.assertEqual(request.decision_body_id, self.design_authority)
        self.assertEqual(request.decided_by_id, self.approver_user)
        other = self._create_user("hc_r_requester2")
        self.assertFalse(
            self.env["hc.customization.request"].with_user(other).search([("id", "=", request.id)])
        )
        with self.assertRaisesRegex(UserError, "Only an approved request"):
            request.with_user(self.approver_user).action_create_task()

    def test_lenses_read_governance_records(self):
        body = self.steering
        self._raid(
            governance_body_id=body.id, owner_id=self.pmo_user.id, mitigation="<p>Cleanse</p>"
        )
        self._raid(name="Unclear decision rights")  # high, ungoverned
        Request = self.env["hc.customization.request"]
        for state, alternative in (("rejected", "<p>Standard</p>"), ("approved", False)):
            request = Request.create(
                {
                    "name": f"CR {state}",
                    "program_id": self.program.id,
                    "description": "<p>x</p>",
                    "standard_alternative": alternative,
                }
            )
            with workflow_scope("hc.customization.request", {"state"}):  # fixture
                request.sudo().write({"state": state})
        self.program._recompute_readiness()
        lenses = {lens.lens: lens for lens in self.program.lens_ids}
        self.assertTrue(lenses["governance"].has_evidence)
        self.assertEqual(lenses["governance"].value, 50.0)
        self.assertIn("1 of 2", lenses["governance"].explanation)
        self.assertEqual(lenses["standardization"].value, 50.0)
        action = lenses["governance"].action_open_inputs()
        self.assertEqual(action["res_model"], "hc.raid.item")
        program = self.program.with_user(self.exec_user)
        self.assertEqual(program.raid_open_count, 2)
        self.assertEqual(program.customization_count, 2)
        self.assertEqual(program.action_open_raid()["domain"], [("program_id", "=", program.id)])
        # a trainer reads the programme (scores of their sites) but not its governance
        trainer_view = self.program.with_user(self.trainer_a)
        self.assertEqual(trainer_view.name, "Test go-live")
        with self.assertRaises(AccessError):
            trainer_view.read(["raid_open_count"])

    def test_customization_decision_is_owned(self):
        Request = self.env["hc.customization.request"].with_user(self.requester_user)
        base = {"name": "Kit tracking", "program_id": self.program.id, "description": "<p>x</p>"}
        # nobody creates a request already decided, nor with a code of their own
        for vals in (
            {"state": "approved"},
            {"decision_body_id": self.design_authority.id},
            {"decided_by_id": self.approver_user.id},
            {"date_decided": "2020-01-01"},
            {"code": "CR-0001"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                Request.create({**base, **vals})
        request = Request.create(base)
        for vals in ({"state": "submitted"}, {"decided_by_id": self.requester_user.id}):
            with self.assertRaises(AccessError), self.cr.savepoint():
                request.write(vals)
            with self.assertRaises(AccessError), self.cr.savepoint():
                request.sudo().write(vals)
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        # deciding: a role that decides, and a seat on the programme's design authority
        for user in (self.requester_user, self.exec_user):
            with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
                request.with_user(user).action_approve()
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            request.with_user(self.pmo_user).action_approve()
        outsider = self._create_user("hc_r_approver2", groups="hc_readiness.group_gate_approver")
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            request.with_user(outsider).action_defer()
        self.assertEqual(request.state, "submitted")
        # a PMO who sits on the design authority decides
        self.design_authority.member_ids = [(4, self.pmo_user.id)]
        self._decide(self.pmo_user, request, "action_approve", "Standard lot tracking covers it.")
        self.assertEqual(
            (request.state, request.decided_by_id, request.decision_body_id),
            ("approved", self.pmo_user, self.design_authority),
        )
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            request.with_user(self.requester_user).action_create_task()

    def _decide(self, user, request, button, rationale):
        """What the web client does: the button opens the decision dialog, the user types the
        rationale and confirms."""
        action = getattr(request.with_user(user), button)()
        self.assertEqual(action["res_model"], "hc.customization.decision.wizard")
        Wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        with Form(Wizard) as dialog:
            dialog.rationale = rationale
        return dialog.record.action_confirm()

    def test_customization_decision_dialog_as_roles(self):
        """The README's roles: a design-authority member (gate approver) decides a request
        they did not raise; a PMO off the design authority does not see the buttons and the
        server refuses; a requester decides their own request only from a seat."""
        member = self._create_user("hc_r_da_member", groups="hc_readiness.group_gate_approver")
        pmo = self._create_user("hc_r_pmo_off_da", groups="hc_readiness.group_pmo")
        self.design_authority.member_ids = [(4, member.id)]
        Request = self.env["hc.customization.request"].with_user(self.requester_user)
        request = Request.create(
            {"name": "Tray tracking", "program_id": self.program.id, "description": "<p>x</p>"}
        )
        request.action_submit()
        # the member, not the requester, sees the buttons and decides through the dialog
        self.assertTrue(request.with_user(member).user_on_design_authority)
        self.assertFalse(request.with_user(pmo).user_on_design_authority)
        self.assertFalse(request.with_user(self.requester_user).user_on_design_authority)
        # a PMO off the design authority: refused at the button and at the dialog's confirm
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            request.with_user(pmo).action_reject()
        Wizard = self.env["hc.customization.decision.wizard"]
        forged = Wizard.with_user(pmo).create(
            {"request_id": request.id, "outcome": "approved", "rationale": "PMO says yes."}
        )
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            forged.action_confirm()
        # the requester, even as a gate approver, does not decide their own request off a seat
        self.requester_user.group_ids = [(4, self.env.ref("hc_readiness.group_gate_approver").id)]
        own = Wizard.with_user(self.requester_user).create(
            {"request_id": request.id, "outcome": "approved", "rationale": "Mine, approved."}
        )
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            own.action_confirm()
        with self.assertRaises(AccessError), self.cr.savepoint():
            request.with_user(member).write({"rationale": "typed on the form"})
        self.assertEqual(request.state, "submitted")
        self._decide(member, request, "action_reject", "Standard lots and serials track it.")
        self.assertEqual(
            (request.state, request.decided_by_id, request.decision_body_id, request.rationale),
            ("rejected", member, self.design_authority, "Standard lots and serials track it."),
        )
        # decided: no second decision
        with self.assertRaisesRegex(UserError, "submitted"), self.cr.savepoint():
            request.with_user(member).action_approve()
        # the requester with a seat on the design authority decides their own request
        self.design_authority.member_ids = [(4, self.requester_user.id)]
        second = Request.create(
            {"name": "Kit labels", "program_id": self.program.id, "description": "<p>x</p>"}
        )
        second.action_submit()
        self._decide(self.requester_user, second, "action_defer", "Wait for the label pilot.")
        self.assertEqual((second.state, second.decided_by_id), ("deferred", self.requester_user))

    def test_raid_workflow_fields_are_owned(self):
        Raid = self.env["hc.raid.item"].with_user(self.pmo_user)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Raid.create(
                {
                    "name": "x",
                    "raid_type": "assumption",
                    "program_id": self.program.id,
                    "code": "R-9999",
                }
            )
        risk = self._raid()
        with self.assertRaises(AccessError), self.cr.savepoint():
            risk.with_user(self.pmo_user).write({"date_escalated": fields.Date.today()})
        with self.assertRaises(AccessError), self.cr.savepoint():
            risk.with_user(self.pmo_user).write({"code": "R-0001"})
        risk.with_user(self.pmo_user).write({"state": "mitigating"})
