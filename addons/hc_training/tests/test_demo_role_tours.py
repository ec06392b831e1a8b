"""The README's trainer walkthroughs, clicked through as the demo logins it names.

They run on the Northbridge demo data and are skipped without it (the tours of
``test_tour.py``, ``test_session_tour.py``, ``test_document_tour.py`` and
``test_super_user_tour.py`` build their own data and cover the same screens without demo).
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.hc_base.tests.demo_tour_common import DemoTourMixin


@tagged("post_install", "-at_install")
class TestTrainerDemoTours(DemoTourMixin, HttpCase):
    def test_trainer_paths_signoff_matrix_transcript(self):
        """For trainers, steps 1-5, as tomas: roles, a new path published and assigned, a
        scenario signed off, the matrix, the transcript PDF and the matrix xlsx."""
        tomas = self.demo_user("hc_base.user_tomas_demo")
        aisha = self.env.ref("hc_base.employee_01_demo")
        nadia = self.env.ref("hc_base.employee_nadia_demo")
        self.start_tour("/odoo", "hc_demo_trainer_paths_tour", login="tomas", timeout=180)
        path = self.env["hc.learning.path"].search([("name", "=", "Night receiving refresher")])
        self.assertEqual(path.state, "published")
        self.assertIn(nadia, path.assignment_ids.employee_id)
        drill = self.env["hc.training.completion"].search(
            [("employee_id", "=", aisha.id), ("name", "=", "Stock discrepancy drill")]
        )
        self.assertEqual((drill.state, drill.verified_by_id), ("done", tomas))
        export = self.env["hc.training.matrix.export"].search(
            [("create_uid", "=", tomas.id)], order="id desc", limit=1
        )
        self.assertTrue(export.file, "the matrix export produced no file")
        workbook = self.assert_xlsx_download(
            "tomas",
            f"/web/content/hc.training.matrix.export/{export.id}/file/{export.filename}"
            "?download=true",
        )
        cells = {c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row}
        self.assertIn(aisha.name, cells)
        self.assert_pdf_download("tomas", "hc_training.report_training_transcript", aisha)

    def test_trainer_revises_a_path(self):
        """For trainers, step 3, as tomas: revise the storekeeper path, tick Must Be Redone on
        a changed step, read the banner and publish version 2 (everyone moves over)."""
        self.demo_user("hc_base.user_tomas_demo")
        v1 = self.env.ref("hc_training.path_storekeeper_demo")
        active = v1.assignment_ids.filtered("active").employee_id
        self.start_tour("/odoo", "hc_demo_trainer_revise_tour", login="tomas", timeout=120)
        v2 = self.env["hc.learning.path"].search([("previous_version_id", "=", v1.id)])
        self.assertEqual((v2.version, v2.state), (2, "published"))
        self.assertEqual(v2.assignment_ids.filtered("active").employee_id, active)

    def test_trainer_sessions_by_site_and_shift(self):
        """Training sessions by site and shift, as tomas: by shift, schedule, invite missing,
        plan the coverage of a site and create the sessions."""
        self.demo_user("hc_base.user_tomas_demo")
        session = self.env["hc.training.session"].search(
            [("name", "=", "Receiving and put-away - RCH evening")]
        )
        before = self.env["hc.training.session"].search_count([])
        self.start_tour("/odoo", "hc_demo_trainer_sessions_tour", login="tomas", timeout=120)
        self.assertEqual(session.state, "scheduled")
        self.assertTrue(session.attendee_ids)
        self.assertGreater(self.env["hc.training.session"].search_count([]), before)

    def test_quality_coordinator_documents(self):
        """Controlled documents, as quentin: versions, approve and make effective, coverage."""
        self.demo_user("hc_training.user_quentin_demo")
        version = self.env["hc.controlled.document.version"].search(
            [("document_id.code", "=", "WI-STO-011")]
        )
        self.start_tour("/odoo", "hc_demo_quality_documents_tour", login="quentin", timeout=120)
        self.assertEqual(version.state, "effective")

    def test_training_manager_super_user_network(self):
        """Super-user network and the go-live rota, as maya: network, rota, rota proposal."""
        self.demo_user("hc_base.user_maya_demo")
        self.start_tour("/odoo", "hc_demo_super_user_network_tour", login="maya", timeout=120)

    def test_employee_my_training(self):
        """Employees, as nadia: my paths and steps, my sessions, acknowledge the effective
        policy, my acknowledgments, who to call now and the super-user directory."""
        nadia = self.demo_user("hc_base.user_nadia_demo")
        self.start_tour("/odoo", "hc_demo_employee_tour", login="nadia", timeout=120)
        acks = self.env["hc.document.acknowledgment"].search(
            [("user_id", "=", nadia.id), ("document_id.code", "=", "POL-QUA-001")]
        )
        self.assertTrue(acks)
