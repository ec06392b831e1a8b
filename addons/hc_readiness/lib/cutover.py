"""Cutover runbook arithmetic in plain Python: dependency cycles, which dependencies still
hold a task back, planned ordering and completion, tested without a database."""

from odoo.addons.hc_training.lib.graph import find_cycle  # noqa: F401 (the suite's one)

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
