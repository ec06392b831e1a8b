from odoo.tests import BaseCase, tagged

from ..lib.scoring import (
    LineGroup,
    Settings,
    employee_readiness,
    rag,
    scalability_lens,
    weighted_mean,
)


@tagged("post_install", "-at_install")
class TestScoringEngine(BaseCase):
    def test_employee_readiness_layers_and_credits(self):
        settings = Settings(40, 40, 20, count_assessment_score=True, count_acknowledgments=False)
        groups = [
            LineGroup("process", "session", "done", 2),
            LineGroup("process", "session", "todo", 2),  # overdue or not: 0 credit
            LineGroup("system", "assessment", "done", 1, 80.0),  # score counts: 0.8
            LineGroup("exception", "scenario", "expired", 1),  # lapsed: 0
            LineGroup("exception", "acknowledgment", "todo", 3),  # not counted
        ]
        # process 2/4 * 40 + system 0.8 * 40 + exception 0/1 * 20 = 20 + 32 + 0 = 52
        self.assertEqual(employee_readiness(groups, settings), 52.0)
        as_done = Settings(40, 40, 20, count_assessment_score=False)
        self.assertEqual(employee_readiness(groups[:3], as_done), round(100 * (20 + 40) / 80, 2))

    def test_waived_and_missing_layers(self):
        settings = Settings(30, 40, 30)
        waived = [LineGroup("process", "session", "todo", 3, waived=True)]
        self.assertEqual(employee_readiness(waived, settings), 100.0)
        # only system lines: the weight renormalises over present layers
        self.assertEqual(
            employee_readiness([LineGroup("system", "session", "done", 1)], settings), 100.0
        )
        self.assertIsNone(employee_readiness([], settings))

    def test_roll_up_helpers(self):
        self.assertEqual(weighted_mean([(50, 1), (80, 3)]), 72.5)
        self.assertIsNone(weighted_mean([(None, 3)]))
        self.assertEqual(
            [rag(v, 70, 85) for v in (None, 10, 70, 84.99, 85)],
            ["none", "red", "amber", "amber", "green"],
        )
        self.assertEqual(scalability_lens([60, 90], [75]), 0.5 * 70 + 0.5 * 75)
        self.assertIsNone(scalability_lens([], []))
