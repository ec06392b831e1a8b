import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from odoo.tests import BaseCase, tagged

from ..lib.reader import FileRejected, MixedDateCheck, _has_suspects, read_file

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
        check = MixedDateCheck(["Created On"])  # as staging runs it, row by row
        for source in rows:
            check.feed(source)
        with self.assertRaisesRegex(
            FileRejected, "Column 'Created On' holds dates as text in mixed formats"
        ):
            check.finish()

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
