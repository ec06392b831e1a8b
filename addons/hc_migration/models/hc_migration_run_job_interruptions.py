# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
from odoo import fields, models

from .hc_migration_run_job import CONCURRENCY_ERRORS, JOB_CRONS, JOB_KINDS, MAX_INTERRUPTIONS


class HcMigrationRun(models.Model):
    """Interrupted background jobs: a lane execution Odoo lost (worker killed or timed out,
    server stopped) is detected by the next one, and the jobs that ran in it are told so:
    they resume from their first chunk not done, and give up after ``MAX_INTERRUPTIONS``
    (a load is then rolled back)."""

    _inherit = "hc.migration.run"

    def _job_lost_execution(self, progress):
        """The progress record of this lane's previous execution if Odoo lost it (its
        worker was killed or timed out, the server stopped), else None; ``progress`` is the
        current execution's. Odoo counts the executions that never finished: the current
        one's ``timed_out_counter`` is 2 or more. After a third one in a row that committed
        nothing, Odoo does not run the lane but fails it ("timed out": counter back to 0,
        ``failure_count`` raised, ``lastcall`` set): the execution after that one is told by
        the failure, on its first pass (the previous record is older than ``lastcall``)."""
        cron = progress.cron_id
        previous = (
            self.env["ir.cron.progress"]
            .sudo()
            .search([("cron_id", "=", cron.id), ("id", "<", progress.id)], order="id desc", limit=1)
        )
        if progress.timed_out_counter >= 2:
            return previous
        lastcall = self.env.context.get("lastcall")
        if previous and cron.failure_count and lastcall and previous.create_date <= lastcall:
            return previous
        return None

    def _job_note_interruptions(self, lost):
        """The jobs that ran when a lane's execution was lost (``lost``: its progress
        record, see ``_job_lost_execution``) were interrupted: those still running resume
        from their first chunk not done, and those the other lane finished in the meantime
        (after the lost execution's last commit) were resumed and completed. Each run is told
        at once, in a commit of its own (retried on a concurrent update by the other lane, so
        that the note is not lost with a chunk the lane retries)."""
        since = lost.write_date or fields.Datetime.now()
        domain = [
            "|",
            ("job_state", "=", "running"),
            "&",
            ("job_state", "=", "done"),
            ("job_finished", ">=", since),
        ]
        stager = self.env.ref(JOB_CRONS[0], raise_if_not_found=False)
        if stager and self.env.context.get("cron_id") != stager.id:
            domain.append(("job_kind", "!=", "stage"))  # lane 1 alone stages
        reason = self.env._("a background worker was stopped")
        for run_id in self.sudo().search(domain, order="id").ids:
            for _attempt in range(10):
                try:
                    run = self.sudo().browse(run_id)
                    run._job_lock_row()
                    if run.filtered_domain(domain):
                        run._job_interrupted(reason)
                    self.env.flush_all()
                    self.env["ir.cron"]._commit_progress()
                    break
                except CONCURRENCY_ERRORS:
                    self.env.cr.rollback()
                finally:
                    self.env.invalidate_all()

    def _job_interrupted(self, reason):
        count = self.job_interruptions + 1
        self._job_write({"job_interruptions": count})
        if self.job_state == "done":
            # the other lane took the chunks over and finished: nothing to resume or undo
            if self.job_note != self.env._("Interrupted — rolled back"):
                self._job_write({"job_note": self.env._("Interrupted — resumed")})
            self.message_post(
                body=self.env._(
                    "%(job)s interrupted (%(reason)s): the other lane resumed it from the "
                    "first chunk not done and finished it; no chunk was written twice.",
                    job=dict(JOB_KINDS)[self.job_kind],
                    reason=reason,
                )
            )
            return None
        if count > MAX_INTERRUPTIONS and self.job_kind == "load":
            return self._job_give_up(reason)
        if count > MAX_INTERRUPTIONS:
            self._job_write({"job_state": "failed", "job_note": reason})
            self.message_post(
                body=self.env._(
                    "%(job)s interrupted %(count)s times (%(reason)s): stopped. Start it "
                    "again from the run.",
                    job=dict(JOB_KINDS)[self.job_kind],
                    count=count,
                    reason=reason,
                )
            )
            return None
        self._job_write({"job_note": self.env._("Interrupted — resumed")})
        self.message_post(
            body=self.env._(
                "%(job)s interrupted (%(reason)s): it resumes from the first chunk not done; "
                "chunks already committed are not written again.",
                job=dict(JOB_KINDS)[self.job_kind],
                reason=reason,
            )
        )
        return None
