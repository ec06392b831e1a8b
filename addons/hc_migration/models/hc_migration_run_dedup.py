# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import Counter
from functools import lru_cache

from odoo import fields, models
from odoo.tools import SQL

from ..lib import matching

EM_SAMPLE = 50_000  # candidate pairs m is estimated on (EM)
RANDOM_SAMPLE = 20_000  # random pairs of rows u is estimated on
MIN_FIT_PAIRS = 500  # fewer candidate pairs: the kind's default weights
PAGE = 5_000  # candidate pairs scored per fetch
CACHE = 2_048  # normalised records kept between pages


class HcMigrationRun(models.Model):
    """Deduplication of a staged run (issue #18): the domain kind's matching engine
    (``lib/matching``) compares candidate pairs field by field and weighs the agreement with
    Fellegi–Sunter weights estimated from the file (EM), then groups links into clusters that
    do not chain. Candidate pairs come from the blocks each row was given when it was staged,
    paired in SQL (every pair of a small block, a window of sort order in a large one), and
    are scored a page at a time: memory stays flat in file size whatever the data.

    This file holds the fields, the orchestration (``_deduplicate``) and the scoring; the
    candidate pairs are built in ``hc_migration_run_dedup_candidates.py``, the clusters
    written in ``hc_migration_run_dedup_clusters.py``."""

    _inherit = "hc.migration.run"

    dedup_pairs = fields.Integer(
        string="Pairs Compared",
        readonly=True,
        help="Candidate pairs the matching engine compared field by field (the blocking keeps "
        "this linear in the file size).",
    )
    match_params = fields.Text(
        string="Field Weights Used",
        readonly=True,
        help="The m/u probabilities per field this run used (estimated from its file, or the "
        "domain's fixed ones), as JSON.",
    )

    # ---- scoring: the candidate pairs (``_dedup_candidates``) weighed by the matcher -----
    def _dedup_scored(self, matcher, kind):
        """The candidate pairs worth keeping, scored a page at a time: (a, b, weight,
        decision, gamma) for links and pairs to review."""
        cr = self.env.cr
        normal = self._dedup_normaliser(kind)
        kept, last = [], (-(2**31), -(2**31))
        while True:
            cr.execute(
                SQL(
                    """
                    SELECT p.a, p.b, ca.source, cb.source
                      FROM hc_dedup_pair p
                      JOIN hc_dedup_cand ca ON ca.cid = p.a
                      JOIN hc_dedup_cand cb ON cb.cid = p.b
                     WHERE (p.a, p.b) > (%s, %s)
                     ORDER BY p.a, p.b
                     LIMIT %s
                    """,
                    last[0],
                    last[1],
                    PAGE,
                )
            )
            page = cr.fetchall()
            if not page:
                return kept
            for a, b, source_a, source_b in page:
                gamma = matcher.compare(normal(source_a), normal(source_b))
                decision = matcher.decide(gamma)
                if decision != "non-link":
                    kept.append((a, b, matcher.weight(gamma), decision, gamma))
            last = page[-1][:2]

    @staticmethod
    def _dedup_normaliser(kind):
        """A staged row's normalised record from its JSON (normalised when it was staged),
        with a bounded cache: a row met in several pairs is decoded once while recent."""
        return lru_cache(maxsize=CACHE)(json.loads)

    def _dedup_fit(self, matcher, kind):
        """Estimate the field weights from the file, as ``matching.match_records`` does: m
        with EM on a deterministic sample of the candidate pairs (as counts of their distinct
        agreement patterns), u from random pairs of the file's rows (almost all of them are
        not duplicates, the way splink estimates u). A file with fewer than ``MIN_FIT_PAIRS``
        candidate pairs keeps the kind's default weights."""
        normal = self._dedup_normaliser(kind)
        sample = Counter()
        for page in self._dedup_sample(
            SQL("SELECT a, b FROM hc_dedup_pair ORDER BY md5(a || ',' || b) LIMIT %s", EM_SAMPLE)
        ):
            sample.update(matcher.compare(normal(sa), normal(sb)) for sa, sb in page)
        if sum(sample.values()) < MIN_FIT_PAIRS:
            return
        # random pairs: the file's rows in a deterministic shuffled order, each with the next
        random_gammas = Counter()
        for page in self._dedup_sample(
            SQL(
                """
                WITH shuffled AS (
                    SELECT cid, row_number() OVER (ORDER BY md5(cid::text)) AS n
                      FROM hc_dedup_cand WHERE cid > 0
                )
                SELECT x.cid, y.cid FROM shuffled x JOIN shuffled y ON y.n = x.n + 1
                 ORDER BY x.n LIMIT %s
                """,
                RANDOM_SAMPLE,
            )
        ):
            random_gammas.update(matcher.compare(normal(sa), normal(sb)) for sa, sb in page)
        matcher.fit(sample, random_gammas=random_gammas or None)

    def _dedup_sample(self, pairs_query):
        """The (source a, source b) of the pairs ``pairs_query`` selects (a, b), a page at a
        time: the pairs are numbered in a temporary table, and each page is read by its
        numbers, so memory holds one page whatever the sample size."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "DROP TABLE IF EXISTS hc_dedup_sample; "
                "CREATE TEMP TABLE hc_dedup_sample ON COMMIT DROP AS "
                "SELECT row_number() OVER () AS n, s.* FROM (%s) AS s(a, b); "
                "SELECT count(*) FROM hc_dedup_sample",
                pairs_query,
            )
        )
        (total,) = cr.fetchone()
        for start in range(0, total, PAGE):
            cr.execute(
                SQL(
                    """
                    SELECT ca.source, cb.source
                      FROM hc_dedup_sample s
                      JOIN hc_dedup_cand ca ON ca.cid = s.a
                      JOIN hc_dedup_cand cb ON cb.cid = s.b
                     WHERE s.n > %s AND s.n <= %s
                    """,
                    start,
                    start + PAGE,
                )
            )
            yield cr.fetchall()
        cr.execute("DROP TABLE hc_dedup_sample")

    # ---- the run's deduplication ---------------------------------------------------------
    def _deduplicate(self):
        """Clusters of probable duplicates inside the file (staged rows) and against Odoo's
        records, with the per-field explanation of each pair. A row with a validation error
        stays rejected in its cluster (a duplicate does not hide an error); until the owner
        decides, the first row without error of a cluster of links found inside the file
        stands in for it. Pairs whose weight is between the review and link thresholds, and
        links split off a chain, make clusters the owner reviews before anything of them is
        loaded."""
        domain = self.domain_id
        roles = domain._dedup_roles()
        kind = domain._match_kind()
        if not roles or kind is None:
            return
        existing, existing_names = self._existing_candidates(kind, roles)
        twins = self._dedup_tables(existing, len(kind.sort_keys))
        candidate_pairs = self._dedup_pairs(kind)
        matcher = domain._matcher(kind)
        if not domain.sudo().match_params:
            self._dedup_fit(matcher, kind)
        scored = self._dedup_scored(matcher, kind)
        # twins: all their dedup inputs are those of their head, compared with itself
        self.env.cr.execute(
            SQL("SELECT cid, source FROM hc_dedup_cand WHERE cid = ANY(%s::int4[])", list(twins))
        )
        twin_gamma = {
            head: matcher.compare(*[json.loads(source)] * 2)
            for head, source in self.env.cr.fetchall()
        }
        self.env.cr.execute("TRUNCATE hc_dedup_cand, hc_dedup_block, hc_dedup_pair")
        links = [(a, b, w) for a, b, w, d, _g in scored if d == "link"]
        reviews = [(a, b, w) for a, b, w, d, _g in scored if d == "review"]
        # a row joins one record already in Odoo, never merges two of them
        groups, review_pairs = matching.cluster(
            links, reviews, exclusive={cid for cid in existing_names if cid < 0}
        )
        sets = self._dedup_sets(groups, review_pairs)
        placed = {cid for members, _c, _x in sets for cid in members}
        for head, gamma in twin_gamma.items():
            decision = matcher.decide(gamma)
            if head not in placed and decision != "non-link":
                sets.append(([head], decision, []))
        self._workflow_write(
            {"dedup_pairs": candidate_pairs, "match_params": json.dumps(matcher.params)}
        )
        by_pair = {(a, b): (w, d, g) for a, b, w, d, g in scored}
        for head, gamma in twin_gamma.items():
            by_pair[(head, head)] = (matcher.weight(gamma), matcher.decide(gamma), gamma)
        self._dedup_write_clusters(sets, by_pair, twins, matcher, existing_names)
        self.env.cr.execute("TRUNCATE hc_dedup_twin")

    @staticmethod
    def _dedup_probability(matcher, weight):
        """Probability that a pair of this weight is one record: the prior share of matches
        (estimated by EM) times the pair's Bayes factor ``2 ** weight``."""
        prior = min(max(matcher.params.get("lambda") or 0.01, 1e-6), 1 - 1e-6)
        odds = prior / (1 - prior) * 2 ** max(min(weight, 60), -60)
        return odds / (1 + odds)
