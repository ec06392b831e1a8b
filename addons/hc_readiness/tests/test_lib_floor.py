from datetime import date, datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..lib import floor


@tagged("post_install", "-at_install")
class TestFloorRules(BaseCase):
    def test_most_specific_rule_wins(self):
        rules = [
            floor.Rule(1, 10, "howto", None, None),
            floor.Rule(2, 10, "howto", 7, None),
            floor.Rule(3, 10, "howto", None, "critical"),
            floor.Rule(4, 10, "howto", 7, "critical"),
            floor.Rule(5, 1, "equipment", None, None),
            floor.Rule(6, 5, "data", None, None),
            floor.Rule(7, 1, "data", None, None),
        ]
        self.assertEqual(floor.match_rule(rules, "howto", 7, "critical"), 4)
        self.assertEqual(floor.match_rule(rules, "howto", 7, "low"), 2)
        self.assertEqual(floor.match_rule(rules, "howto", 8, "critical"), 3)
        self.assertEqual(floor.match_rule(rules, "howto", 8, "low"), 1)
        self.assertEqual(floor.match_rule(rules, "equipment", 8, "low"), 5)
        self.assertEqual(floor.match_rule(rules, "data", 8, "low"), 7, "then the sequence")
        self.assertIsNone(floor.match_rule(rules, "quality", 7, "low"))
        self.assertEqual(floor.duplicate_rules(rules[:-1]), [])
        self.assertEqual(
            floor.duplicate_rules(rules[:-1] + [floor.Rule(9, 1, "howto", 7, None)]), [(2, 9)]
        )

    def test_sla_and_resolution_arithmetic(self):
        logged = datetime(2026, 3, 2, 8, 0)
        deadline = floor.sla_deadline(logged, 4)
        self.assertEqual(deadline, datetime(2026, 3, 2, 12, 0))
        self.assertIsNone(floor.sla_deadline(logged, 0))
        self.assertFalse(floor.is_breached(deadline, datetime(2026, 3, 2, 11, 59)))
        self.assertTrue(floor.is_breached(deadline, datetime(2026, 3, 2, 12, 1)))
        self.assertFalse(
            floor.is_breached(deadline, datetime(2026, 3, 3), datetime(2026, 3, 2, 10)),
            "resolved in time stays in time",
        )
        self.assertFalse(floor.is_breached(None, datetime(2026, 3, 3)))
        self.assertEqual(floor.hours_between(logged, datetime(2026, 3, 2, 9, 30)), 1.5)
        self.assertEqual(floor.hours_between(logged, None), 0.0)
        self.assertEqual(floor.resolution_problem(False, {}, ""), "no resolution")
        self.assertEqual(floor.resolution_problem("howto", {}, "  "), "no note")
        self.assertIsNone(floor.resolution_problem("howto", {}, "Showed the count screen"))
        self.assertEqual(
            floor.resolution_problem("capa", {"corrective_action_id": False}, "x"), "no link"
        )
        self.assertIsNone(floor.resolution_problem("raid", {"raid_item_id": True}, ""))

    def test_adoption_arithmetic(self):
        today = date(2026, 3, 8)
        counts = {today: 3, today - timedelta(days=6): 4, today - timedelta(days=7): 50}
        self.assertEqual(floor.issue_rate(counts, today, 7), 1.0)
        self.assertEqual(floor.issue_rate({}, today, 7), 0.0)
        pairs = [(1, 10), (1, 11), (1, 11), (2, 10), (3, 12), (3, 13), (3, 14)]
        self.assertEqual(floor.repeat_counts(pairs), {1: 2, 3: 3})
        self.assertEqual(floor.average([1.0, 2.0, 4.5]), 2.5)
        self.assertEqual(floor.average([]), 0.0)
