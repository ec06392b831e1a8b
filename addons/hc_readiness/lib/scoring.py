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

Roll-ups (weight = headcount, shown next to each score)
    role, department, site, workstream: mean of their employees' readiness;
    wave: headcount-weighted mean of its site scores; programme: headcount-weighted mean of
    its wave scores.
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


@dataclass(frozen=True)
class LineGroup:
    """``count`` mandatory training lines of one employee that share layer, kind and state
    (as one ``_read_group`` row returns them); ``score_sum`` is the sum of their scores."""

    layer: str
    kind: str
    state: str  # todo / done / expired (a waived assignment's lines: waived=True)
    count: int = 1
    score_sum: float = 0.0
    waived: bool = False


def group_credit(group, settings):
    """(credit, number of lines) of a group; credit is a sum of per-line credits in 0..1.
    Returns None when the lines do not count at all."""
    if group.kind == "acknowledgment" and not settings.count_acknowledgments:
        return None
    if group.waived or group.state == "waived":
        return float(group.count), group.count
    if group.state != "done":
        return 0.0, group.count  # to do, overdue, expired
    if group.kind == "assessment" and settings.count_assessment_score:
        return min(max(group.score_sum, 0.0), 100.0 * group.count) / 100.0, group.count
    return float(group.count), group.count


def employee_readiness(groups, settings):
    """Readiness 0-100 of one employee from their line groups, or None when nothing counts."""
    credit = defaultdict(float)
    lines = defaultdict(int)
    for group in groups:
        result = group_credit(group, settings)
        if result is not None:
            credit[group.layer] += result[0]
            lines[group.layer] += result[1]
    weighted, weights = 0.0, 0.0
    for layer in LAYERS:
        if lines.get(layer):
            weight = settings.layer_weight(layer)
            weighted += weight * credit[layer] / lines[layer]
            weights += weight
    if not weights:
        return None
    return round(100.0 * weighted / weights, 2)


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
