"""Shift hours in plain Python: a shift runs from ``hour_from`` to ``hour_to`` (hours as
floats, local time of the site); a night shift crosses midnight (``hour_to <= hour_from``).

The shift's resource calendar is written from these lines; its occurrences (is the shift on,
does it cover a session) are then read from that calendar, see ``hc.shift._occurrences``.
"""


def crosses_midnight(hour_from, hour_to):
    return hour_to <= hour_from


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
