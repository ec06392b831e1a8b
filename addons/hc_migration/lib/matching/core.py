"""Fellegi-Sunter record matching: field-by-field agreement levels, match weights from m/u
probabilities (estimated with EM or fixed per kind), bounded multi-pass blocking and clusters that
do not chain.

Vocabulary. A *kind* (person, organisation, item) says which fields are compared and how. A record
is normalised once (``kind.normalise``) into a small dict of strings; its *block keys*
(``kind.block_keys``) put it in several blocks, one per pass ("sx:NYSIIS", "dob:...", ...). Only
records that share a block, or are neighbours when the whole file is sorted on a name key, are
compared: the *candidate pairs*. A comparison gives one agreement level per field, the *gamma*
vector; the pair's *match weight* is the sum of the per-field weights ``log2(m / u)`` where ``m``
is the probability of that level among true matches and ``u`` among non-matches. A missing value
weighs 0. Two thresholds turn the weight into "link" / "review" / "non-link"; a weak field
(phone, email, postcode...) never makes a link alone.

Everything is plain Python and works on streams: blocks come one at a time, pairs are yielded, the
EM fit works on counts of distinct gamma vectors (a few thousand at most), so memory does not grow
with the file beyond what the caller keeps.
"""

import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations, pairwise

LINK = "link"
REVIEW = "review"
NON_LINK = "non-link"
MISSING = "missing"

MAX_BLOCK = 60
WINDOW = 6
MAX_CLUSTER = 60
_EPS = 1e-6


@dataclass(frozen=True)
class FieldSpec:
    """One compared field."""

    key: str  # key in the normalised record, e.g. "surname"
    label: str  # English label shown to the owner (the model translates it)
    compare: Callable  # (a_value, b_value) -> level 0..levels-1; never called with a missing value
    levels: int = 3
    level_labels: tuple = ("different", "similar", "same")
    m: tuple | None = None  # fixed m per level; None = estimated by EM
    u: tuple | None = None  # fixed u per level; None = estimated by EM
    weak: bool = False  # can never link two records alone (phone, email domain, postcode...)
    agree_level: int | None = None  # lowest agreeing level (default: levels - 2, at least 1)

    @property
    def agreeing(self):
        return self.agree_level if self.agree_level is not None else max(1, self.levels - 2)


@dataclass(frozen=True)
class Kind:
    """A domain kind: "person", "organisation", "item"."""

    name: str
    fields: tuple  # FieldSpec...
    normalise: Callable  # raw dict (role -> raw value) -> normalised dict (the kind's keys only)
    block_keys: Callable  # normalised dict -> list[str] "pass:key" (several passes, each bounded)
    sort_keys: tuple  # normalised-record keys for the sorted-neighbourhood pass(es)
    link_weight: float  # default thresholds on the total match weight (log2 units)
    review_weight: float
    min_strong_agreements: int = 1  # a link needs >= this many agreeing non-weak fields
    strong_weight: float = 0.0  # ... and the non-weak fields together must weigh more than this
    # ... and at least one of these fields must agree (people: a date of birth or a national id,
    # so that two people who only share a name are never linked, only sent to review)
    link_requires: tuple = ()
    swaps: tuple = ()  # key pairs one record may have swapped: (("given", "surname"),)
    window: int = WINDOW  # sorted-neighbourhood window of the kind
    params: dict | None = None  # default m/u ({"m": {key: [...]}, "u": {...}}) before any fit
    max_block: int = MAX_BLOCK  # blocks larger than this are compared within a sorted window only


# ---------------------------------------------------------------------------------------------
# default m / u starting values


def _start_m(levels):
    """Matches mostly agree: the top level gets most of the mass, then halving downwards."""
    raw = [0.5 ** (levels - 1 - level) for level in range(levels)]
    raw[-1] *= 8
    total = sum(raw)
    return [value / total for value in raw]


def _normalised(values):
    values = [max(v, _EPS) for v in values]
    total = sum(values)
    return [v / total for v in values]


class Matcher:
    """Compares normalised records of one kind and weighs the comparison.

    ``params`` is what :meth:`fit` returns (JSON-safe: ``{"m": {key: [...]}, "u": {key: [...]},
    "lambda": p, ...}``); save it with the run to weigh later batches the same way.
    """

    def __init__(self, kind, params=None, link_weight=None, review_weight=None):
        self.kind = kind
        self.fields = tuple(kind.fields)
        self.link_weight = kind.link_weight if link_weight is None else link_weight
        self.review_weight = kind.review_weight if review_weight is None else review_weight
        self.params = None
        self._weights = None
        index = {spec.key: i for i, spec in enumerate(self.fields)}
        self._swaps = tuple(
            (index[left], index[right])
            for left, right in kind.swaps
            if left in index and right in index
        )
        self._top = tuple(spec.levels - 1 for spec in self.fields)
        self._comparators = tuple((spec.key, spec.compare) for spec in self.fields)
        self._set_params(params or self._default_params())

    # -- parameters -------------------------------------------------------------------------

    def _default_params(self):
        """Starting point before any fit: fixed m/u of the field, else the kind's default params,
        else the generic shape (matches agree, non-matches mostly differ)."""
        m, u = {}, {}
        prior_m = (self.kind.params or {}).get("m", {})
        prior_u = (self.kind.params or {}).get("u", {})
        for spec in self.fields:
            m[spec.key] = list(spec.m or prior_m.get(spec.key) or _start_m(spec.levels))
            if spec.u or prior_u.get(spec.key):
                u[spec.key] = list(spec.u or prior_u[spec.key])
            else:
                raw = [0.2**level for level in range(spec.levels)]
                raw[0] *= 4
                u[spec.key] = _normalised(raw)
        return {"m": m, "u": u, "lambda": 0.01, "iterations": 0, "pairs": 0}

    def _set_params(self, params):
        defaults = self._default_params() if self.params is None else self.params
        m = dict(defaults["m"])
        u = dict(defaults["u"])
        for spec in self.fields:
            got_m = params.get("m", {}).get(spec.key)
            got_u = params.get("u", {}).get(spec.key)
            if got_m and len(got_m) == spec.levels:
                m[spec.key] = _normalised(got_m)
            if got_u and len(got_u) == spec.levels:
                u[spec.key] = _normalised(got_u)
        self.params = {**defaults, **params, "m": m, "u": u}
        self._weights = tuple(
            tuple(math.log2(mi / ui) for mi, ui in zip(m[s.key], u[s.key], strict=True))
            for s in self.fields
        )

    @property
    def field_weights(self):
        """{key: [weight per level]} for display and tests."""
        return {s.key: list(w) for s, w in zip(self.fields, self._weights, strict=True)}

    # -- comparison -------------------------------------------------------------------------

    def _level(self, index, va, vb):
        return self.fields[index].compare(va, vb) if va and vb else None

    def compare(self, a, b):
        """Gamma vector of two normalised records: one level per field, None where missing.
        Where the kind allows two fields to be swapped in one record (given name <-> surname),
        the reading with the higher weight on those two fields wins."""
        gamma = []
        for key, comparator in self._comparators:
            va, vb = a.get(key), b.get(key)
            gamma.append(comparator(va, vb) if va and vb else None)
        for left, right in self._swaps:
            i, j = left, right
            straight = (gamma[i], gamma[j])
            if straight[0] == self._top[i] and straight[1] == self._top[j]:
                continue
            key_i, key_j = self.fields[i].key, self.fields[j].key
            crossed = (
                self._level(i, a.get(key_i), b.get(key_j)),
                self._level(j, a.get(key_j), b.get(key_i)),
            )
            if self._pair_weight(i, j, crossed) > self._pair_weight(i, j, straight):
                gamma[i], gamma[j] = crossed
        return tuple(gamma)

    def _pair_weight(self, i, j, levels):
        total = 0.0
        if levels[0] is not None:
            total += self._weights[i][levels[0]]
        if levels[1] is not None:
            total += self._weights[j][levels[1]]
        return total

    def weight(self, gamma):
        """Sum of the per-field log2(m/u); a missing field weighs 0."""
        total = 0.0
        for level, weights in zip(gamma, self._weights, strict=True):
            if level is not None:
                total += weights[level]
        return total

    def explain(self, gamma):
        """[(label, level_label, weight)] per field, in the kind's field order."""
        rows = []
        for spec, level, weights in zip(self.fields, gamma, self._weights, strict=True):
            if level is None:
                rows.append((spec.label, MISSING, 0.0))
            else:
                rows.append((spec.label, spec.level_labels[level], round(weights[level], 2)))
        return rows

    def strong_agreements(self, gamma):
        """(number of agreeing non-weak fields, weight of the non-weak fields)."""
        count, total = 0, 0.0
        for spec, level, weights in zip(self.fields, gamma, self._weights, strict=True):
            if level is None or spec.weak:
                continue
            total += weights[level]
            if level >= spec.agreeing and weights[level] > 0:
                count += 1
        return count, total

    def decide(self, gamma, weight=None):
        """ "link" | "review" | "non-link".

        A link needs the link weight, at least ``kind.min_strong_agreements`` agreeing non-weak
        fields, one of ``kind.link_requires`` agreeing (when the kind names some), and the
        non-weak fields alone weighing more than ``kind.strong_weight``: weak
        fields (phone, email, address...) add confidence but never make a link by themselves;
        such a pair goes to review. A pair with no agreeing non-weak field is a non-link."""
        weight = self.weight(gamma) if weight is None else weight
        if weight < self.review_weight:
            return NON_LINK
        strong, strong_weight = self.strong_agreements(gamma)
        if strong == 0:
            return NON_LINK
        if (
            weight >= self.link_weight
            and strong >= self.kind.min_strong_agreements
            and strong_weight > self.kind.strong_weight
            and self._required_agreement(gamma)
        ):
            return LINK
        return REVIEW

    def _required_agreement(self, gamma):
        """Whether one of the kind's ``link_requires`` fields agrees (True when it has none)."""
        required = self.kind.link_requires
        if not required:
            return True
        return any(
            spec.key in required and level is not None and level >= spec.agreeing
            for spec, level in zip(self.fields, gamma, strict=True)
        )

    # -- estimation ------------------------------------------------------------------------

    def fit(self, gammas, max_iter=50, random_gammas=None, tol=1e-5):
        """Estimate m/u (and the share of matches) with EM over candidate-pair gammas.

        ``gammas``: an iterable of gamma vectors or a ``{gamma: count}`` mapping (a bounded sample
        is enough; EM works on the distinct vectors, weighted by their counts).
        ``random_gammas``: optional gammas of random record pairs. EM runs on the candidate pairs
        (m and the candidates' u); when random gammas are given, u is then replaced by their level
        frequencies (random pairs are almost all non-matches, as splink estimates u), so a weight
        says how rare an agreement is in the whole file, not among the blocked pairs that already
        share a name. Fields with m/u fixed on the FieldSpec keep them.
        Returns the new params (JSON-safe) and uses them from now on.
        """
        counts = gammas if isinstance(gammas, dict) else Counter(gammas)
        patterns = [(g, c) for g, c in counts.items() if c]
        total_pairs = sum(c for _g, c in patterns)
        if not patterns:
            return self.params
        nfields = len(self.fields)
        m = [list(self.params["m"][s.key]) for s in self.fields]
        u = [list(self.params["u"][s.key]) for s in self.fields]
        fixed_u = [bool(s.u) for s in self.fields]
        fixed_m = [bool(s.m) for s in self.fields]
        # u starts at the level frequencies of all candidate pairs (mostly non-matches)
        for i, spec in enumerate(self.fields):
            if fixed_u[i]:
                continue
            freq = [0.5] * spec.levels
            for g, c in patterns:
                if g[i] is not None:
                    freq[g[i]] += c
            u[i] = _normalised(freq)
        p = min(max(self.params.get("lambda") or 0.01, 1e-4), 0.5)
        iterations = 0
        for iterations in range(1, max_iter + 1):  # noqa: B007 - kept for the params
            m_acc = [[_EPS] * s.levels for s in self.fields]
            u_acc = [[_EPS] * s.levels for s in self.fields]
            match_mass = 0.0
            for g, c in patterns:
                log_m = math.log(p)
                log_u = math.log(1 - p)
                for i in range(nfields):
                    level = g[i]
                    if level is not None:
                        log_m += math.log(m[i][level])
                        log_u += math.log(u[i][level])
                diff = log_u - log_m
                prob = 1.0 / (1.0 + math.exp(diff)) if diff < 700 else 0.0
                wm = prob * c
                wu = (1.0 - prob) * c
                match_mass += wm
                for i in range(nfields):
                    level = g[i]
                    if level is not None:
                        m_acc[i][level] += wm
                        u_acc[i][level] += wu
            new_p = min(max(match_mass / total_pairs, 1e-6), 1 - 1e-6)
            delta = abs(new_p - p)
            p = new_p
            for i in range(nfields):
                if not fixed_m[i]:
                    new_m = _normalised(m_acc[i])
                    delta = max(delta, max(abs(x - y) for x, y in zip(new_m, m[i], strict=True)))
                    m[i] = new_m
                if not fixed_u[i]:
                    new_u = _normalised(u_acc[i])
                    delta = max(delta, max(abs(x - y) for x, y in zip(new_u, u[i], strict=True)))
                    u[i] = new_u
            if delta < tol:
                break
        if random_gammas is not None:
            # u of the whole file, not of the candidate pairs: the level frequencies over random
            # record pairs, almost all non-matches (add-half smoothing for unseen levels)
            rcounts = random_gammas if isinstance(random_gammas, dict) else Counter(random_gammas)
            for i, spec in enumerate(self.fields):
                if spec.u:
                    continue
                freq = [0.5] * spec.levels
                for g, c in rcounts.items():
                    if g[i] is not None:
                        freq[g[i]] += c
                u[i] = _normalised(freq)
        m, u = self._monotone(m, u)
        params = {
            "m": {s.key: m[i] for i, s in enumerate(self.fields)},
            "u": {s.key: u[i] for i, s in enumerate(self.fields)},
            "lambda": p,
            "iterations": iterations,
            "pairs": total_pairs,
        }
        self._set_params(params)
        return self.params

    def _monotone(self, m, u):
        """A higher agreement level never weighs less than a lower one (EM can invert two sparse
        levels): pool adjacent violators on the weights, then rebuild m from u and the weights."""
        out_m = []
        for i, _spec in enumerate(self.fields):
            weights = [math.log2(mi / ui) for mi, ui in zip(m[i], u[i], strict=True)]
            if all(x <= y for x, y in pairwise(weights)):
                out_m.append(m[i])
                continue
            blocks = [[w, u[i][k], [k]] for k, w in enumerate(weights)]
            merged = []
            for blk in blocks:
                merged.append(blk)
                while len(merged) > 1 and merged[-2][0] > merged[-1][0]:
                    b2 = merged.pop()
                    b1 = merged.pop()
                    mass = b1[1] + b2[1]
                    w = (b1[0] * b1[1] + b2[0] * b2[1]) / mass
                    merged.append([w, mass, b1[2] + b2[2]])
            new_w = [0.0] * len(weights)
            for w, _mass, idx in merged:
                for k in idx:
                    new_w[k] = w
            out_m.append(_normalised([u[i][k] * 2 ** new_w[k] for k in range(len(weights))]))
        return out_m, u


# ---------------------------------------------------------------------------------------------
# candidate pairs


def _default_sort_key(rec):
    return repr(sorted(rec.items())) if isinstance(rec, dict) else repr(rec)


def window_pairs(items, window=WINDOW):
    """Pairs of neighbours in an already sorted stream of (ref, rec): each item with the
    ``window - 1`` items before it. Memory is the window, whatever the stream length."""
    recent = deque(maxlen=max(window - 1, 1))
    for ref, rec in items:
        for ref_o, rec_o in recent:
            if ref_o != ref:
                yield ref_o, ref, rec_o, rec
        recent.append((ref, rec))


def block_pairs(block, max_block=MAX_BLOCK, window=WINDOW, sort_key=None):
    """All pairs of a block of (ref, rec), or, for a block larger than ``max_block``, only the
    pairs within a sliding window over the block sorted on ``sort_key``: at most
    ``len(block) * (window - 1)`` pairs."""
    if isinstance(block, Star):
        ra, a = block[0]
        for rb, b in block[1:]:
            if rb != ra:
                yield rb, ra, b, a
        return
    block = list(block)
    if len(block) < 2:
        return
    if len(block) <= max_block:
        for (ra, a), (rb, b) in combinations(block, 2):
            if ra != rb:
                yield ra, rb, a, b
        return
    key = sort_key or _default_sort_key
    block.sort(key=lambda item: (key(item[1]), str(item[0])))
    yield from window_pairs(block, window)


def _ordered(ra, rb):
    try:
        return (ra, rb) if ra <= rb else (rb, ra)
    except TypeError:
        return (ra, rb) if str(ra) <= str(rb) else (rb, ra)


def candidate_pairs(
    blocks, max_block=MAX_BLOCK, window=WINDOW, sort_key=None, seen=None, skip=None
):
    """Candidate pairs of several blocking passes, each pair once.

    ``blocks``: iterable of blocks, each a list of (ref, rec) (a block streamed from SQL, one
    sorted-neighbourhood window, ...). A block larger than ``max_block`` is compared only within a
    sliding window over it sorted on ``sort_key(rec)``, so the work is at most
    ``n * (window - 1)`` pairs per pass whatever the data.
    ``seen``: the set used to drop a pair met in an earlier block (pass your own to share it
    across calls, or ``False`` to keep duplicates when the caller dedupes, e.g. with an upsert).
    ``skip(ref_a, ref_b)``: optional filter (e.g. two existing records are never compared).
    Yields (ref_a, ref_b, rec_a, rec_b).
    """
    if seen is None:
        seen = set()
    for block in blocks:
        for ra, rb, a, b in block_pairs(block, max_block, window, sort_key):
            if skip is not None and skip(ra, rb):
                continue
            if seen is not False:
                key = _ordered(ra, rb)
                if key in seen:
                    continue
                seen.add(key)
            yield ra, rb, a, b


def owns_pair(block_key, keys_a, keys_b, oversized=frozenset()):
    """Stateless dedupe across passes, for streams too large to remember every pair: a pair met
    in block ``block_key`` is kept only if that is the first (in string order) block key the two
    records share, preferring blocks that were compared in full (not in ``oversized``).
    ``block_key=None`` stands for a sorted-neighbourhood window: kept when the records share no
    fully compared block. Pairs met in two oversized or two sorted passes can still come twice:
    store pairs with an upsert."""
    shared = set(keys_a).intersection(keys_b)
    full = [key for key in shared if key not in oversized]
    if full:
        return block_key == min(full)
    if block_key is None:
        return True
    return block_key == min(shared) if shared else False


def kind_sort_key(kind):
    """Sort key for oversized blocks of a kind: its first sorted-neighbourhood key."""
    first = kind.sort_keys[0] if kind.sort_keys else None

    def key(rec):
        return (rec.get(first) or "") if first else _default_sort_key(rec)

    return key


def blocks_of(kind, records):
    """In-memory blocking (benches, tests): yields the blocks of every pass of ``records``
    (list of (ref, normalised rec)), then one sorted stream per sorted-neighbourhood key as
    overlapping windows. The SQL integration streams the same blocks from the staged keys."""
    by_key = defaultdict(list)
    for ref, rec in records:
        for key in kind.block_keys(rec):
            by_key[key].append((ref, rec))
    for key in sorted(by_key):
        if len(by_key[key]) > 1:
            yield by_key[key]
    by_key.clear()
    for sort_field in kind.sort_keys:
        ordered = sorted(
            ((ref, rec) for ref, rec in records if rec.get(sort_field)),
            key=lambda item, f=sort_field: (item[1][f], str(item[0])),
        )
        yield from sorted_windows(ordered, kind.window)


class Star(list):
    """A block whose pairs are its first record with each of the others only (what a
    sorted-neighbourhood window adds when one record enters it)."""


def sorted_windows(ordered, window=WINDOW):
    """Sorted neighbourhood over a sorted stream of (ref, rec) (e.g. a SQL cursor with
    ``ORDER BY`` the kind's sort key): yields one :class:`Star` block per record, the record with
    the ``window - 1`` records before it, so exactly ``window - 1`` pairs per record. Memory is one
    window, whatever the stream length. Feed the blocks to :func:`candidate_pairs`."""
    recent = deque(maxlen=max(window - 1, 1))
    for item in ordered:
        if recent:
            yield Star([item, *recent])
        recent.append(item)


# ---------------------------------------------------------------------------------------------
# clusters


def cluster(links, reviews=(), max_size=MAX_CLUSTER, exclusive=None):
    """Non-chaining clusters from link pairs.

    ``links``/``reviews``: iterables of (ref_a, ref_b, weight). Links are taken strongest first;
    two clusters merge only when the merged cluster is still a clique of links, or a star: one
    record (the cluster's best record) linked to every other. A link that would chain two
    clusters otherwise (A-B, B-C with A, C unrelated) is not applied: the pair goes to review
    with the reason "chain".
    ``exclusive``: refs of which one cluster may hold at most one (the existing records a file is
    matched against: a new record joins one of them, never merges two); a link that would put
    two in one cluster goes to review with the reason "conflict".
    Returns (clusters, review_pairs): clusters = list of lists of refs (2+ records, best record
    first); review_pairs = list of (ref_a, ref_b, weight, reason), reason "review" | "chain" |
    "conflict".
    """
    exclusive = exclusive or ()
    links = sorted(links, key=lambda item: -item[2])
    linked = defaultdict(dict)  # ref -> {other: weight}
    for ra, rb, w in links:
        linked[ra][rb] = w
        linked[rb][ra] = w
    owner = {}
    members = {}
    review = [(ra, rb, w, REVIEW) for ra, rb, w in reviews]
    for ra, rb, w in links:
        ca, cb = owner.get(ra), owner.get(rb)
        if ca is not None and ca == cb:
            continue
        group_a = members[ca] if ca is not None else [ra]
        group_b = members[cb] if cb is not None else [rb]
        merged = group_a + group_b
        if exclusive and sum(1 for ref in merged if ref in exclusive) > 1:
            review.append((ra, rb, w, "conflict"))
        elif len(merged) <= max_size and _coherent(merged, linked):
            cid = ca if ca is not None else (cb if cb is not None else ra)
            for ref in merged:
                owner[ref] = cid
            members.pop(ca, None)
            members.pop(cb, None)
            members[cid] = merged
        else:
            review.append((ra, rb, w, "chain"))
    # a review pair whose two records ended up in one cluster anyway has nothing left to decide
    review = [
        item
        for item in review
        if owner.get(item[0]) is None or owner.get(item[0]) != owner.get(item[1])
    ]
    clusters = []
    for group in members.values():
        best = max(
            sorted(group, key=str), key=lambda ref: sum(linked[ref].get(o, 0.0) for o in group)
        )
        clusters.append([best, *sorted((r for r in group if r != best), key=str)])
    clusters.sort(key=lambda group: str(group[0]))
    return clusters, review


def _coherent(group, linked):
    """True when one member is linked to all the others: a star around the best record (a
    clique, where every pair is linked, is a star around any member)."""
    others = len(group) - 1
    return any(sum(1 for o in group if o in linked[ref]) >= others for ref in group)


# ---------------------------------------------------------------------------------------------
# in-memory convenience


@dataclass
class Result:
    pairs: list = field(default_factory=list)  # (ref_a, ref_b, weight, decision, explanation)
    clusters: list = field(default_factory=list)  # [[best_ref, ref, ...], ...]
    review: list = field(default_factory=list)  # (ref_a, ref_b, weight, reason)
    stats: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)


def random_pairs(refs, count, seed=0):
    """``count`` distinct random pairs of distinct refs (for the u estimates)."""
    refs = list(refs)
    n = len(refs)
    if n < 2:
        return []
    count = min(count, n * (n - 1) // 2)
    rng = random.Random(seed)
    out = set()
    tries = 0
    while len(out) < count and tries < count * 20:
        tries += 1
        i, j = rng.randrange(n), rng.randrange(n)
        if i != j:
            out.add((min(i, j), max(i, j)))
    return [(refs[i], refs[j]) for i, j in sorted(out)]


def match_records(
    kind,
    records,
    existing=(),
    params=None,
    fit=True,
    fit_sample=200_000,
    random_sample=20_000,
    min_fit_pairs=500,
    keep_non_links=False,
    dedupe_new=True,
):
    """Match ``records`` with each other and with ``existing`` (both lists of (ref, raw dict)).

    Pairs between two existing records are not compared; with ``dedupe_new=False`` neither are
    pairs of two new records (pure linkage of a file against existing records). With ``fit``, no
    ``params`` and at least ``min_fit_pairs`` candidate pairs, m is estimated with EM on (a sample
    of ``fit_sample``) candidate pairs and u from ``random_sample`` random record pairs; a smaller
    file keeps the kind's default m/u (EM needs a few hundred pairs to say anything). Non-link
    pairs are dropped from ``Result.pairs`` unless ``keep_non_links``.
    """
    existing_refs = {ref for ref, _raw in existing}
    normed = [(ref, kind.normalise(raw)) for ref, raw in list(records) + list(existing)]
    skip = None
    if existing_refs and dedupe_new:
        skip = lambda a, b: a in existing_refs and b in existing_refs  # noqa: E731
    elif existing_refs:
        skip = lambda a, b: (a in existing_refs) == (b in existing_refs)  # noqa: E731
    matcher = Matcher(kind, params)
    seen = set()
    scored = []
    gammas = Counter()
    for ra, rb, a, b in candidate_pairs(
        blocks_of(kind, normed),
        max_block=kind.max_block,
        window=kind.window,
        sort_key=kind_sort_key(kind),
        seen=seen,
        skip=skip,
    ):
        gamma = matcher.compare(a, b)
        scored.append((ra, rb, gamma))
        gammas[gamma] += 1
    stats = {"records": len(normed), "candidate_pairs": len(seen), "compared": len(scored)}
    del seen
    if fit and params is None and len(scored) >= min_fit_pairs:
        if len(scored) > fit_sample:
            sample = Counter(g for _a, _b, g in random.Random(0).sample(scored, fit_sample))
        else:
            sample = gammas
        random_gammas = None
        if random_sample:
            lookup = dict(normed)
            random_gammas = Counter(
                matcher.compare(lookup[ra], lookup[rb])
                for ra, rb in random_pairs([ref for ref, _rec in normed], random_sample)
            )
        matcher.fit(sample, random_gammas=random_gammas)
    pairs, link_edges, review_edges = [], [], []
    weights = {}
    for ra, rb, gamma in scored:
        w = weights.get(gamma)
        if w is None:
            w = weights[gamma] = matcher.weight(gamma)
        decision = matcher.decide(gamma, w)
        if decision == LINK:
            link_edges.append((ra, rb, w))
        elif decision == REVIEW:
            review_edges.append((ra, rb, w))
        if decision != NON_LINK or keep_non_links:
            pairs.append((ra, rb, w, decision, matcher.explain(gamma)))
    clusters, review = cluster(link_edges, review_edges, exclusive=existing_refs)
    stats.update(links=len(link_edges), reviews=len(review_edges), clusters=len(clusters))
    stats["chain_splits"] = sum(1 for item in review if item[3] == "chain")
    return Result(pairs=pairs, clusters=clusters, review=review, stats=stats, params=matcher.params)
