"""Spreadsheet-safe cell values for every xlsx file the suite writes.

A text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (the
OWASP "CSV injection" list, plus their full-width forms) is a formula to a spreadsheet
program: ``=HYPERLINK("http://x", "y")`` in a staged row would come back as a live link. Such
text is written so that no spreadsheet evaluates it, and stays readable:

the cell is typed as a string (``data_type = "s"``, an inline string, never ``<f>``) with
Excel's own "quote prefix" flag (what typing a leading ``'`` does), so the value is the
original text exactly, and stays text when someone edits the cell. Real numbers (``-5`` as an
int or float) stay numbers. Plain Python: no ORM, no openpyxl import (the openpyxl cell is
passed in).
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# control characters an xlsx file cannot hold (openpyxl refuses them)
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value):
    """Whether ``value`` is text a spreadsheet would evaluate as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def xlsx_value(value):
    """``value`` as an xlsx cell can hold it: text without the control characters the file
    format refuses (a tab, line feed and carriage return are kept)."""
    if isinstance(value, str):
        return ILLEGAL_XML.sub("", value)
    return value


def protect_xlsx_cell(cell):
    """Make an openpyxl cell (worksheet or write-only cell) holding formula-like text a plain
    string cell: typed ``s`` (written as an inline string, not a formula) with the quote
    prefix. Returns the cell."""
    value = cell.value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_row(make_cell, values):
    """Cells of one row for ``worksheet.append``: ``make_cell(value)`` builds a cell (e.g.
    ``lambda v: WriteOnlyCell(ws, value=v)``); formula-like text is protected."""
    return [protect_xlsx_cell(make_cell(xlsx_value(value))) for value in values]


def protect_worksheet(worksheet, min_row=1):
    """Protect every formula-like text cell of a (not write-only) openpyxl worksheet, after
    it was filled with ``append``."""
    for row in worksheet.iter_rows(min_row=min_row):
        for cell in row:
            if cell.data_type == "f" or is_formula_like(cell.value):
                protect_xlsx_cell(cell)
