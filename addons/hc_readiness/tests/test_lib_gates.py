from odoo.tests import BaseCase, tagged

from ..lib import gates


@tagged("post_install", "-at_install")
class TestGateRules(BaseCase):
    def test_checks_thresholds_and_decisions(self):
        self.assertTrue(gates.check(90.0, ">=", 90))
        self.assertFalse(gates.check(None, ">=", 0))
        self.assertTrue(gates.check(0, "<=", 0))
        with self.assertRaises(ValueError):
            gates.check(1, ">", 0)
        self.assertEqual(gates.threshold_error(gates.PERCENT, 120), gates.NOT_A_PERCENTAGE)
        self.assertEqual(gates.threshold_error(gates.PERCENT, -1), gates.NOT_A_PERCENTAGE)
        self.assertIsNone(gates.threshold_error(gates.PERCENT, 100))
        self.assertEqual(gates.threshold_error(gates.COUNT, 1.5), gates.NOT_A_COUNT)
        self.assertEqual(gates.threshold_error(gates.COUNT, -1), gates.NOT_A_COUNT)
        self.assertIsNone(gates.threshold_error(gates.COUNT, 2))
        self.assertEqual(gates.missing_bodies([1, 2, 3], [(1, "approve"), (2, "reject")]), [3])
        self.assertEqual(gates.rejecting_bodies([1, 2], [(1, "approve"), (2, "reject")]), [2])
        self.assertEqual(gates.decision_error("go", [], [], None, [2]), gates.REJECTED)
        self.assertIsNone(gates.decision_error("no_go", [], [], None, [2]))
        self.assertEqual(gates.decision_error("go", [2], [], None), gates.MISSING_APPROVALS)
        self.assertIsNone(gates.decision_error("go", [2], [], "override"))
        self.assertEqual(gates.decision_error("conditional", [], [], None), gates.NO_CONDITION)
        self.assertIsNone(gates.decision_error("conditional", [], [7], None))
        with self.assertRaises(ValueError):
            gates.decision_error("maybe", [], [], None)
