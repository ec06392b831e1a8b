"""Assignment progress and state, step due dates and certification expiry."""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# Completion line states
TO_DO = "todo"
DONE = "done"
EXPIRED = "expired"
WAIVED = "waived"

# Assignment states, in the order a trainer reads them
ASSIGNED = "assigned"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
OVERDUE = "overdue"
STATE_EXPIRED = "expired"
STATE_WAIVED = "waived"


@dataclass(frozen=True)
class Line:
    """What the engine needs of one completion line."""

    state: str
    mandatory: bool = True
    weight: float = 1.0


def compute_progress(lines):
    """Share (0-100) of mandatory weight that is done; waived lines count as done.

    A path without mandatory lines measures all its lines instead, so an optional-only path
    still shows progress.
    """
    counted = [line for line in lines if line.mandatory] or list(lines)
    total = sum(line.weight for line in counted)
    if not total:
        return 0.0
    done = sum(line.weight for line in counted if line.state in (DONE, WAIVED))
    return round(100.0 * done / total, 2)


def compute_state(lines, *, today, date_due, waived=False):
    """State of an assignment from its lines.

    waived > expired (a mandatory completion lapsed) > completed > overdue > in progress >
    assigned.
    """
    if waived:
        return STATE_WAIVED
    mandatory = [line for line in lines if line.mandatory] or list(lines)
    if any(line.state == EXPIRED for line in mandatory):
        return STATE_EXPIRED
    if mandatory and all(line.state in (DONE, WAIVED) for line in mandatory):
        return COMPLETED
    if date_due and today > date_due:
        return OVERDUE
    if any(line.state in (DONE, WAIVED) for line in lines):
        return IN_PROGRESS
    return ASSIGNED


def step_due_date(*, date_assigned, offset_days, reference, go_live_date=None):
    """Due date of a step: N days after assignment, or N days before the site's go-live.

    Without a go-live date the go-live reference falls back to the assignment date, so that a
    due date always exists; it never lands before the assignment date.
    """
    offset = relativedelta(days=offset_days or 0)
    if reference == "golive" and go_live_date:
        due = go_live_date - offset
        return max(due, date_assigned)
    return date_assigned + offset


def expiry_date(date_done, validity_months):
    """Date a completion stops being valid, or None when it never expires."""
    if not date_done or not validity_months:
        return None
    return date_done + relativedelta(months=validity_months)


def is_expired(expires_on, today):
    return bool(expires_on) and expires_on < today
