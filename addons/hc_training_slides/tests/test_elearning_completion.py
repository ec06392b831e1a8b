from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.hc_training.tests.common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestElearningCompletion(HcTrainingCommon):
    """A real eLearning course completes its step when the employee finishes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env["slide.channel"].create(
            {"name": "Receiving goods in Odoo", "enroll": "invite", "is_published": True}
        )
        cls.slide = cls.env["slide.slide"].create(
            {
                "name": "Receipts",
                "channel_id": cls.channel.id,
                "slide_category": "document",
                "is_published": True,
            }
        )
        cls.course_path = cls._create_path(
            "Stores eLearning",
            [{"name": "Receipts course", "kind": "elearning", "channel_id": cls.channel.id}],
        )
        cls.course_path.action_publish()

    def test_finishing_elearning_course_completes_step(self):
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": self.course_path.id}]
        )
        self.channel._action_add_members(self.emp_user.partner_id)
        self.slide.with_user(self.emp_user)._action_mark_completed()
        line = assignment.completion_ids
        self.assertEqual(line.state, "done")
        self.assertEqual(line.source, "elearning")
        self.assertEqual(assignment.state, "completed")
        # another employee's line of the same course stays open
        other = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp_2.id, "path_id": self.course_path.id}]
        )
        self.assertEqual(other.completion_ids.state, "todo")

    def test_employee_opens_the_course(self):
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": self.course_path.id}]
        )
        action = assignment.completion_ids.with_user(self.emp_user).action_open_source()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], self.channel.website_url)

    def test_elearning_step_needs_its_course(self):
        with self.assertRaisesRegex(ValidationError, "needs its eLearning Course"):
            self._create_path("No course", [{"name": "Course", "kind": "elearning"}])

    def test_uninstall_policy_turns_steps_into_sessions(self):
        """What uninstalling the bridge does to a published eLearning step (its ``ondelete``
        policy): a session a trainer signs off, the open lines following."""
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": self.course_path.id}]
        )
        step = self.course_path.step_ids
        policy = step._fields["kind"].ondelete["elearning"]
        policy(step)
        self.assertEqual(step.kind, "session")
        self.assertEqual(assignment.completion_ids.kind, "session")
        self.assertEqual(self.course_path.state, "published")
