"""UAT arithmetic in plain Python: the state of a scenario run from its step results and
the pass rate of critical scenarios, so that they are tested without a database."""

PASS, FAIL, BLOCKED, NOT_RUN = "pass", "fail", "blocked", "not_run"


def run_state(results):
    """State of a run from the results of its steps.

    ``passed`` only when there are steps and every step passed; ``failed`` as soon as one
    step failed; ``blocked`` when a step is blocked and none failed; ``not_run`` when no step
    was run; ``in_progress`` otherwise (some steps passed, others not run yet)."""
    results = list(results)
    if not results or all(r == NOT_RUN for r in results):
        return "not_run"
    if FAIL in results:
        return "failed"
    if BLOCKED in results:
        return "blocked"
    if all(r == PASS for r in results):
        return "passed"
    return "in_progress"


def latest_states(runs):
    """The state of the latest run per key. ``runs``: iterable of (key, order, state) where
    ``order`` sorts the runs of a key (e.g. (date, id)); returns {key: state}."""
    latest = {}
    for key, order, state in runs:
        if key not in latest or order > latest[key][0]:
            latest[key] = (order, state)
    return {key: state for key, (_order, state) in latest.items()}


def pass_rate(states):
    """Percentage of ``states`` (values of :func:`latest_states`) that are ``passed``; None
    when there is nothing to measure."""
    states = list(states)
    if not states:
        return None
    return round(100.0 * sum(1 for s in states if s == "passed") / len(states), 2)
