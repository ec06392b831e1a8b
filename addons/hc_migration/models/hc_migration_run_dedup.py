# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json

from odoo import models
from odoo.tools import SQL

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import dedup
from .hc_migration_cluster import PIPELINE_FIELDS
from .hc_migration_run import XMLID_MODULE
from .hc_migration_run_staging import BLOCK_SEPARATOR

NAMES_SHOWN = 3  # records already in Odoo named on a cluster; the rest are counted

# Fields of existing records compared with staged rows to find duplicates, per target model.
EXISTING_DEDUP_FIELDS = {
    "res.partner": {
        "name": "name",
        "vat": "vat",
        "email": "email",
        "phone": "phone",
        "code": "ref",
    },
    "product.template": {"name": "name", "code": "default_code"},
    "product.product": {"name": "name", "code": "default_code"},
    "hr.employee": {"name": "name", "email": "work_email", "code": "barcode"},
    "maintenance.equipment": {"name": "name", "code": "serial_no"},
}


class HcMigrationRun(models.Model):
    """Deduplication of a staged run: clusters of probable duplicates inside the file and
    against the records of the target model already in Odoo, whoever created them."""

    _inherit = "hc.migration.run"

    def _block_candidates(self, extra_blocks):
        """The staged rows worth comparing, as ``dedup.Candidate`` (ref ``row:<id>``): those
        sharing a block with another row of the run or with one of ``extra_blocks`` (the
        blocks of Odoo's existing records). Rejected rows take part (their dedup inputs leave
        out the fields in error). Found with one grouped query over the staging table, so
        only they are loaded: memory stays flat in file size."""
        self.env.cr.execute(
            SQL(
                """
                WITH b AS (
                    SELECT id, unnest(string_to_array(dedup_blocks, %(sep)s)) AS block
                      FROM hc_migration_row
                     WHERE run_id = %(run)s AND state IN ('valid', 'rejected')
                       AND dedup_blocks IS NOT NULL
                )
                SELECT r.id, r.dedup_source
                  FROM hc_migration_row r
                 WHERE r.id IN (
                        SELECT id FROM b
                         WHERE block IN (SELECT block FROM b GROUP BY block HAVING count(*) > 1)
                            OR block = ANY(%(extra)s::varchar[]))
                 ORDER BY r.id
                """,
                sep=BLOCK_SEPARATOR,
                run=self.id,
                extra=sorted(extra_blocks),
            )
        )
        return [
            dedup.Candidate(f"row:{row_id}", **json.loads(source))
            for row_id, source in self.env.cr.fetchall()
        ]

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

    def _existing_candidates(self, roles):
        """(candidates, names) of the target model's records compared with the rows, by the
        fields of the domain's dedup roles."""
        domain = self.domain_id
        fmap = EXISTING_DEDUP_FIELDS.get(domain.target_model)
        if not (fmap and domain.target_installed):
            return [], {}
        wanted = {role: fmap[role] for role in roles if role in fmap}
        records = (
            self.env[domain.target_model]
            .sudo()
            .with_context(active_test=False)
            .search_read([("name", "!=", False)], list(set(wanted.values()) | {"name"}))
        )
        skip = self._own_record_ids()
        candidates, names = [], {}
        for rec in records:
            if rec["id"] in skip:
                continue
            ref = f"rec:{rec['id']}"
            candidates.append(
                dedup.Candidate(ref, **{r: rec.get(f) or "" for r, f in wanted.items()})
            )
            names[ref] = rec["name"]
        return candidates, names

    def _deduplicate(self):
        """Clusters of probable duplicates inside the file (the staged rows, with ref
        ``row:<id>``) and against Odoo's records. A row with a validation error stays
        rejected in its cluster; until the owner decides, the first row without error of a
        cluster found inside the file stands in for it."""
        domain = self.domain_id
        roles = {m.dedup_role: m.target_field for m in domain.mapping_ids if m.dedup_role}
        if not roles:
            return
        existing, existing_names = self._existing_candidates(roles)
        extra_blocks = {block for cand in existing for block in cand.blocks()}
        candidates = self._block_candidates(extra_blocks) + existing
        matches = dedup.find_matches(candidates, threshold=domain.dedup_threshold / 100.0)
        best = {}
        for match in matches:
            for ref in (match.a, match.b):
                if match.score >= best.get(ref, (0, ()))[0]:
                    best[ref] = (match.score, match.reasons)
        groups = dedup.clusters(matches)
        clustered = [int(ref[4:]) for group in groups for ref in group if ref.startswith("row:")]
        self.env.cr.execute(
            SQL(
                "SELECT id FROM hc_migration_row WHERE id = ANY(%s::int4[]) AND state = 'rejected'",
                clustered,
            )
        )
        rejected = {row_id for (row_id,) in self.env.cr.fetchall()}
        cluster_vals, members = [], []
        for group in groups:
            row_ids = sorted(int(ref[4:]) for ref in group if ref.startswith("row:"))
            existing_refs = [ref for ref in group if ref.startswith("rec:")]
            score = max(best[ref][0] for ref in group)
            reasons = sorted({reason for ref in group for reason in best[ref][1]})
            names = [existing_names.get(ref, "") for ref in existing_refs[:NAMES_SHOWN]]
            if len(existing_refs) > NAMES_SHOWN:
                names.append(
                    self.env._("and %(count)s others", count=len(existing_refs) - NAMES_SHOWN)
                )
            cluster_vals.append(
                {
                    "run_id": self.id,
                    "score": round(score * 100, 1),
                    "reasons": ", ".join(reasons),
                    "existing_refs": ",".join(
                        f"{domain.target_model}:{ref[4:]}" for ref in existing_refs
                    ),
                    "existing_names": ", ".join(names),
                }
            )
            members.append((row_ids, bool(existing_refs)))
        Cluster = self.env["hc.migration.cluster"]
        with workflow_scope(Cluster._name, PIPELINE_FIELDS):
            clusters = Cluster.create(cluster_vals)
        # rows were inserted in file order, so the lowest id is the first row of the file
        row_ids, cluster_ids, states = [], [], []
        for cluster, (ids, against_odoo) in zip(clusters, members, strict=True):
            stand_in = None if against_odoo else next((i for i in ids if i not in rejected), None)
            for row_id in ids:
                row_ids.append(row_id)
                cluster_ids.append(cluster.id)
                states.append(
                    "rejected"
                    if row_id in rejected
                    else "valid"
                    if row_id == stand_in
                    else "duplicate"
                )
        if row_ids:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE hc_migration_row r
                       SET cluster_id = d.cluster_id, state = d.state
                      FROM unnest(%s::int4[], %s::int4[], %s::varchar[]) AS d(id, cluster_id, state)
                     WHERE r.id = d.id
                    """,
                    row_ids,
                    cluster_ids,
                    states,
                )
            )
            self.env["hc.migration.row"].invalidate_model(["cluster_id", "state"])
            clusters.invalidate_recordset(["row_ids"])
