"""Floor-support rota planning in plain Python: who of the active super users of an app area
covers which shift slot of the go-live week.

A slot is one shift occurrence (start/end as naive UTC datetimes) for one app area. The
planner walks the slots in time order and gives each to the eligible super user of that area
with the fewest slots so far (ties: the one who worked least recently, then the input order),
which yields a balanced round-robin. A person is never given two overlapping slots, in any
area, nor two slots with less than ``min_rest`` between them (no night shift followed by
the day shift, no day shift followed by the evening shift). A slot nobody can take is a gap.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

DEFAULT_MIN_REST = timedelta(hours=8)


@dataclass(frozen=True)
class Slot:
    key: object
    area: object
    start: datetime
    end: datetime
    day: date | None = None


@dataclass(frozen=True)
class Candidate:
    ref: object
    """What the slot is given to (the super-user record id)."""
    person: object
    """Who works it (the employee id): rest and overlap are checked per person."""
    area: object
    date_from: date | None = None
    date_to: date | None = None

    def available_on(self, day):
        if day is None:
            return True
        return (self.date_from is None or self.date_from <= day) and (
            self.date_to is None or day <= self.date_to
        )


@dataclass
class Gap:
    slot: Slot
    reason: str
    """'none': no super user for the area; 'busy': all on another slot or resting."""


@dataclass
class Plan:
    assignments: dict = field(default_factory=dict)
    """{slot key: candidate ref}"""
    gaps: list = field(default_factory=list)
    load: dict = field(default_factory=dict)
    """{person: number of slots planned}"""


def too_close(start, end, other_start, other_end, min_rest):
    """True when [start, end) overlaps [other_start, other_end) or they are separated by
    less than ``min_rest``."""
    return start < other_end + min_rest and other_start < end + min_rest


def plan_rota(slots, candidates, busy=(), min_rest=DEFAULT_MIN_REST):
    """Assign ``slots`` to ``candidates``; ``busy`` are (person, start, end) already planned.

    Returns a :class:`Plan`. Deterministic: same input, same plan."""
    by_area = {}
    for order, cand in enumerate(candidates):
        by_area.setdefault(cand.area, []).append((order, cand))
    intervals = {}
    for person, start, end in busy:
        intervals.setdefault(person, []).append((start, end))
    plan = Plan()
    last_start = {}
    for slot in sorted(slots, key=lambda s: (s.start, str(s.area), str(s.key))):
        pool = [(o, c) for o, c in by_area.get(slot.area, []) if c.available_on(slot.day)]
        if not pool:
            plan.gaps.append(Gap(slot, "none"))
            continue
        eligible = [
            (o, c)
            for o, c in pool
            if not any(
                too_close(slot.start, slot.end, s, e, min_rest)
                for s, e in intervals.get(c.person, ())
            )
        ]
        if not eligible:
            plan.gaps.append(Gap(slot, "busy"))
            continue
        _order, chosen = min(
            eligible,
            key=lambda oc: (
                plan.load.get(oc[1].person, 0),
                last_start.get(oc[1].person, datetime.min),
                oc[0],
            ),
        )
        plan.assignments[slot.key] = chosen.ref
        plan.load[chosen.person] = plan.load.get(chosen.person, 0) + 1
        last_start[chosen.person] = slot.start
        intervals.setdefault(chosen.person, []).append((slot.start, slot.end))
    return plan
