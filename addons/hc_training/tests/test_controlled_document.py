import base64
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from .common_documents import HcDocumentCommon

# SHA-256 of the fixture files, as ``sha256sum`` prints them (not recomputed by the test)
SHA_V1 = "654cf89a4063a2ca6aeeb7c601cca2070968726247955062f8a43353e2899e5a"
SHA_V2 = "6eee7493aae2f75d9e865d0fec3b3d5889099455005ba8307d8f00f712c135c7"
SHA_V2_BIS = "9437a98dce1a23e03b5c6592119b9963894976c32968c8fc7b4a4f621a794fd4"


@tagged("post_install", "-at_install")
class TestControlledDocument(HcDocumentCommon):
    def test_checksum_is_sha256_of_the_file(self):
        self.assertEqual(self.sop_v1.checksum, SHA_V1)
        self.assertEqual(self.sop_v2.checksum, SHA_V2)
        ack = self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        self.assertEqual(ack.checksum, SHA_V1)
        self.assertEqual(ack.user_id, self.emp_user)
        self.assertTrue(ack.date)
        # a draft's file can change: the hash follows
        self.sop_v2.file = base64.b64encode(b"v2 bis")
        self.assertEqual(self.sop_v2.checksum, SHA_V2_BIS)

    def test_released_file_is_frozen(self):
        with self.assertRaisesRegex(UserError, "file is frozen"), self.cr.savepoint():
            self.sop_v1.file = base64.b64encode(b"tampered")
        self.assertEqual(self.sop_v1.checksum, SHA_V1)

    def test_no_file_refused_on_submit_and_approve(self):
        empty = self._create_version(self.sop, "v3")
        self.assertFalse(empty.checksum)
        with self.assertRaisesRegex(UserError, "v3 of SOP-T-001 .*has no file"):
            empty.action_submit()
        # a version put in review without its file cannot be approved either
        with workflow_scope(empty._name, {"state"}):  # fixture: forged on purpose
            empty.state = "in_review"
        with self.assertRaisesRegex(UserError, "v3 of SOP-T-001 .*has no file"):
            empty.action_approve()
        self.assertEqual(empty.state, "in_review")

    @mute_logger("odoo.sql_db")
    def test_code_unique_per_company(self):
        other = self.env["hc.controlled.document"].create(
            {"code": "SOP-T-001", "name": "Other trust SOP", "company_id": self.company_other.id}
        )
        self.assertTrue(other)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._create_document("SOP-T-001", "Duplicate in the same company")
        messages = [c.message for c in self.env["hc.controlled.document"]._table_objects.values()]
        self.assertIn(
            "A controlled document with this code already exists in this company.", messages
        )

    def test_new_version_supersedes_and_reopens_acknowledgment_step(self):
        line = self._ack_line(self.emp)
        self.assertEqual(line.state, "todo")
        ack_v1 = self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        self.assertEqual(line.state, "done")
        self.assertEqual(line.source, "acknowledgment")
        self.assertEqual(self._ack_line(self.emp_2).state, "todo")

        self.sop_v2._release()
        self.assertEqual(self.sop_v1.state, "superseded")
        self.assertEqual(self.sop_v2.state, "effective")
        self.assertEqual(self.sop.current_version_id, self.sop_v2)
        self.assertEqual(self.sop.state, "effective")
        self.assertEqual(
            self.sop.version_ids.filtered(lambda v: v.state == "effective"), self.sop_v2
        )
        # the step is to do again, with the reason; the old acknowledgment stays as history
        self.assertEqual(line.state, "todo")
        self.assertFalse(line.date_completed)
        self.assertIn("v2", line.note)
        self.assertTrue(ack_v1.exists())
        self.assertEqual(ack_v1.version_state, "superseded")

        with self.assertRaisesRegex(UserError, "v1 of SOP-T-001 Goods receipt is superseded"):
            self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        ack_v2 = self.sop_v2.with_user(self.emp_user)._acknowledge(self.emp)
        self.assertEqual(line.state, "done")
        self.assertEqual(ack_v2.checksum, SHA_V2)
        acks = self.env["hc.document.acknowledgment"].search([("employee_id", "=", self.emp.id)])
        self.assertEqual(acks, ack_v1 | ack_v2)
        with self.assertRaisesRegex(UserError, "already acknowledged"):
            self.sop_v2.with_user(self.emp_user)._acknowledge(self.emp)

    @mute_logger("odoo.sql_db")
    def test_one_effective_version_per_document(self):
        self.sop_v2.action_submit()
        self.sop_v2.action_approve()
        with (
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            workflow_scope(self.sop_v2._name, {"state"}),  # fixture: the database index
        ):
            self.sop_v2.write({"state": "effective"})
            self.sop_v2.flush_recordset()

    def test_new_assignment_completes_from_earlier_acknowledgment(self):
        ack = self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        path = self._create_path(
            "Stores documents, night shift",
            [{"name": "Re-read SOP-T-001", "kind": "acknowledgment", "document_id": self.sop.id}],
        )
        path.action_publish()
        self.env["hc.training.assignment"]._assign_by_rules(self.emp | self.emp_2)
        lines = self._assignment(self.emp, path).completion_ids
        self.assertEqual(lines.state, "done")
        self.assertEqual(lines.source, "acknowledgment")
        self.assertIn(ack.checksum, lines.note)
        self.assertEqual(self._assignment(self.emp_2, path).completion_ids.state, "todo")

    def test_nobody_acknowledges_for_someone_else(self):
        for user in (self.emp_user_2, self.trainer_a, self.manager_user, self.qc_user):
            with self.assertRaisesRegex(AccessError, "only the employee can acknowledge"):
                self.sop_v1.with_user(user)._acknowledge(self.emp)
        with self.assertRaises(AccessError):
            self.env["hc.document.acknowledgment"].with_user(self.manager_user).create(
                {
                    "employee_id": self.emp.id,
                    "version_id": self.sop_v1.id,
                    "date": "2026-01-01 00:00:00",
                    "checksum": "x",
                }
            )
        self.assertFalse(
            self.env["hc.document.acknowledgment"].search([("employee_id", "=", self.emp.id)])
        )
        # and the linked step cannot be signed off instead
        line = self._ack_line(self.emp)
        with self.assertRaisesRegex(UserError, "completes when Erin Stores acknowledges"):
            line.with_user(self.trainer_a).action_sign_off()
        self.assertEqual(line.state, "todo")

    def test_employee_acknowledges_from_my_training(self):
        Version = self.env["hc.controlled.document.version"].with_user(self.emp_user)
        domain = [
            ("state", "=", "effective"),
            ("document_id.in_my_scope", "=", True),
            ("acknowledged_by_me", "=", False),
        ]
        self.assertEqual(Version.search(domain), self.sop_v1)
        action = self.sop_v1.with_user(self.emp_user).action_open_acknowledge()
        self.assertEqual(action["res_id"], self.sop_v1.id)
        self.sop_v1.with_user(self.emp_user).action_acknowledge()
        self.assertFalse(Version.search(domain))
        self.assertTrue(self.sop_v1.with_user(self.emp_user).acknowledged_by_me)
        self.assertEqual(self._ack_line(self.emp).state, "done")

    def test_effective_version_requests_acknowledgments(self):
        activity_type = self.env.ref("hc_training.mail_activity_document_acknowledge")
        activities = self.sop_v1.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        # in scope with a user: Erin and Finn (Gail has no user, Hank is not in the role)
        self.assertEqual(activities.user_id, self.emp_user | self.emp_user_2)
        self.assertEqual(
            set(activities.mapped("date_deadline")),
            {fields.Date.context_today(self.sop_v1) + timedelta(days=14)},
        )
        message = self.sop_v1.message_ids.filtered(lambda m: m.partner_ids)
        self.assertEqual(message.partner_ids, (self.emp_user | self.emp_user_2).partner_id)
        self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        self.assertEqual(self.sop_v1.activity_ids.user_id, self.emp_user_2)
        self.sop_v2._release()
        self.assertFalse(self.sop_v1.activity_ids)
        self.assertEqual(self.sop_v2.activity_ids.user_id, self.emp_user | self.emp_user_2)

    def test_scope_by_role_department_and_site(self):
        Document = self.env["hc.controlled.document"]
        by_dep = self._create_document("POL-T-1", "Biomed policy", departments=self.dep_biomed)
        by_site = self._create_document("POL-T-2", "Site B policy", sites=self.site_b)
        role_at_a = self._create_document(
            "SOP-T-9", "Stores at A", roles=self.role, sites=self.site_a
        )
        everyone = self._create_document("POL-T-3", "Everyone")
        other_emp = self._create_employee(
            "Olga Other", site=self.site_other, company=self.company_other
        )
        scope = (by_dep | by_site | role_at_a | everyone | self.sop)._scope_map()
        self.assertEqual(set(scope[by_dep]), {self.emp_biomed.id})
        self.assertEqual(set(scope[by_site]), {self.emp_b.id})
        self.assertEqual(set(scope[role_at_a]), {self.emp.id, self.emp_2.id})
        self.assertEqual(scope[role_at_a][self.emp.id], frozenset(self.role.ids))
        self.assertEqual(set(scope[self.sop]), {self.emp.id, self.emp_2.id, self.emp_b.id})
        self.assertTrue({self.emp.id, self.emp_biomed.id} <= set(scope[everyone]))
        self.assertNotIn(other_emp.id, scope[everyone])
        # a role held through an assignment only (the job no longer matches)
        self.emp_2.job_id = self.job_biomed
        self.assertIn(self.emp_2.id, Document.browse(self.sop.id)._scope_map()[self.sop])
        self.assertTrue(self._assignment(self.emp_2, self.doc_path).active)

    def test_coverage_per_document_and_role(self):
        Coverage = self.env["hc.document.coverage"]
        self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        rows = Coverage.search([("document_id", "=", self.sop.id)])
        self.assertEqual(rows.employee_id, self.emp | self.emp_2 | self.emp_b)
        self.assertEqual(rows.filtered("is_acknowledged").employee_id, self.emp)
        [(count, acked, missing, coverage)] = Coverage._read_group(
            [("document_id", "=", self.sop.id), ("role_ids", "in", self.role.ids)],
            [],
            ["employee_count:sum", "acknowledged_count:sum", "missing_count:sum", "coverage:avg"],
        )
        self.assertEqual((count, acked, missing), (3, 1, 2))
        self.assertAlmostEqual(coverage, 100 / 3, places=2)
        # a new version starts from zero
        self.sop_v2._release()
        rows = Coverage.search([("document_id", "=", self.sop.id)])
        self.assertEqual(rows.version_id, self.sop_v2)
        self.assertFalse(rows.filtered("is_acknowledged"))
        # the report action rebuilds what the manager may see
        action = Coverage.with_user(self.manager_user).action_open_coverage()
        self.assertEqual(action["res_model"], "hc.document.coverage")

    def test_acknowledgment_history_is_read_only(self):
        ack = self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        with self.assertRaises(AccessError):
            ack.with_user(self.emp_user).write({"note": "mine"})
        with self.assertRaises(AccessError):
            ack.with_user(self.trainer_a).write({"note": "trainer"})
        ack.with_user(self.manager_user).write({"note": "Clicked on a shared ward PC."})
        self.assertEqual(ack.note, "Clicked on a shared ward PC.")
        with self.assertRaisesRegex(UserError, "cannot be moved"):
            ack.with_user(self.manager_user).write({"employee_id": self.emp_2.id})
        with self.assertRaises(UserError):
            ack.unlink()
