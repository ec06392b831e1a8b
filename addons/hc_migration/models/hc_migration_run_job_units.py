# pylint: disable=consider-merging-classes-inherited
"""The units of work of a run's background jobs (see ``hc_migration_run_job``): staging
slices, load chunks (claimed by lane, in parallel) and rollback chunks."""

import hashlib
import json
import time
from itertools import islice

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib.reader import FileRejected, MixedDateCheck
from .hc_migration_run_job import (
    CHUNK_ROWS,
    JOB_CRONS,
    LOCK_BASE,
    RUN_LOCK,
    STAGE_CHUNK,
    STAGE_SLICE_SECONDS,
)


class HcMigrationRun(models.Model):
    _inherit = "hc.migration.run"

    # -------------------------------------------------------------- staging
    def _job_unit_stage(self, inline):
        """Stage the file from its first row not staged yet while the slice lasts. Lane 1
        stages (one staging slice per cron pass keeps a worker far below its limits) under
        a session-level advisory lock on the run, released when the slice ends or the
        worker's connection closes."""
        if inline or not self._job_in_cron():
            return self._job_stage_slice(inline)
        lane = self.env.ref(JOB_CRONS[0], raise_if_not_found=False)
        if lane and self.env.context.get("cron_id") != lane.id:
            return 0
        key = LOCK_BASE + (self.id << 24) + RUN_LOCK
        self.env.cr.execute(SQL("SELECT pg_try_advisory_lock(%s)", key))
        if not self.env.cr.fetchone()[0]:
            return 0  # another lane stages it
        try:
            # a fresh snapshot now that the run is ours: what the lane before us committed
            self.env["ir.cron"]._commit_progress()
            self.env.invalidate_all()
            if self.job_state not in ("queued", "running"):
                return 0
            return self._job_stage_slice(inline=False)
        except Exception:
            self.env.cr.rollback()
            raise
        finally:
            self.env.cr.execute(SQL("SELECT pg_advisory_unlock(%s)", key))

    def _job_stage_slice(self, inline):
        """Chunks of the file staged with ``_stage_rows`` (or ``_stage_archive``), each
        committed in a lane with the slice's cursor (``job_cursor``: the date layouts seen,
        whether every row is staged). A slice that ends (time up, worker stopped) leaves
        ``rows_read`` rows staged; the next one skips them (the file is read again: reading
        is deterministic) and goes on; once every row is staged, ``_stage_finish`` checks
        the whole file, in a slice of its own when the last rows took most of one. A file
        refused half-way discards what was staged (``_job_failed``)."""
        if self.job_state == "queued":
            self._job_discard_staging()  # what an earlier failed attempt left, if anything
            self._job_write({"job_state": "running", "job_started": fields.Datetime.now()})
            self._job_step()
        start = time.monotonic()
        if inline:
            end = float("inf")
        elif self._job_in_cron():
            end = start + STAGE_SLICE_SECONDS
        else:
            end = self.env.context.get("cron_end_time", float("inf"))
        domain = self.domain_id
        mapping = domain.mapping_ids
        archive = domain.scope == "archive"
        cursor = json.loads(self.job_cursor or "{}")
        date_check = None
        if not archive:
            date_check = MixedDateCheck(
                mapping.filtered(lambda m: m.transform == "date").mapped("source_column")
            )
            for column, seen in (cursor.get("layouts") or {}).items():
                date_check.layouts.setdefault(column, {}).update(seen)
        staged = 0
        try:
            if not cursor.get("complete"):
                content = self._file_content()
                # the domain's sheet, its required columns (joined ones included)
                result = self._read_source(content)
                if not self.file_sha256:
                    self._workflow_write(
                        {
                            "file_sha256": hashlib.sha256(content).hexdigest(),
                            "sheet": result.sheet,
                            "header_row": result.header_row,
                        }
                    )
                del content
                rows = result.rows
                for _source in islice(rows, self.rows_read):
                    pass  # staged by an earlier slice (their date layouts are in the cursor)
                size = self._job_param("job_chunk_rows", STAGE_CHUNK)
                while chunk := list(islice(rows, size)):
                    staged += (
                        self._stage_archive(chunk)
                        if archive
                        else self._stage_rows(chunk, date_check)
                    )
                    self._job_save_cursor(date_check, complete=False)
                    if time.monotonic() >= end:
                        return staged  # the next slice goes on from here
                self._job_save_cursor(date_check, complete=True)
                if not inline and time.monotonic() >= start + (end - start) / 2:
                    return max(staged, 1)  # the checks over the whole file: next slice
            self._stage_finish(date_check)
        except FileRejected as exc:
            raise UserError(
                self.env._(
                    "%(file)s: %(reason)s", file=self.filename, reason=self._reason_text(exc)
                )
            ) from exc
        self._workflow_write({"stage_seconds": self._job_started_seconds(), "state": "validated"})
        self._job_done(
            None
            if inline
            else self.env._(
                "Staging done: %(read)s rows read, %(valid)s valid, %(rejected)s rejected, "
                "%(clusters)s duplicate clusters (%(seconds)s s).",
                read=self.rows_read,
                valid=self.rows_valid,
                rejected=self.rows_rejected,
                clusters=self.dup_found,
                seconds=round(self.stage_seconds, 1),
            )
        )
        return max(staged, 1)

    def _job_save_cursor(self, date_check, complete):
        """Keep where staging stands with the rows it staged (same commit)."""
        layouts = date_check.layouts if date_check is not None else {}
        self._job_write({"job_cursor": json.dumps({"layouts": layouts, "complete": complete})})
        self._job_step()

    def _job_step(self):
        """After each staged chunk: in a lane, the chunk is committed (progress visible, and
        kept if the worker stops)."""
        if self._job_in_cron():
            self.env["ir.cron"]._commit_progress()
            self.env.invalidate_all()

    def _job_discard_staging(self):
        """Remove what an unfinished staging wrote (rows, clusters, archive rows), with the
        staging's own SQL: the run is a draft again, with nothing read."""
        for table in ("hc_migration_row", "hc_migration_cluster", "hc_migration_archive"):
            self.env.cr.execute(
                SQL("DELETE FROM %s WHERE run_id = %s", SQL.identifier(table), self.id)
            )
        self.env.invalidate_all()
        self._workflow_write(
            {
                "rows_read": 0,
                "archived": 0,
                "rejected_by_reason": False,
                "file_sha256": False,
                "sheet": False,
                "header_row": 0,
                "job_cursor": False,
            }
        )

    # ----------------------------------------------------------------- load
    def _load_plan(self):
        """Number the chunks of the rows to load (``job_chunk``): rows with the same source
        key share a chunk (they share an external id, so one lane must load them in file
        order). Returns how many rows will be loaded."""
        row_ids = self._load_pending_ids()
        size = self._job_param("job_chunk_rows", CHUNK_ROWS)
        self.env["hc.migration.row"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r
                   SET job_chunk = (p.rank - 1) / %(size)s + 1
                  FROM (SELECT id, dense_rank() OVER (ORDER BY first_row) AS rank
                          FROM (SELECT id, min(row_number) OVER (
                                           PARTITION BY lower(coalesce(source_key, ''))
                                       ) AS first_row
                                  FROM hc_migration_row
                                 WHERE id = ANY(%(ids)s)) k) p
                 WHERE r.id = p.id
                """,
                size=size,
                ids=row_ids,
            )
        )
        self.env["hc.migration.row"].invalidate_model(["job_chunk"])
        return len(row_ids)

    def _job_claim_chunk(self):
        """(chunk number, row ids) of the first chunk not done that no other lane holds,
        locked for this transaction; None when there is none."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT DISTINCT job_chunk FROM hc_migration_row WHERE run_id = %s "
                "AND job_chunk IS NOT NULL AND state = 'valid' ORDER BY 1",
                self.id,
            )
        )
        for (number,) in cr.fetchall():
            if not self._job_try_lock(number):
                continue
            # a chunk another lane committed after our snapshot fails here (serialization):
            # the unit is retried with a fresh one
            cr.execute(
                SQL(
                    "SELECT id FROM hc_migration_row WHERE run_id = %s AND job_chunk = %s "
                    "AND state = 'valid' ORDER BY row_number FOR UPDATE",
                    self.id,
                    number,
                ),
                log_exceptions=False,
            )
            ids = [row_id for (row_id,) in cr.fetchall()]
            if ids:
                return number, ids
        return None

    def _job_unit_load(self, inline):
        if self.job_state == "queued" and self._job_try_lock(RUN_LOCK):
            # the first lane starts the job; another one starting at the same moment goes on
            # with the chunks (should it have read the job as queued just before, locking
            # the run's row fails and it retries, finding the job running)
            self._job_lock_row()
            self._job_write({"job_state": "running", "job_started": fields.Datetime.now()})
            return 1
        claimed = self._job_claim_chunk()
        if claimed:
            _number, row_ids = claimed
            self._load_chunk(row_ids)
            return len(row_ids)
        if not self._job_try_lock(RUN_LOCK) or self._job_pending_rows():
            return 0  # the last chunks are another lane's
        self._job_lock_row()  # (the other lane may have finished it since our snapshot)
        self._load_finish()
        note = self.job_note
        self._job_done(None)
        if note:
            self._job_write({"job_note": note})
        return 1

    def _job_pending_rows(self):
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM hc_migration_row WHERE run_id = %s "
                "AND job_chunk IS NOT NULL AND state = 'valid'",
                self.id,
            )
        )
        return self.env.cr.fetchone()[0]

    def _job_give_up(self, reason):
        """A load that cannot resume: what it loaded is rolled back through the run's own
        rollback (as its own job), and the run says so."""
        self.env.cr.execute(
            SQL(
                "UPDATE hc_migration_row SET job_chunk = NULL WHERE run_id = %s "
                "AND state = 'valid'",
                self.id,
            )
        )
        self.env["hc.migration.row"].invalidate_model(["job_chunk"])
        self._load_finish(post=False)
        loaded = self.loaded_created + self.loaded_updated
        self._job_write(
            {
                "job_kind": "rollback",
                "job_state": "running",
                "job_total": loaded,
                "job_note": self.env._("Interrupted — rolled back"),
            }
        )
        self.message_post(
            body=self.env._(
                "The load could not resume (%(reason)s): the %(count)s records it loaded are "
                "being rolled back.",
                reason=reason,
                count=loaded,
            )
        )

    # ------------------------------------------------------------- rollback
    def _job_unit_rollback(self, inline):
        if not self._job_try_lock(RUN_LOCK):
            return 0
        self._job_lock_row()  # a chunk the other lane rolled back since our snapshot: retry
        if self.job_state == "queued":
            self._job_write({"job_state": "running", "job_started": fields.Datetime.now()})
        size = self._job_param("job_chunk_rows", CHUNK_ROWS)
        undone = self._rollback_chunk(size)
        if undone:
            return undone
        note = self.job_note
        self._rollback_finish()
        self._job_done(
            self.env._(
                "Rolled back: the records the load created were removed and those it updated "
                "restored (%(count)s records).",
                count=self.job_total,
            )
        )
        if note:
            self._job_write({"job_note": note})
        return 1
