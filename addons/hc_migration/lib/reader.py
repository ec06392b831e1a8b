"""Read a legacy workbook or CSV as a stream of rows, refusing bad files with a clear reason.

Files are read with openpyxl in read-only mode (rows are streamed, memory stays flat in file
size); checks that openpyxl's streaming mode cannot do (merged header cells, formulas without
cached values) parse the sheet's XML incrementally.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and legacy .xls
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class FileRejected(Exception):
    """The file cannot be staged; ``str()`` says what is wrong and where."""


@dataclass
class SourceRow:
    sheet: str
    row: int  # 1-based row number in the sheet/file
    values: dict  # header -> raw value


@dataclass
class ReadResult:
    sheet: str
    header_row: int
    headers: list
    rows: list = field(default_factory=list)


def _cell_ref(ref):
    match = re.match(r"([A-Z]+)(\d+)", ref)
    return column_index_from_string(match[1]), int(match[2])


def _norm_header(value):
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def detect_header(rows, required, scan=20):
    """Index of the header row: the first of the first ``scan`` rows that holds all required
    columns, else the first row with the most non-empty text cells."""
    best, best_count = None, -1
    required_l = {r.lower() for r in required}
    for idx, row in enumerate(rows[:scan]):
        names = {_norm_header(v).lower() for v in row if v not in (None, "")}
        if required_l and required_l <= names:
            return idx
        count = sum(1 for v in row if isinstance(v, str) and v.strip())
        if count > best_count:
            best, best_count = idx, count
    return best or 0


def _check_headers(headers, required, sheet, header_row):
    present = {h.lower() for h in headers if h}
    missing = [r for r in required if r.lower() not in present]
    if missing:
        raise FileRejected(
            f"Sheet '{sheet}', header row {header_row}: missing required column(s): "
            f"{', '.join(missing)}."
        )
    seen = set()
    for idx, name in enumerate(headers, start=1):
        if name and name.lower() in seen:
            raise FileRejected(
                f"Sheet '{sheet}', header row {header_row}, column {get_column_letter(idx)}: "
                f"duplicate column '{name}'."
            )
        if name:
            seen.add(name.lower())


def _xlsx_sheet_xml(archive, sheet_title):
    """Path of the worksheet XML part of ``sheet_title`` inside the xlsx archive."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    for name, rid in re.findall(r'<sheet[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', workbook):
        if name == sheet_title:
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]*)"', rels) or re.search(
                rf'Target="([^"]*)"[^>]*Id="{rid}"', rels
            )
            if target:
                path = target[1].lstrip("/")
                return path if path.startswith("xl/") else f"xl/{path}"
    return None


# a formula or a merged range anywhere in the sheet XML (any namespace prefix)
_SUSPECT = re.compile(rb"<(?:\w+:)?(?:f|mergeCell)[\s>/]")


def _has_suspects(archive, part):
    """Whether the sheet XML holds any formula or merged range: a byte scan, so the common
    file (values only, no merges) is not parsed a second time."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            if _SUSPECT.search(data):
                return True
            tail = data[-32:]
    return False


def _scan_sheet_xml(archive, part, header_row, sheet):
    """Refuse merged cells on the header row and formulas without a cached value."""
    if not _has_suspects(archive, part):
        return
    with archive.open(part) as stream:
        for _event, elem in iterparse(stream, events=("end",)):
            tag = elem.tag
            if tag == f"{NS}c":
                formula = elem.find(f"{NS}f")
                value = elem.find(f"{NS}v")
                if formula is not None and (value is None or value.text in (None, "")):
                    ref = elem.get("r", "?")
                    raise FileRejected(
                        f"Sheet '{sheet}', cell {ref}: formula without a cached value "
                        "(open and save the file in a spreadsheet program so values are "
                        "computed, or paste values)."
                    )
                elem.clear()
            elif tag == f"{NS}row":
                elem.clear()
            elif tag == f"{NS}mergeCell":
                first, _sep, last = elem.get("ref", "").partition(":")
                if first and last:
                    (_c1, r1), (_c2, r2) = _cell_ref(first), _cell_ref(last)
                    if r1 <= header_row <= r2:
                        raise FileRejected(
                            f"Sheet '{sheet}', header row {header_row}: merged header cells "
                            f"{elem.get('ref')}; give every column its own header."
                        )


def read_xlsx(content, required=(), max_rows=1_000_000, sheet_name=None):
    """Rows of the first (or named) sheet of an xlsx file given as bytes."""
    if content[:8] == OLE2_MAGIC:
        raise FileRejected(
            "The workbook is password-protected or in the old .xls format: remove the "
            "password / save it as .xlsx and upload again."
        )
    if content[:2] != b"PK":
        raise FileRejected("Not an xlsx workbook (the file is not an Office Open XML archive).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "xl/workbook.xml" not in archive.namelist():
            raise FileRejected("Not an xlsx workbook (no xl/workbook.xml inside the archive).")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileRejected:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileRejected(f"The workbook is corrupt and cannot be read ({exc}).") from exc
    try:
        sheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
    except KeyError as exc:
        raise FileRejected(f"The workbook has no sheet named '{sheet_name}'.") from exc
    title = sheet.title
    # the recorded used range (<dimension ref="A1:F3"/>) is what the writing program claimed,
    # often stale in files written by other tools: openpyxl's streaming reader would stop
    # there and drop the rows (and columns) beyond it. Read to the real end of the sheet.
    sheet.reset_dimensions()
    iterator = sheet.iter_rows(values_only=True)
    head = []
    for row in iterator:
        head.append(row)
        if len(head) >= 20:
            break
    if not any(any(v not in (None, "") for v in row) for row in head):
        raise FileRejected(f"Sheet '{title}' is empty.")
    header_idx = detect_header(head, required)
    header_row = header_idx + 1
    headers = [_norm_header(v) for v in head[header_idx]]
    part = _xlsx_sheet_xml(archive, title)
    if part:
        _scan_sheet_xml(archive, part, header_row, title)
    _check_headers(headers, required, title, header_row)
    result = ReadResult(title, header_row, headers)

    def rows():
        number = header_row
        for row in (*head[header_idx + 1 :], *iterator):
            number += 1
            if not any(v not in (None, "") for v in row):
                continue
            if number - header_row > max_rows:
                raise FileRejected(
                    f"Sheet '{title}' has more than {max_rows:,} data rows (the configured "
                    "limit): split the file."
                )
            yield SourceRow(title, number, {h: v for h, v in zip(headers, row, strict=False) if h})

    result.rows = rows()
    return result


def read_csv(content, required=(), max_rows=1_000_000, delimiter=None):
    """Rows of a UTF-8 CSV file given as bytes."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise FileRejected(
            f"The CSV file is not UTF-8 (invalid byte at line {line}): save it as "
            "'CSV UTF-8' and upload again."
        ) from exc
    if not text.strip():
        raise FileRejected("The CSV file is empty.")
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    head = []
    for row in reader:
        head.append(row)
        if len(head) >= 20:
            break
    header_idx = detect_header(head, required)
    header_row = header_idx + 1
    headers = [_norm_header(v) for v in head[header_idx]]
    _check_headers(headers, required, "CSV", header_row)
    result = ReadResult("CSV", header_row, headers)

    def rows():
        number = header_row
        for row in (*head[header_idx + 1 :], *reader):
            number += 1
            if not any(v.strip() for v in row):
                continue
            if number - header_row > max_rows:
                raise FileRejected(
                    f"The CSV file has more than {max_rows:,} data rows (the configured "
                    "limit): split the file."
                )
            yield SourceRow("CSV", number, {h: v for h, v in zip(headers, row, strict=False) if h})

    result.rows = rows()
    return result


def read_file(filename, content, required=(), max_rows=1_000_000):
    name = (filename or "").lower()
    if name.endswith(".csv"):
        return read_csv(content, required, max_rows)
    if name.endswith((".xlsx", ".xlsm")) or content[:2] == b"PK" or content[:8] == OLE2_MAGIC:
        return read_xlsx(content, required, max_rows)
    raise FileRejected(f"'{filename}' is neither an .xlsx workbook nor a .csv file.")


class MixedDateCheck:
    """Refuse a file whose date column holds text dates in more than one layout: a date such
    as 01/02/2024 cannot be read safely when the column also holds 2024-02-01. Fed row by
    row while the file streams (``feed``), decided at the end (``finish``); it keeps one
    example row per layout, not the rows."""

    def __init__(self, columns):
        self.layouts = {column: {} for column in columns}

    def feed(self, source):
        for column, seen in self.layouts.items():
            value = source.values.get(column)
            if isinstance(value, str) and value.strip():
                seen.setdefault(re.sub(r"\d", "9", value.strip()), source.row)

    def finish(self):
        for column, seen in self.layouts.items():
            if len(seen) > 1:
                examples = ", ".join(
                    f"row {row} ({layout})" for layout, row in sorted(seen.items())
                )
                raise FileRejected(
                    f"Column '{column}' holds dates as text in mixed formats: {examples}. "
                    "Format the column as dates, or use one format, and upload again."
                )


def check_mixed_dates(rows, columns):
    """``MixedDateCheck`` over all ``rows`` at once."""
    check = MixedDateCheck(columns)
    for source in rows:
        check.feed(source)
    check.finish()
