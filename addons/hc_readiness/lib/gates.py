"""Stage-gate arithmetic in plain Python: criterion checks, threshold types and the
decision rules, so that they are tested without a database."""

PERCENT, COUNT = "percent", "count"
DECISIONS = ("go", "conditional", "no_go")


def check(value, operator, threshold):
    """True when ``value`` meets ``operator threshold``; False without a value."""
    if value is None:
        return False
    if operator == ">=":
        return value >= threshold
    if operator == "<=":
        return value <= threshold
    if operator == "=":
        return value == threshold
    raise ValueError(f"unknown operator {operator!r}")


def threshold_error(kind, threshold):
    """Why ``threshold`` does not fit a metric of ``kind`` (percent 0-100, count a whole
    number >= 0), or None."""
    if kind == PERCENT and not 0 <= threshold <= 100:
        return "a percentage between 0 and 100"
    if kind == COUNT and (threshold < 0 or threshold != int(threshold)):
        return "a whole number of 0 or more"
    return None


def missing_bodies(required_body_ids, approvals):
    """Required bodies none of whose members has voted yet. ``approvals``: (body id, vote)."""
    voted = {body for body, _vote in approvals}
    return [body for body in required_body_ids if body not in voted]


def rejecting_bodies(required_body_ids, approvals):
    """Required bodies where a member voted to reject."""
    rejected = {body for body, vote in approvals if vote == "reject"}
    return [body for body in required_body_ids if body in rejected]


def decision_error(decision, missing, open_conditions, override_reason, rejected=()):
    """Why ``decision`` cannot be taken now, or None. Every required body must have voted;
    a go (conditional or not) also needs no rejection; the steering committee's recorded
    override lifts both."""
    if decision not in DECISIONS:
        return f"unknown decision {decision!r}"
    if missing and not override_reason:
        return "missing approvals"
    if decision in ("go", "conditional") and rejected and not override_reason:
        return "rejected"
    if decision == "conditional" and not open_conditions:
        return "a conditional go needs at least one condition"
    return None
