"""Stage-gate arithmetic in plain Python: criterion checks, threshold types and the
decision rules, so that they are tested without a database."""

PERCENT, COUNT = "percent", "count"
DECISIONS = ("go", "conditional", "no_go")
# what ``threshold_error`` and ``decision_error`` return: codes, which the models turn into
# translated messages (this module has no translation function)
NOT_A_PERCENTAGE, NOT_A_COUNT = "not_a_percentage", "not_a_count"
MISSING_APPROVALS, REJECTED, NO_CONDITION = "missing_approvals", "rejected", "no_condition"


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
    number >= 0) as a code (``NOT_A_PERCENTAGE``, ``NOT_A_COUNT``), or None."""
    if kind == PERCENT and not 0 <= threshold <= 100:
        return NOT_A_PERCENTAGE
    if kind == COUNT and (threshold < 0 or threshold != int(threshold)):
        return NOT_A_COUNT
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
    override lifts both. The reason is a code: ``MISSING_APPROVALS``, ``REJECTED`` or
    ``NO_CONDITION``. A decision outside ``DECISIONS`` is a programming error (the callers
    pass their own constants), as is an unknown operator in ``check``: ValueError."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    if missing and not override_reason:
        return MISSING_APPROVALS
    if decision in ("go", "conditional") and rejected and not override_reason:
        return REJECTED
    if decision == "conditional" and not open_conditions:
        return NO_CONDITION
    return None
