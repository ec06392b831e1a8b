import base64
import hashlib

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDocumentAcknowledgmentTour(HttpCase):
    def _policy(self):
        site = self.env["hc.site"].create({"name": "Tour Policy Hospital", "code": "TPH"})
        user = new_test_user(self.env, login="hc_tour_policy_emp", groups="base.group_user")
        employee = self.env["hr.employee"].create(
            {"name": "Tour Pia Policy", "hc_site_id": site.id, "user_id": user.id}
        )
        document = self.env["hc.controlled.document"].create(
            {
                "code": "POL-TOUR-01",
                "name": "Tour records policy",
                "category": "policy",
                "site_ids": [(6, 0, site.ids)],
            }
        )
        Version = self.env["hc.controlled.document.version"]
        v1 = Version.create(
            {
                "document_id": document.id,
                "name": "v1",
                "sequence": 1,
                "file": base64.b64encode(b"policy v1"),
                "file_name": "POL-TOUR-01_v1.pdf",
            }
        )
        v1._release()
        data = b"%PDF-1.4 Tour records policy, version 2"
        v2 = Version.create(
            {
                "document_id": document.id,
                "name": "v2",
                "sequence": 2,
                "file": base64.b64encode(data),
                "file_name": "POL-TOUR-01_v2.pdf",
            }
        )
        v2._release()
        return employee, user, data, v1, v2

    def test_employee_acknowledges_policy_from_my_training(self):
        employee, user, data, v1, v2 = self._policy()
        self.start_tour("/odoo", "hc_training_document_ack_tour", login="hc_tour_policy_emp")
        ack = self.env["hc.document.acknowledgment"].search([("employee_id", "=", employee.id)])
        self.assertEqual(ack.version_id, v2)
        self.assertEqual(ack.user_id, user)
        self.assertEqual(ack.checksum, hashlib.sha256(data).hexdigest())
        self.assertEqual(v1.state, "superseded")

    def test_quality_coordinator_reviews_coverage(self):
        employee, _user, _data, _v1, v2 = self._policy()
        new_test_user(
            self.env, login="hc_tour_quality", groups="hc_training.group_quality_coordinator"
        )
        self.start_tour("/odoo", "hc_training_document_coverage_tour", login="hc_tour_quality")
        row = self.env["hc.document.coverage"].search([("employee_id", "=", employee.id)])
        self.assertEqual(row.version_id, v2)
        self.assertFalse(row.is_acknowledged)
