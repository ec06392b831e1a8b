"""The "person" kind: employees, contacts, patients.

Fields: given name, surname (either may be swapped with the other in one record), date of birth
(day/month transposition and one-digit typos tolerated), national id (one typo tolerated), street
number, street, address line 2, suburb/city, postcode, state, phone, email. Address parts, phone and
email are weak: they add weight but never link two people alone.

Blocking passes: phonetic code of given name + surname (order-free), phonetic surname, date of birth
(day/month order-free), national-id prefix and suffix, postcode; sorted neighbourhood on the
order-free full name and on the reversed full name (a typo in the first letters does not move a
name far in that order).
"""

import datetime
import re

from . import compare
from .core import FieldSpec, Kind

NAME_LEVELS = ("different", "similar", "close", "same")
DATE_LEVELS = ("different", "near", "close", "same")
CODE_LEVELS = ("different", "two typos", "one typo", "same")
SHORT_LEVELS = ("different", "one typo", "same")

ROLES = {
    "given_name": ("given_name", "given", "first_name", "firstname", "forename"),
    "surname": ("surname", "last_name", "lastname", "family_name"),
    "name": ("name", "full_name"),
    "birth_date": ("birth_date", "birthday", "dob", "date_of_birth"),
    "birth_year": ("birth_year", "by"),
    "birth_month": ("birth_month", "bm"),
    "birth_day": ("birth_day", "bd"),
    "middle_name": ("middle_name", "second_name"),
    "national_id": ("national_id", "identification_id", "ssn", "soc_sec_id", "id_number"),
    "street_number": ("street_number",),
    "street": ("street", "address", "address_1"),
    "street2": ("street2", "address_2"),
    "city": ("city", "suburb", "town"),
    "postcode": ("postcode", "zip", "postal_code"),
    "state": ("state", "region", "county"),
    "phone": ("phone", "mobile", "phone_number"),
    "email": ("email",),
}


def _raw(raw, role):
    for alias in ROLES[role]:
        value = raw.get(alias)
        if value not in (None, ""):
            return value
    return None


def birth_date(value):
    """Date of birth as ``YYYYMMDD`` digits (typos kept: the comparator tolerates them).
    Accepts dates, ``YYYYMMDD``, ``YYYY-MM-DD``, ``DD/MM/YYYY`` (day first), ``DD.MM.YYYY``."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    text = re.sub(r"\.0$", "", text)
    parts = re.findall(r"\d+", text)
    if len(parts) == 3:
        if len(parts[0]) == 4:
            year, month, day = parts
        else:
            day, month, year = parts
            if len(year) == 2:
                year = ("19" if int(year) > 30 else "20") + year
        return f"{year}{month.zfill(2)}{day.zfill(2)}"
    number = "".join(parts)
    if len(number) == 8 and not number.startswith(("19", "20")) and number[4:6] in ("19", "20"):
        return number[4:] + number[2:4] + number[:2]  # DDMMYYYY
    return number


def normalise(raw):
    given = compare.text(_raw(raw, "given_name"))
    surname = compare.text(_raw(raw, "surname"))
    full = compare.text(_raw(raw, "name"))
    if full and not (given or surname):
        words = full.split()
        given, surname = " ".join(words[:-1]), words[-1]
    street_no = compare.text(_raw(raw, "street_number"))
    street = compare.text(_raw(raw, "street"))
    if street:
        numbers = [w for w in street.split() if any(c.isdigit() for c in w)]
        if numbers and not street_no:
            street_no = " ".join(numbers)
        street = " ".join(w for w in street.split() if not any(c.isdigit() for c in w))
    middle = compare.text(_raw(raw, "middle_name"))
    if middle and given:
        given = f"{given} {middle}"
    dob = birth_date(_raw(raw, "birth_date"))
    if not dob and _raw(raw, "birth_year"):
        parts = [compare.digits(_raw(raw, r)) for r in ("birth_year", "birth_month", "birth_day")]
        if all(parts):
            dob = parts[0] + parts[1].zfill(2) + parts[2].zfill(2)
    email = str(_raw(raw, "email") or "").strip().lower()
    rec = {
        "given": given,
        "surname": surname,
        "dob": dob,
        "nid": compare.alnum(_raw(raw, "national_id")),
        "street_no": street_no.replace(" ", ""),
        "street": street,
        "street2": compare.text(_raw(raw, "street2")),
        "city": compare.text(_raw(raw, "city")),
        "postcode": compare.alnum(_raw(raw, "postcode")),
        "state": compare.text(_raw(raw, "state")),
        "phone": compare.phone_digits(_raw(raw, "phone")),
        "email": email if "@" in email else "",
    }
    names = sorted(n for n in (given, surname) if n)
    rec["sn_name"] = " ".join(names)
    rec["sn_rev"] = (surname + given)[::-1].replace(" ", "")
    return {key: value for key, value in rec.items() if value}


def block_keys(rec):
    keys = []
    given, surname = rec.get("given", ""), rec.get("surname", "")
    code_g, code_s = compare.phonetic(given), compare.phonetic(surname)
    if code_g and code_s:
        keys.append("nm:" + "|".join(sorted((code_g, code_s))))
    if code_s:
        keys.append("sx:" + code_s)
    dob = rec.get("dob", "")
    if len(dob) == 8:
        keys.append("db:" + dob[:4] + "".join(sorted((dob[4:6], dob[6:8]))))
    nid = rec.get("nid", "")
    if len(nid) >= 6:
        keys.append("id:" + nid[:4])
        keys.append("ie:" + nid[-4:])
    if rec.get("postcode"):
        keys.append("pc:" + rec["postcode"])
    return keys


# Default m/u for files too small to fit (a few hundred candidate pairs): what a match and a
# non-match of a typical personnel file look like, level by level (different ... same).
DEFAULT_PARAMS = {
    "m": {
        "given": [0.04, 0.04, 0.08, 0.84],
        "surname": [0.04, 0.04, 0.08, 0.84],
        "dob": [0.05, 0.03, 0.07, 0.85],
        "nid": [0.04, 0.01, 0.05, 0.90],
        "street_no": [0.10, 0.05, 0.85],
        "street": [0.06, 0.04, 0.10, 0.80],
        "street2": [0.06, 0.04, 0.10, 0.80],
        "city": [0.05, 0.03, 0.07, 0.85],
        "postcode": [0.05, 0.05, 0.90],
        "state": [0.05, 0.95],
        "phone": [0.30, 0.05, 0.65],
        "email": [0.40, 0.05, 0.55],
    },
    "u": {
        "given": [0.90, 0.07, 0.02, 0.01],
        "surname": [0.93, 0.05, 0.015, 0.005],
        "dob": [0.97, 0.025, 0.0045, 0.0005],
        "nid": [0.9998, 0.0001, 0.00009, 0.00001],
        "street_no": [0.90, 0.07, 0.03],
        "street": [0.97, 0.02, 0.007, 0.003],
        "street2": [0.97, 0.02, 0.007, 0.003],
        "city": [0.90, 0.03, 0.02, 0.05],
        "postcode": [0.85, 0.10, 0.05],
        "state": [0.70, 0.30],
        "phone": [0.999, 0.0005, 0.0005],
        "email": [0.9995, 0.0003, 0.0002],
    },
}

PERSON = Kind(
    name="person",
    fields=(
        FieldSpec("given", "Given name", compare.name, 4, NAME_LEVELS),
        FieldSpec("surname", "Surname", compare.name, 4, NAME_LEVELS),
        FieldSpec("dob", "Date of birth", compare.date, 4, DATE_LEVELS),
        FieldSpec("nid", "National id", compare.code, 4, CODE_LEVELS),
        FieldSpec("street_no", "Street number", compare.short_code, 3, SHORT_LEVELS, weak=True),
        FieldSpec("street", "Street", compare.words, 4, NAME_LEVELS, weak=True),
        FieldSpec("street2", "Address line 2", compare.words, 4, NAME_LEVELS, weak=True),
        FieldSpec("city", "Suburb / city", compare.name, 4, NAME_LEVELS, weak=True),
        FieldSpec("postcode", "Postcode", compare.short_code, 3, SHORT_LEVELS, weak=True),
        FieldSpec("state", "State", compare.exact, 2, ("different", "same"), weak=True),
        FieldSpec("phone", "Phone", compare.phone, 3, ("different", "similar", "same"), weak=True),
        FieldSpec("email", "Email", compare.email, 3, ("different", "similar", "same"), weak=True),
    ),
    normalise=normalise,
    block_keys=block_keys,
    sort_keys=("sn_name", "sn_rev"),
    link_weight=12.0,
    review_weight=4.0,
    min_strong_agreements=2,
    # a shared name is not enough to merge two people (a data-protection incident): the date of
    # birth or the national id must agree too, else the pair goes to review
    link_requires=("dob", "nid"),
    swaps=(("given", "surname"), ("street", "street2")),
    params=DEFAULT_PARAMS,
)
