import base64
import io

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import HcTrainingCommon


@tagged("post_install", "-at_install")
class TestMatrixAndTranscript(HcTrainingCommon):
    def test_matrix_xlsx_export(self):
        line = self._assignment(self.emp).completion_ids.filtered(
            lambda c: c.step_id == self.step_session
        )
        line.sudo()._complete(source="signoff", verified_by=self.trainer_a)
        wizard = (
            self.env["hc.training.matrix.export"]
            .with_user(self.trainer_a)
            .create({"site_id": self.site_a.id})
        )
        action = wizard.action_export()
        self.assertIn("/web/content/hc.training.matrix.export/", action["url"])
        workbook = load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        sheet = workbook["Training matrix"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[1][:4], ("Employee", "Site", "Department", "Job position"))
        self.assertEqual(rows[3][4:6], ("Receipts process", "Count discrepancy drill"))
        by_employee = {row[0]: row for row in rows[4:]}
        self.assertEqual(set(by_employee), {"Erin Stores", "Finn Stores"})  # site A only
        self.assertTrue(by_employee["Erin Stores"][4].startswith("Done"))
        self.assertEqual(by_employee["Finn Stores"][4], "To Do")
        self.assertIn("Legend", workbook.sheetnames)

    def test_transcript_report_renders(self):
        line = self._assignment(self.emp).completion_ids.filtered(
            lambda c: c.step_id == self.step_scenario
        )
        line.sudo()._complete(source="signoff", score=91, verified_by=self.trainer_a)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_training.report_training_transcript", self.emp.ids
        )
        html = html.decode()
        for text in (
            "Training transcript",
            "Erin Stores",
            "Stores go-live",
            "Count discrepancy drill",
            "<span>91</span>%",
            self.trainer_a.name,
        ):
            self.assertIn(text, html)
        action = self._assignment(self.emp).action_print_transcript()
        # without a configured document layout, Odoo asks for one first and prints after
        report = action.get("report_name") or action["context"]["report_action"]["report_name"]
        self.assertEqual(report, "hc_training.report_training_transcript")
