from odoo.tests import BaseCase, tagged

from ..lib.governance import RaidFact, governance_lens, risk_score, standardization_lens


@tagged("post_install", "-at_install")
class TestGovernanceFormulas(BaseCase):
    def test_risk_score_and_escalation_rule(self):
        self.assertEqual(risk_score("4", "5"), 20)
        self.assertEqual(risk_score(False, "5"), 0)
        overdue_high = RaidFact("risk", True, score=16, overdue=True)
        self.assertTrue(overdue_high.must_escalate)
        self.assertFalse(RaidFact("risk", True, score=12, overdue=True).must_escalate)
        self.assertTrue(RaidFact("issue", True, severity="critical", overdue=True).must_escalate)
        self.assertFalse(RaidFact("issue", True, severity="high", overdue=True).must_escalate)
        self.assertFalse(RaidFact("risk", False, score=25, overdue=True).must_escalate)

    def test_governance_lens(self):
        self.assertEqual(governance_lens([]), (None, 0, 0))
        governed = RaidFact("risk", True, 20, has_owner=True, has_body=True, has_mitigation=True)
        no_body = RaidFact("issue", True, severity="critical", has_owner=True, has_mitigation=True)
        low = RaidFact("risk", True, 4)  # does not matter
        closed = RaidFact("risk", False, 25)  # closed: does not count
        late = RaidFact(
            "risk", True, 15, has_owner=True, has_body=True, has_mitigation=True, overdue=True
        )
        self.assertEqual(governance_lens([governed, no_body, low, closed, late]), (33.33, 3, 1))
        self.assertEqual(governance_lens([low, closed]), (100.0, 0, 0))

    def test_standardization_lens(self):
        self.assertEqual(standardization_lens([("draft", True), ("deferred", True)]), (None, 0, 0))
        decisions = [
            ("rejected", True),
            ("rejected", False),
            ("approved", True),
            ("rejected", True),
        ]
        self.assertEqual(standardization_lens(decisions), (50.0, 4, 2))
