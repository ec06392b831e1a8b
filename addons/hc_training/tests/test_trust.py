"""Trust at the model layer (issue #15): what the UI hides is refused over RPC too.

Every test acts as a role user (``with_user``) on records the test builds itself, and proves
both the refusal and that the workflow's own path still works."""

import base64
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.hr_employee import skip_assignment_rules
from .common import HcTrainingCommon
from .common_documents import HcDocumentCommon
from .session_common import HcSessionCommon
from .test_super_user import HcSuperUserCommon

OWNED = "workflow"  # the refusal of a workflow-owned field names the workflow


class TrustMixin:
    def _make_trainer(self, user):
        user.group_ids = [(4, self.env.ref("hc_training.group_trainer").id)]
        return user


@tagged("post_install", "-at_install")
class TestCompletionTrust(TrustMixin, HcTrainingCommon):
    def test_trainer_cannot_forge_a_completion(self):
        line = self._line(self._assignment(self.emp), self.step_scenario)
        as_trainer = line.with_user(self.trainer_a)
        for vals in (
            {"state": "done", "score": 50},  # done below the pass mark
            {"verified_by_id": self.trainer_b.id},  # someone else's sign-off
            {"date_completed": fields.Date.today(), "source": "signoff"},
            {"expires_on": date(2099, 1, 1)},
            {"note": "signed off"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, OWNED):
                as_trainer.write(vals)
        # superuser included: only the workflow sets them
        with self.assertRaisesRegex(AccessError, OWNED):
            line.sudo().write({"state": "done"})
        # a line cannot be moved to another step or assignment either
        with self.assertRaisesRegex(AccessError, OWNED):
            as_trainer.write({"step_id": self.step_session.id})
        with self.assertRaisesRegex(AccessError, OWNED):
            as_trainer.write({"assignment_id": self._assignment(self.emp_2).id})
        self.assertEqual(line.state, "todo")
        # create mirrors write: no line is created done, nor created at all by a client
        with self.assertRaises(AccessError):
            self.env["hc.training.completion"].with_user(self.trainer_a).create(
                {
                    "assignment_id": self._assignment(self.emp).id,
                    "step_id": self.step_scenario.id,
                    "state": "done",
                    "score": 100,
                }
            )
        # the sign-off wizard is the way: pass mark enforced, the signer is the acting user
        with self.assertRaisesRegex(UserError, "pass mark"):
            self._sign_off(self.trainer_a, line, score=50)
        self._sign_off(self.trainer_a, line, score=90)
        self.assertEqual(line.state, "done")
        self.assertEqual(line.score, 90)
        self.assertEqual(line.verified_by_id, self.trainer_a)

    def test_nobody_deletes_completion_lines_to_complete_a_path(self):
        """Deleting the open lines of an assignment would leave its path 100 % complete (and
        its super user certifiable without the manager's override): lines are the workflow's,
        corrections go through reopen and waive."""
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_scenario)
        for user in (self.manager_user, self.trainer_a, self.emp_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).unlink()
        self.assertTrue(line.exists())
        # nor the whole assignment once a step is done: done training is evidence
        self._sign_off(self.trainer_a, line, score=90)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            assignment.with_user(self.manager_user).unlink()
        self.assertTrue(line.exists())

    def test_sign_off_is_for_trainers_of_the_site(self):
        line = self._line(self._assignment(self.emp), self.step_session)
        # trainer of site B signs off nothing at site A (not even through sudo'ed wizard)
        with self.assertRaises(AccessError):
            self._sign_off(self.trainer_b, line)
        # a plain employee is neither trainer nor observer of this step
        with self.assertRaises(AccessError):
            self._sign_off(self.emp_user_2, line)
        # a sign-off is not dated in the future
        with self.assertRaisesRegex(UserError, "future"):
            self._sign_off(self.trainer_a, line, date=fields.Date.today() + timedelta(days=3))
        self.assertEqual(line.state, "todo")
        # the training manager of the company signs off any site
        self._sign_off(self.manager_user, line)
        self.assertEqual(line.verified_by_id, self.manager_user)

    def test_reopen_is_a_managers_correction(self):
        line = self._line(self._assignment(self.emp), self.step_session)
        self._sign_off(self.trainer_a, line)
        with self.assertRaises(AccessError):
            line.with_user(self.trainer_a).action_reopen()
        with self.assertRaises(AccessError):  # even with no record at all
            self.env["hc.training.completion"].with_user(self.trainer_a).action_reopen()
        with self.assertRaisesRegex(AccessError, OWNED):
            line.with_user(self.trainer_a).write({"state": "todo"})
        # a training manager does not reopen their own training either
        self.emp_user.group_ids = [(4, self.env.ref("hc_training.group_training_manager").id)]
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(self.emp_user).action_reopen()
        line.with_user(self.manager_user).action_reopen()
        self.assertEqual(line.state, "todo")
        self.assertFalse(line.verified_by_id)

    def test_assignment_date_is_a_date_of_record(self):
        assignment = self._assignment(self.emp)
        for user in (self.trainer_a, self.manager_user):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "assignment date"),
            ):
                assignment.with_user(user).write({"date_assigned": date(2001, 1, 1)})
        # writing the same date back (a form saving every field) changes nothing and passes
        assignment.with_user(self.trainer_a).write({"date_assigned": assignment.date_assigned})

    def test_own_training_is_not_edited_by_its_trainee(self):
        trainer_emp = self._make_trainer(self.emp_user)  # Erin trains at site A too
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_session)
        with self.assertRaisesRegex(AccessError, "own training"):
            assignment.with_user(trainer_emp).write({"date_due": date(2099, 1, 1)})
        with self.assertRaisesRegex(AccessError, "own training"):
            line.with_user(trainer_emp).write({"date_due": date(2099, 1, 1)})
        # a colleague still edits them
        assignment.with_user(self.trainer_a).write({"date_due": date(2099, 1, 1)})
        self.assertEqual(assignment.date_due, date(2099, 1, 1))


@tagged("post_install", "-at_install")
class TestAssignmentTrust(TrustMixin, HcTrainingCommon):
    def _waive(self, user, assignments, reason="Certified at previous employer"):
        return (
            self.env["hc.training.waive"]
            .with_user(user)
            .create({"assignment_ids": [(6, 0, assignments.ids)], "reason": reason})
            .action_confirm()
        )

    def test_waive_by_trainer_never_own(self):
        assignment = self._assignment(self.emp)
        with self.assertRaisesRegex(AccessError, OWNED):
            assignment.with_user(self.trainer_a).write(
                {"is_waived": True, "waive_reason": "no time"}
            )
        # a plain employee cannot call the wizard's action, even on no record
        with self.assertRaises(AccessError):
            self.env["hc.training.waive"].with_user(self.emp_user_2).action_confirm()
        with self.assertRaises(AccessError):
            assignment.with_user(self.emp_user).action_unwaive()
        # a trainer waives nobody outside their sites
        with self.assertRaises(AccessError):
            self._waive(self.trainer_b, assignment)
        # nor their own assignment, even as a trainer (or a training manager) of their site
        trainer_emp = self._make_trainer(self.emp_user)
        with self.assertRaisesRegex(UserError, "own training"):
            self._waive(trainer_emp, assignment)
        self.emp_user.group_ids = [(4, self.env.ref("hc_training.group_training_manager").id)]
        with self.assertRaisesRegex(UserError, "own training"):
            self._waive(trainer_emp, assignment)
        self.assertFalse(assignment.is_waived)
        # the trainer of the site does, and only they may cancel it (not the trainee)
        self._waive(self.trainer_a, assignment)
        self.assertTrue(assignment.is_waived)
        self.assertEqual(assignment.state, "waived")
        with self.assertRaisesRegex(UserError, "own training"):
            assignment.with_user(trainer_emp).action_unwaive()
        assignment.with_user(self.trainer_a).action_unwaive()
        self.assertFalse(assignment.is_waived)

    def test_assignment_stays_with_its_employee_and_path(self):
        assignment = self._assignment(self.emp)
        # to an employee of a site the trainer does not train
        with self.assertRaises(UserError):
            assignment.with_user(self.trainer_a).write({"employee_id": self.emp_b.id})
        # nor to a colleague of the same site (their completions would follow)
        with self.assertRaises(UserError):
            assignment.with_user(self.trainer_a).write({"employee_id": self.emp_2.id})
        draft = self._create_path("Draft only", [{"name": "D", "kind": "session"}])
        with self.assertRaises(UserError):
            assignment.with_user(self.manager_user).write({"path_id": draft.id})
        self.assertEqual(assignment.employee_id, self.emp)
        # the source and history are the workflow's
        with self.assertRaisesRegex(AccessError, OWNED):
            assignment.with_user(self.trainer_a).write({"source": "rule"})

    def test_trainer_assigns_own_sites_only(self):
        path = self._create_path("Induction", [{"name": "Induction", "kind": "session"}])
        path.action_publish()
        Assignment = self.env["hc.training.assignment"].with_user(self.trainer_a)
        with self.assertRaises(AccessError):
            Assignment.create({"employee_id": self.emp_b.id, "path_id": path.id})
        with self.assertRaisesRegex(AccessError, OWNED):
            Assignment.create(
                {
                    "employee_id": self.emp.id,
                    "path_id": path.id,
                    "is_waived": True,
                    "waive_reason": "x",
                }
            )
        # the bulk wizard's preview lines edited to a foreign employee are refused
        wizard = (
            self.env["hc.training.bulk.assign"]
            .with_user(self.trainer_a)
            .create({"path_ids": [(6, 0, path.ids)], "employee_ids": [(6, 0, self.emp.ids)]})
        )
        wizard.action_preview()
        wizard.line_ids.write({"employee_id": self.emp_b.id})
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        with self.assertRaises(AccessError):
            self.env["hc.training.bulk.assign"].with_user(self.emp_user).action_confirm()
        assignment = Assignment.create({"employee_id": self.emp.id, "path_id": path.id})
        self.assertEqual(assignment.source, "manual")

    def test_archiving_is_a_managers_correction(self):
        assignment = self._assignment(self.emp)
        with self.assertRaisesRegex(AccessError, "archive"):
            assignment.with_user(self.trainer_a).write({"active": False})
        assignment.with_user(self.manager_user).write({"active": False})
        self.assertFalse(assignment.active)

    def test_skip_rules_is_not_a_context_key(self):
        Employee = self.env["hr.employee"].with_context(hc_training_skip_rules=True)
        hired = Employee.create(
            {
                "name": "Ida Stores",
                "company_id": self.company.id,
                "hc_site_id": self.site_a.id,
                "job_id": self.job_stores.id,
            }
        )
        self.assertTrue(self._assignment(hired), "a context key does not skip the role rules")
        with skip_assignment_rules():
            quiet = self.env["hr.employee"].create(
                {
                    "name": "Jon Stores",
                    "company_id": self.company.id,
                    "hc_site_id": self.site_a.id,
                    "job_id": self.job_stores.id,
                }
            )
        self.assertFalse(self._assignment(quiet))
        self.env["hc.training.assignment"]._cron_apply_assignment_rules()
        self.assertTrue(self._assignment(quiet))

    def test_wizards_are_for_trainers(self):
        for model, method in (
            ("hc.training.bulk.assign", "action_preview"),
            ("hc.training.bulk.assign", "action_confirm"),
            ("hc.training.waive", "action_confirm"),
            ("hc.training.matrix.export", "action_export"),
            ("hc.training.coverage.plan", "action_propose"),
            ("hc.training.coverage.plan", "action_confirm"),
            ("hc.super.user.rota.plan", "action_propose"),
            ("hc.super.user.rota.plan", "action_confirm"),
        ):
            with self.subTest(model=model, method=method), self.assertRaises(AccessError):
                getattr(self.env[model].with_user(self.emp_user), method)()


@tagged("post_install", "-at_install")
class TestLearningPathTrust(TrustMixin, HcTrainingCommon):
    def test_published_path_never_goes_back_to_draft(self):
        as_trainer = self.path.with_user(self.trainer_a)
        with self.assertRaisesRegex(AccessError, OWNED):
            as_trainer.write({"state": "draft"})
        with self.assertRaisesRegex(AccessError, OWNED):
            as_trainer.write({"published_by_id": self.trainer_b.id})
        with self.assertRaisesRegex(AccessError, OWNED):
            self.env["hc.learning.path"].with_user(self.trainer_a).create(
                {"name": "Forged", "role_id": self.role.id, "state": "published"}
            )
        # a published step's certification skill is the publishing workflow's
        other_skill = self.env["hr.skill"].create(
            {
                "name": "Forged certification",
                "skill_type_id": self.env.ref("hc_training.skill_type_golive_certification").id,
            }
        )
        with self.assertRaisesRegex(UserError, "frozen"):
            self.step_session.with_user(self.trainer_a).write({"skill_id": other_skill.id})
        # employees publish nothing, even with no record
        with self.assertRaises(AccessError):
            self.env["hc.learning.path"].with_user(self.emp_user).action_publish()
        # the way to change a published path is a revision
        action = as_trainer.action_revise()
        revision = self.env["hc.learning.path"].browse(action["res_id"])
        self.assertEqual(revision.state, "draft")
        self.assertEqual(revision.version, 2)
        self.assertEqual(revision.step_ids.previous_step_id, self.path.step_ids)
        revision.with_user(self.trainer_a).action_publish()
        self.assertEqual(self.path.state, "superseded")
        self.assertEqual(revision.published_by_id, self.trainer_a)


@tagged("post_install", "-at_install")
class TestCertificationSkillTrust(TrustMixin, HcTrainingCommon):
    def _cert_vals(self, employee, skill=None):
        skill = skill or self.step_scenario.skill_id
        return {
            "employee_id": employee.id,
            "skill_id": skill.id,
            "skill_type_id": skill.skill_type_id.id,
            "skill_level_id": skill.skill_type_id.skill_level_ids[:1].id,
            "valid_from": date(2026, 1, 1),
            "valid_to": date(2099, 12, 31),
        }

    def test_golive_certification_only_from_training(self):
        self.assertTrue(self.step_scenario.skill_id, "published with a validity: a skill")
        Skill = self.env["hr.employee.skill"]
        # the employee edits their own skills in hr_skills, but not this one
        with self.assertRaisesRegex(AccessError, "training completions only"):
            Skill.with_user(self.emp_user).create(self._cert_vals(self.emp))
        with self.assertRaisesRegex(AccessError, "training completions only"):
            self.emp.with_user(self.emp_user).sudo().write(
                {"employee_skill_ids": [(0, 0, self._cert_vals(self.emp))]}
            )
        # nor does a trainer, nor the superuser outside the training workflow
        trainer_emp = self._make_trainer(self.emp_user_2)
        with self.assertRaisesRegex(AccessError, "training completions only"):
            Skill.with_user(trainer_emp).create(self._cert_vals(self.emp_2))
        with self.assertRaisesRegex(AccessError, "training completions only"):
            Skill.sudo().create(self._cert_vals(self.emp))
        # another certification type stays the employee's own business
        other_type = self.env["hr.skill.type"].create(
            {
                "name": "Forklift licence",
                "is_certification": True,
                "skill_ids": [(0, 0, {"name": "Forklift"})],
                "skill_level_ids": [(0, 0, {"name": "Licensed", "level_progress": 100})],
            }
        )
        own = Skill.with_user(self.emp_user).create(
            self._cert_vals(self.emp, skill=other_type.skill_ids)
        )
        self.assertTrue(own)
        # the training path records the certification
        line = self._line(self._assignment(self.emp), self.step_scenario)
        self._sign_off(self.trainer_a, line, score=90)
        cert = Skill.search(
            [("employee_id", "=", self.emp.id), ("skill_id", "=", self.step_scenario.skill_id.id)]
        )
        self.assertEqual(cert.valid_to, line.expires_on)
        # and nobody edits or removes it afterwards
        with self.assertRaisesRegex(AccessError, "training completions only"):
            cert.with_user(self.emp_user).write({"valid_to": date(2099, 12, 31)})
        with self.assertRaisesRegex(AccessError, "training completions only"):
            cert.sudo().write({"valid_to": date(2099, 12, 31)})
        with self.assertRaisesRegex(AccessError, "training completions only"):
            cert.with_user(self.emp_user).unlink()
        with self.assertRaisesRegex(AccessError, "training completions only"):
            cert.sudo().write({"skill_type_id": other_type.id, "skill_id": other_type.skill_ids.id})


@tagged("post_install", "-at_install")
class TestDocumentTrust(HcDocumentCommon):
    def test_version_workflow_fields(self):
        as_qc = self.sop_v1.with_user(self.qc_user)
        self.assertEqual(self.sop_v1.state, "effective")
        with self.assertRaisesRegex(AccessError, OWNED):
            as_qc.write({"checksum": "0" * 64})
        with self.assertRaisesRegex(UserError, "date of record"):
            as_qc.write({"effective_date": date(2020, 1, 1)})
        other_doc = self._create_document("SOP-T-009", "Other")
        with self.assertRaisesRegex(UserError, "frozen"):
            as_qc.write({"document_id": other_doc.id})
        draft = self.sop_v2.with_user(self.qc_user)
        with self.assertRaisesRegex(AccessError, OWNED):
            draft.write({"state": "approved", "approver_id": self.manager_user.id})
        with self.assertRaisesRegex(AccessError, OWNED):
            draft.write({"approval_date": fields.Datetime.now()})
        with self.assertRaisesRegex(AccessError, OWNED):
            self.env["hc.controlled.document.version"].with_user(self.qc_user).create(
                {
                    "document_id": self.sop.id,
                    "name": "v9",
                    "file": base64.b64encode(b"x"),
                    "state": "effective",
                }
            )
        # the actions are the quality coordinator's: a trainer or employee calls none
        for user in (self.trainer_a, self.emp_user):
            for method in ("action_submit", "action_approve", "action_make_effective"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(self.sop_v2.with_user(user), method)()
        self.assertEqual(self.sop_v2.state, "draft")
        draft.action_submit()
        draft.action_approve()
        self.assertEqual(self.sop_v2.approver_id, self.qc_user)
        self.assertTrue(self.sop_v2.approval_date)
        draft.action_make_effective()
        self.assertEqual(self.sop_v2.state, "effective")
        self.assertEqual(self.sop_v1.state, "superseded")

    def test_acknowledgment_who_and_when_are_the_servers(self):
        ack = self.sop_v1.with_user(self.emp_user).action_acknowledge()
        ack = self.env["hc.document.acknowledgment"].search([("employee_id", "=", self.emp.id)])
        self.assertEqual(ack.user_id, self.emp_user)
        for vals in (
            {"date": "2020-01-01 00:00:00"},
            {"user_id": self.emp_user_2.id},
            {"checksum": "0" * 64},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, OWNED):
                ack.with_user(self.manager_user).write(vals)
        ack.with_user(self.manager_user).write({"note": "Clicked on a shared ward PC."})
        # coverage is rebuilt for those who read it, not for employees
        with self.assertRaises(AccessError):
            self.env["hc.document.coverage"].with_user(self.emp_user).action_open_coverage()


@tagged("post_install", "-at_install")
class TestSuperUserTrust(HcSuperUserCommon):
    def test_certification_is_the_workflows(self):
        su = self._super_user(self.ann, state="nominated")
        as_trainer = su.with_user(self.trainer_a)
        for vals in (
            {"state": "active"},
            {"certified_by_id": self.manager_user.id},
            {"certified_on": date(2026, 1, 1)},
            {"is_override": True},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, OWNED):
                as_trainer.write(vals)
        with self.assertRaisesRegex(AccessError, OWNED):
            self.env["hc.super.user"].with_user(self.trainer_a).create(
                {
                    "employee_id": self.bob.id,
                    "site_id": self.site_a.id,
                    "app_area_id": self.area_inv.id,
                    "state": "active",
                }
            )
        # a trainer certifies only when the path is completed, even with a reason written
        as_trainer.write({"override_reason": "Knows the stores by heart"})
        with self.assertRaisesRegex(UserError, "cannot be certified"):
            as_trainer.action_certify()
        with self.assertRaises(AccessError):
            su.with_user(self.emp_user).action_certify()
        # the training manager's override is explicit (a reason) and recorded
        su.with_user(self.manager_user).action_certify()
        self.assertEqual(su.state, "active")
        self.assertTrue(su.is_override)
        self.assertEqual(su.certified_by_id, self.manager_user)
        self.assertIn("override", su.message_ids[:1].body)
        # the certified person, site and area no longer change, nor the override reason
        with self.assertRaisesRegex(UserError, "no longer change"):
            as_trainer.write({"employee_id": self.bob.id})
        with self.assertRaisesRegex(UserError, "no longer changes"):
            as_trainer.write({"override_reason": "rewritten"})

    def test_certified_when_path_completed(self):
        su = self._super_user(self.bob, state="nominated")
        su.with_user(self.trainer_a).action_start_training()
        # the path is completed (as the training's own workflow would)
        su.assignment_id.completion_ids.sudo()._complete(
            source="session", verified_by=self.trainer_a
        )
        su.with_user(self.trainer_a).action_certify()
        self.assertEqual(su.state, "active")
        self.assertFalse(su.is_override)
        self.assertEqual(su.certified_by_id, self.trainer_a)

    def test_nominee_moves_only_within_the_trainers_sites(self):
        su = self._super_user(self.ann, state="nominated")
        with self.assertRaisesRegex(AccessError, "out of what you may edit"), self.cr.savepoint():
            su.with_user(self.trainer_a).write(
                {"employee_id": self.dan.id, "site_id": self.site_b.id}
            )
        # a nominee may still change to a colleague of the site: the path follows
        su.with_user(self.trainer_a).write({"employee_id": self.cat.id})
        self.assertEqual(su.sudo().assignment_id.employee_id, self.cat)


@tagged("post_install", "-at_install")
class TestSessionTrust(HcSessionCommon):
    def _done_session(self):
        session = self._session()
        session.action_invite_missing()
        session.with_user(self.trainer_a).action_schedule()
        for attendee in session.attendee_ids:
            attendee.with_user(self.trainer_a).action_mark_present()
        session.with_user(self.trainer_a).action_mark_done()
        return session

    def test_done_session_reopened_by_manager_only(self):
        draft = self._session(start=self.day_start, trainer=self.trainer_a2)
        with self.assertRaisesRegex(AccessError, OWNED):
            draft.with_user(self.trainer_a).write({"state": "done"})
        session = self._done_session()
        as_trainer = session.with_user(self.trainer_a)
        with self.assertRaises(AccessError):
            as_trainer.write({"state": "scheduled"})
        with self.assertRaises(AccessError):
            as_trainer.action_reopen()
        with self.assertRaisesRegex(AccessError, "only a training manager"):
            as_trainer.write({"start": self.night_start + timedelta(days=1)})
        as_trainer.write({"note": "<p>Went well</p>"})
        with self.assertRaisesRegex(AccessError, "only a training manager"):
            self.env["hc.training.session.attendee"].with_user(self.trainer_a).create(
                {
                    "session_id": session.id,
                    "employee_id": self.emp_3.id,
                    "attendance": "present",
                    "outside_shift": True,
                    "outside_shift_reason": "Swapped shifts",
                }
            )
        session.with_user(self.manager_user).action_reopen()
        self.assertEqual(session.state, "scheduled")
        with self.assertRaisesRegex(AccessError, OWNED):
            self.env["hc.training.session"].with_user(self.trainer_a).create(
                {
                    "step_id": self.step_session.id,
                    "site_id": self.site_a.id,
                    "start": self.day_start,
                    "state": "done",
                }
            )

    def test_session_moves_only_within_the_trainers_sites(self):
        session = self._session()
        with self.assertRaisesRegex(AccessError, "out of what you may edit"), self.cr.savepoint():
            session.with_user(self.trainer_a).write(
                {"site_id": self.site_b.id, "shift_id": self.shifts_b["night"].id}
            )
        self.assertEqual(session.site_id, self.site_a)

    def test_attendance_signed_by_who_records_it(self):
        session = self._session(trainer=self.trainer_a2)
        attendee = self._invite(session, self.emp)
        session.action_schedule()
        with self.assertRaises(AccessError):
            attendee.with_user(self.emp_user_2).action_mark_present()
        attendee.with_user(self.trainer_a).action_mark_present()
        line = attendee.completion_id
        self.assertEqual(line.state, "done")
        self.assertEqual(line.verified_by_id, self.trainer_a, "the recorder signs, not a colleague")

    def test_coverage_plan_for_own_sites(self):
        wizard = (
            self.env["hc.training.coverage.plan"]
            .with_user(self.trainer_a)
            .create({"site_id": self.site_b.id, "go_live_date": date(2031, 4, 1)})
        )
        with self.assertRaisesRegex(AccessError, "own sites"):
            wizard.action_propose()
        with self.assertRaisesRegex(AccessError, "own sites"):
            wizard.action_confirm()
