"""Staging, loads and rollbacks as background jobs (Odoo's cron lanes): the button only
queues, the cron processes chunk by chunk with progress on the run, an interrupted job
resumes without writing anything twice, and a load that cannot resume is rolled back."""

from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib.row_estimate import estimate_rows
from ..models.hc_migration_run_job import JOB_CRONS, MAX_INTERRUPTIONS
from .common import HcMigrationCommon, xlsx

ROWS = 30


def supplier_rows(count=ROWS):
    return [
        [
            f"J-{i:03d}",
            f"Jobtest Supplier {i:03d} {'Alpha Beta Gamma Delta'.split()[i % 4]} Ltd",
            "",
            f"orders{i}@jobtest{i}.example",
            "",
            "Leeds",
        ]
        for i in range(count)
    ]


@tagged("post_install", "-at_install")
class TestBackgroundJobs(HcMigrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        # small thresholds so that a 30-row file is a background job in 4-row chunks
        params.set_param("hc_migration.job_inline_rows", "5")
        params.set_param("hc_migration.job_chunk_rows", "4")
        cls.lanes = cls.env["ir.cron"].browse([cls.env.ref(x).id for x in JOB_CRONS])
        cls.Run = cls.env["hc.migration.run"]

    def _process(self, calls=None, **context):
        """Run the cron lane's method as Odoo's cron would (``calls`` times, or until the
        jobs are done); ``cron_end_time=0`` makes each call one unit (one chunk)."""
        Run = self.Run.with_context(**context)
        count = 0
        while calls is None or count < calls:
            if not Run._cron_process_jobs():
                break
            count += 1
        return count

    def _partners(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return Partner.search([("ref", "=like", "J0%")])

    @contextmanager
    def _as_cron(self, timed_out_counter=0, end=0, lastcall=None):
        """A cron execution of lane 1 (progress record in the context), on a cursor of its
        own as Odoo's cron tests run one: in the registry's test mode its commits and
        rollbacks are savepoints of the test's transaction."""
        cron = self.lanes[0]
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "timed_out_counter": timed_out_counter}
        )
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            yield self.Run.with_env(self.Run.env(cr=cr)).with_context(
                ir_cron_progress_id=progress.id,
                cron_id=cron.id,
                cron_end_time=end,
                lastcall=lastcall,
            )

    # ---------------------------------------------------------------- start
    def test_button_only_queues_and_triggers_the_lanes(self):
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([("cron_id", "in", self.lanes.ids)])
        run = self._run(xlsx(supplier_rows()))
        self.assertEqual(run.action_stage(), True)
        self.assertEqual((run.state, run.job_state, run.job_kind), ("draft", "queued", "stage"))
        self.assertFalse(run.row_ids, "the request stages nothing")
        self.assertEqual(run.job_total, ROWS)
        self.assertEqual(run.job_user_id, self.lead)
        triggers = Trigger.search([("cron_id", "in", self.lanes.ids)]) - before
        self.assertEqual(triggers.cron_id, self.lanes, "both lanes are triggered")
        self.assertIn("queued", run.message_ids[0].body)
        with self.assertRaises(UserError):  # one job at a time
            run.action_stage()

    def test_small_file_is_staged_in_the_request(self):
        run = self._run(xlsx(supplier_rows(5)))
        run.action_stage()
        self.assertEqual((run.state, run.job_state, run.rows_read), ("validated", "done", 5))

    def test_only_the_migration_lead_starts_a_job(self):
        run = self._run(xlsx(supplier_rows()))
        for user in (self.owner, self.employee):
            with self.assertRaises(AccessError):
                run.with_user(user).action_stage()
        self.assertFalse(run.job_state)

    def test_estimate_rows(self):
        self.assertEqual(estimate_rows("a.xlsx", xlsx(supplier_rows(12))), 12)
        self.assertEqual(estimate_rows("a.csv", b"h1,h2\n1,2\n3,4\n"), 2)
        self.assertEqual(estimate_rows("a.xlsx", b"not a zip"), 0)

    # -------------------------------------------------------------- staging
    def test_staging_runs_chunk_by_chunk_with_progress(self):
        run = self._run(xlsx(supplier_rows()))
        run.action_stage()
        done = []
        while run.job_state != "done":
            self.assertTrue(self._process(calls=1, cron_end_time=0), "a unit was processed")
            run.invalidate_recordset()
            done.append(run.job_done)
            self.assertLess(len(done), 20)
        self.assertEqual(done[0], 4, "one chunk of 4 rows per unit")
        self.assertEqual(done, sorted(done), "progress only moves forward")
        self.assertEqual((run.state, run.rows_read, run.job_progress), ("validated", ROWS, 100))
        self.assertTrue(run.job_finished)
        self.assertEqual(len(run.row_ids), ROWS, "every row staged once")
        self.assertIn("Staging done", run.message_ids[0].body)
        # the same file staged in one go (inline) gives the same run
        inline = self._run(xlsx(supplier_rows()))
        self.env["ir.config_parameter"].sudo().set_param("hc_migration.job_inline_rows", "100")
        inline.action_stage()
        fields_ = ["rows_read", "rows_valid", "rows_rejected", "dup_found"]
        self.assertEqual(inline.read(fields_)[0] | {"id": 0}, run.read(fields_)[0] | {"id": 0})

    def test_background_staging_of_a_refused_file_stages_nothing(self):
        self.domain.max_rows = 10
        run = self._run(xlsx(supplier_rows()))
        run.action_stage()
        self._process()
        self.assertEqual((run.state, run.job_state), ("draft", "failed"))
        self.assertFalse(run.row_ids, "what was staged before the refusal is discarded")
        self.assertEqual(run.rows_read, 0)
        self.assertIn("more than 10", run.job_note)
        self.assertIn("Staging failed", run.message_ids[0].body)

    # ----------------------------------------------------------------- load
    def _staged(self, rows=None):
        self.env["ir.config_parameter"].sudo().set_param("hc_migration.job_inline_rows", "1000")
        run = self._run(xlsx(rows or supplier_rows()))
        run.action_stage()
        self.env["ir.config_parameter"].sudo().set_param("hc_migration.job_inline_rows", "5")
        self.assertEqual(run.state, "validated")
        return run

    def test_load_in_chunks_resumes_without_writing_twice(self):
        run = self._staged()
        run.action_load()
        self.assertEqual((run.state, run.job_state, run.job_total), ("validated", "queued", ROWS))
        self.assertFalse(self._partners(), "the request loads nothing")
        chunks = set(run.row_ids.mapped("job_chunk"))
        self.assertEqual(len(chunks), 8, "30 rows in chunks of 4")
        # a lane takes the job and loads one chunk, then stops (its worker is killed)
        self._process(calls=2, cron_end_time=0)
        run.invalidate_recordset()
        self.assertEqual((run.job_state, run.job_done), ("running", 4))
        self.assertEqual(len(self._partners()), 4)
        # a new cron call resumes from the first chunk not done
        self._process()
        self.assertEqual((run.state, run.job_state), ("loaded", "done"))
        partners = self._partners()
        self.assertEqual(len(partners), ROWS, "every row loaded once")
        self.assertEqual(len(set(partners.mapped("ref"))), ROWS)
        self.assertEqual(run.loaded_created, ROWS)
        self.assertEqual(sorted(run.row_ids.mapped("res_id")), sorted(partners.ids))
        self.assertEqual(run.job_done, ROWS)
        self.assertIn("Loaded into res.partner", run.message_ids[0].body)

    def test_interrupted_lane_says_so_and_resumes(self):
        run = self._staged()
        run.action_load()
        self._process(calls=2, cron_end_time=0)
        # Odoo's cron counts an execution that never finished (timed_out_counter >= 2)
        with self._as_cron(timed_out_counter=2) as Run:
            Run._cron_process_jobs()
        run.invalidate_recordset()
        self.assertEqual(run.job_interruptions, 1)
        self.assertEqual(run.job_note, "Interrupted — resumed")
        self.assertTrue(run.message_ids.filtered(lambda m: "interrupted" in (m.body or "")))
        self._process()
        self.assertEqual((run.state, run.loaded_created), ("loaded", ROWS))
        self.assertEqual(len(self._partners()), ROWS)
        self.assertEqual(run.job_note, "Interrupted — resumed", "the run keeps saying so")

    def _lost_execution(self, last_commit, counter=1):
        """Lane 1's last execution, lost (its worker killed) after a commit at
        ``last_commit``: Odoo left its progress record with ``timed_out_counter`` raised."""
        lost = self.env["ir.cron.progress"].create(
            {"cron_id": self.lanes[0].id, "timed_out_counter": counter, "done": 4}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_cron_progress SET write_date = %s WHERE id = %s", (last_commit, lost.id)
        )
        lost.invalidate_recordset()

    def test_job_the_other_lane_finished_still_says_it_was_interrupted(self):
        run = self._staged()
        run.action_load()
        # lane 1 loads a chunk, then its worker is killed
        self._process(calls=2, cron_end_time=0)
        self._lost_execution(fields.Datetime.now() - timedelta(minutes=1))
        # the other lane takes the chunks over and finishes before Odoo runs lane 1 again
        self._process()
        run.invalidate_recordset()
        self.assertEqual((run.state, run.job_state, run.job_interruptions), ("loaded", "done", 0))
        with self._as_cron(timed_out_counter=2) as Run:  # lane 1 runs again
            Run._cron_process_jobs()
        run.invalidate_recordset()
        self.assertEqual((run.state, run.job_state), ("loaded", "done"), "nothing undone")
        self.assertEqual(run.job_interruptions, 1)
        self.assertEqual(run.job_note, "Interrupted — resumed")
        self.assertIn("the other lane resumed it", run.message_ids[0].body)
        self.assertEqual(len(self._partners()), ROWS, "every row loaded once")
        # a finished job told of interruptions again and again is never rolled back
        for _i in range(MAX_INTERRUPTIONS + 1):
            run.sudo()._job_interrupted("test")
        self.assertEqual((run.state, run.job_kind, run.job_state), ("loaded", "load", "done"))
        self.assertEqual(len(self._partners()), ROWS)

    def test_lane_that_finishes_a_job_wakes_the_lanes(self):
        """A lane lost while the other one finished the job is run again at once (it then
        tells the run), not at a cron worker's next poll."""
        run = self._staged()
        run.action_load()
        self._process()
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([("cron_id", "in", self.lanes.ids)])
        with self._as_cron(end=float("inf")) as Run:
            run.with_env(Run.env).sudo()._job_done(None)
        triggers = Trigger.search([("cron_id", "in", self.lanes.ids)]) - before
        self.assertEqual(triggers.cron_id, self.lanes)

    def test_job_finished_before_the_lost_execution_was_not_interrupted(self):
        run = self._staged()
        run.action_load()
        self._process()
        self._lost_execution(fields.Datetime.now() + timedelta(minutes=1))
        with self._as_cron(timed_out_counter=2) as Run:
            Run._cron_process_jobs()
        run.invalidate_recordset()
        self.assertEqual((run.state, run.job_interruptions, run.job_note), ("loaded", 0, False))

    def test_lane_odoo_failed_after_lost_executions_still_tells_the_run(self):
        run = self._staged()
        run.action_load()
        self._process(calls=2, cron_end_time=0)
        # a third execution in a row lost before it committed anything: Odoo does not run
        # the lane but fails it ("timed out"), resetting its counter and raising failure_count
        self._lost_execution(fields.Datetime.now() - timedelta(minutes=1), counter=0)
        self.lanes[0].sudo().failure_count = 1
        now = fields.Datetime.now()
        with self._as_cron(lastcall=now + timedelta(minutes=1)) as Run:
            Run._cron_process_jobs()
        run.invalidate_recordset()
        self.assertEqual((run.job_interruptions, run.job_note), (1, "Interrupted — resumed"))
        # a later pass of the same execution (its previous record is newer than lastcall)
        with self._as_cron(lastcall=now - timedelta(minutes=5)) as Run:
            Run._cron_process_jobs()
        run.invalidate_recordset()
        self.assertEqual(run.job_interruptions, 1, "told once")
        self._process()
        self.assertEqual((run.state, run.loaded_created), ("loaded", ROWS))

    def test_cron_reports_progress_to_odoo(self):
        run = self._staged()
        run.action_load()
        with self._as_cron(end=float("inf")) as Run:
            Run._cron_process_jobs(limit=2)
            progress = Run.env["ir.cron.progress"].browse(Run.env.context["ir_cron_progress_id"])
            self.assertGreater(progress.done, 0)
            self.assertGreater(progress.remaining, 0, "Odoo re-runs the lane while work remains")
        self._process()
        self.assertEqual(run.state, "loaded")

    def test_load_that_cannot_resume_is_rolled_back(self):
        run = self._staged()
        run.action_load()
        self._process(calls=3, cron_end_time=0)
        self.assertEqual(len(self._partners()), 8)
        # interrupted once more than a job may be: the load gives up
        for _i in range(MAX_INTERRUPTIONS + 1):
            run.sudo()._job_interrupted("test")
        self.assertEqual((run.job_kind, run.job_note), ("rollback", "Interrupted — rolled back"))
        self._process()
        self.assertEqual((run.state, run.job_state), ("rolled_back", "done"))
        self.assertFalse(self._partners(), "what the load wrote is rolled back")
        self.assertEqual(run.job_note, "Interrupted — rolled back")
        self.assertTrue(run.message_ids.filtered(lambda m: "could not resume" in (m.body or "")))

    def test_rollback_in_background_restores_and_removes(self):
        existing = self.env["res.partner"].create(
            {"name": "Quokka Instruments Ltd", "phone": "+44 20 7000 1234", "is_company": True}
        )
        rows = supplier_rows()
        rows[0] = ["J-000", "Quokka Instruments Ltd", "", "", "+44 20 7000 1234", "Leeds"]
        run = self._staged(rows)
        self.assertEqual(run.cluster_ids.existing_refs, f"res.partner:{existing.id}")
        run.cluster_ids.with_user(self.owner).action_merge()
        run.action_load()
        self._process()
        self.assertEqual(run.state, "loaded")
        self.assertEqual(existing.ref, "J000", "the existing partner was updated")
        run.action_rollback()
        self.assertEqual((run.state, run.job_state, run.job_kind), ("loaded", "queued", "rollback"))
        self._process(calls=2, cron_end_time=0)
        self.assertEqual(run.state, "loaded", "half-way")
        self._process()
        self.assertEqual((run.state, run.job_state), ("rolled_back", "done"))
        self.assertFalse(self._partners())
        self.assertFalse(existing.ref, "the updated partner is restored")
        self.assertEqual(existing.phone, "+44 20 7000 1234")
        self.assertFalse(run.row_ids.filtered(lambda r: r.state == "loaded"))
        self.assertIn("Rolled back", run.message_ids[0].body)
