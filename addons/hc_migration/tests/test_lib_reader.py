import contextlib
import datetime
import io
import unittest
import zipfile
from pathlib import Path
from unittest.mock import patch

import xlsxwriter
from openpyxl import Workbook

from odoo.tests import BaseCase, tagged

from ..lib import reader
from ..lib.reader import FileRejected, read_file, read_xlsx

CORPUS = Path(__file__).parent / "corpus"
NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def workbook(rows, edit=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def with_sheet_xml(xml):
    """A workbook whose first sheet's XML is ``xml``, as a tool other than openpyxl may
    write it."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook([["x"]]))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml if item.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def read_all(content, **kwargs):
    """(sheet, header row, headers, [(row, values without empty cells)]) or the refusal."""
    try:
        result = read_xlsx(content, **kwargs)
        rows = [(r.row, {k: v for k, v in r.values.items() if v is not None}) for r in result.rows]
    except FileRejected as exc:
        return str(exc)
    return result.sheet, result.header_row, result.headers, rows


def with_openpyxl():
    return patch.object(reader, "python_calamine", None)


@tagged("post_install", "-at_install")
@unittest.skipIf(reader.python_calamine is None, "python-calamine is not installed")
class TestReaderLibraries(BaseCase):
    """Values are read by calamine when installed, by openpyxl otherwise: the same rows, the
    same refusals, whichever reads them."""

    def assertSameWithEither(self, content, **kwargs):
        fast = read_all(content, **kwargs)
        with with_openpyxl():
            slow = read_all(content, **kwargs)
        self.assertEqual(fast, slow)
        return fast

    def test_corpus_reads_and_refuses_the_same(self):
        for path in sorted(CORPUS.glob("*.xlsx")):
            for max_rows in (10, 1_000_000):
                with self.subTest(file=path.name, max_rows=max_rows):
                    self.assertSameWithEither(
                        path.read_bytes(), required=("Supplier Code", "Name"), max_rows=max_rows
                    )

    def test_value_types(self):
        content = workbook(
            [
                ["Code", "Qty", "Price", "Whole", "Active", "Day", "At", "Time", "Big"],
                [
                    "0042",
                    1042,
                    10.5,
                    1042.0,
                    True,
                    datetime.date(2024, 1, 15),
                    datetime.datetime(2024, 1, 15, 13, 30),
                    datetime.time(13, 30),
                    10**16,
                ],
            ]
        )
        _sheet, _header, _headers, rows = self.assertSameWithEither(content)
        values = rows[0][1]
        expected = {
            "Code": "0042",
            "Qty": 1042,
            "Price": 10.5,
            "Whole": 1042,
            "Active": True,
            "Day": datetime.datetime(2024, 1, 15),  # a date cell reads as a datetime
            "At": datetime.datetime(2024, 1, 15, 13, 30),
            "Time": datetime.time(13, 30),
            "Big": 1e16,
        }
        self.assertEqual(values, expected)
        for key, value in expected.items():
            self.assertIs(type(values[key]), type(value), key)

    def test_file_written_by_another_tool(self):
        # XlsxWriter writes as Excel does: shared strings, styled dates, no cell for a blank
        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {"in_memory": True})
        sheet = book.add_worksheet("Items")
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write_row(0, 0, ["Item Code", "Description", "Quantity", "Created On", "Note"])
        for i in range(1, 51):
            sheet.write_row(i, 0, [f"IT-{i:03d}", f"Glove size {i}", i * 2])
            sheet.write_datetime(i, 3, datetime.datetime(2020, 1, 1) + datetime.timedelta(i), day)
            if i % 10 == 0:
                sheet.write_string(i, 4, "15/01/2024")
        book.close()
        title, header_row, headers, rows = self.assertSameWithEither(buf.getvalue())
        self.assertEqual((title, header_row, len(rows)), ("Items", 1, 50))
        self.assertEqual(headers, ["Item Code", "Description", "Quantity", "Created On", "Note"])
        self.assertEqual(
            rows[0],
            (
                2,
                {
                    "Item Code": "IT-001",
                    "Description": "Glove size 1",
                    "Quantity": 2,
                    "Created On": datetime.datetime(2020, 1, 2),
                },
            ),
        )
        self.assertEqual(rows[9][1]["Note"], "15/01/2024")

    def test_stale_dimension_is_read_to_the_real_end(self):
        content = (CORPUS / "stale_dimension.xlsx").read_bytes()
        rows = list(read_file("stale.xlsx", content, ("Supplier Code", "Name")).rows)
        self.assertEqual((len(rows), rows[-1].row), (101, 102))

    def test_empty_rows_and_columns_before_the_data_keep_their_numbers(self):
        content = with_sheet_xml(
            NS + b'<dimension ref="A1:XFD1048576"/><sheetData>'
            b'<row r="3"><c r="B3" t="inlineStr"><is><t>Code</t></is></c>'
            b'<c r="C3" t="inlineStr"><is><t>Name</t></is></c></row>'
            b'<row r="4"><c r="B4"><v>1</v></c></row>'
            b'<row r="7"><c r="C7" t="inlineStr"><is><t>Acme</t></is></c></row>'
            b"</sheetData></worksheet>"
        )
        result = self.assertSameWithEither(content)
        self.assertEqual(
            result,
            ("Suppliers", 3, ["", "Code", "Name"], [(4, {"Code": 1}), (7, {"Name": "Acme"})]),
        )

    def test_error_values_are_read_as_openpyxl_reads_them(self):
        # calamine reads #N/A as an empty cell: such a sheet is read by openpyxl
        def error(sheet):
            sheet["B2"] = "#N/A"
            sheet["B2"].data_type = "e"

        content = workbook([["Code", "Name"], ["S-1", None]], error)
        result = self.assertSameWithEither(content)
        self.assertEqual(result[3], [(2, {"Code": "S-1", "Name": "#N/A"})])

    def test_a_sheet_too_large_for_memory_is_streamed(self):
        content = (CORPUS / "good_suppliers.xlsx").read_bytes()
        expected = read_all(content)
        with (
            patch.object(reader, "CALAMINE_MAX_SHEET_BYTES", 100),
            patch.object(reader, "_calamine_rows", side_effect=AssertionError("not streamed")),
        ):
            self.assertEqual(read_all(content), expected)

    def test_sheet_by_name_skips_chart_sheets(self):
        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {"in_memory": True})
        charts = book.add_chartsheet("Chart")
        book.add_worksheet("Data").write_row(0, 0, ["Code", "Qty"])
        book.worksheets()[1].write_row(1, 0, ["A", 1])
        book.add_worksheet("Other").write_row(0, 0, ["Other"])
        chart = book.add_chart({"type": "column"})
        chart.add_series({"values": "=Data!$B$2:$B$2"})
        charts.set_chart(chart)
        book.close()
        content = buf.getvalue()
        self.assertEqual(self.assertSameWithEither(content)[0], "Data")
        self.assertEqual(self.assertSameWithEither(content, sheet_name="Other")[0], "Other")
        for name in ("Missing", "Chart"):
            self.assertEqual(
                self.assertSameWithEither(content, sheet_name=name),
                f"The workbook has no sheet named '{name}'.",
            )

    def test_corrupt_sheet_xml_is_refused(self):
        # openpyxl finds it while streaming the rows: refused all the same, not a parse error
        content = with_sheet_xml(NS + b'<sheetData><row r="1"><c r="A1"><v>1</v></row>')
        for library in ("calamine", "openpyxl"):
            with (
                self.subTest(library=library),
                patch.object(reader, "python_calamine", None)
                if library == "openpyxl"
                else contextlib.nullcontext(),
                self.assertRaisesRegex(FileRejected, "corrupt"),
            ):
                list(read_xlsx(content).rows)
        rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 40))
        content = with_sheet_xml(NS + b"<sheetData>" + rows.encode() + b"<row r=")
        with with_openpyxl(), self.assertRaisesRegex(FileRejected, "corrupt"):
            list(read_xlsx(content).rows)

    def test_a_workbook_calamine_cannot_open_is_left_to_openpyxl(self):
        content = (CORPUS / "good_suppliers.xlsx").read_bytes()
        expected = read_all(content)
        error = reader.python_calamine.CalamineError("unsupported")
        with patch.object(
            reader.python_calamine.CalamineWorkbook, "from_filelike", side_effect=error
        ):
            self.assertEqual(read_all(content), expected)
