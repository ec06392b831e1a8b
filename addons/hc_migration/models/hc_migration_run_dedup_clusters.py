# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json

from odoo import Command, models
from odoo.tools import SQL

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import matching
from .hc_migration_cluster import MATCH_FIELDS, PIPELINE_FIELDS
from .hc_migration_match import FIELD_LABELS

NAMES_SHOWN = 3  # records already in Odoo named on a cluster; the rest are counted
MAX_REVIEW_SIZE = 20  # rows a pair to review may add to a cluster

# the dedup role a kind's normalised key comes from, where their names differ
KEY_ROLES = {"given": "given_name", "dob": "birth_date", "nid": "national_id"}


class HcMigrationRun(models.Model):
    """Clusters of a deduplication: the engine's links and pairs to review grouped into sets
    (a row in one cluster), the clusters created with their explained pairs, and the rows
    put in them in SQL."""

    _inherit = "hc.migration.run"

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
