"""Generic field comparators and normalisers shared by the matching kinds.

A comparator takes two normalised values and returns an agreement level: ``0`` = different,
``levels - 1`` = the same; the engine never calls it with a missing value. String similarity is
rapidfuzz (Jaro-Winkler, indel and OSA distances, token ratios), phonetic codes are jellyfish.
"""

import functools
import re
import unicodedata

import jellyfish
import phonenumbers
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import token_set_ratio, token_sort_ratio

# ---------------------------------------------------------------------------------------------
# normalisers


def text(value):
    """Lower-case ASCII words: ``"  Zoë   O'Brien-Smith "`` -> ``"zoe obrien smith"``."""
    if value is None:
        return ""
    value = str(value)
    if not value.strip():
        return ""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    value = value.replace("'", "").replace("`", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value).split())


def alnum(value):
    """Upper-case letters and digits only (ids, codes, VAT): ``"be 0477.472-701"`` ->
    ``"BE0477472701"``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[^A-Z0-9]", "", str(value).upper())


def digits(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\D", "", str(value))


@functools.lru_cache(maxsize=4096)
def phonetic(word):
    """NYSIIS code of a word (robust to vowel and double-letter typos); ``""`` for no word."""
    word = re.sub(r"[^a-z]", "", word or "")
    return jellyfish.nysiis(word) if word else ""


@functools.lru_cache(maxsize=4096)
def soundex(word):
    word = re.sub(r"[^a-z]", "", word or "")
    return jellyfish.soundex(word) if word else ""


# ---------------------------------------------------------------------------------------------
# comparators (levels are ints; the FieldSpec says how many and their labels)


def exact(a, b):
    """2 levels: different / same."""
    return int(a == b)


def name(a, b):
    """4 levels for a name word or words: different / similar / close (one typo) / same.

    close: one edit (insert, delete, substitute or swap of two neighbours), Jaro-Winkler >= 0.93,
    or the words of one name all in the other (``"anna maria"`` / ``"maria"``);
    similar: Jaro-Winkler >= 0.80, same phonetic code, two edits on a long name, one name the
    initial of the other, or the same words in another order. A typo in the first letters does
    not push a name below "similar" (distance counts, not only the prefix-weighted Jaro-Winkler).
    """
    if a == b:
        return 3
    dist = OSA.distance(a, b, score_cutoff=3)
    jw = JaroWinkler.similarity(a, b)
    if (dist <= 1 and min(len(a), len(b)) >= 3) or jw >= 0.93:
        return 2
    if " " in a or " " in b:
        words_a, words_b = set(a.split()), set(b.split())
        if words_a <= words_b or words_b <= words_a:  # a middle or second name left out
            return 2
    if (
        jw >= 0.80
        or (dist <= 2 and min(len(a), len(b)) >= 6)
        or (phonetic(a) != "" and phonetic(a) == phonetic(b))
        or (len(a) == 1 and b.startswith(a))
        or (len(b) == 1 and a.startswith(b))
        or token_sort_ratio(a, b) >= 95
    ):
        return 1
    return 0


def words(a, b):
    """4 levels for multi-word text (street, company name): different / similar / close / same."""
    if a == b:
        return 3
    sort = token_sort_ratio(a, b)
    if sort >= 90 or token_set_ratio(a, b) >= 100:
        return 2
    if sort >= 75 or JaroWinkler.similarity(a, b) >= 0.85:
        return 1
    return 0


def code(a, b):
    """4 levels for an identifier (national id, item code, number): different / two edits /
    one edit (typo or two neighbours swapped) / same. Edits are counted only on codes of 4+
    characters: a short code is the same or different."""
    if a == b:
        return 3
    if min(len(a), len(b)) < 4:
        return 0
    dist = OSA.distance(a, b, score_cutoff=3)
    if dist <= 1:
        return 2
    if dist <= 2 and min(len(a), len(b)) >= 6:
        return 1
    return 0


def short_code(a, b):
    """3 levels for a short code (postcode, street number): different / one edit / same."""
    if a == b:
        return 2
    if OSA.distance(a, b, score_cutoff=2) <= 1 and max(len(a), len(b)) >= 2:
        return 1
    return 0


def date(a, b):
    """4 levels for dates normalised as ``YYYYMMDD`` digit strings: different / near / close / same.

    close: day and month swapped, one digit wrong or two neighbouring digits swapped;
    near: two digits wrong, or the same year and month, or the same day and month one year apart.
    """
    if a == b:
        return 3
    if len(a) == 8 and len(b) == 8 and a[:4] == b[:4] and a[4:6] == b[6:8] and a[6:8] == b[4:6]:
        return 2
    dist = OSA.distance(a, b, score_cutoff=3)
    if dist <= 1:
        return 2
    if dist <= 2:
        return 1
    if len(a) == 8 and len(b) == 8:
        if a[:6] == b[:6]:
            return 1
        years = (a[:4], b[:4])
        if a[4:] == b[4:] and all(y.isdigit() for y in years) and abs(int(a[:4]) - int(b[:4])) == 1:
            return 1
    return 0


def phone(a, b):
    """3 levels for phones as digits (E.164 when known): different / same last 8 digits / same."""
    if a == b:
        return 2
    if len(a) >= 8 and len(b) >= 8 and a[-8:] == b[-8:]:
        return 1
    return 0


def email(a, b):
    """3 levels: different / same mailbox name at another domain / same address."""
    if a == b:
        return 2
    if a.split("@", 1)[0] == b.split("@", 1)[0]:
        return 1
    return 0


def phone_digits(value, region=None):
    """Phone number as digits, E.164 (without "+") when phonenumbers can parse it (with
    ``region`` for national numbers), otherwise the digits without leading zeros."""
    raw = str(value or "").strip()
    if not raw:
        return ""
    if raw.startswith(("+", "00")) or region:
        text = "+" + raw[2:] if raw.startswith("00") else raw
        try:
            number = phonenumbers.parse(text, region or None)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_possible_number(number):
            return f"{number.country_code}{number.national_number}"
    return digits(raw).lstrip("0")
