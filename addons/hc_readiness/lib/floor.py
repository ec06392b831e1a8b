"""Hypercare floor support in plain Python: triage-rule matching, SLA arithmetic, the
resolution check and the adoption figures, so that they are tested without a database."""

from collections import Counter, namedtuple
from datetime import timedelta

OPEN_STATES = ("new", "triaged", "in_progress")
# resolution type -> the link that proves it (None: the resolution note does)
RESOLUTION_LINKS = {
    "howto": None,
    "retrain": "retrain_line_ids",
    "data_fix": "migration_domain_id",
    "capa": "corrective_action_id",
    "maintenance": "maintenance_request_id",
    "raid": "raid_item_id",
}

# One triage rule: id, sequence, category, app area id (None = any), severity (None = any).
Rule = namedtuple("Rule", "id sequence category app_area_id severity")


def rule_specificity(rule):
    """How many wildcards a rule fills: 0 (category only) to 2 (app area and severity)."""
    return (rule.app_area_id is not None) + (rule.severity is not None)


def match_rule(rules, category, app_area_id, severity):
    """The id of the most specific rule matching an issue, or None.

    A rule matches when its category is the issue's and its app area and severity are the
    issue's or empty (any). An exact match beats a wildcard (more filled criteria first;
    an app-area match beats a severity match), then the lowest sequence, then the oldest."""
    candidates = [
        rule
        for rule in rules
        if rule.category == category
        and rule.app_area_id in (None, app_area_id)
        and rule.severity in (None, severity)
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda r: (
            -rule_specificity(r),
            r.app_area_id is None,
            r.sequence,
            r.id,
        ),
    )
    return best.id


def duplicate_rules(rules):
    """Pairs of rule ids that have the same match (category, app area, severity)."""
    seen, pairs = {}, []
    for rule in sorted(rules, key=lambda r: r.id):
        key = (rule.category, rule.app_area_id, rule.severity)
        if key in seen:
            pairs.append((seen[key], rule.id))
        else:
            seen[key] = rule.id
    return pairs


def sla_deadline(logged_at, sla_hours):
    """Deadline of an issue logged at ``logged_at`` with ``sla_hours`` (wall-clock hours:
    hypercare runs around the clock), or None without an SLA."""
    if not logged_at or not sla_hours or sla_hours <= 0:
        return None
    return logged_at + timedelta(hours=sla_hours)


def is_breached(deadline, now, resolved_at=None):
    """True when the issue was resolved after its deadline, or is still open past it."""
    if not deadline:
        return False
    return (resolved_at or now) > deadline


def hours_between(start, end):
    """Elapsed hours from ``start`` to ``end`` rounded to 0.01, or 0.0 if either is missing."""
    if not start or not end:
        return 0.0
    return round(max((end - start).total_seconds(), 0.0) / 3600.0, 2)


def resolution_problem(resolution_type, links, note):
    """Why an issue cannot be resolved, or None.

    ``links`` maps the link field names of RESOLUTION_LINKS to truthy values; a how-to
    answered on the spot counts with a resolution note."""
    if resolution_type not in RESOLUTION_LINKS:
        return "no resolution"
    link = RESOLUTION_LINKS[resolution_type]
    if link is None:
        return None if (note or "").strip() else "no note"
    return None if links.get(link) else "no link"


def issue_rate(day_counts, today, days=7):
    """Average issues logged per day over the ``days`` days up to ``today`` (inclusive).

    ``day_counts`` maps a date to the number of issues logged on it."""
    window = [today - timedelta(days=offset) for offset in range(days)]
    return round(sum(day_counts.get(day, 0) for day in window) / float(days), 2)


def repeat_counts(pairs, minimum=2):
    """Keys (employee or role) named on at least ``minimum`` issues: {key: count}.

    ``pairs`` is an iterable of (key, issue id); an issue counts once per key."""
    counts = Counter(key for key, _issue in set(pairs))
    return {key: count for key, count in counts.items() if count >= minimum}


def average(values):
    """The mean of ``values`` rounded to 0.01, or 0.0 when there are none."""
    values = list(values)
    return round(sum(values) / len(values), 2) if values else 0.0
