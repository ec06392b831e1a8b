from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestLearningPath(HcTrainingCommon):
    def test_publish_empty_path_refused(self):
        path = self._create_path("Empty", [])
        with self.assertRaisesRegex(UserError, "has no steps"):
            path.action_publish()
        self.assertEqual(path.state, "draft")

    def test_published_version_is_frozen(self):
        with self.assertRaisesRegex(UserError, "frozen"):
            self.path.write({"name": "Renamed"})
        with self.assertRaisesRegex(UserError, "frozen"):
            self.step_session.write({"due_offset_days": 3})
        with self.assertRaisesRegex(UserError, "frozen"):
            self.env["hc.learning.path.step"].create(
                {"path_id": self.path.id, "name": "Late", "kind": "session"}
            )
        with self.assertRaisesRegex(UserError, "frozen"):
            self.step_session.unlink()
        # what stays editable: the owner and archiving
        self.path.responsible_id = self.trainer_b
        self.assertEqual(self.path.responsible_id, self.trainer_b)

    def test_prerequisite_cycle_refused(self):
        """A trainer cannot close a prerequisite loop, directly or through other steps; the
        message names the steps written that are on the loop."""
        path = self._create_path(
            "Cyclic",
            [{"name": n, "kind": "session"} for n in ("A", "B", "C", "D")],
        ).with_user(self.trainer_a)
        a, b, c, d = path.step_ids
        b.prerequisite_ids = a
        c.prerequisite_ids = b
        d.prerequisite_ids = a | b | c  # a diamond is no cycle
        with (
            self.assertRaisesRegex(ValidationError, r"cycle through A: a step cannot require"),
            self.cr.savepoint(),
        ):
            a.prerequisite_ids = c
        with self.assertRaisesRegex(ValidationError, "cycle through D"), self.cr.savepoint():
            d.write({"prerequisite_ids": [(4, d.id)]})  # D requires itself
        self.assertFalse(a.prerequisite_ids)
        self.assertEqual(d.prerequisite_ids, a | b | c)

    def test_prerequisite_from_other_path_refused(self):
        other = self._create_path("Other", [{"name": "X", "kind": "session"}])
        path = self._create_path("Mine", [{"name": "Y", "kind": "session"}])
        with self.assertRaisesRegex(ValidationError, "same path"):
            path.step_ids.prerequisite_ids = other.step_ids

    def test_min_score_range_and_source_required(self):
        path = self._create_path("Scores", [{"name": "Quiz", "kind": "session"}])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            path.step_ids.min_score = 120
        with self.assertRaisesRegex(ValidationError, "needs its Scenario"):
            self._create_path("No scenario", [{"name": "Drill", "kind": "scenario"}])

    def test_delete_path_with_assignments_refused(self):
        with self.assertRaisesRegex(UserError, "archive it"):
            self.path.unlink()
        self.path.action_archive()
        self.assertFalse(self.path.active)
        draft = self._create_path("Scratch", [{"name": "A", "kind": "session"}])
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_revision_supersedes_and_moves_assignments(self):
        assignment = self._assignment(self.emp)
        self._line(assignment, self.step_session).with_user(self.trainer_a)._complete(
            source="signoff", verified_by=self.trainer_a
        )
        self._line(assignment, self.step_scenario).with_user(self.trainer_a)._complete(
            source="signoff", score=90, verified_by=self.trainer_a
        )
        action = self.path.with_user(self.trainer_a).action_revise()
        v2 = self.env["hc.learning.path"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, v2.origin_id), (2, "draft", self.path))
        new_session, new_scenario = v2.step_ids
        self.assertEqual(new_scenario.prerequisite_ids, new_session.prerequisite_ids)
        new_scenario.must_redo = True
        v2.step_ids = [(0, 0, {"name": "New approval rule", "kind": "session", "sequence": 99})]
        self.assertIn("New approval rule", v2.redo_summary)
        self.assertIn("Count discrepancy drill", v2.redo_summary)
        with self.assertRaisesRegex(UserError, "already being drafted"):
            self.path.action_revise()
        v2.action_publish()
        self.assertEqual(self.path.state, "superseded")
        self.assertFalse(assignment.active)
        moved = self._assignment(self.emp, v2)
        self.assertEqual(moved.previous_assignment_id, assignment)
        self.assertEqual(moved.source, "revision")
        states = {c.step_id.name: (c.state, c.source) for c in moved.completion_ids}
        self.assertEqual(states["Receipts process"], ("done", "carried"))
        self.assertEqual(states["Count discrepancy drill"][0], "todo")
        self.assertEqual(states["New approval rule"][0], "todo")
        self.assertEqual(moved.state, "in_progress")
        # every employee of the old version moved; old records kept as history
        old = (
            self.env["hc.training.assignment"]
            .with_context(active_test=False)
            .search([("path_id", "=", self.path.id)])
        )
        self.assertEqual(len(old), 3)
        self.assertFalse(any(old.mapped("active")))
        self.assertEqual(len(v2.assignment_ids), 3)
