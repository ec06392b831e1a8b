# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import Counter

from odoo import models
from odoo.tools import SQL

from ..lib import validation
from .hc_migration_run_staging import STAGE_CHUNK


class HcMigrationRun(models.Model):
    """Keys duplicated inside a staged file (unique rules), found in the staging table
    after the last chunk: every row holding a repeated key is rejected."""

    _inherit = "hc.migration.run"

    def _reject_duplicate_keys(self):
        """Keys duplicated inside the file (unique rules): every row holding the key is
        rejected. Its reason names at most ``validation.OTHERS_SHOWN`` other rows and counts
        the rest ("also on rows 3, 4, 5 and 5,996 other rows"): one key repeated on every row
        of a 50,000-row file costs a short reason per row, not the file's row numbers on
        every row."""
        domain = self.domain_id
        rules = domain.rule_ids.filtered(lambda r: r.active and r.kind == "unique")
        column_of = self._column_names()
        reasons = Counter(json.loads(self.rejected_by_reason or "{}"))
        pending = []  # (row id, message): written STAGE_CHUNK at a time, never all at once
        for fname in sorted(set(rules.mapped("field_name"))):
            column = column_of.get(fname, fname)
            for page in self._duplicate_keys(fname):
                for row_id, sheet, number, value, count, shown in page:
                    others = validation.others_text(shown, number, count - 1)
                    pending.append(
                        (
                            row_id,
                            self.env._(
                                "Sheet '%(sheet)s', row %(row)s, column '%(column)s': "
                                "'%(value)s' also on %(others)s",
                                sheet=sheet,
                                row=number,
                                column=column,
                                value=value,
                                others=self._reason_text(others),
                            ),
                        )
                    )
                reasons[f"{fname}: duplicate key in file"] += len(page)
                self._append_row_errors(pending)
                pending = []
            # one UPDATE never holds a row twice (a row may repeat two unique keys)
            self._append_row_errors(pending)
            pending = []
        self._workflow_write({"rejected_by_reason": json.dumps(dict(reasons))})

    def _append_row_errors(self, errors):
        """Reject the staged rows of ``errors`` ((row id, message), one message each) and
        add the message to their reasons, in one UPDATE."""
        if not errors:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r
                   SET state = 'rejected',
                       errors = concat_ws(E'\n', r.errors, d.message),
                       error_count = r.error_count + 1
                  FROM unnest(%s::int4[], %s::text[]) AS d(id, message)
                 WHERE r.id = d.id
                """,
                [row_id for row_id, _message in errors],
                [message for _row_id, message in errors],
            )
        )
        self.env["hc.migration.row"].invalidate_model(["state", "errors", "error_count"])

    def _duplicate_keys(self, fname):
        """Pages of (row id, sheet, row number, value, rows holding it, first row numbers) of
        the staged rows whose value of ``fname`` more than one row of the run holds (trimmed,
        case-insensitive), from the staging table, ``STAGE_CHUNK`` rows a page: neither the
        file's rows nor a key's row list (one placeholder code on 50,000 rows) are held in
        memory. The first row numbers (``validation.OTHERS_SHOWN`` + 1 of them) are what a
        reason names; the rest is counted."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                DROP TABLE IF EXISTS hc_dup_rows;
                CREATE TEMP TABLE hc_dup_rows ON COMMIT DROP AS
                WITH r AS (
                    SELECT id, sheet, row_number, upper(btrim(mapped_values::jsonb ->> %(f)s)) AS k
                      FROM hc_migration_row
                     WHERE run_id = %(run)s AND (mapped_values::jsonb ->> %(f)s) <> ''
                ), keys AS (
                    SELECT k, count(*) AS n,
                           (array_agg(row_number ORDER BY row_number))[1:%(shown)s] AS shown
                      FROM r GROUP BY k HAVING count(*) > 1
                )
                SELECT r.id, r.sheet, r.row_number, r.k, keys.n, keys.shown
                  FROM r JOIN keys ON keys.k = r.k;
                CREATE INDEX ON hc_dup_rows (id);
                """,
                f=fname,
                run=self.id,
                shown=validation.OTHERS_SHOWN + 1,
            )
        )
        last = 0
        while True:
            cr.execute(
                SQL(
                    "SELECT id, sheet, row_number, k, n, shown FROM hc_dup_rows "
                    "WHERE id > %s ORDER BY id LIMIT %s",
                    last,
                    STAGE_CHUNK,
                )
            )
            page = cr.fetchall()
            if not page:
                break
            yield page
            last = page[-1][0]
        cr.execute("DROP TABLE hc_dup_rows")
