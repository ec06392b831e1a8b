"""Validation rules over mapped rows. Each rule returns a message or None."""
# pylint: disable=prefer-env-translation
# (no environment in the library: templates are marked with _lt and translated by the models)

import re

from stdnum import ean
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.util import get_cc_module

from .reasons import Reason, _lt

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def gtin_ok(value):
    """GTIN-8/12/13/14 check digit."""
    digits = re.sub(r"\s", "", str(value))
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    try:
        ean.validate(digits)
    except StdnumError:
        return False
    return True


def vat_ok(value, default_country=None):
    """VAT/registration number via python-stdnum: 'BE0477472701' or a national number with a
    default country code."""
    text = re.sub(r"[\s.\-]", "", str(value)).upper()
    country = text[:2].lower() if text[:2].isalpha() else (default_country or "").lower()
    number = text[2:] if text[:2].isalpha() else text
    if not country:
        return False
    if country == "gr":
        country = "el"
    module = get_cc_module("gr" if country == "el" else country, "vat")
    if not module:
        return False
    try:
        module.validate(number)
    except StdnumError:
        try:
            module.validate(text)
        except StdnumError:
            return False
    return True


def check(rule, value, arg=None):
    """Message for a failing ``rule`` on ``value``, or None. Empty values only fail
    'required'."""
    empty = value in (None, "")
    if rule == "required":
        return Reason(_lt("is required")) if empty else None
    if empty:
        return None
    if rule == "regex":
        if re.fullmatch(arg or ".*", str(value)):
            return None
        return Reason(_lt("'%(value)s' does not match %(pattern)s"), value=value, pattern=arg)
    if rule == "gtin":
        if gtin_ok(value):
            return None
        return Reason(_lt("'%(value)s' is not a valid GTIN (check digit)"), value=value)
    if rule == "vat":
        if vat_ok(value, arg):
            return None
        return Reason(_lt("'%(value)s' is not a valid VAT/registration number"), value=value)
    if rule == "email":
        if EMAIL.match(str(value)):
            return None
        return Reason(_lt("'%(value)s' is not an email address"), value=value)
    if rule == "max_length":
        if len(str(value)) <= int(arg or 0):
            return None
        return Reason(_lt("longer than %(length)s characters"), length=arg)
    if rule == "positive":
        return None if float(value) >= 0 else Reason(_lt("%(value)s is negative"), value=value)
    return None


OTHERS_SHOWN = 3  # other rows a reason names; the rest are counted


def others_text(first_numbers, own, others):
    """The other rows of a group, for a reason: at most ``OTHERS_SHOWN`` numbers, then a
    count. ``first_numbers``: the group's first ``OTHERS_SHOWN + 1`` row numbers (enough to
    name three others whichever row this is); ``own``: this row's number; ``others``: how
    many other rows the group has. 'row 8', 'rows 3, 4, 5 and 5,996 other rows'."""
    shown = [n for n in first_numbers if n != own][:OTHERS_SHOWN][:others]
    rest = others - len(shown)
    listed = ", ".join(str(n) for n in shown)
    if rest > 1:
        return Reason(_lt("rows %(rows)s and %(rest)s other rows"), rows=listed, rest=f"{rest:,}")
    if rest:
        return Reason(_lt("rows %(rows)s and one other row"), rows=listed)
    if len(shown) == 1:
        return Reason(_lt("row %(rows)s"), rows=listed)
    return Reason(_lt("rows %(rows)s"), rows=listed)
