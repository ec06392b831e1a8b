"""Discovery arithmetic in plain Python: baseline coverage, the variant part of the
operating-model standardization lens, the workaround penalty of a site and the
discovery sign-off shares (documented in the README).

Variant standardization
    Over the classified site variants (standard, exception, retire; unclassified ones do
    not count): the criticality-weighted share classified *enterprise standard*, with the
    workflow's criticality as weight (high 3, medium 2, low 1). A practice "to be retired"
    is not standard yet and counts against the share until the site moves to the standard.

Workaround penalty
    Each open workaround at a site costs points by its go-live risk (low 1, medium 3,
    high 5, critical 10), capped at 30 points per site. The site's standardization lens is
    its variant standardization minus its penalty (never below 0); the programme's variant
    part is reduced by the mean penalty of its sites.

Combination with customization requests
    When both the variants and the design authority's customization decisions give
    evidence, the lens is 70 % variants + 30 % customization requests; when only one gives
    evidence it is that one; without either there is no evidence.
"""

CRITICALITY_WEIGHTS = {"high": 3.0, "medium": 2.0, "low": 1.0}
CLASSIFIED = ("standard", "exception", "retire")
RISK_POINTS = {"low": 1.0, "medium": 3.0, "high": 5.0, "critical": 10.0}
PENALTY_CAP = 30.0
VARIANT_WEIGHT = 0.7


def share(part, total):
    """``part`` of ``total`` in percent (2 decimals), None when ``total`` is 0."""
    if not total:
        return None
    return round(100.0 * part / total, 2)


def variant_standardization(variants):
    """``variants``: (classification, criticality) of site variants.
    Returns (value 0-100 or None, classified count, standard count)."""
    classified = [(c, crit) for c, crit in variants if c in CLASSIFIED]
    if not classified:
        return None, 0, 0
    total = sum(CRITICALITY_WEIGHTS.get(crit, 1.0) for _c, crit in classified)
    standard = sum(CRITICALITY_WEIGHTS.get(crit, 1.0) for c, crit in classified if c == "standard")
    count = sum(1 for c, _crit in classified if c == "standard")
    return round(100.0 * standard / total, 2), len(classified), count


def workaround_penalty(risks):
    """Points lost by a site for its open workarounds (``risks``: their go-live risks)."""
    return min(sum(RISK_POINTS.get(risk, 0.0) for risk in risks), PENALTY_CAP)


def penalized(value, penalty):
    """``value`` less ``penalty``, never below 0; None stays None."""
    if value is None:
        return None
    return round(max(value - penalty, 0.0), 2)


def combine_standardization(variant_value, request_value):
    """The lens from its two parts (either may be None): 70/30 when both exist."""
    if variant_value is None:
        return request_value
    if request_value is None:
        return variant_value
    return round(VARIANT_WEIGHT * variant_value + (1 - VARIANT_WEIGHT) * request_value, 2)


def baseline_figures(variants, workflow_count, site_count):
    """Discovery sign-off shares of one scope. ``variants``: (documented, classification,
    approval state) of its variants; the expected baseline is every catalog workflow at
    every site of the scope. Returns a dict of counts and shares (None when undefined)."""
    variants = list(variants)
    expected = workflow_count * site_count
    documented = sum(1 for doc, _c, _s in variants if doc)
    classified = sum(1 for _d, c, _s in variants if c in CLASSIFIED)
    exceptions = [s for _d, c, s in variants if c == "exception"]
    approved = sum(1 for s in exceptions if s == "approved")
    return {
        "expected": expected,
        "documented": documented,
        "classified": classified,
        "exceptions": len(exceptions),
        "exceptions_approved": approved,
        "coverage": share(documented, expected),
        "classified_share": share(classified, expected),
        # no exception at all: nothing waits for the design authority
        "approved_share": share(approved, len(exceptions)) if exceptions else 100.0,
    }
