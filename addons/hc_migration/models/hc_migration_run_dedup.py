# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import Counter
from functools import lru_cache

from odoo import Command, fields, models
from odoo.tools import SQL

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import matching
from .hc_migration_cluster import MATCH_FIELDS, PIPELINE_FIELDS
from .hc_migration_match import FIELD_LABELS
from .hc_migration_run import XMLID_MODULE
from .hc_migration_run_staging import BLOCK_SEPARATOR, sort_value

NAMES_SHOWN = 3  # records already in Odoo named on a cluster; the rest are counted
MAX_REVIEW_SIZE = 20  # rows a pair to review may add to a cluster
EM_SAMPLE = 50_000  # candidate pairs m is estimated on (EM)
RANDOM_SAMPLE = 20_000  # random pairs of rows u is estimated on
MIN_FIT_PAIRS = 500  # fewer candidate pairs: the kind's default weights
PAGE = 5_000  # candidate pairs scored per fetch
CACHE = 2_048  # normalised records kept between pages

# the dedup role a kind's normalised key comes from, where their names differ
KEY_ROLES = {"given": "given_name", "dob": "birth_date", "nid": "national_id"}

# Fields of existing records compared with staged rows, per target model: dedup role -> field.
EXISTING_DEDUP_FIELDS = {
    "res.partner": {
        "name": "name",
        "vat": "vat",
        "email": "email",
        "phone": "phone",
        "code": "ref",
        "street": "street",
        "city": "city",
        "postcode": "zip",
        "company_registry": "company_registry",
        "website": "website",
        "country": "country_id",
    },
    "product.template": {"name": "name", "code": "default_code", "barcode": "barcode"},
    "product.product": {"name": "name", "code": "default_code", "barcode": "barcode"},
    "hr.employee": {
        "name": "name",
        "email": "work_email",
        "code": "barcode",
        "birth_date": "birthday",
        "national_id": "identification_id",
        "phone": "mobile_phone",
    },
    "maintenance.equipment": {"name": "name", "code": "serial_no", "model": "model"},
}


class HcMigrationRun(models.Model):
    """Deduplication of a staged run (issue #18): the domain kind's matching engine
    (``lib/matching``) compares candidate pairs field by field and weighs the agreement with
    Fellegi–Sunter weights estimated from the file (EM), then groups links into clusters that
    do not chain. Candidate pairs come from the blocks each row was given when it was staged,
    paired in SQL (every pair of a small block, a window of sort order in a large one), and
    are scored a page at a time: memory stays flat in file size whatever the data."""

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

    # ---- candidates: staged rows and Odoo's records, in temporary tables -----------------
    def _own_record_ids(self):
        """Ids of the target records this domain's own loads created (they carry its external
        ids, ``<domain code>_<source key>``): a re-run updates them by source key, they are
        not duplicates of its rows. Every other record of the target model - created by hand
        or by another domain loading the same model (a second legacy source) - is compared
        with the rows."""
        prefix = f"{self.domain_id.code.lower()}_"
        # a domain whose code extends this one's (SUP and SUP_X) has names with this prefix
        longer = [
            f"{code.lower()}_"
            for code in self.env["hc.migration.domain"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "!=", self.domain_id.id)])
            .mapped("code")
            if f"{code.lower()}_".startswith(prefix)
        ]
        self.env.cr.execute(
            SQL(
                "SELECT res_id, name FROM ir_model_data "
                "WHERE module = %s AND model = %s AND starts_with(name, %s)",
                XMLID_MODULE,
                self.domain_id.target_model,
                prefix,
            )
        )
        return {
            res_id
            for res_id, name in self.env.cr.fetchall()
            if not any(name.startswith(other) for other in longer)
        }

    def _existing_candidates(self, kind, roles):
        """(cid, source, blocks, sort) of the target model's records compared with the rows
        (cid is minus the record's id), and their names, by the fields of the dedup roles."""
        domain = self.domain_id
        fmap = EXISTING_DEDUP_FIELDS.get(domain.target_model)
        if not (fmap and domain.target_installed):
            return [], {}
        Model = self.env[domain.target_model].sudo().with_context(active_test=False)
        wanted = {r: fmap[r] for r in roles if r in fmap and fmap[r] in Model._fields}
        if not wanted:
            return [], {}
        skip = self._own_record_ids()
        countries = {c["id"]: c["code"] for c in self.env["res.country"].search_read([], ["code"])}
        out, names = [], {}
        for rec in Model.search_read([("name", "!=", False)], list({*wanted.values(), "name"})):
            if rec["id"] in skip:
                continue
            source = {
                role: self._dedup_value(rec[fname], Model._fields[fname], countries)
                for role, fname in wanted.items()
                if rec.get(fname) not in (False, None, "")
            }
            normal = kind.normalise(source)
            blocks = kind.block_keys(normal)
            if not blocks:
                continue
            out.append(
                (
                    -rec["id"],
                    json.dumps(normal, ensure_ascii=False, sort_keys=True),
                    blocks,
                    sort_value(kind, normal),
                )
            )
            names[-rec["id"]] = rec["name"]
        return out, names

    @staticmethod
    def _dedup_value(value, field, countries):
        """A record's value as a file would hold it: a country's code, another linked
        record's name, any other value as text."""
        if field.type == "many2one":
            return countries.get(value[0], "") if field.comodel_name == "res.country" else value[1]
        return str(value)

    def _dedup_tables(self, existing, passes):
        """Fill the temporary tables of one deduplication: candidates (staged rows of the run
        with dedup inputs, then Odoo's records) and their blocks, one row per (candidate,
        block), plus the sorted-neighbourhood pass every candidate is in.

        Rows whose dedup inputs are identical (one placeholder code and name on thousands
        of rows) are *twins*: only the first of them (its *head*) is compared, and the
        clusters take its twins along. Returns {head: number of twins}."""
        cr = self.env.cr
        cr.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_cand (
                cid int4 PRIMARY KEY, source text, sort varchar) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_twin (
                cid int4 PRIMARY KEY, head int4) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_block (
                cid int4, block varchar, sort varchar) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS hc_dedup_pair (
                a int4, b int4, PRIMARY KEY (a, b)) ON COMMIT DROP;
            TRUNCATE hc_dedup_cand, hc_dedup_twin, hc_dedup_block, hc_dedup_pair;
            """
        )
        self.env["hc.migration.row"].flush_model()
        cr.execute(
            SQL(
                """
                WITH staged AS (
                    SELECT id, dedup_source, dedup_sort,
                           min(id) OVER (PARTITION BY dedup_source) AS head
                      FROM hc_migration_row
                     WHERE run_id = %(run)s AND state IN ('valid', 'rejected')
                       AND dedup_blocks IS NOT NULL
                ), twins AS (
                    INSERT INTO hc_dedup_twin (cid, head)
                    SELECT id, head FROM staged WHERE id <> head
                )
                INSERT INTO hc_dedup_cand (cid, source, sort)
                     SELECT id, dedup_source, coalesce(dedup_sort, '')
                       FROM staged WHERE id = head;
                INSERT INTO hc_dedup_block (cid, block, sort)
                     SELECT r.id, unnest(string_to_array(r.dedup_blocks, %(sep)s)),
                            split_part(c.sort, %(sep)s, 1)
                       FROM hc_migration_row r
                       JOIN hc_dedup_cand c ON c.cid = r.id;
                SELECT head, count(*) FROM hc_dedup_twin GROUP BY head;
                """,
                run=self.id,
                sep=BLOCK_SEPARATOR,
            )
        )
        twins = dict(cr.fetchall())
        for chunk in range(0, len(existing), PAGE):
            part = existing[chunk : chunk + PAGE]
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_cand (cid, source, sort) "
                    "SELECT * FROM unnest(%s::int4[], %s::text[], %s::varchar[])",
                    [c[0] for c in part],
                    [c[1] for c in part],
                    [c[3] for c in part],
                )
            )
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_block (cid, block, sort) "
                    "SELECT * FROM unnest(%s::int4[], %s::varchar[], %s::varchar[])",
                    [c[0] for c in part for _b in c[2]],
                    [b for c in part for b in c[2]],
                    [c[3].split(BLOCK_SEPARATOR)[0] for c in part for _b in c[2]],
                )
            )
        # the sorted-neighbourhood passes: one block per sort key of the kind, in its order
        for number in range(1, passes + 1):
            cr.execute(
                SQL(
                    "INSERT INTO hc_dedup_block (cid, block, sort) "
                    "SELECT cid, %s, split_part(sort, %s, %s) FROM hc_dedup_cand "
                    "WHERE split_part(sort, %s, %s) <> ''",
                    f"~sn{number}",
                    BLOCK_SEPARATOR,
                    number,
                    BLOCK_SEPARATOR,
                    number,
                )
            )
        return twins

    def _dedup_pairs(self, kind):
        """Candidate pairs, in SQL: every pair of a block of at most ``MAX_BLOCK`` members,
        and each member's ``WINDOW`` next neighbours in the sort order of a larger block (the
        sorted-neighbourhood pass is such a block), so the pairs grow linearly with the file
        whatever the data (one code on every row). Two records already in Odoo are never
        paired: only blocks holding a staged row count. Returns the number of pairs."""
        cr = self.env.cr
        cr.execute(
            """
            DROP TABLE IF EXISTS hc_dedup_member;
            CREATE TEMP TABLE hc_dedup_member ON COMMIT DROP AS
                WITH useful AS (
                    SELECT block FROM hc_dedup_block
                     GROUP BY block HAVING count(*) > 1 AND max(cid) > 0
                )
                SELECT b.block, b.cid,
                       row_number() OVER (PARTITION BY b.block ORDER BY b.sort, b.cid) AS rn,
                       count(*) OVER (PARTITION BY b.block) AS n
                  FROM hc_dedup_block b
                  JOIN useful u ON u.block = b.block;
            CREATE INDEX ON hc_dedup_member (block, rn);
            ANALYZE hc_dedup_member;
            """
        )
        cr.execute(
            SQL(
                """
                INSERT INTO hc_dedup_pair (a, b)
                SELECT DISTINCT least(x.cid, y.cid), greatest(x.cid, y.cid)
                  FROM hc_dedup_member x
                  -- a range on the (block, rn) index, one probe per member: joining on
                  -- rn = x.rn + k scanned the whole block for each member (quadratic)
                  CROSS JOIN LATERAL (
                        SELECT m.cid FROM hc_dedup_member m
                         WHERE m.block = x.block AND m.rn > x.rn
                           AND m.rn <= x.rn + CASE WHEN x.n <= %(max)s
                                                   THEN x.n - x.rn ELSE %(window)s END
                  ) AS y
                 WHERE greatest(x.cid, y.cid) > 0 AND x.cid <> y.cid
                ON CONFLICT DO NOTHING
                """,
                max=kind.max_block,
                window=max(kind.window - 1, 1),
            )
        )
        count = cr.rowcount
        cr.execute("DROP TABLE hc_dedup_member")
        return count

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

    # ---- the run's clusters -------------------------------------------------------------
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
    def _dedup_sets(groups, review_pairs):
        """[(members, certainty, extra pairs)] from the engine's clusters of links and its
        pairs to review, each candidate in at most one set (a row has one cluster). A pair to
        review between two candidates of no cluster is a cluster to review; one that touches
        a cluster puts it to review: a row joins it (bounded), a record already in Odoo is
        shown on it as a resemblance (an extra pair) without becoming a member, so a merge
        never updates a record the engine was not sure of; a pair between two clusters (a
        chain) joins nothing."""
        sets = [[list(group), "link", []] for group in groups]
        owner = {cid: entry for entry in sets for cid in entry[0]}
        for a, b, _weight, _reason in sorted(review_pairs, key=lambda p: -p[2]):
            set_a, set_b = owner.get(a), owner.get(b)
            if set_a is None and set_b is None:
                entry = [[a, b], "review", []]
                sets.append(entry)
                owner[a] = owner[b] = entry
            elif set_a is None or set_b is None:
                entry, other = (set_a, b) if set_a is not None else (set_b, a)
                entry[1] = "review"
                if other > 0 and len(entry[0]) < MAX_REVIEW_SIZE:
                    entry[0].append(other)
                    owner[other] = entry
                else:
                    entry[2].append((min(a, b), max(a, b)))
        return [(sorted(members), certainty, extra) for members, certainty, extra in sets]

    def _dedup_write_clusters(self, sets, by_pair, twins, matcher, existing_names):
        """Create the clusters (with their explained pairs) and set their rows' states;
        ``sets``: [(heads and records, certainty)], each head taking its twins along."""
        domain = self.domain_id
        labels = domain._dedup_labels()
        heads = [cid for members, _c, _x in sets for cid in members if cid > 0]
        self.env.cr.execute(
            SQL(
                "SELECT head, (array_agg(cid ORDER BY cid))[1:%s] FROM hc_dedup_twin "
                "WHERE head = ANY(%s::int4[]) GROUP BY head",
                NAMES_SHOWN,
                [h for h in heads if h in twins],
            )
        )
        first_twins = dict(self.env.cr.fetchall())
        self.env.cr.execute(
            SQL(
                "SELECT id, row_number FROM hc_migration_row WHERE id = ANY(%s::int4[])",
                heads + [t for ts in first_twins.values() for t in ts],
            )
        )
        numbers = dict(self.env.cr.fetchall())
        cluster_vals, members_of = [], []
        for members, certainty, extra in sets:
            pairs = (
                [
                    (a, b, *by_pair[(a, b)])
                    for i, a in enumerate(members)
                    for b in members[i + 1 :]
                    if (a, b) in by_pair
                ]
                + [(h, h, *by_pair[(h, h)]) for h in members if h in twins]
                + [(a, b, *by_pair[(a, b)]) for a, b in extra]
            )
            best = max(pairs, key=lambda p: p[2])
            existing = [cid for cid in members if cid < 0]
            names = [existing_names.get(cid, "") for cid in existing[:NAMES_SHOWN]]
            if len(existing) > NAMES_SHOWN:
                names.append(self.env._("and %(count)s others", count=len(existing) - NAMES_SHOWN))
            explained = {id(p): self._dedup_explain(matcher, p[4], labels) for p in pairs}
            agreeing = sorted(
                {label for label, level, weight in explained[id(best)] if weight > 0 and level}
            )
            cluster_vals.append(
                {
                    "run_id": self.id,
                    "certainty": certainty,
                    "score": round(self._dedup_probability(matcher, best[2]) * 100, 1),
                    "reasons": ", ".join(agreeing),
                    "existing_refs": ",".join(f"{domain.target_model}:{-c}" for c in existing),
                    "existing_names": ", ".join(names),
                    "pair_ids": [
                        Command.create(
                            {
                                "member_a": self._dedup_member(a, numbers, existing_names),
                                "member_b": self._dedup_member(
                                    b,
                                    numbers,
                                    existing_names,
                                    twins=(first_twins[a], twins[a]) if a == b else None,
                                ),
                                "weight": round(w, 2),
                                "decision": d,
                                "explanation": json.dumps(explained[id(p)]),
                            }
                        )
                        for p in pairs
                        for a, b, w, d, _g in [p]
                    ],
                }
            )
            members_of.append(([c for c in members if c > 0], bool(existing), certainty))
        Cluster = self.env["hc.migration.cluster"]
        with (
            workflow_scope(Cluster._name, PIPELINE_FIELDS),
            workflow_scope("hc.migration.match", MATCH_FIELDS | {"cluster_id"}),
        ):
            clusters = Cluster.create(cluster_vals)
        self._dedup_set_rows(clusters, members_of)

    def _dedup_set_rows(self, clusters, members_of):
        """Put the rows in their clusters, in SQL (the twins of a head follow it without
        being loaded into memory): a row with a validation error stays rejected; in a cluster
        of links found inside the file, the first row without error stands in for it (valid)
        and the others are duplicates until the owner decides, as are all the rows of a
        cluster of links matched with Odoo's records; the rows of a cluster to review keep
        their state (not loaded before the decision: see ``_load_pending_ids``)."""
        cr = self.env.cr
        heads = [
            (row_id, cluster.id)
            for cluster, m in zip(clusters, members_of, strict=True)
            for row_id in m[0]
        ]
        if not heads:
            return
        cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r SET cluster_id = d.cluster_id
                  FROM unnest(%s::int4[], %s::int4[]) AS d(id, cluster_id)
                 WHERE r.id = d.id;
                UPDATE hc_migration_row r SET cluster_id = h.cluster_id
                  FROM hc_dedup_twin t
                  JOIN hc_migration_row h ON h.id = t.head
                 WHERE r.id = t.cid AND h.cluster_id IS NOT NULL AND h.run_id = %s
                """,
                [h for h, _c in heads],
                [c for _h, c in heads],
                self.id,
            )
        )
        linked = [
            (cluster.id, against_odoo)
            for cluster, (_rows, against_odoo, certainty) in zip(clusters, members_of, strict=True)
            if certainty == "link"
        ]
        if linked:
            cr.execute(
                SQL(
                    """
                    UPDATE hc_migration_row SET state = 'duplicate'
                     WHERE cluster_id = ANY(%(all)s::int4[]) AND state <> 'rejected';
                    UPDATE hc_migration_row SET state = 'valid'
                     WHERE id IN (SELECT min(id) FROM hc_migration_row
                                   WHERE cluster_id = ANY(%(file)s::int4[]) AND state <> 'rejected'
                                   GROUP BY cluster_id)
                    """,
                    all=[cid for cid, _o in linked],
                    file=[cid for cid, against_odoo in linked if not against_odoo],
                )
            )
        self.env["hc.migration.row"].invalidate_model(["cluster_id", "state"])
        clusters.invalidate_recordset(["row_ids"])

    @staticmethod
    def _dedup_probability(matcher, weight):
        """Probability that a pair of this weight is one record: the prior share of matches
        (estimated by EM) times the pair's Bayes factor ``2 ** weight``."""
        prior = min(max(matcher.params.get("lambda") or 0.01, 1e-6), 1 - 1e-6)
        odds = prior / (1 - prior) * 2 ** max(min(weight, 60), -60)
        return odds / (1 + odds)

    def _dedup_member(self, cid, numbers, existing_names, twins=None):
        if twins:
            first, count = twins
            shown = ", ".join(str(numbers.get(t, "?")) for t in first)
            if count > len(first):
                return self.env._(
                    "%(count)s rows with the same values (rows %(rows)s and %(rest)s others)",
                    count=f"{count:,}",
                    rows=shown,
                    rest=f"{count - len(first):,}",
                )
            return self.env._(
                "%(count)s rows with the same values (rows %(rows)s)", count=count, rows=shown
            )
        if cid > 0:
            return self.env._("Row %(row)s", row=numbers.get(cid, "?"))
        return self.env._("In Odoo: %(name)s", name=existing_names.get(cid, str(-cid)))

    def _dedup_explain(self, matcher, gamma, labels):
        """[(label, level, weight)] of a pair, for the fields both records have (a missing
        value weighs nothing), labels in the data owner's words: the label of the target field
        the mapping fills with the role (translated), or the mapping's column for a value
        compared only."""
        role_of = {spec.label: KEY_ROLES.get(spec.key, spec.key) for spec in matcher.fields}
        return [
            (labels.get(role_of.get(label)) or str(FIELD_LABELS.get(label, label)), level, weight)
            for label, level, weight in matcher.explain(gamma)
            if level != matching.MISSING  # a field one of them lacks weighs nothing
        ]
