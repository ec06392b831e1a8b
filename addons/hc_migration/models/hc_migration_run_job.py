"""Background jobs of a mock migration run.

Staging (with validation and deduplication), loads and rollbacks run in Odoo's own cron
workers (``ir.cron``, see ``data/hc_migration_cron.xml``): the button checks the request,
sets the run's job to *queued* and triggers the cron lanes; a lane commits its work chunk
by chunk (``ir.cron._commit_progress``) and the run shows records done / total, rate and
time left. A small job (at most ``hc_migration.job_inline_rows`` records, 2,000 by default)
runs inline in the request instead, as before: the same code, without the commits.

Chunks are idempotent: a staged row carries its own state (a loaded row is ``loaded``, a
row rolled back is ``valid`` again), so a lane that starts again after an interruption
continues from the first chunk not done. Loads run in parallel: the rows to load are split
into numbered chunks (rows with the same source key in the same chunk, as they share an
external id) and each lane claims a chunk with a transaction-level advisory lock. Staging
is one lane at a time, chunk by chunk too: a slice that ends (time slice used, worker
stopped) leaves its rows staged and the next slice reads the file again, skips them and goes
on; a file refused half-way discards what was staged (the run stays a draft). A load that
cannot resume (interrupted again and again, or failing outside its chunks) is rolled back
through the run's own rollback, and the run says so.
"""

import datetime
import logging
import time

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.hc_base.guards import workflow_scope

_logger = logging.getLogger(__name__)

JOB_CRONS = (
    "hc_migration.ir_cron_migration_jobs_lane_1",
    "hc_migration.ir_cron_migration_jobs_lane_2",
)
INLINE_ROWS = 2000  # default of the system parameter hc_migration.job_inline_rows
CHUNK_ROWS = 1000  # default of the system parameter hc_migration.job_chunk_rows (loads)
STAGE_CHUNK = 2000  # its default for staging
STAGE_SLICE_SECONDS = 40  # a staging slice of lane 1 (the other lane's turn holds no staging)
MAX_INTERRUPTIONS = 3  # a job interrupted more often than this gives up (a load rolls back)
# advisory lock keys: namespace | run id | chunk number (RUN_LOCK: the run itself)
LOCK_BASE = 0x4843 << 48
RUN_LOCK = (1 << 24) - 1
# what two lanes working at once may meet: the unit of work is retried, not failed
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)

JOB_KINDS = [("stage", "Staging"), ("load", "Load"), ("rollback", "Rollback")]
JOB_STATES = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
_JOB_FIELDS = {
    "job_kind",
    "job_state",
    "job_note",
    "job_user_id",
    "job_total",
    "job_started",
    "job_finished",
    "job_interruptions",
    "job_cursor",
}


class HcMigrationRun(models.Model):
    _inherit = "hc.migration.run"

    # the job that stages, loads or rolls back the run; set by the buttons and the lanes only
    job_kind = fields.Selection(JOB_KINDS, readonly=True, copy=False)
    job_state = fields.Selection(
        JOB_STATES, string="Background Job", readonly=True, copy=False, index="btree_not_null"
    )
    job_note = fields.Char(readonly=True, copy=False)
    job_user_id = fields.Many2one(
        "res.users", string="Started By", readonly=True, copy=False, ondelete="set null"
    )
    job_total = fields.Integer(string="Records to Process", readonly=True, copy=False)
    job_started = fields.Datetime(readonly=True, copy=False)
    job_finished = fields.Datetime(readonly=True, copy=False)
    job_interruptions = fields.Integer(readonly=True, copy=False)
    job_cursor = fields.Text(readonly=True, copy=False, help="JSON: where a staging job stands.")
    job_done = fields.Integer(string="Records Done", compute="_compute_job_progress")
    job_progress = fields.Float(string="Progress (%)", compute="_compute_job_progress")
    job_rate = fields.Float(
        string="Rate (records/s)", digits=(16, 1), compute="_compute_job_progress"
    )
    job_time_left = fields.Char(compute="_compute_job_progress")

    def _compute_job_progress(self):
        """Records done from the staged rows themselves (their state is the done flag), in
        one grouped query per kind: the lanes never write the run per chunk."""
        Row = self.env["hc.migration.row"].sudo()
        Row.flush_model(["run_id", "state", "job_chunk"])
        self.env["hc.migration.archive"].sudo().flush_model(["run_id"])
        runs = self.filtered(lambda r: r.id and r.job_state)
        staged = dict(Row._read_group([("run_id", "in", runs.ids)], ["run_id"], ["__count"]))
        staged = {run.id: count for run, count in staged.items()}
        archived = {
            run.id: count
            for run, count in self.env["hc.migration.archive"]
            .sudo()
            ._read_group([("run_id", "in", runs.ids)], ["run_id"], ["__count"])
        }
        loaded = {
            (run.id, state): count
            for run, state, count in Row._read_group(
                [("run_id", "in", runs.ids), ("job_chunk", "!=", False)],
                ["run_id", "state"],
                ["__count"],
            )
        }
        still_loaded = {
            run.id: count
            for run, count in Row._read_group(
                [("run_id", "in", runs.ids), ("state", "=", "loaded")], ["run_id"], ["__count"]
            )
        }
        now = fields.Datetime.now()
        for run in self:
            total = run.job_total
            if not run.job_state or run not in runs:
                done = 0
            elif run.job_state == "done":
                done = total
            elif run.job_kind == "stage":
                done = staged.get(run.id, 0) + archived.get(run.id, 0)
            elif run.job_kind == "load":
                done = sum(
                    count
                    for (run_id, state), count in loaded.items()
                    if run_id == run.id and state != "valid"
                )
            else:
                done = max(total - still_loaded.get(run.id, 0), 0)
            total = max(total, done)
            run.job_done = done
            run.job_progress = round(100.0 * done / total, 1) if total else 0.0
            end = run.job_finished or now
            seconds = (end - run.job_started).total_seconds() if run.job_started else 0
            run.job_rate = done / seconds if seconds > 0 and done else 0.0
            if run.job_state in ("queued", "running") and run.job_rate:
                left = int((total - done) / run.job_rate)
                run.job_time_left = self.env._(
                    "%(minutes)s min %(seconds)s s", minutes=left // 60, seconds=left % 60
                )
            else:
                run.job_time_left = False

    # ---------------------------------------------------------------- start
    def _job_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(f"hc_migration.{key}")
        try:
            return max(int(value), 1) if value else default
        except ValueError:
            return default

    def _job_start(self, kind, total):
        """Start ``kind`` (stage, load, rollback) for ``total`` records: inline when small,
        else queued for the cron lanes (the request returns at once). The caller has checked
        the role and the run's state."""
        self.ensure_one()
        if self.job_state in ("queued", "running"):
            raise UserError(
                self.env._(
                    "%(run)s already has a background job %(state)s: wait for it to finish "
                    "(reload the page to see its progress).",
                    run=self.name,
                    state=dict(JOB_STATES)[self.job_state].lower(),
                )
            )
        self._job_write(
            {
                "job_kind": kind,
                "job_state": "queued",
                "job_user_id": self.env.uid,
                "job_total": total,
                "job_note": False,
                "job_started": False,
                "job_finished": False,
                "job_interruptions": 0,
                "job_cursor": False,
            }
        )
        if total <= self._job_param("job_inline_rows", INLINE_ROWS):
            # a small job is done in the request, with the same code as the lanes
            self._job_write({"job_state": "running", "job_started": fields.Datetime.now()})
            while self._job_unit(inline=True):
                pass
            return True
        self._job_trigger()
        self.message_post(
            body=self.env._(
                "%(job)s of %(total)s records queued for the background workers.",
                job=dict(JOB_KINDS)[kind],
                total=total,
            )
        )
        return True

    def _job_trigger(self):
        """Wake the cron lanes up (one ``ir.cron.trigger`` per lane, Odoo's own mechanism)."""
        for xmlid in JOB_CRONS:
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()

    def _job_write(self, vals):
        with workflow_scope(self._name, set(vals) & _JOB_FIELDS):
            return self._workflow_write(vals)

    # ----------------------------------------------------------------- cron
    @api.model
    def _cron_process_jobs(self, limit=None):
        """One lane's turn: process units of work of the queued and running jobs, committing
        after each one, while the cron's time slice lasts (Odoo gives a cron execution about
        ten seconds, then re-runs it as long as work remains; each unit is one chunk of
        about a second or two, so a lane stays far below the worker limits). ``limit``
        caps the units (tests)."""
        ctx = self.env.context
        in_cron = bool(ctx.get("ir_cron_progress_id"))
        end = ctx.get("cron_end_time", float("inf"))
        if in_cron:
            progress = self.env["ir.cron.progress"].sudo().browse(ctx["ir_cron_progress_id"])
            # this lane's last execution never finished (the worker was killed or timed
            # out): the jobs it was running were interrupted
            lost = self._job_lost_execution(progress)
            if lost is not None:
                self._job_note_interruptions(lost)
            if time.monotonic() >= end:
                # the slice is used up: return at once, with the work left, so that Odoo
                # ends this execution and runs the lane again as soon as possible
                return self._job_report(0, slice_used=True)
        processed = units = conflicts = 0
        while limit is None or units < limit:
            try:
                done = self._job_next_unit()
                self.env.flush_all()  # a conflict shows here, not in the commit below
            except CONCURRENCY_ERRORS as exc:
                conflicts += 1
                if not in_cron or conflicts > 10:
                    raise
                # another lane committed the same chunk or the run first: try again
                _logger.info("Migration job: concurrent update, retrying (%s)", exc)
                self.env.cr.rollback()
                self.env.invalidate_all()
                continue
            if not done:
                break
            units += 1
            processed += done
            if in_cron:
                self.env["ir.cron"]._commit_progress(done)
                self.env.invalidate_all()
            if time.monotonic() >= end:
                break
        return self._job_report(processed)

    def _job_report(self, processed, slice_used=False):
        """Tell Odoo's cron how much work remains (0 when this lane found nothing it could
        do: the other lane holds it), and wake the lanes again while some remains."""
        if not self._job_in_cron():
            return processed
        remaining = self._job_pending() if processed or slice_used else 0
        if remaining:
            self._job_trigger()
        self.env["ir.cron"]._commit_progress(remaining=remaining)
        return processed

    @api.model
    def _job_pending(self):
        """Units of work left in the queued and running jobs."""
        runs = self.sudo().search([("job_state", "in", ("queued", "running"))])
        if not runs:
            return 0
        self.env.cr.execute(
            SQL(
                "SELECT count(DISTINCT (run_id, job_chunk)) FROM hc_migration_row "
                "WHERE run_id = ANY(%s) AND job_chunk IS NOT NULL AND state = 'valid'",
                runs.ids,
            )
        )
        return self.env.cr.fetchone()[0] + len(runs)

    @api.model
    def _job_next_unit(self):
        """Process one unit of work of the first job that has one available to this lane:
        the number of records it processed (0: nothing to do now)."""
        for run in self.sudo().search([("job_state", "in", ("queued", "running"))], order="id"):
            user = run.job_user_id
            if user and user.active:
                run = run.with_user(user).with_context(lang=user.lang)
            done = run._job_unit(inline=False)
            if done:
                return done
        return 0

    def _job_in_cron(self):
        """Whether this runs in a cron lane (Odoo's cron gives the execution a progress
        record): only there does a job commit."""
        return bool(self.env.context.get("ir_cron_progress_id"))

    def _job_unit(self, inline):
        """One unit of the run's job (records processed; 0 when nothing is left or another
        lane holds what is left). Inline, errors reach the user as before; in a lane they
        end the job with a message on the run."""
        self.ensure_one()
        if self.job_state not in ("queued", "running"):
            return 0
        unit = getattr(self, f"_job_unit_{self.job_kind}")
        if inline:
            return unit(inline=True)
        in_cron = self._job_in_cron()
        try:
            if in_cron:
                return unit(inline=False)
            with self.env.cr.savepoint():
                return unit(inline=False)
        except CONCURRENCY_ERRORS:
            raise
        except Exception as exc:  # the job ends with the error on the run
            _logger.info("Migration job of %s failed: %s", self.name, exc, exc_info=True)
            message = exc.args[0] if isinstance(exc, UserError) else repr(exc)
            if in_cron:
                self.env.cr.rollback()
            self.env.invalidate_all()
            self._job_failed(message)
            return 1

    def _job_failed(self, message):
        """A lane's job ended on an error: staging leaves the run a draft (what it staged is
        discarded); a load that cannot resume is rolled back; the chatter says why."""
        if self.job_kind == "stage":
            self._job_discard_staging()
            self._job_write(
                {"job_state": "failed", "job_note": message, "job_finished": fields.Datetime.now()}
            )
            self.message_post(
                body=self.env._("Staging failed, nothing was staged: %(error)s", error=message)
            )
        elif self.job_kind == "load":
            self._job_give_up(message)
        else:
            self._job_interrupted(message)

    def _job_done(self, message):
        self._job_write({"job_state": "done", "job_finished": fields.Datetime.now()})
        if message:
            self.message_post(body=message)
        if self._job_in_cron():
            # wake the lanes once more (they find nothing to do): one whose execution was
            # lost while this lane finished the job tells the run now, not at a cron
            # worker's next poll (a minute or more later)
            self._job_trigger()

    # ---------------------------------------------------------------- locks
    def _job_lock_row(self):
        """Lock the run's row for this transaction before a lane writes the job (starts it,
        rolls a chunk back, finishes it). A lane whose snapshot predates the other lane's
        commit on the run fails here with a serialization error, quietly, and retries the
        unit with a fresh snapshot; without the lock, the same error would come from the
        flush of its write, logged by Odoo as an ERROR ("bad query")."""
        self.env.cr.execute(
            SQL("SELECT id FROM hc_migration_run WHERE id = %s FOR NO KEY UPDATE", self.id),
            log_exceptions=False,
        )

    def _job_try_lock(self, number):
        """Transaction-level advisory lock on (run, chunk ``number``): released by the commit
        or the rollback, or when a killed worker's connection closes."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s)", LOCK_BASE + (self.id << 24) + number)
        )
        return self.env.cr.fetchone()[0]

    # -------------------------------------------------------------- buttons
    def _job_started_seconds(self):
        """Seconds since the job started (the time a background load or staging took)."""
        if not self.job_started:
            return 0.0
        return (fields.Datetime.now() - self.job_started) / datetime.timedelta(seconds=1)
