"""Governance arithmetic in plain Python: RAID risk scores and escalation, and the two
lenses fed by governance records (documented in the README).

Governance maturity (until stage gates land)
    Over the open RAID items that matter (risks scoring >= HIGH_RISK, issues of high or
    critical severity): the share that is *governed*, i.e. has an owner, a governance body
    and a mitigation, and is not past its due date. 100 when nothing that matters is open;
    no evidence without any RAID item.

Operating-model standardization (customization part)
    Over the customization requests the design authority decided (approved or rejected):
    the share rejected in favour of a documented fit-to-standard alternative, i.e. resolved
    by standard configuration. Deferred and undecided requests do not count; no evidence
    without a decided request. The lens combines it 70/30 with the site variants of the
    discovery baseline (``lib/discovery.py``): variants 70 %, customization requests 30 %
    when both exist, the one that exists otherwise.
"""

from dataclasses import dataclass

HIGH_RISK = 15  # impact x likelihood on 5 x 5
SEVERE_ISSUES = ("high", "critical")


def risk_score(impact, likelihood):
    """Impact x likelihood (each 1-5); 0 when either is unknown."""
    return int(impact or 0) * int(likelihood or 0)


@dataclass(frozen=True)
class RaidFact:
    raid_type: str  # risk / assumption / issue / dependency
    is_open: bool
    score: int = 0  # risks
    severity: str = ""  # issues
    has_owner: bool = False
    has_body: bool = False
    has_mitigation: bool = False
    overdue: bool = False

    @property
    def matters(self):
        if self.raid_type == "risk":
            return self.score >= HIGH_RISK
        if self.raid_type == "issue":
            return self.severity in SEVERE_ISSUES
        return False

    @property
    def governed(self):
        return self.has_owner and self.has_body and self.has_mitigation and not self.overdue

    @property
    def must_escalate(self):
        """An overdue high risk or an overdue critical issue goes to the body's chair."""
        if not (self.is_open and self.overdue):
            return False
        return (self.raid_type == "risk" and self.score >= HIGH_RISK) or (
            self.raid_type == "issue" and self.severity == "critical"
        )


def governance_lens(facts):
    """(value 0-100 or None, open items that matter, governed among them)."""
    facts = list(facts)
    if not facts:
        return None, 0, 0
    relevant = [f for f in facts if f.is_open and f.matters]
    governed = sum(1 for f in relevant if f.governed)
    if not relevant:
        return 100.0, 0, 0
    return round(100.0 * governed / len(relevant), 2), len(relevant), governed


def standardization_lens(decisions):
    """``decisions``: (decision, has_standard_alternative) of customization requests.
    Returns (value 0-100 or None, decided, resolved by standard configuration)."""
    decided = [(d, alt) for d, alt in decisions if d in ("approved", "rejected")]
    if not decided:
        return None, 0, 0
    standard = sum(1 for d, alt in decided if d == "rejected" and alt)
    return round(100.0 * standard / len(decided), 2), len(decided), standard
