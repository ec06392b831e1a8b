from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestAssignment(HcTrainingCommon):
    def test_rules_assign_on_create_and_job_change(self):
        # created with the stores job at a site: assigned by the role rule
        assignment = self._assignment(self.emp)
        self.assertEqual(len(assignment), 1)
        self.assertEqual(assignment.source, "rule")
        self.assertEqual(assignment.trainer_id, self.trainer_a)
        self.assertEqual(len(assignment.completion_ids), 2)
        self.assertEqual(assignment.state, "assigned")
        # the biomedical technician is not; moving to the stores job assigns the path
        self.assertFalse(self._assignment(self.emp_biomed))
        self.emp_biomed.job_id = self.job_stores
        self.assertEqual(len(self._assignment(self.emp_biomed)), 1)

    def test_role_restricted_to_sites(self):
        self.role.site_ids = self.site_b
        newcomer = self._create_employee("Ivy New", site=self.site_a, job=self.job_stores)
        self.assertFalse(self._assignment(newcomer))
        newcomer.hc_site_id = self.site_b
        self.assertTrue(self._assignment(newcomer))

    def test_cron_assigns_new_version_once(self):
        Assignment = self.env["hc.training.assignment"]
        before = Assignment.search_count([])
        Assignment._cron_apply_assignment_rules()
        self.assertEqual(Assignment.search_count([]), before, "nothing new: nothing created")
        extra = self._create_path("Stores refresher", [{"name": "Refresher", "kind": "session"}])
        extra.action_publish()
        Assignment._cron_apply_assignment_rules()
        self.assertEqual(len(extra.assignment_ids), 3)  # emp, emp_2, emp_b
        Assignment._cron_apply_assignment_rules()
        self.assertEqual(len(extra.assignment_ids), 3)

    def test_due_dates(self):
        assignment = self._assignment(self.emp)
        today = fields.Date.context_today(assignment)
        self.assertEqual(
            set(assignment.completion_ids.mapped("date_due")), {today + timedelta(days=14)}
        )
        self.assertEqual(assignment.date_due, today + timedelta(days=14))
        # counting back from the site's go-live
        self.site_a.go_live_date = today + timedelta(days=30)
        path = self._create_path(
            "Go-live countdown",
            [
                {
                    "name": "Dress rehearsal",
                    "kind": "session",
                    "due_reference": "golive",
                    "due_offset_days": 5,
                }
            ],
        )
        path.action_publish()
        self.env["hc.training.assignment"]._assign_by_rules(self.emp)
        countdown = self._assignment(self.emp, path)
        self.assertEqual(countdown.date_due, today + timedelta(days=25))

    def test_due_date_before_assignment_refused(self):
        assignment = self._assignment(self.emp)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            assignment.write({"date_due": assignment.date_assigned - timedelta(days=1)})
            assignment.flush_recordset()

    def test_duplicate_active_assignment_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["hc.training.assignment"].create(
                {"employee_id": self.emp.id, "path_id": self.path.id}
            )

    def test_archived_employee_and_draft_path_refused(self):
        self.emp_b.action_archive()
        extra = self._create_path("Extra", [{"name": "E", "kind": "session"}])
        with self.assertRaisesRegex(ValidationError, "published"):
            self.env["hc.training.assignment"].create(
                {"employee_id": self.emp.id, "path_id": extra.id}
            )
        extra.action_publish()
        with self.assertRaisesRegex(ValidationError, "archived employee"):
            self.env["hc.training.assignment"].create(
                {"employee_id": self.emp_b.id, "path_id": extra.id}
            )

    def test_waive_needs_reason_and_is_tracked(self):
        assignment = self._assignment(self.emp)
        # the waiver is the wizard's: never written directly, and always with a reason
        with self.assertRaisesRegex(AccessError, "workflow"):
            assignment.write({"is_waived": True, "waive_reason": "because"})
        with self.assertRaisesRegex(UserError, "Say why"):
            self.env["hc.training.waive"].with_user(self.trainer_a).create(
                {"assignment_ids": [(6, 0, assignment.ids)], "reason": "   "}
            ).action_confirm()
        wizard = (
            self.env["hc.training.waive"]
            .with_user(self.trainer_a)
            .create(
                {
                    "assignment_ids": [(6, 0, assignment.ids)],
                    "reason": "Certified at previous employer",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(assignment.state, "waived")
        self.assertEqual(assignment.progress, 0.0)

    def test_state_changes_are_tracked(self):
        # the assignments were created (tracking off) in this same transaction: end it first
        self.env.cr.precommit.run()
        assignment = self._assignment(self.emp).with_context(
            tracking_disable=False, mail_notrack=False
        )
        self.assertEqual(assignment.state, "assigned")
        self._line(assignment, self.step_session)._complete(
            source="signoff", verified_by=self.trainer_a
        )
        assignment.env.flush_all()
        self.env.cr.precommit.run()  # tracking messages are posted at commit time
        tracked = assignment.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked[0].new_value_char, "In Progress")

    def test_bulk_assign_wizard_preview_skips_existing(self):
        extra = self._create_path(
            "Department induction", [{"name": "Induction", "kind": "session"}]
        )
        extra.action_publish()
        self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": self.emp.id, "path_id": extra.id}]
        )
        wizard_form = Form(self.env["hc.training.bulk.assign"].with_user(self.trainer_a))
        wizard_form.path_ids.add(extra)
        wizard_form.target = "department"
        wizard_form.department_id = self.dep_stores
        wizard = wizard_form.save()
        wizard.action_preview()
        self.assertEqual(wizard.skipped_count, 1)
        # emp_b works at site B: trainer A does not manage it, so it is not proposed
        self.assertEqual(set(wizard.line_ids.employee_id.ids), {self.emp.id, self.emp_2.id})
        wizard.target = "site"
        wizard.site_id = self.site_a
        wizard.action_preview()
        self.assertEqual(wizard.new_count, 2)  # emp_2 and emp_biomed
        action = wizard.action_confirm()
        created = self.env["hc.training.assignment"].search(action["domain"])
        self.assertEqual(created.employee_id, self.emp_2 | self.emp_biomed)
        self.assertEqual(set(created.mapped("source")), {"manual"})
        self.assertEqual(created.trainer_id, self.trainer_a)
