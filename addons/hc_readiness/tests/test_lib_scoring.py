import random
from collections import defaultdict
from dataclasses import dataclass

from odoo.tests import BaseCase, tagged

from ..lib.scoring import (
    LAYERS,
    Settings,
    grid_readiness_rows,
    rag,
    role_rows,
    scalability_lens,
    weighted_mean,
)


def cell(layer, lines=0, full=0, scored=0, score_sum=0.0, expired=0, overdue=0, employee=1, role=1):
    """One row of the engine's aggregate query: an employee's lines of one role and layer."""
    return (employee, role, layer, lines, full, scored, score_sum, expired, overdue)


def readiness(cells, settings, employee=1):
    """The engine's readiness of one employee (None when no line counts)."""
    return grid_readiness_rows(role_rows(cells), settings)[1].get(employee)


@dataclass(frozen=True)
class Line:
    """One training line, for the reference formula below."""

    layer: str
    kind: str
    state: str  # todo / done / expired
    score: float = 0.0
    waived: bool = False


def reference_readiness(lines, settings):
    """The README's formula applied line by line, written independently of the engine: a
    line's credit is 1 when done (or waived), the clipped score / 100 for a done assessment
    when scores count, else 0; acknowledgments are left out when they do not count."""
    credit, count = defaultdict(float), defaultdict(int)
    for line in lines:
        if line.kind == "acknowledgment" and not settings.count_acknowledgments:
            continue
        count[line.layer] += 1
        if line.waived:
            credit[line.layer] += 1
        elif line.state == "done":
            if line.kind == "assessment" and settings.count_assessment_score:
                credit[line.layer] += min(max(line.score, 0.0), 100.0) / 100.0
            else:
                credit[line.layer] += 1
    present = [layer for layer in LAYERS if count[layer]]
    weights = sum(settings.layer_weight(layer) for layer in present)
    if not weights:
        return None
    shares = sum(settings.layer_weight(x) * credit[x] / count[x] for x in present)
    return round(100.0 * shares / weights, 2)


@tagged("post_install", "-at_install")
class TestScoringEngine(BaseCase):
    def test_employee_readiness_layers_and_credits(self):
        settings = Settings(40, 40, 20, count_assessment_score=True)
        cells = [
            cell("process", lines=4, full=2),  # 2 done, 2 to do (overdue or not: 0 credit)
            cell("system", lines=1, scored=1, score_sum=80.0),  # the score counts: 0.8
            cell("exception", lines=1, expired=1),  # lapsed: 0
        ]
        # process 2/4 * 40 + system 0.8 * 40 + exception 0/1 * 20 = 20 + 32 + 0 = 52
        self.assertEqual(readiness(cells, settings), 52.0)
        as_done = Settings(40, 40, 20, count_assessment_score=False)
        self.assertEqual(readiness(cells[:2], as_done), round(100 * (20 + 40) / 80, 2))

    def test_waived_and_missing_layers(self):
        settings = Settings(30, 40, 30)
        self.assertEqual(readiness([cell("process", lines=3, full=3)], settings), 100.0)
        # only system lines: the weight renormalises over present layers
        self.assertEqual(readiness([cell("system", lines=1, full=1)], settings), 100.0)
        self.assertIsNone(readiness([], settings))

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
            groups = {}  # (employee, role) -> [Line]
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
                            Line(layer, kind, state, score, waived)
                            for kind, state, waived, score in lines
                        )
                        scored = [
                            line
                            for line in counted
                            if not line[2] and line[1] == "done" and line[0] == "assessment"
                        ]
                        cells.append(
                            cell(
                                layer,
                                lines=len(counted),
                                full=sum(
                                    1
                                    for kind, state, waived, _s in counted
                                    if waived or (state == "done" and kind != "assessment")
                                ),
                                scored=len(scored),
                                score_sum=sum(min(max(line[3], 0), 100) for line in scored),
                                employee=employee,
                                role=role,
                            )
                        )
            per_role, per_employee, _counts = grid_readiness_rows(role_rows(cells), settings)
            for (employee, role), role_groups in groups.items():
                expected = reference_readiness(role_groups, settings)
                self.assertAlmostEqual(per_role.get((employee, role)), expected, places=2)
            for employee in range(1, 40):
                everything = groups[employee, 1] + groups[employee, 2]
                self.assertAlmostEqual(
                    per_employee.get(employee), reference_readiness(everything, settings), places=2
                )

    def test_role_rows_pivot_the_layers(self):
        cells = [
            cell("process", lines=2, full=1, expired=1, employee=7, role=1),
            cell("exception", lines=1, scored=1, score_sum=80.0, overdue=1, employee=7, role=1),
            cell("system", lines=1, full=1, employee=7, role=2),
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
