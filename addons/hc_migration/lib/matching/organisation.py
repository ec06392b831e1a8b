"""The "organisation" kind: suppliers, customers, any company partner.

Fields: name (legal form, punctuation, case and common abbreviations normalised away; a number in
the name must agree: "Ward 3 Stores" is not "Ward 4 Stores"), VAT number (check digits verified
with python-stdnum: the same valid VAT is strong evidence, two different valid VATs are two legal
entities; an invalid one is compared as a plain string), legacy code / reference, street,
postcode and city (one field: a move changes both), phone (normalised with phonenumbers) and
email domain (free-mail and internet-provider domains ignored). Only the name, the VAT and the
code can link two organisations: address, phone and email domain are weak, because unrelated
companies share them (a business centre's address and switchboard, an accountant's domain).

Blocking passes: VAT digits, legacy code, two name keys (phonetic code of the first word, or its
first and last two letters, + the start of the second word: a typo inside the first word keeps
one of them), postcode, phone, email domain; sorted neighbourhood on the normalised
name.
"""

import functools
import re

import phonenumbers
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import token_sort_ratio
from stdnum import vatin

from . import compare
from .core import FieldSpec, Kind

WINDOW = 4  # sorted neighbourhood on the name: the name-key passes already hold most typos

NAME_LEVELS = ("different", "similar", "close", "same")
VAT_LEVELS = ("different", "one typo", "same (unchecked)", "same (valid)")
SHORT_LEVELS = ("different", "one typo", "same")
SAME_LEVELS = ("different", "same")

ROLES = {
    "name": ("name", "company_name", "legal_name", "vendor_name", "supplier_name"),
    "vat": ("vat", "vat_number", "tax_id", "company_registry"),
    "code": ("code", "ref", "vendor_code", "supplier_code", "reference"),
    "street": ("street", "address", "address_1"),
    "street2": ("street2", "address_2"),
    "postcode": ("postcode", "zip", "postal_code"),
    "city": ("city", "town"),
    "country": ("country", "country_code", "country_id"),
    "phone": ("phone", "telephone", "mobile", "phone_number"),
    "email": ("email", "email_address"),
    "website": ("website", "web", "url"),
}

# legal forms (after dots are removed and letters joined: "G.m.b.H." -> "gmbh")
LEGAL_FORMS = frozenset(
    """ltd limited plc llp lp llc inc incorporated corp corporation co company cie gmbh mbh ag kg
    ek ohg ug ev gbr sa sas sarl eurl sasu snc scs srl spa sapa bv bvba nv vof cv cvba sprl scrl
    oy oyj ab as asa aps a s pty dac teoranta teo kft sro zoo spzoo se sl slu sau lda""".split()
)
LEGAL_GLUE = frozenset(("and", "u", "und", "et", "en", "of"))  # "GmbH & Co. KG", "GmbH u. Co. KG"
ABBREVIATIONS = {
    "intl": "international",
    "int": "international",
    "svcs": "services",
    "svc": "services",
    "serv": "services",
    "soln": "solutions",
    "solns": "solutions",
    "med": "medical",
    "supp": "supplies",
    "bros": "brothers",
    "equip": "equipment",
    "lab": "laboratory",
    "labs": "laboratories",
    "tech": "technologies",
    "mgmt": "management",
    "mgt": "management",
    "dist": "distribution",
    "distr": "distribution",
    "pharma": "pharmaceuticals",
    "st": "saint",
    "ste": "sainte",
    "assoc": "associates",
    "dept": "department",
    "hosp": "hospital",
    "natl": "national",
    "mfg": "manufacturing",
    "ind": "industries",
    "inds": "industries",
    "grp": "group",
    "&": "and",
}
STREET_WORDS = {
    "rd": "road",
    "st": "street",
    "str": "strasse",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "dr": "drive",
    "bd": "boulevard",
    "blvd": "boulevard",
    "pl": "place",
    "sq": "square",
    "ct": "court",
    "cl": "close",
    "hwy": "highway",
    "ind": "industrial",
    "est": "estate",
}
# shared by thousands of unrelated senders: no evidence that two companies are one
FREE_MAIL = frozenset(
    """gmail.com googlemail.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de hotmail.be live.com
    live.co.uk live.fr live.be live.nl outlook.com outlook.fr outlook.de msn.com yahoo.com
    yahoo.co.uk yahoo.fr yahoo.de ymail.com icloud.com me.com mac.com aol.com aol.co.uk gmx.de
    gmx.net gmx.com gmx.at web.de t-online.de freenet.de arcor.de orange.fr wanadoo.fr free.fr
    sfr.fr laposte.net neuf.fr btinternet.com btopenworld.com sky.com virginmedia.com
    ntlworld.com talktalk.net tiscali.co.uk blueyonder.co.uk telenet.be skynet.be proximus.be
    scarlet.be ziggo.nl kpnmail.nl planet.nl home.nl hetnet.nl xs4all.nl chello.nl eircom.net
    protonmail.com proton.me mail.com zoho.com yandex.com yandex.ru mail.ru libero.it virgilio.it
    tin.it alice.it bluewin.ch hispeed.ch telia.com""".split()
)
COUNTRY_NAMES = {
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "ireland": "IE",
    "eire": "IE",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "belgium": "BE",
    "belgique": "BE",
    "belgie": "BE",
    "netherlands": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "holland": "NL",
    "luxembourg": "LU",
    "spain": "ES",
    "espana": "ES",
    "italy": "IT",
    "italia": "IT",
    "portugal": "PT",
    "austria": "AT",
    "osterreich": "AT",
    "switzerland": "CH",
    "schweiz": "CH",
    "denmark": "DK",
    "sweden": "SE",
    "norway": "NO",
    "finland": "FI",
    "poland": "PL",
    "united states": "US",
    "usa": "US",
}
VAT_PREFIX = {"GR": "EL"}  # Greece writes its VAT with EL


def _raw(raw, role):
    for alias in ROLES[role]:
        value = raw.get(alias)
        if value not in (None, "", False):
            return value
    return None


# ---------------------------------------------------------------------------------------------
# normalisers


def _collapse_initials(words):
    """Join runs of one-letter words: "b v" -> "bv", "s a r l" -> "sarl" (dotted legal forms and
    acronyms written with spaces)."""
    out, run = [], []
    for word in words:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(word)
    if run:
        out.append("".join(run))
    return out


def company_name(value):
    """Company name without legal form, punctuation, case, accents or common abbreviations:
    ``"The ACME Int'l Med. Supplies, G.m.b.H. & Co. KG"`` ->
    ``"acme international medical supplies"``.
    Never empty when the input had a word: a name that is only a legal form keeps it."""
    if value is None:
        return ""
    raw = str(value).replace("&", " and ").replace(".", "").replace("'", "")
    words = _collapse_initials(compare.text(raw).split())
    if not words:
        return ""
    words = [ABBREVIATIONS.get(w, w) for w in words]
    kept = list(words)
    while kept and (kept[-1] in LEGAL_FORMS or kept[-1] in LEGAL_GLUE):
        kept.pop()
    if kept and kept[0] == "the":
        kept.pop(0)
    if len(kept) > 1 and kept[-1] == "t/a":  # pragma: no cover - defensive
        kept.pop()
    return " ".join(kept or words)


def country_code(value):
    """Two-letter country code from a code or a common English/local name; "" when unknown."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):  # a many2one read (id, name)
        value = value[-1]
    text = compare.text(value)
    if len(text) == 2 and text.isalpha():
        return "GB" if text == "uk" else text.upper()
    return COUNTRY_NAMES.get(text, "")


@functools.lru_cache(maxsize=4096)
def _valid_vat(number):
    """The number in stdnum's compact form when its check digits are right, else ""."""
    try:
        return vatin.validate(number)
    except Exception:  # stdnum raises on countries it does not know
        return ""


def vat_number(value, country=""):
    """A VAT number in compact form with its country prefix when its check digits are right
    (``"GB261478058"``); otherwise ``"~"`` + its letters and digits (compared as a plain string).
    A number without prefix takes the record's country."""
    number = compare.alnum(value)
    if len(number) < 4:
        return ""
    prefix = VAT_PREFIX.get(country, country)
    if number[:2].isalpha():
        valid = _valid_vat(number)
    else:
        valid = _valid_vat(prefix + number) if prefix else ""
    return valid or "~" + number


def vat_digits(vat):
    """The number part of a normalised VAT (blocking key that ignores the prefix)."""
    vat = vat.lstrip("~")
    return vat[2:] if vat[:2].isalpha() else vat


@functools.lru_cache(maxsize=4096)
def phone_number(value, country=""):
    """E.164 digits of a phone (``"+44 20 7946 0123"`` and ``"020 7946 0123"`` in GB give
    ``"442079460123"``); the bare digits when it cannot be parsed."""
    if value is None:
        return ""
    text = str(value).strip()
    if sum(c.isdigit() for c in text) < 6:
        return ""
    try:
        parsed = phonenumbers.parse(text, country or None)
    except phonenumbers.NumberParseException:
        return compare.digits(text).lstrip("0")
    return f"{parsed.country_code}{parsed.national_number}"


def email_domain(value):
    """The company part of an email address: its domain, "" for free-mail and internet providers'
    domains (shared by unrelated senders)."""
    if value is None:
        return ""
    text = str(value).strip().lower()
    if "@" not in text:
        return ""
    domain = text.rsplit("@", 1)[1].strip(" .>")
    if domain.startswith("www."):
        domain = domain[4:]
    return "" if domain in FREE_MAIL or "." not in domain else domain


def website_domain(value):
    if value is None:
        return ""
    text = str(value).strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).split("/", 1)[0]
    if text.startswith("www."):
        text = text[4:]
    return text if "." in text else ""


def street(value, value2=None):
    """Street words with common abbreviations expanded: ``"12 Mill Rd."`` -> ``"12 mill road"``."""
    words = compare.text(" ".join(str(v) for v in (value, value2) if v)).split()
    return " ".join(STREET_WORDS.get(w, w) for w in words)


def _country_of(raw_country, vat_raw, phone_raw):
    country = country_code(raw_country)
    if country:
        return country
    vat = compare.alnum(vat_raw)
    if vat[:2].isalpha() and vat[2:3].isdigit():
        return "GR" if vat[:2] == "EL" else vat[:2]
    text = str(phone_raw or "").strip()
    if text.startswith(("+", "00")):
        digits = compare.digits(text)
        digits = digits[2:] if text.startswith("00") else digits
        for size in (1, 2, 3):
            region = phonenumbers.region_code_for_country_code(int(digits[:size] or 0))
            if region and region != "ZZ":
                return region
    return ""


def normalise(raw):
    country = _country_of(_raw(raw, "country"), _raw(raw, "vat"), _raw(raw, "phone"))
    name = company_name(_raw(raw, "name"))
    domain = email_domain(_raw(raw, "email")) or website_domain(_raw(raw, "website"))
    rec = {
        "name": name,
        "vat": vat_number(_raw(raw, "vat"), country),
        "code": compare.alnum(_raw(raw, "code")),
        "street": street(_raw(raw, "street"), _raw(raw, "street2")),
        "postcode": compare.alnum(_raw(raw, "postcode")),
        "city": compare.text(_raw(raw, "city")),
        "phone": phone_number(_raw(raw, "phone"), country),
        "domain": domain,
    }
    if rec["postcode"] or rec["city"]:
        rec["place"] = f"{rec['postcode']}|{rec['city']}"
    return {key: value for key, value in rec.items() if value}


# ---------------------------------------------------------------------------------------------
# comparators


_NUMBER = re.compile(r"\d+")


def _numbers(text):
    return _NUMBER.findall(text)


def name(a, b):
    """4 levels for normalised company names: different / similar / close / same.

    Different whenever the numbers in the names differ ("Ward 3 Stores" / "Ward 4 Stores", "Unit 7"
    / "Unit 17"), and whenever the words that differ are not typos of each other: "Lexris Security
    Services" and "Devries Security Services" share two words, not a name. close: the same words
    in another order or with the spaces moved, or one typo in the words that differ; similar: two
    typos there (or one in a short word), or words dropped from a name of two words or more ("Acme
    IT" / "Acme IT Solutions", also with one typo in the words kept), or a damaged word further on
    when the first word agrees (token-sorted similarity >= 88)."""
    if a == b:
        return 3
    if _numbers(a) != _numbers(b):
        return 0
    if a.replace(" ", "") == b.replace(" ", ""):
        return 2
    words_a, words_b = a.split(), b.split()
    set_a, set_b = set(words_a), set(words_b)
    rest_a = " ".join(w for w in words_a if w not in set_b)
    rest_b = " ".join(w for w in words_b if w not in set_a)
    if not rest_a and not rest_b:
        return 2  # the same words in another order
    shorter = min(len(words_a), len(words_b))
    if not rest_a or not rest_b:
        return 1 if shorter >= 2 else 0  # words dropped
    dist = OSA.distance(rest_a, rest_b, score_cutoff=3)
    short = min(len(rest_a), len(rest_b))
    if dist <= 1 and short >= 5:
        return 2
    if (dist <= 1 and short >= 3) or (dist <= 2 and short >= 6):
        return 1
    if JaroWinkler.similarity(rest_a, rest_b) >= 0.92 and short >= 8:
        return 1
    first_a, first_b = words_a[0], words_b[0]
    if token_sort_ratio(a, b) >= 88 and JaroWinkler.similarity(first_a, first_b) >= 0.88:
        return 1  # a damaged word further on ("bimecor engineering svcs" / "... zvcs")
    if (
        shorter >= 2
        and OSA.distance(" ".join(words_a[:shorter]), " ".join(words_b[:shorter]), score_cutoff=2)
        <= 1
    ):
        return 1  # words dropped at the end and a typo in the words kept
    return 0


def vat(a, b):
    """4 levels: different / one typo / same (unchecked) / same (valid). Two different valid VAT
    numbers are different legal entities (level 0); an invalid one ("~" prefix) is compared as a
    plain string, with or without the other's country prefix."""
    if a == b:
        return 2 if a.startswith("~") else 3
    if not a.startswith("~") and not b.startswith("~"):
        return 0
    x, y = vat_digits(a), vat_digits(b)
    if x == y:
        return 2
    if OSA.distance(x, y, score_cutoff=2) <= 1 and min(len(x), len(y)) >= 6:
        return 1
    return 0


def street_compare(a, b):
    """3 levels: different / similar / same. The numbers (house number, unit) must agree."""
    if a == b:
        return 2
    if _numbers(a) != _numbers(b):
        return 0
    if token_sort_ratio(a, b) >= 85 or a.replace(" ", "") == b.replace(" ", ""):
        return 1
    return 0


def city(a, b):
    """3 levels: different / similar (one typo) / same."""
    if a == b:
        return 2
    if OSA.distance(a, b, score_cutoff=2) <= 1 or JaroWinkler.similarity(a, b) >= 0.93:
        return 1
    return 0


def postcode(a, b):
    """3 levels: different / same area (outward code, first 3 characters) / same."""
    if a == b:
        return 2
    if (
        len(a) >= 5
        and len(b) >= 5
        and (a[:-3] == b[:-3] or OSA.distance(a, b, score_cutoff=2) <= 1)
    ):
        return 1
    return 0


def place(a, b):
    """4 levels for "postcode|city": different / same city / same area / same postcode. One
    field, not two: a company that moved changes both, and counting that twice would outweigh
    its name and VAT. The postcode decides when both records have one, else the city; None
    (missing) when they share neither."""
    code_a, city_a = a.split("|", 1)
    code_b, city_b = b.split("|", 1)
    if code_a and code_b:
        level = postcode(code_a, code_b)
        if level == 2:
            return 3
        if level == 1 and (not city_a or not city_b or city(city_a, city_b)):
            return 2
    if city_a and city_b:
        if city(city_a, city_b):
            return 1
        return 0
    return 0 if code_a and code_b else None


# ---------------------------------------------------------------------------------------------
# blocking


def block_keys(rec):
    keys = []
    words = rec.get("name", "").split()
    if words:
        first = compare.phonetic(words[0]) or words[0]
        if len(words) > 1:
            keys.append(f"n1:{first}|{words[1][:3]}")
            keys.append(f"n2:{words[0][:2]}{words[0][-2:]}|{words[1][:3]}")
        else:
            keys.append(f"n1:{first}")
    if rec.get("vat"):
        keys.append("vat:" + vat_digits(rec["vat"]))
    if rec.get("code"):
        keys.append("code:" + rec["code"])
    if rec.get("postcode"):
        keys.append("pc:" + rec["postcode"])
    if rec.get("phone"):
        keys.append("ph:" + rec["phone"])
    if rec.get("domain"):
        keys.append("dom:" + rec["domain"])
    return keys


# m: how often a true duplicate shows each level (a messy master: typos, dropped words, missing
# and reformatted values); u: how often two different organisations compared as candidates do.
# Fixed for the kind, not estimated with EM: on a vendor master full of business centres and
# chains, EM takes "same address" for "same company" and weighs the name at almost nothing
# (measured on the benchmark: name "different" -0.1, postcode "same" +19.7).
ORGANISATION = Kind(
    name="organisation",
    fields=(
        FieldSpec(
            "name",
            "Name",
            name,
            4,
            NAME_LEVELS,
            m=(0.03, 0.12, 0.25, 0.60),
            u=(0.97, 0.02, 0.008, 0.002),
            agree_level=1,
        ),
        FieldSpec(
            "vat",
            "VAT number",
            vat,
            4,
            VAT_LEVELS,
            m=(0.005, 0.03, 0.165, 0.80),
            u=(0.9975, 0.0015, 0.0005, 0.0005),
            agree_level=2,
        ),
        FieldSpec(
            "code",
            "Code / reference",
            compare.exact,
            2,
            SAME_LEVELS,
            m=(0.9, 0.1),
            u=(0.9995, 0.0005),
        ),
        FieldSpec(
            "street",
            "Street",
            street_compare,
            3,
            ("different", "similar", "same"),
            m=(0.10, 0.25, 0.65),
            u=(0.97, 0.015, 0.015),
            weak=True,
        ),
        FieldSpec(
            "place",
            "Postcode / city",
            place,
            4,
            ("different", "same city", "same area", "same postcode"),
            m=(0.05, 0.10, 0.05, 0.80),
            u=(0.85, 0.11, 0.025, 0.015),
            weak=True,
        ),
        FieldSpec(
            "phone",
            "Phone",
            compare.phone,
            3,
            ("different", "similar", "same"),
            m=(0.10, 0.05, 0.85),
            u=(0.98, 0.005, 0.015),
            weak=True,
        ),
        FieldSpec(
            "domain",
            "Email / web domain",
            compare.exact,
            2,
            SAME_LEVELS,
            m=(0.08, 0.92),
            u=(0.97, 0.03),
            weak=True,
        ),
    ),
    normalise=normalise,
    block_keys=block_keys,
    sort_keys=("name",),
    window=WINDOW,
    link_weight=9.0,
    review_weight=4.0,
    min_strong_agreements=1,
)
