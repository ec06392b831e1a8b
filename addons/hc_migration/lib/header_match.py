"""Suggest, for each column a domain's mapping expects, the header of an uploaded file that
holds it: the data owner accepts or changes each suggestion (``wizard/hc_migration_map_columns``).

Plain Python (no Odoo import). As Odoo's import dialog does (``base_import``,
``_get_mapping_suggestion``), an exact match wins, then a fuzzy match; unlike it, a header is
matched against both the mapping's source column and the target field's label, the score is
token-based (word order and extra words count for little: "Name of supplier" ~ "Supplier
Name"), common abbreviations are expanded ("Tel." ~ "Phone", "Qty" ~ "Quantity") and each header
is suggested for one column at most, the best-scored pair first.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from . import reader

CUTOFF = 60.0  # below this score (0..100) no header is suggested: the owner picks one
EXACT = 100.0

# abbreviations of legacy headers, expanded before scoring (whole words only)
SYNONYMS = {
    "no": "number",
    "nr": "number",
    "num": "number",
    "nbr": "number",
    "qty": "quantity",
    "desc": "description",
    "descr": "description",
    "addr": "address",
    "tel": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "mail": "email",
    "dob": "birth date",
    "birthdate": "birth date",
    "zip": "postcode",
    "zipcode": "postcode",
    "ref": "reference",
    "uom": "unit",
    "fname": "given name",
    "firstname": "given name",
    "first": "given",
    "lname": "surname",
    "lastname": "surname",
    "familyname": "surname",
    "id": "identifier",
    "vendor": "supplier",
}
# phrases, replaced before the words
PHRASES = {
    "e-mail": "email",
    "first name": "given name",
    "last name": "surname",
    "family name": "surname",
    "post code": "postcode",
    "postal code": "postcode",
    "zip code": "postcode",
    "date of birth": "birth date",
}


@dataclass(frozen=True)
class Suggestion:
    """The header suggested for one wanted column (``header`` None: nothing close enough)."""

    key: object
    header: str | None
    score: float  # 0..100
    exact: bool = False


def normalise(text):
    """Lower case words without punctuation, abbreviations expanded: 'E-Mail Addr.' ->
    'email address'."""
    text = " ".join(re.findall(r"[^\W_]+|-", str(text or "").casefold().replace("#", " number ")))
    text = re.sub(r"\s*-\s*", "-", text)
    for phrase, replacement in PHRASES.items():
        text = re.sub(rf"\b{phrase}\b", replacement, text)
    words = re.findall(r"[^\W_]+", text)
    return " ".join(SYNONYMS.get(word, word) for word in words)


def score(a, b, **_kwargs):
    """Similarity of two normalised names, 0..100: the mean of rapidfuzz's token-sort ratio
    (all words, any order) and token-set ratio (the shared words), so that a name contained
    in a longer one scores high without every such pair scoring 100."""
    if not a or not b:
        return 0.0
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def missing_columns(headers, columns):
    """The ``columns`` that are not among ``headers`` (compared as the reader does: spaces
    collapsed, case ignored), in order."""
    present = {_plain(h) for h in headers if h}
    return [c for c in columns if c and _plain(c) not in present]


def suggest(wanted, headers, cutoff=CUTOFF):
    """{key: Suggestion} for ``wanted``, a list of (key, names): the names one column is known
    by (the mapping's source column, the target field's label...), in order. Exact matches
    (same header as a name, spaces and case aside) come first; the other keys share the
    headers left so that the sum of their scores is the highest (each key's score for a
    header: its best name's, ``process.extractOne`` with the token-based ``score``; under
    ``cutoff``: no suggestion). A header is suggested once."""
    headers = [h for h in dict.fromkeys(headers) if h]
    plain = {_plain(h): h for h in headers}
    result, taken, pending = {}, set(), []
    for key, names in wanted:
        names = [n for n in names if n]
        exact = next((plain[_plain(n)] for n in names if _plain(n) in plain), None)
        if exact and exact not in taken:
            result[key] = Suggestion(key, exact, EXACT, exact=True)
            taken.add(exact)
        else:
            pending.append((key, [normalise(n) for n in names]))
    free = [h for h in headers if h not in taken]
    choices = [normalise(h) for h in free]
    matrix = [[0.0] * len(free) for _key in pending]
    for i, (_key, names) in enumerate(pending):
        for j, choice in enumerate(choices):
            best = process.extractOne(choice, names, scorer=score, score_cutoff=cutoff)
            matrix[i][j] = best[1] if best else 0.0
    for i, j in enumerate(_assign(matrix)):
        key = pending[i][0]
        if j is None or not matrix[i][j]:
            result[key] = Suggestion(key, None, 0.0)
        else:
            result[key] = Suggestion(key, free[j], round(matrix[i][j], 1))
    return {key: result[key] for key, _names in wanted}


def _assign(matrix):
    """For each row of ``matrix`` (scores, rows x columns), the column it takes (or None) so
    that no column is taken twice and the sum of the scores taken is the highest: the
    Hungarian method (Kuhn-Munkres, O(n^3)) on the square matrix padded with zeros. A mapping
    has tens of columns: instant."""
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    size = max(rows, cols)
    if not rows or not cols:
        return [None] * rows
    top = max(max(row) for row in matrix)
    # minimise cost = top - score; padding costs top (a score of 0)
    cost = [
        [top - (matrix[i][j] if i < rows and j < cols else 0.0) for j in range(size)]
        for i in range(size)
    ]
    inf = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    owner, way = [0] * (size + 1), [0] * (size + 1)  # owner[j]: row (1-based) holding col j
    for i in range(1, size + 1):
        owner[0], j0 = i, 0
        minv, used = [inf] * (size + 1), [False] * (size + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    taken = [None] * rows
    for j in range(1, size + 1):
        if owner[j] and owner[j] <= rows and j <= cols:
            taken[owner[j] - 1] = j - 1
    return taken


def choose_sheet(sheet_headers, columns, saved=None):
    """The sheet to read: ``saved`` (the domain's) when the workbook has it; else the sheet
    whose headers hold the most of ``columns`` (exact, then fuzzy), else the first one.
    ``sheet_headers``: {sheet name: headers}, in workbook order (an unreadable sheet: [])."""
    names = list(sheet_headers)
    if not names:
        return None
    if saved and saved in sheet_headers:
        return saved
    wanted = [(c, [c]) for c in columns if c]

    def fit(name):
        headers = sheet_headers[name]
        exact = len(wanted) - len(missing_columns(headers, columns))
        fuzzy = sum(s.score for s in suggest(wanted, headers).values())
        return exact, fuzzy

    best = max(names, key=lambda name: (fit(name), -names.index(name)))
    return best if fit(best) > (0, 0.0) else names[0]


def workbook_headers(filename, content):
    """{sheet: headers} of an uploaded file, in workbook order: for a workbook, each sheet's
    header row as the reader finds it ([] for a sheet the reader refuses: empty, merged
    headers...); for a CSV file, {'CSV': headers}. A file that cannot be read at all raises
    ``reader.FileRejected``."""
    names = reader.sheet_names(filename, content)
    if not names:
        result = reader.read_file(filename, content)
        return {result.sheet: [h for h in result.headers if h]}
    headers = {}
    for name in names:
        try:
            result = reader.read_xlsx(content, sheet_name=name)
        except reader.FileRejected:
            headers[name] = []
            continue
        headers[name] = [h for h in result.headers if h]
    return headers


def _plain(text):
    return re.sub(r"\s+", " ", str(text)).strip().casefold()
