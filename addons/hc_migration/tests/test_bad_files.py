import base64
import io
import json
import zipfile

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HcMigrationCommon
from .test_lib_bad_files import CORPUS, INJECTIONS


@tagged("post_install", "-at_install")
class TestBadFilesCreateNothing(HcMigrationCommon):
    def test_bad_upload_creates_no_row(self):
        for name in ("corrupt.xlsx", "missing_columns.xlsx", "latin1.csv"):
            run = self._run((CORPUS / name).read_bytes(), filename=name)
            with (
                self.subTest(file=name),
                self.assertRaisesRegex(UserError, name),
                self.cr.savepoint(),
            ):
                run.action_stage()
            self.assertFalse(run.row_ids)
            self.assertEqual(run.state, "draft")
        self.assertTrue(base64.b64decode(run.file))


@tagged("post_install", "-at_install")
class TestCorpusRuns(HcMigrationCommon):
    """The corpus files staged by a run: every row accounted for, exports safe."""

    def test_stale_dimension_run_counts_every_row(self):
        run = self._run((CORPUS / "stale_dimension.xlsx").read_bytes(), "stale.xlsx")
        run.action_stage()
        self.assertEqual(run.rows_read, 101)
        self.assertEqual(len(run.row_ids), 101)
        self.assertEqual(run.rows_valid, 101)
        self.assertTrue(run.rows_accounted)

    def test_formula_injection_comes_back_as_text_in_the_rejects_export(self):
        run = self._run((CORPUS / "formula_injection.csv").read_bytes(), "injection.csv")
        run.action_stage()
        self.assertEqual(run.rows_rejected, len(INJECTIONS))  # not an email address
        action = run.with_user(self.owner).action_export_rejects()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        sheet = load_workbook(io.BytesIO(attachment.raw))["Rejected rows"]
        rows = list(sheet.iter_rows())
        header = [c.value for c in rows[0]]
        email, city = header.index("Email"), header.index("City")
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", f"{cell.coordinate}: {cell.value!r}")
        self.assertEqual([r[email].value for r in rows[1:]], INJECTIONS)
        self.assertEqual([r[city].value for r in rows[1:]], INJECTIONS)
        self.assertTrue(all(r[email].quotePrefix for r in rows[1:]))
        # the raw bytes hold no formula element at all
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            self.assertNotIn(b"<f>", archive.read("xl/worksheets/sheet1.xml"))

    def test_one_code_everywhere_stays_linear(self):
        content = (CORPUS / "one_code_everywhere.csv").read_bytes()
        # staged in this transaction (the background jobs stage it chunk by chunk the same way)
        self.env["ir.config_parameter"].sudo().set_param("hc_migration.job_inline_rows", "10000")
        run = self._run(content, "placeholder.csv")
        run.action_stage()
        self.assertEqual(run.rows_read, 6000)
        self.assertTrue(run.rows_accounted)
        # the same code on every row: every row is rejected (unique in the file), with a
        # reason that names three other rows and counts the rest
        self.assertEqual(run.rows_rejected, 6000)
        self.env.cr.execute(
            "SELECT max(length(errors)), sum(length(errors)) FROM hc_migration_row "
            "WHERE run_id = %s",
            [run.id],
        )
        longest, total = self.env.cr.fetchone()
        self.assertLess(longest, 300)
        self.assertLess(total, 6000 * 300)
        first = run.row_ids.sorted("row_number")[:1]
        self.assertIn("'S0' also on rows 3, 4, 5 and 5,996 other rows", first.errors)
        # and they are one duplicate cluster (same code, same name), linked row by row
        self.assertEqual(len(run.cluster_ids), 1)
        self.assertEqual(len(run.cluster_ids.row_ids), 6000)
        self.assertEqual(json.loads(run.rejected_by_reason)["ref: duplicate key in file"], 6000)
