from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestCompletion(HcTrainingCommon):
    def test_trainer_sign_off_completes_with_evidence(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_session)
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.trainer_a)
            .create({"name": "attendance.pdf", "raw": b"%PDF-1.4"})
        )
        self._sign_off(
            self.trainer_a, line, evidence_ids=[(6, 0, evidence.ids)], note="On the floor"
        )
        self.assertEqual(line.state, "done")
        self.assertEqual(line.verified_by_id, self.trainer_a)
        self.assertEqual(line.source, "signoff")
        self.assertEqual(line.evidence_ids, evidence)
        self.assertEqual(assignment.state, "in_progress")
        self.assertEqual(assignment.progress, 50.0)

    def test_nobody_signs_off_own_scenario(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_scenario)
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(self.emp_user).action_sign_off()
        # a trainer who is also the employee cannot either
        self.emp_user.group_ids = [(4, self.env.ref("hc_training.group_trainer").id)]
        with self.assertRaisesRegex(AccessError, "own training"):
            self._sign_off(self.emp_user, line, score=95)
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(self.emp_user).write({"state": "done"})
        self.assertEqual(line.state, "todo")

    def test_observer_signs_off_scenario_but_others_cannot(self):
        assignment = self._assignment(self.emp)
        session = self._line(assignment, self.step_session)
        scenario = self._line(assignment, self.step_scenario)
        with self.assertRaises(AccessError):
            self._sign_off(self.emp_user_2, scenario, score=95)
        self._sign_off(self.trainer_a, session)
        self._sign_off(self.observer_user, scenario, score=92)
        self.assertEqual(scenario.state, "done")
        self.assertEqual(scenario.verified_by_id, self.observer_user)
        self.assertEqual(assignment.state, "completed")
        self.assertEqual(assignment.progress, 100.0)

    def test_score_below_pass_mark_and_prerequisites(self):
        assignment = self._assignment(self.emp_2)
        scenario = self._line(assignment, self.step_scenario)
        with self.assertRaisesRegex(UserError, "pass mark"):
            self._sign_off(self.trainer_a, scenario, score=60)
        with self.assertRaisesRegex(AccessError, "workflow"):
            scenario.write({"score": 140})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            workflow_scope(scenario._name, {"score"}),  # fixture: the database constraint
        ):
            scenario.write({"score": 140})
            scenario.flush_recordset()
        path = self._create_path(
            "Ordered",
            [{"name": "First", "kind": "session"}, {"name": "Second", "kind": "session"}],
        )
        first, second = path.step_ids
        second.prerequisite_ids = first
        path.action_publish()
        ordered = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp_2.id, "path_id": path.id}]
        )
        with self.assertRaisesRegex(UserError, "must first complete First"):
            self._sign_off(self.trainer_a, self._line(ordered, second))
        self._sign_off(self.trainer_a, self._line(ordered, first))
        self._sign_off(self.trainer_a, self._line(ordered, second))
        self.assertEqual(ordered.state, "completed")

    def test_certification_recorded_extended_and_expired(self):
        assignment = self._assignment(self.emp)
        scenario = self._line(assignment, self.step_scenario)
        today = fields.Date.context_today(scenario)
        self._sign_off(self.trainer_a, scenario, score=85, date=today - timedelta(days=400))
        self.assertTrue(self.step_scenario.skill_id.skill_type_id.is_certification)
        cert = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(len(cert), 1)
        self.assertEqual(cert.valid_to, scenario.expires_on)
        self.assertLess(scenario.expires_on, today)
        # the daily cron expires it: the step reopens and the assignment flips to expired
        self.env["hc.training.assignment"]._cron_training_reminders()
        self.assertEqual(scenario.state, "expired")
        self.assertEqual(assignment.state, "expired")
        # recertifying creates a new validity period in hr_skills
        self._sign_off(self.trainer_a, scenario, score=90)
        self.assertEqual(scenario.state, "done")
        certs = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(max(certs.mapped("valid_to")), scenario.expires_on)
        self.assertGreater(scenario.expires_on, today)

    def test_certification_extended_when_still_valid(self):
        assignment = self._assignment(self.emp)
        scenario = self._line(assignment, self.step_scenario)
        today = fields.Date.context_today(scenario)
        self._sign_off(self.trainer_a, scenario, score=85, date=today - timedelta(days=30))
        first_expiry = scenario.expires_on
        scenario.with_user(self.manager_user).action_reopen()
        self._sign_off(self.trainer_a, scenario, score=88, date=today)
        certs = self.env["hr.employee.skill"].search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(len(certs), 1, "a valid certification is extended, not duplicated")
        self.assertGreater(certs.valid_to, first_expiry)

    def test_reopen_is_for_managers(self):
        line = self._line(self._assignment(self.emp), self.step_session)
        self._sign_off(self.trainer_a, line)
        with self.assertRaises(AccessError):
            line.with_user(self.trainer_a).action_reopen()
        line.with_user(self.manager_user).action_reopen()
        self.assertEqual(line.state, "todo")


@tagged("post_install", "-at_install")
class TestCompletionSources(HcTrainingCommon):
    """Real eLearning courses and certification surveys complete their steps."""

    def test_finishing_elearning_course_completes_step(self):
        channel = self.env["slide.channel"].create(
            {"name": "Receiving goods in Odoo", "enroll": "invite", "is_published": True}
        )
        slide = self.env["slide.slide"].create(
            {
                "name": "Receipts",
                "channel_id": channel.id,
                "slide_category": "document",
                "is_published": True,
            }
        )
        path = self._create_path(
            "Stores eLearning",
            [{"name": "Receipts course", "kind": "elearning", "channel_id": channel.id}],
        )
        path.action_publish()
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": path.id}]
        )
        channel._action_add_members(self.emp_user.partner_id)
        slide.with_user(self.emp_user)._action_mark_completed()
        line = assignment.completion_ids
        self.assertEqual(line.state, "done")
        self.assertEqual(line.source, "elearning")
        self.assertEqual(assignment.state, "completed")
        # another employee's line of the same course stays open
        other = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp_2.id, "path_id": path.id}]
        )
        self.assertEqual(other.completion_ids.state, "todo")

    def test_passing_certification_survey_completes_step(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Stores certification",
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 70,
                "certification": True,
                "access_mode": "public",
            }
        )
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
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
        right, wrong = question.suggested_answer_ids
        path = self._create_path(
            "Stores assessment",
            [
                {
                    "name": "Certification",
                    "kind": "assessment",
                    "survey_id": survey.id,
                    "min_score": 70,
                }
            ],
        )
        path.action_publish()
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": path.id}]
        )

        def attempt(answer):
            user_input = self.env["survey.user_input"].create(
                {"survey_id": survey.id, "partner_id": self.emp_user.partner_id.id}
            )
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": answer.id,
                }
            )
            user_input._mark_done()
            return user_input

        failed = attempt(wrong)
        self.assertFalse(failed.scoring_success)
        self.assertEqual(assignment.completion_ids.state, "todo")
        passed = attempt(right)
        self.assertTrue(passed.scoring_success)
        line = assignment.completion_ids
        self.assertEqual((line.state, line.source, line.score), ("done", "survey", 100.0))
        self.assertEqual(line.survey_user_input_id, passed)
