"""Query budgets of the hot path of staging: one chunk of a file (the body of the staging
job's loop: map, validate and insert the chunk's rows, then keep the job's cursor). The
budget is the same for a chunk of 20 rows and one of 200: the rows are inserted with one
statement per chunk, never one per row."""

from odoo.tests import tagged

from ..lib.reader import MixedDateCheck
from .common import HcMigrationCommon, xlsx

# queries to stage one chunk, whatever its number of rows (see the module docstring)
STAGE_CHUNK_QUERIES_JOB = 3  # as the background job (the cron's user) runs it
STAGE_CHUNK_QUERIES_LEAD = 3  # as the lead's request runs it (a small file, inline)


def supplier_rows(count, start=0):
    """``count`` supplier rows; every fifth has a VAT with a wrong check digit and every
    seventh an invalid email (rejected rows cost no more than valid ones)."""
    return [
        [
            f"Q-{i:05d}",
            f"Query Supplier {i:05d} Ltd",
            "BE0477472700" if i % 5 == 0 else "",
            "not-an-email" if i % 7 == 0 else f"orders{i}@query{i}.example",
            "",
            "Leeds",
        ]
        for i in range(start, start + count)
    ]


@tagged("post_install", "-at_install")
class TestStagingQueryCount(HcMigrationCommon):
    def _chunk(self, user, count, start):
        """A draft run of ``count`` rows and its rows as the reader streams them (one chunk)."""
        run = self._run(xlsx(supplier_rows(count, start))).with_user(user)
        rows = list(run._read_source(run._file_content()).rows)
        self.assertEqual(len(rows), count)
        return run, rows

    def _stage_chunk(self, run, rows):
        """The staging job's loop body for one chunk (``_job_unit_stage``)."""
        date_check = MixedDateCheck(
            run.domain_id.mapping_ids.filtered(lambda m: m.transform == "date").mapped(
                "source_column"
            )
        )
        run._stage_rows(rows, date_check)
        run._job_save_cursor(date_check, complete=False)

    def _assert_flat_budget(self, user, budget):
        # warm-up, the same steps: the domain's mapping, rules and the access checks of the
        # user in the caches
        run, rows = self._chunk(user, 20, 0)
        run.invalidate_recordset()
        self._stage_chunk(run, rows)
        for count, start in ((20, 1000), (200, 2000)):
            run, rows = self._chunk(user, count, start)
            # the run as a slice of the job finds it: read again from the database (the
            # domain's mapping and rules stay primed by the warm-up)
            run.invalidate_recordset()
            with self.assertQueryCount(budget):
                self._stage_chunk(run, rows)
            run.invalidate_recordset()
            self.assertEqual(run.rows_read, count)
            staged = run.row_ids
            self.assertEqual(len(staged), count)
            self.assertEqual(
                len(staged.filtered(lambda r: r.state == "rejected")),
                len([i for i in range(start, start + count) if i % 5 == 0 or i % 7 == 0]),
            )

    def test_stage_one_chunk_as_the_job(self):
        self._assert_flat_budget(self.env.ref("base.user_root"), STAGE_CHUNK_QUERIES_JOB)

    def test_stage_one_chunk_as_the_lead(self):
        self._assert_flat_budget(self.lead, STAGE_CHUNK_QUERIES_LEAD)
