from datetime import datetime

from odoo.tests import BaseCase, tagged

from ..lib import cutover, uat


@tagged("post_install", "-at_install")
class TestUatLib(BaseCase):
    def test_run_state(self):
        self.assertEqual(uat.run_state([]), "not_run")
        self.assertEqual(uat.run_state(["not_run", "not_run"]), "not_run")
        self.assertEqual(uat.run_state(["pass", "pass"]), "passed")
        self.assertEqual(uat.run_state(["pass", "not_run"]), "in_progress")
        self.assertEqual(uat.run_state(["pass", "blocked", "not_run"]), "blocked")
        self.assertEqual(uat.run_state(["blocked", "fail", "pass"]), "failed")

    def test_latest_states_and_pass_rate(self):
        runs = [
            (("S1", "A"), (2, 1), "failed"),
            (("S1", "A"), (3, 2), "passed"),  # later run wins
            (("S2", "A"), (5, 3), "failed"),
            (("S2", "A"), (4, 4), "passed"),  # older date loses despite the higher id
            (("S2", "B"), (1, 5), "passed"),
        ]
        states = uat.latest_states(runs)
        self.assertEqual(
            states, {("S1", "A"): "passed", ("S2", "A"): "failed", ("S2", "B"): "passed"}
        )
        self.assertEqual(uat.pass_rate(states.values()), 66.67)
        self.assertIsNone(uat.pass_rate([]))
        self.assertEqual(uat.pass_rate(["passed"]), 100.0)


@tagged("post_install", "-at_install")
class TestCutoverLib(BaseCase):
    def test_unfinished_ordering_completion(self):
        self.assertEqual(cutover.unfinished({1: "done", 2: "skipped", 3: "running"}), [3])
        self.assertEqual(cutover.ordering_errors(10, {1: 9, 2: 10, 3: 11, 4: None}), [3])
        self.assertEqual(cutover.ordering_errors(None, {1: 11}), [])
        self.assertEqual(cutover.completion(["done", "skipped", "todo", "running"]), 50.0)
        self.assertIsNone(cutover.completion([]))

    def test_cutover_hour_slot(self):
        moment = datetime(2026, 12, 5, 23, 40)  # naive UTC, as the ORM stores it
        self.assertEqual(cutover.hour_slot(moment, "UTC"), "2026-12-05 23:00")
        self.assertEqual(cutover.hour_slot(moment, "Europe/Brussels"), "2026-12-06 00:00")
        self.assertEqual(cutover.hour_slot(moment, "America/New_York"), "2026-12-05 18:00")
        self.assertEqual(cutover.hour_slot(moment, None), "2026-12-05 23:00")
        self.assertEqual(cutover.hour_slot(moment, "Not/AZone"), "2026-12-05 23:00")
        self.assertIsNone(cutover.hour_slot(False, "UTC"))
