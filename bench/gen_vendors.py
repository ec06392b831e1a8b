"""A messy vendor master with known duplicates, for the supplier matching benchmark.

Deterministic (one seed gives the same files): ``FILE_ROWS`` rows of a legacy vendor file and
``EXISTING`` partners already in the new ERP, with the ground truth (which records are one
real vendor). Duplicates carry the damage real masters show: typos, legal-suffix variants
(Ltd / Limited / none), abbreviations (Intl, Svcs, &), upper case, a missing or reformatted
VAT, reformatted phones, another mailbox at the same domain, abbreviated streets, postcodes
without spaces, a trading name instead of the legal one (same VAT). Unrelated vendors carry the
classic false-merge traps: one switchboard phone and one street address for every tenant of a
business centre, one email domain shared by the clients of an accountant or an internet
provider, branches of a chain with the same name in other cities, numbered names ("Ward 3
Stores" / "Ward 4 Stores") at one hospital address, and near names ("Harris" / "Harrison").

    python bench/gen_vendors.py --out /tmp/vendors   # vendors.csv, partners.csv, truth.csv

``generate()`` returns the same data in memory: ``(file_rows, existing, truth_pairs)``, rows
being dicts with ``ref`` and the raw columns, ``truth_pairs`` a set of sorted ref pairs.
"""

import argparse
import csv
import os
import random
from itertools import combinations

FILE_ROWS = 50_000
EXISTING = 10_000
COLUMNS = ("ref", "code", "name", "vat", "street", "postcode", "city", "country", "phone", "email")

COUNTRIES = (("GB", 45), ("DE", 15), ("BE", 13), ("FR", 12), ("NL", 10), ("IE", 5))
LEGAL = {
    "GB": ("Ltd", "Limited", "PLC", "LLP", "Ltd"),
    "IE": ("Ltd", "Limited", "DAC", "Teoranta"),
    "DE": ("GmbH", "AG", "GmbH & Co. KG", "KG", "e.K."),
    "FR": ("SARL", "SAS", "SA", "EURL"),
    "BE": ("BV", "NV", "SRL", "SA", "BVBA"),
    "NL": ("B.V.", "BV", "N.V.", "VOF"),
}
SUFFIX_VARIANTS = {
    "Ltd": ("Limited", "Ltd.", "LTD", ""),
    "Limited": ("Ltd", "Ltd.", ""),
    "PLC": ("plc", "P.L.C.", ""),
    "LLP": ("L.L.P.", ""),
    "DAC": ("D.A.C.", ""),
    "Teoranta": ("Teo.", ""),
    "GmbH": ("G.m.b.H.", "Gmbh", ""),
    "AG": ("A.G.", ""),
    "GmbH & Co. KG": ("GmbH & Co KG", "GmbH u. Co. KG", "GmbH"),
    "KG": ("K.G.", ""),
    "e.K.": ("eK", ""),
    "SARL": ("S.A.R.L.", "Sarl", ""),
    "SAS": ("S.A.S.", ""),
    "SA": ("S.A.", ""),
    "EURL": ("E.U.R.L.", ""),
    "BV": ("B.V.", "bv", ""),
    "NV": ("N.V.", ""),
    "SRL": ("S.R.L.", ""),
    "BVBA": ("B.V.B.A.", "BV", ""),
    "B.V.": ("BV", "B V", ""),
    "N.V.": ("NV", ""),
    "VOF": ("V.O.F.", ""),
}
ABBREVIATIONS = {
    "International": "Intl",
    "Services": "Svcs",
    "Solutions": "Soln",
    "Medical": "Med.",
    "Supplies": "Supp.",
    "Brothers": "Bros",
    "and": "&",
    "&": "and",
    "Company": "Co",
    "Equipment": "Equip.",
    "Laboratory": "Lab",
    "Technologies": "Tech",
    "Management": "Mgmt",
    "Distribution": "Dist.",
    "Pharmaceuticals": "Pharma",
    "Saint": "St",
}
SURNAMES = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans
Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell
Rose Davis Rodgers Harris Harrison Cooper Barker Baker Carter Turner Hill Moore Ward Morris King
Watson Allen Young Scott Hughes Edwards Parker Price Bennett Griffiths Lloyd Kelly Murphy Byrne
Ryan OBrien Walsh Doyle McCarthy Gallagher Muller Schmidt Schneider Fischer Weber Meyer Wagner
Becker Schulz Hoffmann Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Hartmann Kruger
Martin Bernard Dubois Durand Lefebvre Leroy Moreau Laurent Simon Michel Garcia David Bertrand
Roux Vincent Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Peeters Janssens Maes Jacobs
Mertens Willems Claes Goossens Wouters DeSmet Dubois Lemmens DeJong Jansen DeVries VanDijk Bakker
Visser Smit Meijer DeBoer Mulder DeGroot Bos Vos Peters Hendriks Dekker Brouwer Kuipers Vermeulen
Ashworth Pemberton Whitfield Holloway Fairbanks Kingsley Radcliffe Thornton Blackwood Harcourt
Ellison Prescott Langley Beaumont Carrington Wetherby Ainsworth Sinclair Hargreaves Osborne
Fletcher Chandler Sherwood Marlowe Rutherford Galloway Winslow Crawford Lancaster Pendleton""".split()
SYLLABLES_A = """Nor Med Vita Ster Pro Ar Cal Del Ver Zen Ox Tri Quan Lum Nova Cor Ael Bi Cyt Dia
Ev Flo Gal Hel Ion Kal Lex Mag Nex Omn Pol Rex Sol Tek Ul Vel Xan Yor Zel Alt""".split()
SYLLABLES_B = """ve ri la to me ca di no sa tu ne ro li ma pe ga ba ze ti fo""".split()
SYLLABLES_C = """x tek lux med gen ix on ara is ia ex cor sys tron vo ica ant ris""".split()
SECTORS = """Medical Supplies|Surgical Instruments|Cleaning Services|Catering Equipment|Office Supplies
|Laboratory Services|IT Solutions|Facilities Management|Linen Services|Pharmaceuticals|Dental Supplies
|Orthopaedics|Diagnostics|Imaging Systems|Medical Gases|Waste Management|Security Services
|Patient Transport|Engineering Services|Electrical Contractors|Plumbing and Heating|Building Services
|Printing Services|Logistics|Couriers|Food Services|Uniforms|Healthcare|Consulting|Recruitment
|Software|Technologies|Scientific|Biotech|Instruments|Equipment Hire|Mobility Aids|Wound Care
|Infection Control|Sterile Services|Respiratory Care|Ophthalmics|Hearing Care|Nutrition
|Training|Interiors|Furniture|Signs|Ventilation|Lifts|Fire Protection|Pest Control|Packaging
|International|Trading Company|Brothers|Distribution|Management Services|Industrial Supplies""".replace(
    "\n", ""
).split("|")
PLACES = {
    "GB": (
        ("London", "EC", "20"),
        ("Leeds", "LS", "113"),
        ("Manchester", "M", "161"),
        ("Birmingham", "B", "121"),
        ("Sheffield", "S", "114"),
        ("Bristol", "BS", "117"),
        ("Liverpool", "L", "151"),
        ("Nottingham", "NG", "115"),
        ("York", "YO", "1904"),
        ("Newcastle", "NE", "191"),
        ("Leicester", "LE", "116"),
        ("Coventry", "CV", "24"),
        ("Cardiff", "CF", "29"),
        ("Glasgow", "G", "141"),
        ("Edinburgh", "EH", "131"),
        ("Reading", "RG", "118"),
        ("Oxford", "OX", "1865"),
        ("Cambridge", "CB", "1223"),
        ("Norwich", "NR", "1603"),
        ("Exeter", "EX", "1392"),
    ),
    "IE": (("Dublin", "D", "1"), ("Cork", "T12", "21"), ("Galway", "H91", "91")),
    "DE": (
        ("Berlin", "10", "30"),
        ("Hamburg", "20", "40"),
        ("Munchen", "80", "89"),
        ("Koln", "50", "221"),
        ("Frankfurt", "60", "69"),
        ("Stuttgart", "70", "711"),
        ("Dusseldorf", "40", "211"),
        ("Leipzig", "04", "341"),
        ("Hannover", "30", "511"),
        ("Bremen", "28", "421"),
    ),
    "FR": (
        ("Paris", "75", "1"),
        ("Lyon", "69", "4"),
        ("Marseille", "13", "4"),
        ("Lille", "59", "3"),
        ("Toulouse", "31", "5"),
        ("Nantes", "44", "2"),
        ("Bordeaux", "33", "5"),
        ("Strasbourg", "67", "3"),
    ),
    "BE": (
        ("Brussel", "10", "2"),
        ("Antwerpen", "20", "3"),
        ("Gent", "90", "9"),
        ("Leuven", "30", "16"),
        ("Liege", "40", "4"),
        ("Brugge", "80", "50"),
        ("Namur", "50", "81"),
    ),
    "NL": (
        ("Amsterdam", "10", "20"),
        ("Rotterdam", "30", "10"),
        ("Utrecht", "35", "30"),
        ("Den Haag", "25", "70"),
        ("Eindhoven", "56", "40"),
        ("Groningen", "97", "50"),
    ),
}
CALLING = {"GB": "44", "IE": "353", "DE": "49", "FR": "33", "BE": "32", "NL": "31"}
NATIONAL_DIGITS = {"GB": 10, "IE": 8, "DE": 10, "FR": 9, "BE": 8, "NL": 9}
STREET_NAMES = """High Church Station Mill Park Victoria Albert Queen King George Manor Bridge
Chapel Market Grove Orchard Meadow Castle Forest Riverside Kingsway Broad Green North South West
Windsor Elm Oak Beech Cedar Willow Hawthorn Holly Birch Ash Maple Linden Rose Lily Harbour Dock
Canal Abbey Priory Spring Well Moor Heath Common Industrial Enterprise Commerce Trade Science
Innovation Technology Business""".split()
STREET_TYPES = {
    "GB": ("Road", "Street", "Lane", "Avenue", "Way", "Park", "Close", "Drive"),
    "IE": ("Road", "Street", "Avenue", "Park"),
    "DE": ("strasse", "weg", "allee", "platz", "ring"),
    "FR": ("Rue", "Avenue", "Boulevard", "Chemin", "Place"),
    "BE": ("straat", "laan", "Rue", "Avenue"),
    "NL": ("straat", "weg", "laan", "plein", "gracht"),
}
STREET_ABBREV = {
    "Road": "Rd",
    "Street": "St",
    "Avenue": "Ave",
    "Lane": "Ln",
    "Drive": "Dr",
    "strasse": "str.",
    "Boulevard": "Bd",
    "Avenue ": "Av. ",
}
FREE_MAIL = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "gmx.de")
ISP_DOMAINS = ("btinternet.com", "t-online.de", "orange.fr", "telenet.be", "ziggo.nl", "eircom.net")
MAILBOXES = ("info", "sales", "orders", "accounts", "office", "contact", "admin", "finance")
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _country(rnd):
    return rnd.choices([c for c, _w in COUNTRIES], [w for _c, w in COUNTRIES])[0]


def _vat(rnd, country):
    """A valid VAT number (check digits right) of the country, compact form."""
    d = [rnd.randint(0, 9) for _i in range(10)]
    if country == "GB":
        first = [rnd.randint(1, 9), *d[:6]]
        total = sum(w * n for w, n in zip((8, 7, 6, 5, 4, 3, 2), first, strict=True))
        return "GB" + "".join(map(str, first)) + f"{(-total) % 97:02d}"
    if country == "BE":
        base = int("0" + "".join(map(str, [rnd.randint(2, 9), *d[:6]])))
        return f"BE0{base:07d}{97 - base % 97:02d}"
    if country == "NL":
        while True:
            digits = [rnd.randint(1, 9), *[rnd.randint(0, 9) for _i in range(7)]]
            last = sum((9 - i) * n for i, n in enumerate(digits)) % 11
            if last < 10:
                return "NL" + "".join(map(str, digits)) + f"{last}B0{rnd.randint(1, 9)}"
    if country == "DE":
        digits = [rnd.randint(1, 9), *d[:7]]
        check = 10
        for n in digits:
            check = (2 * ((n + check) % 10 or 10)) % 11
        return "DE" + "".join(map(str, digits)) + str((11 - check) % 10)
    if country == "FR":
        digits = [rnd.randint(1, 9), *d[:7]]
        total = 0
        for i, n in enumerate(reversed(digits)):
            n = n * 2 if i % 2 == 0 else n
            total += n - 9 if n > 9 else n
        siren = "".join(map(str, digits)) + str((10 - total % 10) % 10)
        return f"FR{int(siren + '12') % 97:02d}{siren}"
    # IE: 7 digits + check letter (+ optional second letter), new style
    digits = "".join(map(str, [rnd.randint(1, 9), *d[:6]]))
    alphabet = "WABCDEFGHIJKLMNOPQRSTUV"
    check = alphabet[sum((8 - i) * int(n) for i, n in enumerate(digits)) % 23]
    return f"IE{digits}{check}"


def _postcode(rnd, country, prefix):
    if country == "GB":
        return f"{prefix}{rnd.randint(1, 28)} {rnd.randint(1, 9)}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    if country == "IE":
        return f"{prefix}{rnd.randint(1, 24):02d} {rnd.choice('ACDEFHKNPRTVWXY')}{rnd.randint(100, 999)}"
    if country == "NL":
        return f"{prefix}{rnd.randint(10, 99)} {rnd.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rnd.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
    if country in ("DE", "FR"):
        return f"{prefix}{rnd.randint(0, 999):03d}"
    return f"{prefix}{rnd.randint(0, 99):02d}"


def _phone(rnd, country, area):
    local = NATIONAL_DIGITS[country] - len(area)
    return (
        area + str(rnd.randint(2, 9)) + "".join(str(rnd.randint(0, 9)) for _i in range(local - 1))
    )


def _format_phone(rnd, country, national, style=None):
    """One of the ways people write the same number."""
    style = rnd.randrange(5) if style is None else style
    cc = CALLING[country]
    chunks = f"{national[:-6]} {national[-6:-3]} {national[-3:]}"
    if style == 0:
        return f"+{cc} {chunks}"
    if style == 1:
        return f"0{chunks}" if country != "FR" else f"0{national}"
    if style == 2:
        return f"00{cc} {national}"
    if style == 3:
        return f"(0{national[:-6]}) {national[-6:]}"
    return f"+{cc}-{national[:-6]}-{national[-6:]}"


def _street(rnd, country):
    name, kind, number = (
        rnd.choice(STREET_NAMES),
        rnd.choice(STREET_TYPES[country]),
        rnd.randint(1, 250),
    )
    if kind[0].islower():
        return f"{name}{kind} {number}"
    if country in ("FR", "BE") and kind in ("Rue", "Avenue", "Boulevard", "Chemin", "Place"):
        return f"{number} {kind} {name}" if country == "FR" else f"{kind} {name} {number}"
    return f"{number} {name} {kind}"


def _brand(rnd):
    kind = rnd.random()
    if kind < 0.45:
        return rnd.choice(SYLLABLES_A) + rnd.choice(SYLLABLES_B) + rnd.choice(SYLLABLES_C)
    if kind < 0.75:
        return rnd.choice(SURNAMES)
    if kind < 0.85:
        return f"{rnd.choice(SURNAMES)} and {rnd.choice(SURNAMES)}"
    if kind < 0.92:
        return f"{rnd.choice(SURNAMES)} & Sons"
    return rnd.choice(SYLLABLES_A) + rnd.choice(SYLLABLES_C)


def _key(name):
    return " ".join(name.lower().replace("&", "and").split())


class _Vendors:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.entities = []
        self.names = set()

    def _unique_name(self, country, brand=None, sector=None):
        rnd = self.rnd
        for _attempt in range(1000):
            core = f"{brand or _brand(rnd)} {sector or rnd.choice(SECTORS)}"
            if _key(core) not in self.names:
                self.names.add(_key(core))
                return core, rnd.choice(LEGAL[country])
            brand = None
        raise RuntimeError("name space exhausted")

    def entity(self, country=None, **values):
        """A real vendor: a dict of its true values."""
        rnd = self.rnd
        country = country or _country(rnd)
        city, prefix, area = rnd.choice(PLACES[country])
        core, legal = values.pop("core", None) or self._unique_name(country)
        domain = (
            "".join(c for c in core.lower() if c.isalnum())[:18]
            + {"GB": ".co.uk", "IE": ".ie", "DE": ".de", "FR": ".fr", "BE": ".be", "NL": ".nl"}[
                country
            ]
        )
        ent = {
            "id": len(self.entities),
            "country": country,
            "core": core,
            "legal": legal,
            "vat": _vat(rnd, country),
            "street": _street(rnd, country),
            "city": city,
            "postcode": _postcode(rnd, country, prefix),
            "phone": _phone(rnd, country, area),
            "email": f"{rnd.choice(MAILBOXES)}@{domain}",
            "has_vat": rnd.random() < 0.75,
            "trade_name": None,
            "area": area,
        }
        ent.update(values)
        self.entities.append(ent)
        return ent


def _typo(rnd, text):
    """One keyboard slip in a letter of the text (never in a digit: 'Ward 3' and 'Ward 4' are
    other vendors, not typos)."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if not positions:
        return text
    i = rnd.choice(positions)
    op = rnd.randrange(4)
    if op == 0:  # substitute
        return text[:i] + rnd.choice(KEYBOARD) + text[i + 1 :]
    if op == 1:  # delete
        return text[:i] + text[i + 1 :]
    if op == 2:  # insert
        return text[:i] + rnd.choice(KEYBOARD) + text[i:]
    if i + 1 < len(text) and text[i + 1].isalpha():  # transpose
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]


def _abbreviate(rnd, core):
    words = core.split()
    hits = [i for i, w in enumerate(words) if w in ABBREVIATIONS]
    if not hits:
        return core
    i = rnd.choice(hits)
    words[i] = ABBREVIATIONS[words[i]]
    return " ".join(words)


def _format_vat(rnd, vat):
    style = rnd.randrange(4)
    if style == 0:
        return vat[2:]  # without the country prefix
    if style == 1:
        return f"{vat[:2]} {vat[2:6]} {vat[6:]}"
    if style == 2 and vat.startswith("BE"):
        return f"BE {vat[2:6]}.{vat[6:9]}.{vat[9:]}"
    return vat.lower() if style == 3 else vat


def emit(rnd, ent, duplicate):
    """A record of the vendor as some clerk typed it: mild noise on every record, the damage of
    a second entry on a duplicate."""
    country = ent["country"]
    core, legal = ent["core"], ent["legal"]
    if duplicate and ent["trade_name"] and rnd.random() < 0.5:
        core, legal = ent["trade_name"], ""
    elif duplicate:
        if rnd.random() < 0.55:
            legal = rnd.choice(SUFFIX_VARIANTS.get(legal, ("",)))
        if rnd.random() < 0.30:
            core = _abbreviate(rnd, core)
        if rnd.random() < 0.40:
            core = _typo(rnd, core)
            if rnd.random() < 0.15:
                core = _typo(rnd, core)
        if rnd.random() < 0.05 and not any(c.isdigit() for c in core) and len(core.split()) > 2:
            core = " ".join(core.split()[:-1])  # "Norvex Medical Supplies" -> "Norvex Medical"
    elif rnd.random() < 0.05:
        legal = rnd.choice(SUFFIX_VARIANTS.get(legal, ("",)))
    name = f"{core} {legal}".strip()
    case = rnd.random()
    if case < (0.25 if duplicate else 0.08):
        name = name.upper()
    elif case < (0.30 if duplicate else 0.10):
        name = name.lower()
    if duplicate and rnd.random() < 0.04:
        name = "The " + name

    vat = ""
    trade = core == ent["trade_name"]  # a trading name on a record that carries the VAT
    if ent["has_vat"] and (trade or rnd.random() < (0.65 if duplicate else 0.85)):
        vat = (
            _format_vat(rnd, ent["vat"])
            if rnd.random() < (0.5 if duplicate else 0.2)
            else ent["vat"]
        )
        if duplicate and not trade and rnd.random() < 0.02:  # a typo: check digits wrong
            i = rnd.randrange(3, len(vat))
            if vat[i].isdigit():
                vat = vat[:i] + str((int(vat[i]) + 1) % 10) + vat[i + 1 :]

    street, postcode, city = ent["street"], ent["postcode"], ent["city"]
    if duplicate and rnd.random() < 0.03:  # moved: another address in another city
        city, prefix, _area = rnd.choice(PLACES[country])
        street, postcode = _street(rnd, country), _postcode(rnd, country, prefix)
    if duplicate and rnd.random() < 0.30:
        for long, short in STREET_ABBREV.items():
            street = street.replace(long, short)
    if duplicate and rnd.random() < 0.08:
        street = _typo(rnd, street)
    if rnd.random() < (0.10 if duplicate else 0.04):
        street = ""
    if duplicate and rnd.random() < 0.25:
        postcode = postcode.replace(" ", "") if rnd.random() < 0.7 else postcode.lower()
    if rnd.random() < (0.10 if duplicate else 0.03):
        postcode = ""
    if duplicate and rnd.random() < 0.15:
        city = city.upper()
    if duplicate and rnd.random() < 0.04:
        city = _typo(rnd, city)
    if rnd.random() < (0.08 if duplicate else 0.03):
        city = ""

    phone = ent["phone"]
    if duplicate and rnd.random() < 0.05 and not ent.get("shared_phone"):  # a new number
        phone = _phone(rnd, country, ent["area"])
    phone = _format_phone(rnd, country, phone, None if duplicate else rnd.choice((0, 1, 1)))
    if rnd.random() < (0.15 if duplicate else 0.05):
        phone = ""

    email = ent["email"]
    if duplicate and rnd.random() < 0.40:
        email = f"{rnd.choice(MAILBOXES)}@{email.split('@', 1)[1]}"
    if duplicate and rnd.random() < 0.04:
        email = f"{core.split()[0].lower()}{rnd.randint(1, 99)}@{rnd.choice(FREE_MAIL)}"
    if rnd.random() < (0.20 if duplicate else 0.08):
        email = ""
    if duplicate and rnd.random() < 0.1:
        email = email.upper()
    return {
        "name": name,
        "vat": vat,
        "street": street,
        "postcode": postcode,
        "city": city,
        "country": country if rnd.random() < 0.9 else "",
        "phone": phone,
        "email": email,
    }


def generate(file_rows=FILE_ROWS, existing=EXISTING, seed=18):
    """(file rows, existing partners, truth pairs). Group sizes scale with ``file_rows``: about
    3 % of the vendors are recorded more than once (1,500 groups at 50,000 rows)."""
    scale = file_rows / FILE_ROWS
    gen = _Vendors(seed)
    rnd = gen.rnd

    # -- traps: unrelated vendors sharing things ----------------------------------------
    trap_entities = []
    for _i in range(int(300 * scale)):  # business centres: one address, one switchboard
        country = _country(rnd)
        city, prefix, area = rnd.choice(PLACES[country])
        shared = {
            "street": f"Unit {rnd.randint(1, 40)}, " + _street(rnd, country),
            "city": city,
            "postcode": _postcode(rnd, country, prefix),
            "phone": _phone(rnd, country, area),
            "area": area,
            "shared_phone": True,
        }
        trap_entities += [gen.entity(country, **shared) for _j in range(rnd.randint(3, 12))]
    for _i in range(int(200 * scale)):  # accountants' and internet providers' domains
        country = _country(rnd)
        if rnd.random() < 0.5:
            domain = rnd.choice(ISP_DOMAINS)
        else:
            domain = f"{rnd.choice(SURNAMES).lower()}-accountants.co.uk"
        for _j in range(rnd.randint(5, 30)):
            ent = gen.entity(country)
            ent["email"] = f"{ent['core'].split()[0].lower()}@{domain}"
            trap_entities.append(ent)
    for _i in range(int(300 * scale)):  # chains: one name, branches in other cities
        country = _country(rnd)
        core, legal = gen._unique_name(country)
        cities = rnd.sample(PLACES[country], min(len(PLACES[country]), rnd.randint(2, 6)))
        domain = "".join(c for c in core.lower() if c.isalnum())[:18] + ".com"
        for city, prefix, area in cities:
            trap_entities.append(
                gen.entity(
                    country,
                    core=(core, legal),
                    city=city,
                    postcode=_postcode(rnd, country, prefix),
                    phone=_phone(rnd, country, area),
                    area=area,
                    email=f"{city.lower().replace(' ', '')}@{domain}",
                    has_vat=rnd.random() < 0.5,
                )
            )
    for _i in range(int(100 * scale)):  # numbered units at one hospital address
        country = rnd.choice(("GB", "GB", "IE"))
        city, prefix, area = rnd.choice(PLACES[country])
        site = rnd.choice(SURNAMES) + rnd.choice((" General", " Royal", " Community", " St Mary"))
        shared = {
            "street": _street(rnd, country),
            "city": city,
            "postcode": _postcode(rnd, country, prefix),
            "phone": _phone(rnd, country, area),
            "area": area,
            "shared_phone": True,
            "email": f"stores@{site.split()[0].lower()}-hospital.nhs.uk",
            "has_vat": False,
        }
        unit = rnd.choice(("Ward", "Theatre", "Clinic", "Unit"))
        what = rnd.choice(("Stores", "Supplies", "Pharmacy", "Catering"))
        for n in rnd.sample(range(1, 12), rnd.randint(2, 6)):
            name = f"{site} {unit} {n} {what}"
            gen.names.add(_key(name))
            trap_entities.append(gen.entity(country, core=(name, ""), **shared))
    for _i in range(int(300 * scale)):  # near names: Harris / Harrison, another city
        country = _country(rnd)
        sector = rnd.choice(SECTORS)
        a, b = rnd.sample(SURNAMES, 2)
        for brand in (a, _typo(rnd, a) if rnd.random() < 0.5 else b):
            if _key(f"{brand} {sector}") not in gen.names:
                trap_entities.append(
                    gen.entity(country, core=gen._unique_name(country, brand, sector))
                )

    # -- duplicates ----------------------------------------------------------------------
    groups = int(1_500 * scale)
    both = int(500 * scale)  # vendors already in the ERP that the file holds again
    plans = []  # (entity, file copies, in existing)
    pool = rnd.sample(trap_entities, min(len(trap_entities), groups // 5))
    for i in range(groups):
        ent = pool[i] if i < len(pool) else gen.entity()
        if i >= len(pool) and rnd.random() < 0.04:
            ent["trade_name"] = gen._unique_name(ent["country"])[0]  # same VAT, another name
            ent["has_vat"] = True
        if i < both:
            plans.append((ent, 2 if rnd.random() < 0.14 else 1, True))
        else:
            plans.append((ent, 3 if rnd.random() < 0.15 else 2, False))
    used = {p[0]["id"] for p in plans}
    singles = [e for e in trap_entities if e["id"] not in used]
    n_file_single = file_rows - sum(copies for _e, copies, _x in plans)
    n_existing_single = existing - both
    rnd.shuffle(singles)
    while len(singles) < n_file_single + n_existing_single:
        singles.append(gen.entity())
    rnd.shuffle(singles)

    file_records, existing_records = [], []
    for ent, copies, in_existing in plans:
        if in_existing:
            existing_records.append((ent, emit(rnd, ent, False)))
            file_records += [(ent, emit(rnd, ent, True)) for _c in range(copies)]
        else:
            file_records.append((ent, emit(rnd, ent, False)))
            file_records += [(ent, emit(rnd, ent, True)) for _c in range(copies - 1)]
    for ent in singles[:n_file_single]:
        file_records.append((ent, emit(rnd, ent, False)))
    for ent in singles[n_file_single : n_file_single + n_existing_single]:
        existing_records.append((ent, emit(rnd, ent, False)))
    rnd.shuffle(file_records)
    rnd.shuffle(existing_records)

    by_entity = {}
    rows, partners = [], []
    for i, (ent, rec) in enumerate(existing_records):
        ref = f"E{i:05d}"
        code = f"P{rnd.randint(100000, 999999)}"
        ent["erp_code"] = code
        partners.append({"ref": ref, "code": code, **rec})
        by_entity.setdefault(ent["id"], []).append(ref)
    for i, (ent, rec) in enumerate(file_records):
        ref = f"F{i:05d}"
        # the legacy code; a vendor already migrated once sometimes kept its code in the ERP
        code = ent["erp_code"] if "erp_code" in ent and rnd.random() < 0.2 else f"V{i:06d}"
        rows.append({"ref": ref, "code": code, **rec})
        by_entity.setdefault(ent["id"], []).append(ref)
    truth = {
        tuple(sorted(pair))
        for refs in by_entity.values()
        if len(refs) > 1
        for pair in combinations(refs, 2)
    }
    return rows, partners, truth


def write(out, rows, partners, truth):
    os.makedirs(out, exist_ok=True)
    for name, data in (("vendors.csv", rows), ("partners.csv", partners)):
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            writer.writerows(data)
    with open(os.path.join(out, "truth.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("ref_a", "ref_b"))
        writer.writerows(sorted(truth))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/hc_vendors")
    parser.add_argument("--rows", type=int, default=FILE_ROWS)
    parser.add_argument("--existing", type=int, default=EXISTING)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rows, partners, truth = generate(args.rows, args.existing, args.seed)
    write(args.out, rows, partners, truth)
    print(
        f"{len(rows)} vendor rows, {len(partners)} partners, {len(truth)} true pairs -> {args.out}"
    )


if __name__ == "__main__":
    main()
