"""Regenerate the bad-file corpus: python make_corpus.py (needs openpyxl). Each file is one
way a legacy export goes wrong; tests/test_bad_files.py expects a clear refusal for each, or,
for the files a workbench must read whole (stale dimension, formula-like values, one code on
every row), every row accounted for."""

import csv
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
HEADER = ["Supplier Code", "Name", "VAT", "Email", "Phone", "Created On"]
ROW = [
    "S-001",
    "Acme Medical Supplies Ltd",
    "BE0477472701",
    "orders@acme-med.example",
    "+32 2 555 01 01",
    "2024-01-15",
]


def workbook(rows, edit=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Suppliers"
    for row in rows:
        ws.append(row)
    if edit:
        edit(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def stale_dimension(rows, declared="A1:F3"):
    """An xlsx whose recorded used range (``<dimension ref=...>``) is smaller than its data,
    as other tools write them: a reader trusting it stops at row 3."""
    content = workbook(rows)
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{declared}"'.encode(), data
                )
            target.writestr(item, data)
    return out.getvalue()


# values a spreadsheet would evaluate (OWASP CSV injection): each must come back as text
INJECTIONS = [
    '=HYPERLINK("http://x.example","click")',
    "=1+2",
    "+1",
    "-2a",
    "@SUM(A1)",
    "\tTAB-leading",
    "\rCR-leading",
]


def formula_injection():
    """A CSV export whose cells hold formula-like text; every row is rejected (its email is
    not an email) so that all of them go back in the rejected-rows export."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Supplier Code", "Name", "VAT", "Email", "Phone", "City"])
    for i, value in enumerate(INJECTIONS, start=1):
        writer.writerow([f"X-{i:03d}", f"Injected {i} {value}", "", value, "", value])
    return buf.getvalue().encode()


def one_code_everywhere(count=6000):
    """One supplier code (and one name) on every row: a placeholder code left in a legacy
    export. Reasons and deduplication must stay linear in the rows."""
    lines = ["Supplier Code,Name"] + ["S-0,TBD"] * count
    return ("\n".join(lines) + "\n").encode()


def main():
    files = {
        "good_suppliers.xlsx": workbook(
            [HEADER, ROW, ["S-002", "Borealis Surgical", "", "", "", "2023-06-01"]]
        ),
        "not_a_workbook.xlsx": b"Supplier Code;Name\nS-001;Acme\n",
        "password_protected.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + b"EncryptedPackage",
        "corrupt.xlsx": workbook([HEADER, ROW])[:900],
        "empty_sheet.xlsx": workbook([]),
        "missing_columns.xlsx": workbook([["Supplier Code", "VAT"], ["S-001", "BE0477472701"]]),
        "merged_header.xlsx": workbook(
            [
                ["Supplier", None, "VAT", "Email", "Phone", "Created On"],
                ["S-001", "Acme", "BE0477472701", "", "", ""],
            ],
            lambda ws: ws.merge_cells("A1:B1"),
        ),
        "formula_without_value.xlsx": workbook(
            [HEADER, ROW, ["S-003", "=UPPER(B2)", "", "", "", ""]]
        ),
        "mixed_dates.xlsx": workbook(
            [
                HEADER,
                ["S-001", "Acme", "", "", "", "2024-01-15"],
                ["S-002", "Borealis", "", "", "", "15/01/2024"],
                ["S-003", "Cygnus", "", "", "", "01-15-2024"],
            ]
        ),
        "latin1.csv": "Supplier Code;Name\nS-001;Société Générale Médicale\n".encode("latin-1"),
        "too_many_rows.csv": (
            "Supplier Code,Name\n" + "".join(f"S-{i:03d},Supplier {i}\n" for i in range(12))
        ).encode(),
        "good_suppliers.csv": b"Supplier Code,Name,VAT\nS-001,Acme Medical Supplies Ltd,BE0477472701\n",
        "stale_dimension.xlsx": stale_dimension(
            [HEADER] + [[f"S-{i:03d}", f"Supplier {i:03d}", "", "", "", ""] for i in range(1, 102)]
        ),
        "formula_injection.csv": formula_injection(),
        "one_code_everywhere.csv": one_code_everywhere(),
    }
    for name, content in files.items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
