import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_documents import HcDocumentCommon


@tagged("post_install", "-at_install")
class TestControlledDocumentSecurity(HcDocumentCommon):
    def test_quality_coordinator_runs_the_workflow(self):
        Document = self.env["hc.controlled.document"].with_user(self.qc_user)
        doc = Document.create({"code": "WI-T-1", "name": "Cold chain", "role_ids": self.role.ids})
        self.assertEqual(doc.company_id, self.company)
        version = (
            self.env["hc.controlled.document.version"]
            .with_user(self.qc_user)
            .create({"document_id": doc.id, "name": "v1", "file": base64.b64encode(b"wi v1")})
        )
        version.action_submit()
        version.action_approve()
        self.assertEqual(version.approver_id, self.qc_user)
        self.assertTrue(version.approval_date)
        version.action_make_effective()
        self.assertEqual(doc.state, "effective")
        self.assertIn(self.sop, Document.search([]))
        # coordinators read acknowledgments and coverage, never record one for someone
        self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        self.assertEqual(
            self.env["hc.document.acknowledgment"].with_user(self.qc_user).search([]).employee_id,
            self.emp,
        )
        self.assertTrue(self.env["hc.document.coverage"].with_user(self.qc_user).search([]))

    def test_employee_reads_released_versions_in_scope_and_own_acknowledgments(self):
        Version = self.env["hc.controlled.document.version"].with_user(self.emp_user)
        self.assertEqual(Version.search([]), self.sop_v1)
        with self.assertRaises(AccessError):
            self.sop_v2.with_user(self.emp_user).read(["name"])  # draft
        biomed = self._create_document("POL-T-B", "Biomed only", departments=self.dep_biomed)
        biomed_v1 = self._create_version(biomed, "v1", b"biomed")
        biomed_v1._release()
        with self.assertRaises(AccessError):
            biomed_v1.with_user(self.emp_user).read(["name"])
        with self.assertRaises(AccessError):
            biomed.with_user(self.emp_user).read(["name"])
        self.assertTrue(self.sop_v1.with_user(self.emp_user).read(["file", "checksum"]))
        with self.assertRaises(AccessError):
            self.env["hc.controlled.document"].with_user(self.emp_user).create(
                {"code": "X-1", "name": "Mine"}
            )
        with self.assertRaises(AccessError):
            self.sop_v1.with_user(self.emp_user).write({"review_date": "2030-01-01"})
        self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        self.sop_v1.with_user(self.emp_user_2)._acknowledge(self.emp_2)
        Ack = self.env["hc.document.acknowledgment"]
        self.assertEqual(Ack.with_user(self.emp_user).search([]).employee_id, self.emp)
        with self.assertRaises(AccessError):
            Ack.search([("employee_id", "=", self.emp_2.id)]).with_user(self.emp_user).read(
                ["checksum"]
            )
        with self.assertRaises(AccessError):
            self.env["hc.document.coverage"].with_user(self.emp_user).search([])

    def test_trainer_and_manager_cannot_manage_documents(self):
        for user in (self.trainer_a, self.manager_user):
            with self.assertRaises(AccessError):
                self.env["hc.controlled.document"].with_user(user).create(
                    {"code": "X-2", "name": "Not mine"}
                )
            with self.assertRaises(AccessError):
                self.sop.with_user(user).write({"name": "Renamed"})
            with self.assertRaises(AccessError):
                self.sop_v2.with_user(user).action_submit()
        # training managers read every document and version of their companies
        self.assertEqual(
            self.env["hc.controlled.document.version"]
            .with_user(self.manager_user)
            .search([("document_id", "=", self.sop.id)]),
            self.sop_v1 | self.sop_v2,
        )
        # trainers read the documents (to link them to acknowledgment steps), not their
        # unreleased versions
        self.assertIn(
            self.sop, self.env["hc.controlled.document"].with_user(self.trainer_b).search([])
        )
        with self.assertRaises(AccessError):
            self.sop_v2.with_user(self.trainer_b).read(["name"])

    def test_other_company_sees_nothing(self):
        self.sop_v1.with_user(self.emp_user)._acknowledge(self.emp)
        for model in (
            "hc.controlled.document",
            "hc.controlled.document.version",
            "hc.document.acknowledgment",
            "hc.document.coverage",
        ):
            self.assertFalse(self.env[model].with_user(self.qc_other).search([]), model)
        with self.assertRaises(AccessError):
            self.sop.with_user(self.qc_other).read(["name"])
        with self.assertRaises(AccessError):
            self.sop_v1.with_user(self.qc_other).write({"review_date": "2030-01-01"})
