"""Deduplication of suppliers, items and employees: normalised keys, blocking, similarity,
clusters. Pairwise comparison happens only inside blocks (same exact key, or same name
block), so the work grows with block sizes, not with the square of the file."""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import chain, combinations, product

LEGAL_SUFFIXES = {
    "ltd",
    "limited",
    "llc",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "aps",
    "kg",
    "llp",
    "lp",
    "pty",
    "sl",
    "sro",
    "group",
    "holding",
    "holdings",
    "the",
}
EXACT_KEYS = ("vat", "code", "phone")
FREE_MAIL = {"gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com", "live.com"}


def normalize_name(name):
    """'The ACME Medical Supplies, Ltd.' -> 'acme medical supplies'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"&", " and ", text.lower()).replace(".", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while words and words[0] in ("the",):
        words.pop(0)
    return " ".join(words)


def normalize_vat(vat):
    return re.sub(r"[^A-Z0-9]", "", str(vat).upper()) if vat else ""


def email_domain(email):
    if not email or "@" not in str(email):
        return ""
    domain = str(email).rsplit("@", 1)[1].strip().lower()
    return "" if domain in FREE_MAIL else domain


def normalize_phone(phone):
    digits = re.sub(r"\D", "", str(phone or ""))
    return digits[-9:] if len(digits) >= 7 else ""


def name_block(normalized):
    """Blocking key of a normalised name: the sorted two-letter beginnings of its words plus
    its numbers. 'acme medical supplies' -> 'acmesu|'; 'ward 3 stores' -> 'stwa|3'. Names
    that differ there are never compared (their similarity would be low anyway)."""
    tokens = normalized.split()
    initials = "".join(sorted(t[:2] for t in tokens if not t.isdigit()))
    numbers = "-".join(t for t in tokens if t.isdigit())
    return f"{initials}|{numbers}"


def similarity(a, b):
    """0..1 similarity of two normalised names (token order insensitive)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return 0.0  # 'Ward 3 Stores' and 'Ward 4 Stores' are different, however alike
    ta, tb = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    return max(SequenceMatcher(None, a, b).ratio(), SequenceMatcher(None, ta, tb).ratio())


@dataclass(slots=True)
class Candidate:
    """A record to deduplicate: a staged row (ref like 'row:12') or an existing Odoo record
    (ref like 'res.partner:7')."""

    ref: str
    name: str = ""
    vat: str = ""
    email: str = ""
    phone: str = ""
    code: str = ""
    keys: dict = field(default_factory=dict)

    def __post_init__(self):
        self.keys = {
            "name": normalize_name(self.name),
            "vat": normalize_vat(self.vat),
            "domain": email_domain(self.email),
            "phone": normalize_phone(self.phone),
            "code": re.sub(r"[^A-Z0-9]", "", str(self.code or "").upper()),
        }

    def blocks(self):
        """The blocks this candidate is compared in: its exact keys (VAT, code, phone) and
        its name block. Two candidates are compared only when they share one, so a caller
        holding many rows (the staging table) can find the rows worth comparing first."""
        k = self.keys
        found = [f"{key}:{k[key]}" for key in EXACT_KEYS if k[key]]
        if k["name"]:
            found.append(f"name:{name_block(k['name'])}")
        return found

    def source(self):
        """The raw values it was built from (to rebuild it later: ``Candidate(ref, **...)``)."""
        return {
            key: value
            for key in ("name", "vat", "email", "phone", "code")
            if (value := getattr(self, key))
        }


@dataclass(slots=True)
class Match:
    a: str
    b: str
    score: float
    reasons: tuple


def find_matches(candidates, threshold=0.88):
    """Pairs of candidates that are probably the same, with a score and the reasons.

    Exact keys (VAT, code, phone) match with score 1; names match by similarity within
    blocks of the same word initials and numbers (``name_block``); a shared company email
    domain adds evidence.

    The pairs found link every candidate of a cluster, not every pair of it: the members
    of a block that match exactly (same VAT, code or phone; the same normalised name) are
    linked to the block's first row, so one code repeated on 6,000 rows gives 6,000 pairs,
    not 18 million; names are compared once per distinct name of a block.
    """
    blocks = defaultdict(list)
    for cand in candidates:
        for block in cand.blocks():
            blocks[block].append(cand)
    pairs = {}

    def add(a, b, score, reason):
        if a.ref == b.ref:
            return
        key = tuple(sorted((a.ref, b.ref)))
        previous = pairs.get(key)
        if not previous or score > previous.score:
            reasons = tuple(sorted({*(previous.reasons if previous else ()), reason}))
            pairs[key] = Match(key[0], key[1], round(score, 3), reasons)
        elif reason not in previous.reasons:
            previous.reasons = tuple(sorted({*previous.reasons, reason}))

    for block, members in blocks.items():
        if len(members) < 2:
            continue
        kind = block.split(":", 1)[0]
        # two records already in Odoo are never compared with each other: a block shared by
        # thousands of them costs nothing unless rows of the file are in it too
        rows = [c for c in members if not c.ref.startswith("rec:")]
        records = [c for c in members if c.ref.startswith("rec:")]
        if not rows:
            continue
        if kind in EXACT_KEYS:
            hub = rows[0]
            for other in chain(rows[1:], records):
                add(hub, other, 1.0, f"same {kind}")
            continue
        # one representative per distinct normalised name: the same name is an exact match
        same = defaultdict(list)
        for cand in rows:
            same[cand.keys["name"]].append(cand)
        for group in same.values():
            for other in group[1:]:
                add(group[0], other, 1.0, "similar name (100%)")
        heads = [group[0] for group in same.values()]
        for a, b in chain(combinations(heads, 2), product(heads, records)):
            score = similarity(a.keys["name"], b.keys["name"])
            if a.keys["domain"] and a.keys["domain"] == b.keys["domain"]:
                score = min(1.0, score + 0.05)
            if score < threshold:
                continue
            add(a, b, score, f"similar name ({score:.0%})")
    return sorted(pairs.values(), key=lambda m: (m.a, m.b))


def clusters(matches):
    """Groups of refs linked by matches (union-find), largest first, each sorted."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in matches:
        ra, rb = find(m.a), find(m.b)
        if ra != rb:
            parent[rb] = ra
    groups = defaultdict(list)
    for ref in parent:
        groups[find(ref)].append(ref)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))
