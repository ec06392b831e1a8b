from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.hc_training.tests.common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestAssessmentCompletion(HcTrainingCommon):
    """A real certification survey completes its step, with its score, when passed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Stores certification",
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 70,
                "certification": True,
                "access_mode": "public",
            }
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "Where do you record a count discrepancy?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (
                        0,
                        0,
                        {"value": "Inventory adjustment", "is_correct": True, "answer_score": 10},
                    ),
                    (0, 0, {"value": "A spreadsheet", "answer_score": 0}),
                ],
            }
        )
        cls.assessment_path = cls._create_path(
            "Stores assessment",
            [
                {
                    "name": "Certification",
                    "kind": "assessment",
                    "survey_id": cls.survey.id,
                    "min_score": 70,
                }
            ],
        )
        cls.assessment_path.action_publish()

    def _attempt(self, answer):
        user_input = self.env["survey.user_input"].create(
            {"survey_id": self.survey.id, "partner_id": self.emp_user.partner_id.id}
        )
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": user_input.id,
                "question_id": self.question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": answer.id,
            }
        )
        user_input._mark_done()
        return user_input

    def test_passing_certification_survey_completes_step(self):
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": self.assessment_path.id}]
        )
        right, wrong = self.question.suggested_answer_ids
        failed = self._attempt(wrong)
        self.assertFalse(failed.scoring_success)
        self.assertEqual(assignment.completion_ids.state, "todo")
        passed = self._attempt(right)
        self.assertTrue(passed.scoring_success)
        line = assignment.completion_ids
        self.assertEqual((line.state, line.source, line.score), ("done", "survey", 100.0))
        self.assertEqual(line.survey_user_input_id, passed)

    def test_employee_opens_the_assessment(self):
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": self.assessment_path.id}]
        )
        action = assignment.completion_ids.with_user(self.emp_user).action_open_source()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], self.survey.get_start_url())

    def test_assessment_step_needs_its_survey(self):
        with self.assertRaisesRegex(ValidationError, "needs its Assessment"):
            self._create_path("No survey", [{"name": "Quiz", "kind": "assessment"}])
