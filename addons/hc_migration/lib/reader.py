"""Read a legacy workbook or CSV as a stream of rows, refusing bad files with a clear reason.

Workbook values are read with calamine (python-calamine, Rust: several times faster than
openpyxl, see bench/bench_reader.py) when it is installed, else with openpyxl in read-only mode
(rows streamed, memory flat in file size); a sheet too large to hold parsed in memory is
streamed by openpyxl too. Checks that neither library makes (merged header cells, formulas
without cached values) parse the sheet's XML incrementally, whichever reads the values.
"""
# pylint: disable=prefer-env-translation
# (no environment in the library: templates are marked with _lt and translated by the models)

import codecs
import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from .reasons import Reason, _lt

try:
    import python_calamine
except ImportError:  # optional: openpyxl reads every workbook then
    python_calamine = None

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and legacy .xls
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# calamine holds a parsed sheet in memory (1.5-2.5 MB per MB of sheet XML, bench_reader.py):
# a sheet larger than this (about 40,000 rows of eight columns) is streamed by openpyxl instead,
# so the reader's memory has a ceiling (about +40 MB) whatever the file size (issue #17)
CALAMINE_MAX_SHEET_BYTES = 16 << 20


class FileRejected(Exception):
    """The file cannot be staged; ``str()`` says what is wrong and where (in English), its
    argument is a ``reasons.Reason`` the models show in the user's language."""


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
            Reason(
                _lt(
                    "Sheet '%(sheet)s', header row %(row)s: missing required column(s): "
                    "%(columns)s."
                ),
                sheet=sheet,
                row=header_row,
                columns=", ".join(missing),
            )
        )
    seen = set()
    for idx, name in enumerate(headers, start=1):
        if name and name.lower() in seen:
            raise FileRejected(
                Reason(
                    _lt(
                        "Sheet '%(sheet)s', header row %(row)s, column %(letter)s: "
                        "duplicate column '%(name)s'."
                    ),
                    sheet=sheet,
                    row=header_row,
                    letter=get_column_letter(idx),
                    name=name,
                )
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


# a formula (<f>, <x:f ...>) or a merged range anywhere in the sheet XML; "f" first, as "<" is
# everywhere in XML and a search from it looks at every tag (4x slower)
_SUSPECT = re.compile(rb"f[\s>/]|mergeCell")
# a cell holding an error value (#N/A, #DIV/0!...); a false hit only costs the parse that tells
_ERROR_CELL = (b't="e"', b"t='e'")


def _has_suspects(archive, part):
    """Whether the sheet XML holds any formula, merged range or error value: a byte scan, so
    the common file (values only, no merges) is not parsed a second time."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            for match in _SUSPECT.finditer(data):
                before = data[match.start() - 1 : match.start()]
                if match[0] == b"mergeCell" or before in (b"<", b":"):
                    return True
            if any(error in data for error in _ERROR_CELL):
                return True
            tail = data[-32:]
    return False


@dataclass
class _SheetFacts:
    """What the sheet XML says beyond the values: refusals are raised by the reader in the
    order it always checked them (an empty sheet first)."""

    formula_ref: str = ""  # first cell holding a formula without a cached value
    merged: list = field(default_factory=list)  # (first row, last row, "A1:B1") per range
    errors: bool = False  # a cell holds an error value (#N/A...)


def _scan_sheet_xml(archive, part):
    """The formulas without a cached value, merged ranges and error values of a sheet."""
    facts = _SheetFacts()
    if not part or not _has_suspects(archive, part):
        return facts
    with archive.open(part) as stream:
        for _event, elem in iterparse(stream, events=("end",)):
            tag = elem.tag
            if tag == f"{NS}c":
                formula = elem.find(f"{NS}f")
                value = elem.find(f"{NS}v")
                if formula is not None and (value is None or value.text in (None, "")):
                    facts.formula_ref = elem.get("r", "?")
                    break  # refused: the rest of the sheet does not matter
                if elem.get("t") == "e":
                    facts.errors = True
                elem.clear()
            elif tag == f"{NS}row":
                elem.clear()
            elif tag == f"{NS}mergeCell":
                first, _sep, last = elem.get("ref", "").partition(":")
                if first and last:
                    (_c1, r1), (_c2, r2) = _cell_ref(first), _cell_ref(last)
                    facts.merged.append((r1, r2, elem.get("ref")))
    return facts


def _check_sheet_facts(facts, header_row, sheet):
    """Refuse a formula without a cached value and merged cells on the header row."""
    if facts.formula_ref:
        raise FileRejected(
            Reason(
                _lt(
                    "Sheet '%(sheet)s', cell %(cell)s: formula without a cached value "
                    "(open and save the file in a spreadsheet program so values are "
                    "computed, or paste values)."
                ),
                sheet=sheet,
                cell=facts.formula_ref,
            )
        )
    for first_row, last_row, ref in facts.merged:
        if first_row <= header_row <= last_row:
            raise FileRejected(
                Reason(
                    _lt(
                        "Sheet '%(sheet)s', header row %(row)s: merged header cells "
                        "%(cells)s; give every column its own header."
                    ),
                    sheet=sheet,
                    row=header_row,
                    cells=ref,
                )
            )


# what a library raises on a damaged archive or sheet XML (ElementTree's and lxml's parse
# errors are SyntaxErrors)
_LIBRARY_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    OverflowError,
    OSError,
)


def _guarded(rows):
    """``rows``; a sheet found damaged half-way is refused as corrupt."""
    try:
        yield from rows
    except _LIBRARY_ERRORS as exc:
        raise _corrupt(exc) from exc


def _corrupt(exc):
    return FileRejected(
        Reason(_lt("The workbook is corrupt and cannot be read (%(error)s)."), error=str(exc))
    )


def _no_sheet(sheet_name):
    return FileRejected(
        Reason(_lt("The workbook has no sheet named '%(sheet)s'."), sheet=sheet_name)
    )


def _openpyxl_sheet(content, sheet_name):
    """(title, rows as tuples) of the first or named worksheet, streamed by openpyxl."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _LIBRARY_ERRORS as exc:
        raise _corrupt(exc) from exc
    try:
        sheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
    except KeyError as exc:
        raise _no_sheet(sheet_name) from exc
    except IndexError as exc:
        raise _corrupt("no worksheet") from exc
    if not hasattr(sheet, "reset_dimensions"):
        raise _no_sheet(sheet_name)  # a chart sheet: no cells
    # the recorded used range (<dimension ref="A1:F3"/>) is what the writing program claimed,
    # often stale in files written by other tools: openpyxl's streaming reader would stop
    # there and drop the rows (and columns) beyond it. Read to the real end of the sheet.
    sheet.reset_dimensions()
    return sheet.title, sheet.iter_rows(values_only=True)


def _calamine_workbook(content, sheet_name):
    """(calamine workbook, title of the first or named worksheet); no workbook when calamine
    cannot read it (openpyxl then reads it or says why not)."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = [
            sheet.name
            for sheet in book.sheets_metadata
            if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
    except (python_calamine.CalamineError, *_LIBRARY_ERRORS):
        return None, sheet_name
    if sheet_name and sheet_name not in names:
        raise _no_sheet(sheet_name)
    if not names:
        return None, sheet_name
    return book, sheet_name or names[0]


_DAY = timedelta(days=1)


def _calamine_value(value):
    """A calamine cell value as openpyxl gives it, so that a file reads the same whichever
    library reads it: no value is None (calamine: ""), a whole number is an int (calamine
    reads every number as a float), a date is a datetime at midnight, a duration is what
    openpyxl makes of it."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -1e16 < value < 1e16 else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    if kind is timedelta:
        return from_excel(value / _DAY)
    return value  # bool, datetime, time


def _calamine_rows(book, title):
    """Rows of the sheet as tuples, the sheet parsed at once by calamine (None when it
    cannot: openpyxl then reads it or says why not). Calamine reads every cell, whatever
    the recorded used range (<dimension>) claims, and yields the empty rows above the first
    value; the empty columns left of it are padded here."""
    try:
        sheet = book.get_sheet_by_name(title)
    except (python_calamine.CalamineError, *_LIBRARY_ERRORS):
        return None
    start = sheet.start
    if start is None:
        return iter(())
    pad = (None,) * start[1]
    return (pad + tuple(map(_calamine_value, row)) for row in sheet.iter_rows())


def read_xlsx(content, required=(), max_rows=1_000_000, sheet_name=None):
    """Rows of the first (or named) sheet of an xlsx file given as bytes.

    Values are read by calamine when it is installed (several times faster), by openpyxl's
    streaming reader otherwise, and for a sheet that calamine would read differently (a cell
    holding an error value, which calamine reads as empty) or that is too large to hold
    parsed in memory (``CALAMINE_MAX_SHEET_BYTES``): both give the same values."""
    if content[:8] == OLE2_MAGIC:
        raise FileRejected(
            Reason(
                _lt(
                    "The workbook is password-protected or in the old .xls format: remove the "
                    "password / save it as .xlsx and upload again."
                )
            )
        )
    if content[:2] != b"PK":
        raise FileRejected(
            Reason(_lt("Not an xlsx workbook (the file is not an Office Open XML archive)."))
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "xl/workbook.xml" not in archive.namelist():
            raise FileRejected(
                Reason(_lt("Not an xlsx workbook (no xl/workbook.xml inside the archive)."))
            )
        book, title, iterator, facts = None, sheet_name, None, None
        if python_calamine is not None:
            book, title = _calamine_workbook(content, sheet_name)
        if book is not None:
            part = _xlsx_sheet_xml(archive, title)
            facts = _scan_sheet_xml(archive, part)
            if (
                part
                and not facts.errors
                and archive.getinfo(part).file_size <= CALAMINE_MAX_SHEET_BYTES
            ):
                iterator = _calamine_rows(book, title)
            del book
        if iterator is None:  # read by openpyxl, as without calamine
            title, iterator = _openpyxl_sheet(content, title)
            if facts is None:
                facts = _scan_sheet_xml(archive, _xlsx_sheet_xml(archive, title))
        iterator = _guarded(iterator)
    except FileRejected:
        raise
    except _LIBRARY_ERRORS as exc:
        raise _corrupt(exc) from exc
    head = []
    for row in iterator:
        head.append(row)
        if len(head) >= 20:
            break
    if not any(any(v not in (None, "") for v in row) for row in head):
        raise FileRejected(Reason(_lt("Sheet '%(sheet)s' is empty."), sheet=title))
    header_idx = detect_header(head, required)
    header_row = header_idx + 1
    headers = [_norm_header(v) for v in head[header_idx]]
    while headers and not headers[-1]:
        headers.pop()  # the empty cells right of the last header
    _check_sheet_facts(facts, header_row, title)
    _check_headers(headers, required, title, header_row)
    result = ReadResult(title, header_row, headers)

    def rows():
        number = header_row
        for row in chain(head[header_idx + 1 :], iterator):
            number += 1
            if not any(v not in (None, "") for v in row):
                continue
            if number - header_row > max_rows:
                raise FileRejected(
                    Reason(
                        _lt(
                            "Sheet '%(sheet)s' has more than %(limit)s data rows (the "
                            "configured limit): split the file."
                        ),
                        sheet=title,
                        limit=f"{max_rows:,}",
                    )
                )
            yield SourceRow(title, number, {h: v for h, v in zip(headers, row, strict=False) if h})

    result.rows = rows()
    return result


def read_csv(content, required=(), max_rows=1_000_000, delimiter=None):
    """Rows of a UTF-8 CSV file given as bytes, decoded as they stream (the file's text is
    never held whole beside its bytes)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    for start in range(0, len(content), 1 << 20):  # validate without keeping the text
        try:
            decoder.decode(
                content[start : start + (1 << 20)], final=start + (1 << 20) >= len(content)
            )
        except UnicodeDecodeError as exc:
            line = content[: start + exc.start].count(b"\n") + 1
            raise FileRejected(
                Reason(
                    _lt(
                        "The CSV file is not UTF-8 (invalid byte at line %(line)s): save it "
                        "as 'CSV UTF-8' and upload again."
                    ),
                    line=line,
                )
            ) from exc
    bom = len(codecs.BOM_UTF8) if content.startswith(codecs.BOM_UTF8) else 0
    if not re.compile(rb"\S").search(content, bom):
        raise FileRejected(Reason(_lt("The CSV file is empty.")))
    if delimiter is None:
        sample = content[bom : bom + 16384].decode("utf-8", "ignore")[:4096]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    reader = csv.reader(stream, delimiter=delimiter)
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
        for row in chain(head[header_idx + 1 :], reader):
            number += 1
            if not any(v.strip() for v in row):
                continue
            if number - header_row > max_rows:
                raise FileRejected(
                    Reason(
                        _lt(
                            "The CSV file has more than %(limit)s data rows (the configured "
                            "limit): split the file."
                        ),
                        limit=f"{max_rows:,}",
                    )
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
    raise FileRejected(
        Reason(_lt("'%(file)s' is neither an .xlsx workbook nor a .csv file."), file=filename)
    )


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
                # the examples are row numbers and layouts ("row 2 (99/99/9999)"): data
                examples = ", ".join(
                    f"row {row} ({layout})" for layout, row in sorted(seen.items())
                )
                raise FileRejected(
                    Reason(
                        _lt(
                            "Column '%(column)s' holds dates as text in mixed formats: "
                            "%(examples)s. Format the column as dates, or use one format, "
                            "and upload again."
                        ),
                        column=column,
                        examples=examples,
                    )
                )


def sheet_names(filename, content):
    """The names of the workbook's sheets, in workbook order ([] for a CSV file or a file
    that is not a readable xlsx: reading it says why). Only the workbook part is read."""
    if (filename or "").lower().endswith(".csv") or content[:2] != b"PK":
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            part = io.BytesIO(archive.read("xl/workbook.xml"))
        return [
            elem.get("name")
            for _event, elem in iterparse(part)
            if elem.tag == f"{NS}sheet" and elem.get("name")
        ]
    except (zipfile.BadZipFile, KeyError, SyntaxError, OSError):  # ParseError is a SyntaxError
        return []
