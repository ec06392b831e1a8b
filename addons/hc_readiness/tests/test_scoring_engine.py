import random

from odoo.tests import BaseCase, tagged

from ..lib.scoring import (
    Cell,
    LineGroup,
    Settings,
    employee_readiness,
    grid_readiness,
    grid_readiness_rows,
    rag,
    role_rows,
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

    def test_grid_matches_line_by_line_formula(self):
        """The batched engine (cells counted by category) gives the same scores as the
        reference formula applied line group by line group, for random employees."""
        rng = random.Random(7)
        kinds = ("session", "assessment", "scenario", "acknowledgment")
        for settings in (
            Settings(30, 40, 30),
            Settings(50, 50, 0, count_assessment_score=False, count_acknowledgments=False),
        ):
            groups = {}  # (employee, role) -> [LineGroup]
            cells = []
            for employee in range(1, 40):
                for role in (1, 2):
                    for layer in ("process", "system", "exception"):
                        lines = [
                            (
                                rng.choice(kinds),
                                rng.choice(("todo", "done", "expired")),
                                rng.random() < 0.1,
                                float(rng.randint(-10, 120)),
                            )
                            for _i in range(rng.randint(0, 4))
                        ]
                        counted = [
                            line
                            for line in lines
                            if line[0] != "acknowledgment" or settings.count_acknowledgments
                        ]
                        groups.setdefault((employee, role), []).extend(
                            LineGroup(layer, kind, state, 1, score, waived)
                            for kind, state, waived, score in lines
                        )
                        scored = [
                            line
                            for line in counted
                            if not line[2] and line[1] == "done" and line[0] == "assessment"
                        ]
                        cells.append(
                            Cell(
                                employee,
                                role,
                                layer,
                                lines=len(counted),
                                full=sum(
                                    1
                                    for kind, state, waived, _s in counted
                                    if waived or (state == "done" and kind != "assessment")
                                ),
                                scored=len(scored),
                                score_sum=sum(min(max(line[3], 0), 100) for line in scored),
                            )
                        )
            per_role, per_employee, counts = grid_readiness(cells, settings)
            for (employee, role), role_groups in groups.items():
                expected = employee_readiness(role_groups, settings)
                self.assertAlmostEqual(per_role.get((employee, role)), expected, places=2)
            for employee in range(1, 40):
                everything = groups[employee, 1] + groups[employee, 2]
                self.assertAlmostEqual(
                    per_employee.get(employee), employee_readiness(everything, settings), places=2
                )

    def test_role_rows_pivot_the_layers(self):
        cells = [
            Cell(7, 1, "process", lines=2, full=1, expired=1),
            Cell(7, 1, "exception", lines=1, scored=1, score_sum=80.0, overdue=1),
            Cell(7, 2, "system", lines=1, full=1),
        ]
        rows = sorted(role_rows(cells))
        self.assertEqual(rows[0], (7, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 80.0, 1, 1))
        self.assertEqual(rows[1], (7, 2, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0))
        settings = Settings(30, 40, 30)
        per_role, per_employee, counts = grid_readiness_rows(rows, settings)
        # role 1: process 1/2, exception 0.8 -> (30 * 0.5 + 30 * 0.8) / 60
        self.assertEqual(per_role[7, 1], 65.0)
        self.assertEqual(per_role[7, 2], 100.0)
        # employee: process 1/2, system 1/1, exception 0.8 -> (15 + 40 + 24) / 100
        self.assertEqual(per_employee[7], 79.0)
        self.assertEqual(counts[7], [4, 3, 1, 1])
