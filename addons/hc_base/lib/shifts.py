"""Shift windows in plain Python: a shift runs from ``hour_from`` to ``hour_to`` (hours as
floats, local time of the site); a night shift crosses midnight (``hour_to <= hour_from``).

Used to tell whether a session or a rota slot falls inside an employee's shift, and which
shift is on now.
"""

from datetime import datetime, time, timedelta


def _at(day, hours):
    minutes = round(hours * 60)
    return datetime.combine(day, time(0)) + timedelta(minutes=minutes)


def crosses_midnight(hour_from, hour_to):
    return hour_to <= hour_from


def windows(hour_from, hour_to, start, end):
    """The shift windows (local naive datetimes) that can overlap [start, end]: one per day
    from the day before ``start`` to the day of ``end``."""
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        begin = _at(day, hour_from)
        finish = _at(
            day + timedelta(days=1) if crosses_midnight(hour_from, hour_to) else day, hour_to
        )
        yield begin, finish
        day += timedelta(days=1)


def within(hour_from, hour_to, start, end):
    """True when [start, end] (local naive datetimes) lies inside one window of the shift."""
    if end <= start:
        return False
    return any(
        begin <= start and end <= finish
        for begin, finish in windows(hour_from, hour_to, start, end)
    )


def is_on(hour_from, hour_to, moment):
    """True when the shift is running at ``moment`` (local naive datetime)."""
    return any(
        begin <= moment < finish for begin, finish in windows(hour_from, hour_to, moment, moment)
    )


def attendance_lines(hour_from, hour_to):
    """Resource-calendar attendance lines (dayofweek as '0'..'6', hour_from, hour_to) for a
    shift worked every day; a shift crossing midnight is split at midnight."""
    lines = []
    for day in range(7):
        if crosses_midnight(hour_from, hour_to):
            lines.append((str(day), hour_from, 24.0))
            if hour_to > 0:
                lines.append((str((day + 1) % 7), 0.0, hour_to))
        else:
            lines.append((str(day), hour_from, hour_to))
    return lines
