from odoo.tests import BaseCase, tagged

from ..lib import discovery


@tagged("post_install", "-at_install")
class TestDiscoveryFormulas(BaseCase):
    def test_variant_standardization_weighted_by_criticality(self):
        self.assertEqual(
            discovery.variant_standardization([("unclassified", "high")]), (None, 0, 0)
        )
        facts = [
            ("standard", "high"),  # 3
            ("exception", "low"),  # 1
            ("retire", "high"),  # 3
            ("exception", "low"),  # 1
            ("unclassified", "high"),  # ignored
        ]
        self.assertEqual(discovery.variant_standardization(facts), (37.5, 4, 1))
        self.assertEqual(discovery.variant_standardization([("standard", "medium")]), (100.0, 1, 1))

    def test_workaround_penalty_and_combination(self):
        self.assertEqual(discovery.workaround_penalty([]), 0)
        self.assertEqual(discovery.workaround_penalty(["high", "low"]), 6.0)
        self.assertEqual(discovery.workaround_penalty(["critical"] * 4), 30.0)  # capped
        self.assertEqual(discovery.penalized(37.5, 4.5), 33.0)
        self.assertEqual(discovery.penalized(2.0, 3.0), 0.0)
        self.assertIsNone(discovery.penalized(None, 3.0))
        self.assertEqual(discovery.combine_standardization(33.0, 50.0), 38.1)
        self.assertEqual(discovery.combine_standardization(None, 50.0), 50.0)
        self.assertEqual(discovery.combine_standardization(33.0, None), 33.0)
        self.assertIsNone(discovery.combine_standardization(None, None))

    def test_baseline_figures(self):
        facts = [
            (True, "standard", "draft"),
            (True, "exception", "approved"),
            (True, "retire", "draft"),
            (False, "exception", "submitted"),
        ]
        figures = discovery.baseline_figures(facts, 2, 3)
        self.assertEqual(figures["expected"], 6)
        self.assertEqual(figures["coverage"], 50.0)
        self.assertEqual(figures["classified_share"], 66.67)
        self.assertEqual(figures["approved_share"], 50.0)
        self.assertEqual(discovery.baseline_figures([], 0, 2)["coverage"], None)
        self.assertEqual(discovery.baseline_figures([], 1, 1)["approved_share"], 100.0)
