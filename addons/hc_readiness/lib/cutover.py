"""Cutover runbook arithmetic in plain Python: which dependencies still hold a task back,
planned ordering and completion, tested without a database."""

from datetime import UTC

import pytz

FINISHED = ("done", "skipped")


def unfinished(dependency_states):
    """Dependencies that are neither done nor skipped. ``dependency_states``: {task: state}."""
    return [task for task, state in dependency_states.items() if state not in FINISHED]


def ordering_errors(planned_start, dependency_ends):
    """Dependencies planned to end after ``planned_start``. ``dependency_ends``: {task: planned
    end}; missing dates are ignored."""
    if not planned_start:
        return []
    return [task for task, end in dependency_ends.items() if end and end > planned_start]


def completion(states):
    """Percentage of tasks done or skipped; None without tasks."""
    states = list(states)
    if not states:
        return None
    return round(100.0 * sum(1 for s in states if s in FINISHED) / len(states), 2)


def hour_slot(moment, tz_name=None):
    """The hour slot ``YYYY-MM-DD HH:00`` of a naive UTC datetime in time zone ``tz_name``
    (UTC when unknown): sortable as text, so a grouping by it is chronological. None without
    a datetime."""
    if not moment:
        return None
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return moment.replace(tzinfo=UTC).astimezone(zone).strftime("%Y-%m-%d %H:00")
