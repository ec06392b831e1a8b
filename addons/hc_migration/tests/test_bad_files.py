import base64
import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..lib.reader import FileRejected, _has_suspects, check_mixed_dates, read_file
from .common import HcMigrationCommon

CORPUS = Path(__file__).parent / "corpus"
INJECTIONS = [
    '=HYPERLINK("http://x.example","click")',
    "=1+2",
    "+1",
    "-2a",
    "@SUM(A1)",
    "\tTAB-leading",
    "\rCR-leading",
]
REQUIRED = ("Supplier Code", "Name")
EXPECTED = {
    "not_a_workbook.xlsx": "Not an xlsx workbook",
    "password_protected.xlsx": "password-protected",
    "corrupt.xlsx": "corrupt",
    "empty_sheet.xlsx": "Sheet 'Suppliers' is empty",
    "missing_columns.xlsx": "missing required column(s): Name",
    "merged_header.xlsx": "merged header cells A1:B1",
    "formula_without_value.xlsx": "cell B3: formula without a cached value",
    "latin1.csv": "not UTF-8 (invalid byte at line 2)",
    "too_many_rows.csv": "more than 10 data rows",
}


@tagged("post_install", "-at_install")
class TestBadFileCorpus(BaseCase):
    def test_each_bad_file_is_refused_with_its_reason(self):
        for name, message in EXPECTED.items():
            with self.subTest(file=name), self.assertRaises(FileRejected) as caught:
                result = read_file(
                    name, (CORPUS / name).read_bytes(), required=REQUIRED, max_rows=10
                )
                list(result.rows)
            self.assertIn(message, str(caught.exception), name)

    def test_mixed_text_dates_are_refused(self):
        result = read_file("mixed_dates.xlsx", (CORPUS / "mixed_dates.xlsx").read_bytes(), REQUIRED)
        rows = list(result.rows)
        with self.assertRaisesRegex(
            FileRejected, "Column 'Created On' holds dates as text in mixed formats"
        ):
            check_mixed_dates(rows, ["Created On"])

    def test_good_files_read(self):
        for name in ("good_suppliers.xlsx", "good_suppliers.csv"):
            result = read_file(name, (CORPUS / name).read_bytes(), REQUIRED)
            rows = list(result.rows)
            self.assertEqual(rows[0].values["Supplier Code"], "S-001", name)
            self.assertEqual(rows[0].row, 2)

    def test_byte_scan_finds_formulas_and_merges_under_any_prefix(self):
        def sheet(xml):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as archive:
                archive.writestr("xl/worksheets/sheet1.xml", xml)
            return zipfile.ZipFile(io.BytesIO(buf.getvalue()))

        values = b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        values += b'<row r="2"><c r="A2"><v>3</v></c></row></sheetData></worksheet>'
        for xml, expected in (
            (values, False),
            (values.replace(b"<v>3</v>", b"<f>1+2</f><v>3</v>"), True),
            (values.replace(b"<v>3</v>", b"<x:f>1+2</x:f>"), True),
            (values.replace(b"</worksheet>", b'<mergeCells><mergeCell ref="A1:B1"/>'), True),
            (values.replace(b"<v>0</v>", b"<v>0</v><is><t>&lt;f&gt;</t></is>"), False),
        ):
            with self.subTest(xml=xml):
                archive = sheet(xml)
                self.assertEqual(_has_suspects(archive, "xl/worksheets/sheet1.xml"), expected)


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
class TestFilesReadWhole(BaseCase):
    """Files a workbench must read to the last row, whatever they claim."""

    def test_stale_dimension_is_read_to_the_real_end(self):
        content = (CORPUS / "stale_dimension.xlsx").read_bytes()
        # the file claims A1:F3: a reader trusting it sees two data rows
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        self.assertEqual(sheet.max_row, 3)
        self.assertEqual(len(list(sheet.iter_rows(min_row=2, values_only=True))), 2)
        rows = list(read_file("stale_dimension.xlsx", content, REQUIRED).rows)
        self.assertEqual(len(rows), 101)
        self.assertEqual((rows[-1].row, rows[-1].values["Supplier Code"]), (102, "S-101"))

    def test_formula_like_values_are_read_as_text(self):
        rows = list(read_file("f.csv", (CORPUS / "formula_injection.csv").read_bytes()).rows)
        self.assertEqual([r.values["Email"] for r in rows], INJECTIONS)


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
