"""Coverage planning of instructor-led sessions, in plain Python.

For one site: who still needs which instructor-led step, grouped by step and by the shift
the employees work; the shift windows (local hours); the trainers and when they are already
busy. The planner proposes sessions inside the shift windows, day after day from the first
day to the last (the day before go-live), at most ``capacity`` attendees per session and at
most ``max_per_trainer_day`` sessions per trainer and day, never double-booking a trainer or
an attendee. What it cannot place comes back as gaps with the reason.

All datetimes are naive, in the site's local time; the model converts to and from UTC.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

NO_SHIFT = "no_shift"
NO_TRAINER = "no_trainer"
NO_DAYS = "no_days"
NO_SLOT = "no_slot"
TOO_SHORT = "too_short"


@dataclass(frozen=True)
class Demand:
    """Employees of one shift (``shift_id`` None: no shift) missing one step."""

    step_id: int
    shift_id: int | None
    employee_ids: tuple


@dataclass(frozen=True)
class Window:
    hour_from: float
    hour_to: float


@dataclass(frozen=True)
class Proposal:
    step_id: int
    shift_id: int
    trainer_id: int
    start: datetime
    stop: datetime
    employee_ids: tuple


@dataclass(frozen=True)
class Gap:
    step_id: int
    shift_id: int | None
    employee_ids: tuple
    reason: str


@dataclass
class Calendar:
    """Busy intervals per trainer and per employee, and sessions per trainer and day."""

    trainer_busy: dict = field(default_factory=lambda: defaultdict(list))
    employee_busy: dict = field(default_factory=lambda: defaultdict(list))
    per_day: dict = field(default_factory=lambda: defaultdict(int))

    def book_trainer(self, trainer_id, start, stop, day=None):
        """``day``: the day the shift window starts (a night session after midnight counts
        for the night it belongs to); by default the day of the start."""
        self.trainer_busy[trainer_id].append((start, stop))
        self.per_day[(trainer_id, day or start.date())] += 1

    def book_employees(self, employee_ids, start, stop):
        for emp in employee_ids:
            self.employee_busy[emp].append((start, stop))


def overlaps(intervals, start, stop):
    return any(begin < stop and start < end for begin, end in intervals)


def _at(day, hours):
    return datetime.combine(day, time(0)) + timedelta(minutes=round(hours * 60))


def slots(window, day, duration):
    """Start/stop pairs of ``duration`` (timedelta) inside the window of the shift that
    starts on ``day``, back to back from the start of the shift."""
    begin = _at(day, window.hour_from)
    end_day = day + timedelta(days=1) if window.hour_to <= window.hour_from else day
    finish = _at(end_day, window.hour_to)
    start = begin
    while start + duration <= finish:
        yield start, start + duration
        start += duration


def chunks(employee_ids, capacity):
    """Split into the fewest sessions, sizes as even as possible (13 at capacity 12: 7 + 6)."""
    employee_ids = list(employee_ids)
    count = -(-len(employee_ids) // capacity)
    size, extra = divmod(len(employee_ids), count) if count else (0, 0)
    result, index = [], 0
    for i in range(count):
        take = size + (1 if i < extra else 0)
        result.append(tuple(employee_ids[index : index + take]))
        index += take
    return result


def plan(
    demands,
    windows,
    trainer_ids,
    first_day,
    last_day,
    *,
    duration_hours=1.5,
    capacity=12,
    max_per_trainer_day=2,
    calendar=None,
):
    """Proposals and gaps for ``demands``.

    ``windows`` maps a shift id to its :class:`Window`; ``calendar`` carries what is already
    booked (existing sessions) and is updated with the proposals.
    Returns ``(proposals, gaps)``.
    """
    calendar = calendar or Calendar()
    duration = timedelta(minutes=round(duration_hours * 60))
    proposals, gaps = [], []
    days = []
    day = first_day
    while day <= last_day:
        days.append(day)
        day += timedelta(days=1)
    # biggest groups first: they need the most slots
    for demand in sorted(demands, key=lambda d: (-len(d.employee_ids), d.step_id, d.shift_id or 0)):
        if not demand.employee_ids:
            continue
        window = windows.get(demand.shift_id)
        reason = (
            (not window and NO_SHIFT)
            or (not trainer_ids and NO_TRAINER)
            or (not days and NO_DAYS)
            or (not next(slots(window, first_day, duration), None) and TOO_SHORT)
        )
        if reason:
            gaps.append(Gap(demand.step_id, demand.shift_id, demand.employee_ids, reason))
            continue
        unplaced = []
        for group in chunks(demand.employee_ids, capacity):
            placed = _place(
                group, window, days, duration, trainer_ids, max_per_trainer_day, calendar
            )
            if placed:
                trainer_id, start, stop = placed
                proposals.append(
                    Proposal(demand.step_id, demand.shift_id, trainer_id, start, stop, group)
                )
            else:
                unplaced.extend(group)
        if unplaced:
            gaps.append(Gap(demand.step_id, demand.shift_id, tuple(unplaced), NO_SLOT))
    return proposals, gaps


def _place(group, window, days, duration, trainer_ids, max_per_trainer_day, calendar):
    """The first (trainer, start, stop) free for the trainer and every employee of the group;
    books it in ``calendar``."""
    for day in days:
        for start, stop in slots(window, day, duration):
            if any(overlaps(calendar.employee_busy[emp], start, stop) for emp in group):
                continue
            # least-loaded trainer of the day first, to spread the sessions
            for trainer_id in sorted(trainer_ids, key=lambda t: calendar.per_day[(t, day)]):
                if calendar.per_day[(trainer_id, day)] >= max_per_trainer_day:
                    continue
                if overlaps(calendar.trainer_busy[trainer_id], start, stop):
                    continue
                calendar.book_trainer(trainer_id, start, stop, day)
                calendar.book_employees(group, start, stop)
                return trainer_id, start, stop
    return None
