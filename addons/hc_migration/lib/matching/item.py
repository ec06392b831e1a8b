"""The "item" kind: products, consumables, spare parts.

Fields: description (word order, case, punctuation and unit spacing normalised: "Syringe 5 ML luer"
and "LUER syringe 5ml" are the same; the sizes and counts must agree: "Syringe 5ml" is not
"Syringe 10ml"), internal code, manufacturer's reference (one typo tolerated), barcode (GTIN/EAN
check digit verified with python-stdnum: the same valid barcode is strong evidence), manufacturer
and unit of measure. Only the description, the code, the manufacturer's reference and the barcode
can link two items: a manufacturer makes many items, and a unit is shared by thousands.

Blocking passes: barcode, manufacturer's reference, code, two phonetic keys on the first description
words, manufacturer + first description word; sorted neighbourhood on the description.
"""

import functools
import re

from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import token_set_ratio, token_sort_ratio
from stdnum import ean

from . import compare
from .core import FieldSpec, Kind
from .organisation import company_name
from .organisation import name as company_name_compare

NAME_LEVELS = ("different", "similar", "close", "same")
CODE_LEVELS = ("different", "two typos", "one typo", "same")
BARCODE_LEVELS = ("different", "one typo", "same (unchecked)", "same (valid)")
SAME_LEVELS = ("different", "same")

ROLES = {
    "name": ("name", "description", "item_name", "product_name", "designation"),
    "code": ("code", "default_code", "item_code", "sku", "internal_reference"),
    "mpn": ("mpn", "manufacturer_ref", "manufacturer_code", "part_number", "vendor_ref"),
    "barcode": ("barcode", "gtin", "ean", "upc"),
    "manufacturer": ("manufacturer", "brand", "maker"),
    "unit": ("unit", "uom", "uom_id", "unit_of_measure"),
}
UNITS = {
    "each": "unit",
    "ea": "unit",
    "unit": "unit",
    "units": "unit",
    "u": "unit",
    "pc": "unit",
    "pcs": "unit",
    "piece": "unit",
    "pieces": "unit",
    "item": "unit",
    "box": "box",
    "bx": "box",
    "boxes": "box",
    "pack": "pack",
    "pk": "pack",
    "pkt": "pack",
    "packet": "pack",
    "case": "case",
    "cs": "case",
    "carton": "case",
    "ctn": "case",
    "pair": "pair",
    "pr": "pair",
    "roll": "roll",
    "rl": "roll",
    "bottle": "bottle",
    "btl": "bottle",
    "bag": "bag",
    "set": "set",
    "kit": "set",
    "kg": "kg",
    "kilogram": "kg",
    "g": "g",
    "gram": "g",
    "l": "l",
    "litre": "l",
    "liter": "l",
    "ml": "ml",
    "m": "m",
    "metre": "m",
    "meter": "m",
}
# a measure written apart from its number is joined to it ("5 ml" -> "5ml", "10 x" -> "10x")
_MEASURE = re.compile(
    r"(\d)\s+(ml|l|ltr|mg|mcg|g|kg|mm|cm|m|um|fr|ch|g|ga|gauge|in|inch|mmol|iu|x|pcs|pk|pack)\b"
)
_DECIMAL = re.compile(r"(\d)[.,](\d)")
_TIMES = re.compile(r"(\d)\s*[x*]\s*(\d)")
_NUMBER = re.compile(r"[a-z]*\d[a-z0-9]*")
WORDS = {
    "pk": "pack",
    "bx": "box",
    "w": "with",
    "wo": "without",
    "st": "sterile",
    "n/s": "non sterile",
}


def _raw(raw, role):
    for alias in ROLES[role]:
        value = raw.get(alias)
        if value not in (None, "", False):
            return value
    return None


# ---------------------------------------------------------------------------------------------
# normalisers


def description(value):
    """Item description: ``"Syringe, Luer-Lock 2.5 ML (box of 100)"`` ->
    ``"syringe luer lock 2p5ml box of 100"`` (the decimal point kept as "p", measures joined to
    their number)."""
    if value is None:
        return ""
    text = str(value).lower()
    text = _DECIMAL.sub(r"\1p\2", text)
    text = _TIMES.sub(r"\1x\2", text)
    text = _MEASURE.sub(r"\1\2", text)
    words = compare.text(text).split()
    return " ".join(WORDS.get(w, w) for w in words)


def unit(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):  # a many2one read (id, name)
        value = value[-1]
    text = compare.text(value)
    return UNITS.get(text, UNITS.get(text.rstrip("s"), text))


@functools.lru_cache(maxsize=4096)
def barcode(value):
    """Digits of a GTIN/EAN/UPC; ``"~"`` + the digits when the check digit is wrong."""
    digits = compare.digits(value)
    if len(digits) < 8:
        return ""
    if len(digits) in (8, 12, 13, 14) and ean.is_valid(digits):
        return digits.zfill(14)  # UPC-A, EAN-13 and GTIN-14 of one item compare equal
    return "~" + digits


def normalise(raw):
    manufacturer = company_name(_raw(raw, "manufacturer"))
    rec = {
        "name": description(_raw(raw, "name")),
        "code": compare.alnum(_raw(raw, "code")),
        "mpn": compare.alnum(_raw(raw, "mpn")),
        "barcode": barcode(_raw(raw, "barcode")),
        "manufacturer": manufacturer,
        "unit": unit(_raw(raw, "unit")),
    }
    return {key: value for key, value in rec.items() if value}


# ---------------------------------------------------------------------------------------------
# comparators


def _numbers(text):
    return sorted(_NUMBER.findall(text))


def name(a, b):
    """4 levels for descriptions: different / similar / close / same. Different whenever the
    sizes, counts or model numbers in them differ; same = the same words in any order; close:
    one typo, or token-sorted similarity >= 95; similar: >= 85, or one description holding all
    the words of the other."""
    if a == b:
        return 3
    if _numbers(a) != _numbers(b):
        return 0
    sort = token_sort_ratio(a, b)
    if sort >= 100:
        return 3
    if sort >= 95 or OSA.distance(a, b, score_cutoff=2) <= 1:
        return 2
    if sort >= 85 or token_set_ratio(a, b) >= 100 or JaroWinkler.similarity(a, b) >= 0.93:
        return 1
    return 0


def barcode_compare(a, b):
    """4 levels: different / one typo / same (unchecked) / same (valid)."""
    if a == b:
        return 2 if a.startswith("~") else 3
    if not a.startswith("~") and not b.startswith("~"):
        return 0
    x, y = a.lstrip("~").lstrip("0"), b.lstrip("~").lstrip("0")
    if x == y:
        return 2
    if OSA.distance(x, y, score_cutoff=2) <= 1:
        return 1
    return 0


# ---------------------------------------------------------------------------------------------
# blocking


def block_keys(rec):
    keys = []
    words = rec.get("name", "").split()
    if words:
        first = compare.phonetic(words[0]) or words[0]
        if len(words) > 1:
            keys.append(f"d1:{first}|{words[1][:3]}")
            keys.append(f"d2:{words[0][:3]}|{compare.phonetic(words[1]) or words[1]}")
        else:
            keys.append(f"d1:{first}")
        if rec.get("manufacturer"):
            keys.append(f"mf:{rec['manufacturer'].split()[0]}|{words[0][:4]}")
    for key in ("barcode", "mpn", "code"):
        if rec.get(key):
            keys.append(f"{key}:{rec[key].lstrip('~0')}")
    return keys


# m: how often a true duplicate shows each level; u: how often two different items of one
# catalogue do (many items share words, a manufacturer and a unit). Fixed per kind.
ITEM = Kind(
    name="item",
    fields=(
        FieldSpec(
            "name",
            "Description",
            name,
            4,
            NAME_LEVELS,
            m=(0.05, 0.15, 0.25, 0.55),
            u=(0.95, 0.03, 0.015, 0.005),
            agree_level=1,
        ),
        FieldSpec(
            "code", "Internal code", compare.exact, 2, SAME_LEVELS, m=(0.9, 0.1), u=(0.9995, 0.0005)
        ),
        FieldSpec(
            "mpn",
            "Manufacturer's reference",
            compare.code,
            4,
            CODE_LEVELS,
            m=(0.05, 0.03, 0.07, 0.85),
            u=(0.995, 0.003, 0.0015, 0.0005),
            agree_level=2,
        ),
        FieldSpec(
            "barcode",
            "Barcode",
            barcode_compare,
            4,
            BARCODE_LEVELS,
            m=(0.03, 0.02, 0.05, 0.90),
            u=(0.998, 0.001, 0.0005, 0.0005),
            agree_level=2,
        ),
        FieldSpec(
            "manufacturer",
            "Manufacturer",
            company_name_compare,
            4,
            NAME_LEVELS,
            m=(0.05, 0.10, 0.15, 0.70),
            u=(0.70, 0.05, 0.05, 0.20),
            weak=True,
        ),
        FieldSpec(
            "unit",
            "Unit of measure",
            compare.exact,
            2,
            SAME_LEVELS,
            m=(0.15, 0.85),
            u=(0.60, 0.40),
            weak=True,
        ),
    ),
    normalise=normalise,
    block_keys=block_keys,
    sort_keys=("name",),
    window=4,
    link_weight=8.0,
    review_weight=2.0,
    min_strong_agreements=1,
)
