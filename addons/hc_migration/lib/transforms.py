"""Mapping transforms: source value -> target value, each a small pure function."""
# pylint: disable=prefer-env-translation
# (no environment in the library: templates are marked with _lt and translated by the models)

import re
from datetime import date, datetime

from .reasons import Reason, _lt

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d")


class TransformError(ValueError):
    """A value the transform cannot convert; the message says why."""


def trim(value, _arg=None):
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else None


def upper(value, _arg=None):
    return trim(value).upper() if value is not None else None


def lower(value, _arg=None):
    return trim(value).lower() if value is not None else None


def title(value, _arg=None):
    return trim(value).title() if value is not None else None


def code(value, _arg=None):
    """Code normalisation: upper case, no spaces, dashes or dots (e.g. ' ab-12.3 ' -> AB123);
    numbers read from spreadsheets lose their trailing .0."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[\s\-._/]", "", str(value)).upper() or None


def to_date(value, fmt=None):
    """A date from a spreadsheet date, or from text in the declared format (``fmt``; several
    separated by '|'). Text in any other format is an error, never a guess."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    formats = [f.strip() for f in fmt.split("|")] if fmt else list(DATE_FORMATS[:1])
    text = str(value).strip()
    for candidate in formats:
        try:
            return datetime.strptime(text, candidate).date()
        except ValueError:
            continue
    raise TransformError(
        Reason(
            _lt("'%(value)s' is not a date in the format %(formats)s"),
            value=text,
            formats=" | ".join(formats),
        )
    )


def to_float(value, _arg=None):
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError as exc:
        raise TransformError(Reason(_lt("'%(value)s' is not a number"), value=value)) from exc


def to_int(value, arg=None):
    number = to_float(value, arg)
    if number is None:
        return None
    if not float(number).is_integer():
        raise TransformError(Reason(_lt("'%(value)s' is not a whole number"), value=value))
    return int(number)


def unit(value, mapping=None):
    """Unit mapping, e.g. mapping 'EA=Units;BX=Box of 10;PK=Pack'."""
    if value in (None, ""):
        return None
    table = {}
    for pair in (mapping or "").split(";"):
        src, _sep, dst = pair.partition("=")
        if src.strip():
            table[src.strip().upper()] = dst.strip()
    key = trim(value).upper()
    if key not in table:
        raise TransformError(
            Reason(
                _lt("unknown unit '%(value)s' (known: %(known)s)"),
                value=value,
                known=", ".join(sorted(table)) or "-",
            )
        )
    return table[key]


TRANSFORMS = {
    "none": lambda value, _arg=None: value,
    "trim": trim,
    "upper": upper,
    "lower": lower,
    "title": title,
    "code": code,
    "date": to_date,
    "float": to_float,
    "int": to_int,
    "unit": unit,
}


def apply(name, value, arg=None):
    if name not in TRANSFORMS:
        raise TransformError(Reason(_lt("unknown transform '%(name)s'"), name=name))
    if isinstance(value, str) and name not in ("none",):
        value = value.strip() or None
    return TRANSFORMS[name](value, arg)


JOIN_SEPARATOR = "|"  # between the further columns of a join ("Middle Name|Surname")


def join_columns(source_column, further=None):
    """The columns a join reads, in order: ``source_column`` then the ``further`` columns
    (separated by '|'), blanks left out: ('Given Name', 'Surname') from 'Given Name' and
    ' Surname '."""
    columns = [source_column, *(further or "").split(JOIN_SEPARATOR)]
    return [c.strip() for c in columns if c and c.strip()]


def join(values, separator=" "):
    """One value from several columns' values (e.g. given name + surname -> name): each
    trimmed, the empty ones left out, joined with ``separator`` (a space when unset); None
    when all are empty. Spreadsheet numbers lose their trailing .0 (a house number)."""
    parts = []
    for value in values:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = trim(value) if value is not None else None
        if text:
            parts.append(text)
    return (separator if separator is not None else " ").join(parts) or None
