"""Mapping transforms: source value -> target value, each a small pure function."""

import re
from datetime import date, datetime

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
    raise TransformError(f"'{text}' is not a date in the format {' or '.join(formats)}")


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
        raise TransformError(f"'{value}' is not a number") from exc


def to_int(value, arg=None):
    number = to_float(value, arg)
    if number is None:
        return None
    if not float(number).is_integer():
        raise TransformError(f"'{value}' is not a whole number")
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
            f"unknown unit '{value}' (known: {', '.join(sorted(table)) or 'none'})"
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
        raise TransformError(f"unknown transform '{name}'")
    if isinstance(value, str) and name not in ("none",):
        value = value.strip() or None
    return TRANSFORMS[name](value, arg)


def date_formats_seen(values):
    """The distinct textual date layouts among ``values`` (e.g. {'dd/dd/dddd', 'dddd-dd-dd'})."""
    layouts = set()
    for value in values:
        if isinstance(value, str) and value.strip():
            layouts.add(re.sub(r"\d", "d", value.strip()))
    return layouts
