"""Record matching (issue #18): Fellegi-Sunter weights over field-by-field agreement levels,
bounded multi-pass blocking, non-chaining clusters. Plain Python; no ORM.

``KINDS`` maps a domain kind name to its :class:`~.core.Kind`.
"""

from .core import (
    LINK,
    MISSING,
    NON_LINK,
    REVIEW,
    FieldSpec,
    Kind,
    Matcher,
    Result,
    Star,
    block_pairs,
    blocks_of,
    candidate_pairs,
    cluster,
    kind_sort_key,
    match_records,
    owns_pair,
    random_pairs,
    sorted_windows,
    window_pairs,
)
from .item import ITEM
from .organisation import ORGANISATION
from .person import PERSON

__all__ = [
    "ITEM",
    "KINDS",
    "LINK",
    "NON_LINK",
    "ORGANISATION",
    "PERSON",
    "REVIEW",
    "FieldSpec",
    "Kind",
    "Matcher",
    "Result",
    "Star",
    "block_pairs",
    "blocks_of",
    "candidate_pairs",
    "cluster",
    "kind_sort_key",
    "match_records",
    "owns_pair",
    "random_pairs",
    "sorted_windows",
    "window_pairs",
]

KINDS = {"person": PERSON, "organisation": ORGANISATION, "item": ITEM}
