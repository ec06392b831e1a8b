"""The readiness engine: employee readiness, roll-ups and the five programme lenses.

Everything here is plain Python over plain values so it can be tested with hand-computed
fixtures and fed by a few batched queries. Formulas (documented in the README):

Employee readiness for a wave
    Over the employee's mandatory training lines of the roles the wave needs, per layer
    (process understanding, system execution, exception management):
        layer share = credit of the layer's lines / number of the layer's lines
    where a line's credit is 1 when done and in date (or waived), the assessment score / 100
    when the programme counts assessment scores, 0 when to do, overdue or expired, and
    acknowledgment lines are left out when the programme does not count acknowledgments.
        readiness = 100 * sum(layer weight * layer share) / sum(weights of the layers present)

Roll-ups: one formula, points / headcount
    Every row of the roll-up stores ``points`` (the sum of its people's readiness) and
    ``people`` (its headcount) and shows score = points / people. An employee counts once:
    points = their readiness, people = 1. An employee with several roles is split over them
    (:func:`role_shares`): each role gets the share of the employee's readiness weight that
    its lines carry and the matching part of their readiness, so the roles of a site add up
    to the site exactly. Department, site, wave and programme are sums of their employees;
    role and workstream sums of their role shares. Any grouping of rows (a pivot cell, a
    total) is therefore sum(points) / sum(people): the headcount-weighted mean, the same
    figure the engine stores for that group.
"""

from collections import defaultdict
from dataclasses import dataclass, field

LAYERS = ("process", "system", "exception")


@dataclass(frozen=True)
class Settings:
    weight_process: float = 34.0
    weight_system: float = 33.0
    weight_exception: float = 33.0
    count_assessment_score: bool = True
    count_acknowledgments: bool = True

    def layer_weight(self, layer):
        return {
            "process": self.weight_process,
            "system": self.weight_system,
            "exception": self.weight_exception,
        }[layer]


def role_rows(cells):
    """Fold cells into role rows: one tuple per (employee, role), ``(employee, role,
    *per layer of LAYERS (lines, full, scored, score_sum), expired, overdue)``, the shape
    the engine's aggregate query returns directly."""
    index = {layer: i for i, layer in enumerate(LAYERS)}
    rows = {}
    for employee, role, layer, lines, full, scored, score_sum, expired, overdue, *_w in cells:
        row = rows.get((employee, role))
        if row is None:
            row = rows[employee, role] = [employee, role, *([0] * (4 * len(LAYERS) + 2))]
        base = 2 + 4 * index[layer]
        row[base] += lines
        row[base + 1] += full
        row[base + 2] += scored
        row[base + 3] += score_sum
        row[-2] += expired
        row[-1] += overdue
    return [tuple(row) for row in rows.values()]


def grid_readiness_rows(rows, settings):
    """Readiness of many employees at once from their role rows (see :func:`role_rows`).

    Returns (per (employee, role) score, per employee score, per employee line counts
    [total, done, overdue, expired]). Same numbers as the README formula over the same
    lines (tested against the formula applied line by line): the rows only count lines by
    category, the formula is applied here.
    One pass over the rows (a row is unique per employee and role, so a role score is
    complete when its row is read): it runs over ~20,000 rows per recompute.
    """
    weights = [settings.layer_weight(layer) for layer in LAYERS]
    count_score = settings.count_assessment_score
    per_role = {}
    layer_acc = {}  # employee -> [credit, lines] per layer, flattened
    counts = {}  # employee -> [total, done, overdue, expired]
    width = 4 * len(LAYERS)
    for row in rows:
        employee = row[0]
        acc = layer_acc.get(employee)
        if acc is None:
            acc = layer_acc[employee] = [0.0, 0] * len(LAYERS)
        c = counts.get(employee)
        weighted = total = 0.0
        any_lines = False
        for i, weight in enumerate(weights):
            lines, full, scored, score_sum = row[2 + 4 * i : 6 + 4 * i]
            if not lines:
                continue
            any_lines = True
            credit = full + score_sum / 100.0 if count_score else float(full + scored)
            weighted += weight * credit / lines
            total += weight
            acc[2 * i] += credit
            acc[2 * i + 1] += lines
            if c is None:
                c = counts[employee] = [0, 0, 0, 0]
            c[0] += lines
            c[1] += full + scored
        if not any_lines:
            continue
        c[2] += row[2 + width + 1]
        c[3] += row[2 + width]
        per_role[employee, row[1]] = round(100.0 * weighted / total, 2) if total else None
    per_employee = {}
    for employee, acc in layer_acc.items():
        weighted = total = 0.0
        for i, weight in enumerate(weights):
            credit, lines = acc[2 * i], acc[2 * i + 1]
            if lines:
                weighted += weight * credit / lines
                total += weight
        if employee in counts:
            per_employee[employee] = round(100.0 * weighted / total, 2) if total else None
    return per_role, per_employee, counts


def role_shares(rows, settings, employee_scores):
    """Split each employee's readiness over their roles (role rows, see :func:`role_rows`).

    With W the weight of the layers present for the employee and L_l their lines of layer
    l (all roles), a role r carries share(r) = sum_l (w_l / W) * L_lr / L_l of the
    employee's readiness weight (the shares of an employee sum to 1) and earns
    points(r) = readiness * c_r / sum(c), c_r = sum_l (w_l / W) * credit_lr / L_l (the
    points of an employee sum to their readiness). Returns {(employee, role): (points,
    share)} for the employees of ``employee_scores`` that have a score.
    """
    weights = [settings.layer_weight(layer) for layer in LAYERS]
    count_score = settings.count_assessment_score
    pooled = {}
    for row in rows:
        acc = pooled.setdefault(row[0], [0] * len(LAYERS))
        for i in range(len(LAYERS)):
            acc[i] += row[2 + 4 * i]
    parts = defaultdict(list)
    for row in rows:
        employee = row[0]
        if employee_scores.get(employee) is None:
            continue
        lines_by_layer = pooled[employee]
        total = sum(w for w, n in zip(weights, lines_by_layer, strict=True) if n)
        share = contribution = 0.0
        for i, weight in enumerate(weights):
            lines, full, scored, score_sum = row[2 + 4 * i : 6 + 4 * i]
            if not lines:
                continue
            credit = full + score_sum / 100.0 if count_score else float(full + scored)
            share += weight / total * lines / lines_by_layer[i]
            contribution += weight / total * credit / lines_by_layer[i]
        if share:
            parts[employee].append((row[1], share, contribution))
    result = {}
    for employee, roles in parts.items():
        score = employee_scores[employee]
        earned = sum(c for _r, _s, c in roles)
        for role, share, contribution in roles:
            result[employee, role] = (score * contribution / earned if earned else 0.0, share)
    return result


@dataclass
class Tally:
    """A row of the roll-up: the sum of its people's readiness (``points``), its headcount
    (``people``, fractional for roles and workstreams when people hold several roles), its
    members and their line counts [total, done, overdue, expired]."""

    points: float = 0.0
    people: float = 0.0
    members: set = field(default_factory=set)
    counts: list = field(default_factory=lambda: [0, 0, 0, 0])

    def add(self, points, people, member=None, counts=None):
        self.points += points
        self.people += people
        if member is not None:
            self.members.add(member)
        if counts:
            for i, value in enumerate(counts):
                self.counts[i] += value

    @property
    def score(self):
        return round(self.points / self.people, 2) if self.people else None


@dataclass
class Aggregate:
    """A weighted mean and the weight (headcount) behind it."""

    total: float = 0.0
    weight: float = 0.0
    members: set = field(default_factory=set)

    def add(self, value, weight=1.0, member=None):
        if value is None:
            return
        self.total += value * weight
        self.weight += weight
        if member is not None:
            self.members.add(member)

    @property
    def score(self):
        return round(self.total / self.weight, 2) if self.weight else None


def weighted_mean(pairs):
    """Weighted mean of (value, weight) pairs, None when nothing weighs."""
    agg = Aggregate()
    for value, weight in pairs:
        agg.add(value, weight)
    return agg.score


def rag(score, amber, green):
    """'red', 'amber', 'green' against the programme thresholds, or 'none' without a score."""
    if score is None:
        return "none"
    if score >= green:
        return "green"
    if score >= amber:
        return "amber"
    return "red"


def scalability_lens(site_scores, wave_scores):
    """Deployment scalability: can the model be repeated site after site?

    50 % evenness of readiness across sites (100 minus the spread between the best and the
    worst site) and 50 % mean wave readiness. None without site scores.
    """
    sites = [s for s in site_scores if s is not None]
    waves = [w for w in wave_scores if w is not None]
    if not sites:
        return None
    evenness = 100.0 - (max(sites) - min(sites))
    wave_mean = sum(waves) / len(waves) if waves else sum(sites) / len(sites)
    return round(0.5 * evenness + 0.5 * wave_mean, 2)


def row_counts(row):
    """[total, done, overdue, expired] line counts of one role row (see :func:`role_rows`)."""
    width = 4 * len(LAYERS)
    total = sum(row[2 + 4 * i] for i in range(len(LAYERS)))
    done = sum(row[3 + 4 * i] + row[4 + 4 * i] for i in range(len(LAYERS)))
    return [total, done, row[2 + width + 1], row[2 + width]]
