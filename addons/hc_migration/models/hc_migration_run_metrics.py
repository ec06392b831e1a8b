# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
from collections import Counter, defaultdict

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import buckets


class HcMigrationRun(models.Model):
    """The counts of a mock run: every row read is in exactly one bucket (``lib/buckets.py``)
    and the buckets add up to the rows read, checked whenever they are counted (at the end of
    staging, after each duplicate decision, load and rollback)."""

    _inherit = "hc.migration.run"

    rows_pending = fields.Integer(
        string="Duplicates to Decide",
        readonly=True,
        help="Rows without error in duplicate clusters the data owner has not decided yet.",
    )
    rows_merged = fields.Integer(
        string="Merged Rows",
        readonly=True,
        help="Rows merged into their cluster's survivor: not loaded as records of their own.",
    )
    rows_apart = fields.Integer(
        string="Kept Apart",
        readonly=True,
        help="Rows of duplicate clusters kept apart: each is loaded as its own record.",
    )
    rows_accounted = fields.Boolean(
        compute="_compute_rows_accounted",
        help="Rows read = valid + rejected + duplicates to decide + merged + kept apart + "
        "archived.",
    )

    def _compute_rows_accounted(self):
        for run in self:
            run.rows_accounted = not buckets.unaccounted(run.rows_read, run._bucket_counts())

    def _bucket_counts(self):
        """{bucket: count} of the run from its stored counters."""
        self.ensure_one()
        return {
            "valid": self.rows_valid,
            "rejected": self.rows_rejected,
            "pending": self.rows_pending,
            "merged": self.rows_merged,
            "apart": self.rows_apart,
            "archived": self.archived,
        }

    def _count_buckets(self):
        """{run id: Counter(bucket: rows)} from one grouped query over the staging table
        (never the rows themselves: a run can hold 50,000 of them)."""
        self.env["hc.migration.row"].flush_model(["run_id", "state", "cluster_id"])
        self.env["hc.migration.cluster"].flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """
                SELECT r.run_id, r.state, c.state, count(*)
                  FROM hc_migration_row r
             LEFT JOIN hc_migration_cluster c ON c.id = r.cluster_id
                 WHERE r.run_id = ANY(%s)
              GROUP BY r.run_id, r.state, c.state
                """,
                self.ids,
            )
        )
        counts = defaultdict(Counter)
        for run_id, row_state, cluster_state, count in self.env.cr.fetchall():
            counts[run_id][buckets.bucket(row_state, cluster_state)] += count
        return counts

    def _refresh_metrics(self):
        """Counters of the runs from grouped queries, then the check that every row read is
        in exactly one bucket."""
        Row = self.env["hc.migration.row"]
        Row.flush_model(["run_id", "state", "load_action"])
        counts = self._count_buckets()
        actions = defaultdict(Counter)
        for run, action, count in Row._read_group(
            [("run_id", "in", self.ids), ("load_action", "!=", False)],
            ["run_id", "load_action"],
            ["__count"],
        ):
            actions[run.id][action] = count
        errors = defaultdict(int)
        for run, count in Row._read_group(
            [("run_id", "in", self.ids), ("state", "=", "error")], ["run_id"], ["__count"]
        ):
            errors[run.id] = count
        for run in self:
            found = counts[run.id]
            found["archived"] += run.archived  # archive-scope rows are kept apart from staging
            read = run.rows_read
            rejected = found["rejected"]
            run._workflow_write(
                {
                    "rows_valid": found["valid"],
                    "rows_rejected": rejected,
                    "rows_pending": found["pending"],
                    "rows_merged": found["merged"],
                    "rows_apart": found["apart"],
                    "dup_found": len(run.cluster_ids),
                    "dup_merged": len(run.cluster_ids.filtered(lambda c: c.state == "merged")),
                    "loaded_created": actions[run.id]["created"],
                    "loaded_updated": actions[run.id]["updated"],
                    "load_errors": errors[run.id],
                    "reject_rate": round(100.0 * rejected / read, 2) if read else 0.0,
                }
            )
            run._check_rows_accounted(found)

    def _check_rows_accounted(self, found=None):
        """Every row read is in exactly one bucket: the rows read (counted while the file
        streamed) equal the sum of the buckets (counted from the staged rows). Anything else
        is a defect of the pipeline, never of the file: refused, so that the transaction
        (the staging, the decision, the load) rolls back instead of losing rows."""
        for run in self:
            counts = found if found is not None else run._bucket_counts()
            missing = buckets.unaccounted(run.rows_read, counts)
            if missing or counts.get(None):
                raise ValidationError(
                    self.env._(
                        "%(run)s: %(read)s rows read but %(counted)s in the run's counts "
                        "(%(unknown)s in no known bucket): rows would go unaccounted for.",
                        run=run.name,
                        read=run.rows_read,
                        counted=run.rows_read - missing,
                        unknown=counts.get(None, 0),
                    )
                )
