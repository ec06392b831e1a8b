# pylint: disable=consider-merging-classes-inherited
import json

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, split_every

from ..lib.scoring import LAYERS, Settings, rag


def _json_rows(rows, columns):
    """``rows`` (dicts) as one JSON query parameter for ``json_to_recordset``, keeping the
    ``columns`` (name, PostgreSQL type) of each row: one text value whatever the row count,
    escaped by the json module; ``psycopg2`` adapts a list parameter element by element into
    an ``ARRAY[...]`` expression PostgreSQL must parse, several times slower at 10,000 rows."""
    names = [name for name, _type in columns]
    return json.dumps(
        [{name: row[name] for name in names} for row in rows],
        default=fields.Datetime.to_string,
    )


def _recordset_columns(columns):
    """The column definition list of ``json_to_recordset(...) AS v(...)``."""
    return SQL(", ").join(SQL("%s %s", SQL.identifier(name), SQL(type_)) for name, type_ in columns)


class HcProgram(models.Model):
    """The programme's scoring engine: the mandatory training lines counted per employee
    and role in one aggregate query, the score rows built from them (the roll-up itself is
    ``hc.readiness.rollup._recompute_readiness``) and written in bulk, and the stored rows
    the scorecard prints."""

    _inherit = "hc.program"

    @api.model
    def _cron_recompute_readiness(self):
        programs = self.search([("state", "=", "active")])
        programs._recompute_readiness()
        programs._take_snapshots()

    # ---------------------------------------------------------------- engine
    def _settings(self):
        self.ensure_one()
        return Settings(
            weight_process=self.weight_process,
            weight_system=self.weight_system,
            weight_exception=self.weight_exception,
            count_assessment_score=self.count_assessment_score,
            count_acknowledgments=self.count_acknowledgments,
        )

    def _program_cells(self, settings):
        """The mandatory training lines of each wave (its roles at its sites) counted per
        employee and role, each layer's counts by category in its own columns (the role rows
        of ``lib/scoring.py``: a third of the rows one per layer would take, which is what
        the engine and the driver spend their time on).

        One aggregate query for the whole programme whatever the headcount: the lines are
        joined to the waves' (wave, role, site) scope, so a line counts in every wave that
        needs it and the table is read once. It is built from the ORM's domain
        (``_search``: record rules, archived assignments, company) and returns plain rows;
        ``_read_group`` would build two records per employee row, which at 10,000 employees
        costs more than the query itself. The query only counts; the formula lives in
        ``lib/scoring.py``.

        Returns {wave id: (role rows, {employee: (site, department)})}.
        """
        Completion = self.env["hc.training.completion"]
        scope = [
            (wave.id, role_id, site_id)
            for wave in self.wave_ids
            for role_id in wave.role_ids.ids
            for site_id in wave.site_ids.ids
        ]
        if not scope:
            return {}
        domain = Domain(
            [
                ("assignment_active", "=", True),
                ("is_mandatory", "=", True),
                ("role_id", "in", list({r for _w, r, _s in scope})),
                ("site_id", "in", list({s for _w, _r, s in scope})),
                ("company_id", "=", self.company_id.id),
            ]
        )
        if not settings.count_acknowledgments:
            domain &= Domain("kind", "!=", "acknowledgment")
        query = Completion._search(domain)
        query.add_join(
            "JOIN",
            "hc_wave_scope",
            SQL(
                "(SELECT * FROM unnest(%s::int4[], %s::int4[], %s::int4[]) "
                "AS u(wave_id, role_id, site_id))",
                [w for w, _r, _s in scope],
                [r for _w, r, _s in scope],
                [s for _w, _r, s in scope],
            ),
            SQL(
                "%s = %s AND %s = %s",
                SQL.identifier("hc_wave_scope", "role_id"),
                SQL.identifier(query.table, "role_id"),
                SQL.identifier("hc_wave_scope", "site_id"),
                SQL.identifier(query.table, "site_id"),
            ),
        )
        Completion.flush_model(
            [
                "employee_id",
                "role_id",
                "layer",
                "kind",
                "state",
                "assignment_waived",
                "score",
                "date_due",
                "site_id",
                "department_id",
            ]
        )

        def col(name):
            return SQL.identifier(query.table, name)

        waived = SQL("COALESCE(%s, FALSE)", col("assignment_waived"))
        scored = SQL(
            "NOT %s AND %s = 'done' AND %s = 'assessment'", waived, col("state"), col("kind")
        )
        full = SQL("%s OR (%s = 'done' AND %s <> 'assessment')", waived, col("state"), col("kind"))
        per_layer = []
        for layer in LAYERS:  # the layers pivoted into columns: one row per employee and role
            in_layer = SQL("%s = %s", col("layer"), layer)
            per_layer += [
                SQL("COUNT(*) FILTER (WHERE %s)", in_layer),
                SQL("COUNT(*) FILTER (WHERE %s AND (%s))", in_layer, full),
                SQL("COUNT(*) FILTER (WHERE %s AND %s)", in_layer, scored),
                SQL(
                    "COALESCE(SUM(LEAST(GREATEST(%s, 0), 100)) FILTER (WHERE %s AND %s), 0)",
                    col("score"),
                    in_layer,
                    scored,
                ),
            ]
        # one hash entry per employee and role: let the aggregate stay in memory (about 200
        # bytes per entry, 20,000 entries at 10,000 employees) for this query
        cr = self.env.cr
        cr.execute("SHOW work_mem")
        work_mem = cr.fetchone()[0]
        cr.execute("SET LOCAL work_mem = '64MB'")
        rows = self.env.execute_query(
            SQL(
                "%s GROUP BY 1, 2, 3",
                query.select(
                    SQL.identifier("hc_wave_scope", "wave_id"),
                    col("employee_id"),
                    col("role_id"),
                    *per_layer,
                    SQL("COUNT(*) FILTER (WHERE NOT %s AND %s = 'expired')", waived, col("state")),
                    SQL(
                        "COUNT(*) FILTER (WHERE NOT %s AND %s = 'todo' AND %s < %s)",
                        waived,
                        col("state"),
                        col("date_due"),
                        fields.Date.context_today(self),
                    ),
                    SQL("MIN(%s)", col("site_id")),
                    SQL("MIN(%s)", col("department_id")),
                ),
            )
        )
        cr.execute(SQL("SELECT set_config('work_mem', %s, true)", work_mem))
        result = {wave.id: ([], {}) for wave in self.wave_ids}
        for wave_id, *row in rows:  # rows have the shape of ``lib.scoring.role_rows``
            role_rows, facts = result[wave_id]
            role_rows.append(row)
            facts[row[0]] = (row[-2], row[-1] or False)
        return result

    def _score_row_factory(self, now):
        """A function building score rows of this programme from a roll-up ``Tally``
        (values read once: it is called for every employee)."""
        self.ensure_one()
        program_id, company_id = self.id, self.company_id.id
        amber, green = self.threshold_amber, self.threshold_green

        def score_row(wave, level, tally, **keys):
            total, done, overdue, expired = tally.counts
            score = tally.score
            return {
                "program_id": program_id,
                "company_id": company_id,
                "wave_id": wave.id if wave else None,
                "level": level,
                "employee_id": keys.get("employee_id") or None,
                "role_id": keys.get("role_id") or None,
                "department_id": keys.get("department_id") or None,
                "site_id": keys.get("site_id") or None,
                "workstream_id": keys.get("workstream_id") or None,
                "score": score,
                "has_score": score is not None,
                "rag": rag(score, amber, green),
                "weight": len(tally.members),
                "people": round(tally.people, 6),
                "score_points": round(tally.points, 6),
                "lines_total": total,
                "lines_done": done,
                "lines_overdue": overdue,
                "lines_expired": expired,
                "date_computed": now,
            }

        return score_row

    _SCORE_COLUMNS = (
        ("program_id", "int4"),
        ("company_id", "int4"),
        ("wave_id", "int4"),
        ("level", "varchar"),
        ("employee_id", "int4"),
        ("role_id", "int4"),
        ("department_id", "int4"),
        ("site_id", "int4"),
        ("workstream_id", "int4"),
        ("score", "float8"),
        ("has_score", "bool"),
        ("rag", "varchar"),
        ("weight", "int4"),
        ("people", "float8"),
        ("score_points", "float8"),
        ("lines_total", "int4"),
        ("lines_done", "int4"),
        ("lines_overdue", "int4"),
        ("lines_expired", "int4"),
        ("date_computed", "timestamp"),
    )

    _SCORE_KEY = (
        "wave_id",
        "level",
        "employee_id",
        "role_id",
        "department_id",
        "site_id",
        "workstream_id",
    )

    def _store_scores(self, rows):
        """Replace the programme's score rows with ``rows``. A derived cache rebuilt as a
        whole, so it is written in bulk rather than record by record: rows whose key
        (wave, level, employee, role, department, site, workstream) already exists are
        updated in place, and only when their figures changed (a nightly recompute moves a
        fraction of the employees), with one ``UPDATE ... FROM json_to_recordset(rows)`` per
        chunk (no foreign key to re-check; the rows are one JSON parameter); new keys are
        inserted with ``INSERT ... SELECT FROM json_to_recordset``; keys that vanished are
        deleted. A row's ``date_computed`` is therefore when its figures last changed; the
        programme's is when it was last recomputed."""
        self.ensure_one()
        Score = self.env["hc.readiness.score"]
        Score.flush_model()
        cr = self.env.cr
        key_columns = self._SCORE_KEY
        columns = self._SCORE_COLUMNS
        value_columns = [(n, t) for n, t in columns if n not in key_columns and n != "program_id"]
        compared = [n for n, _t in value_columns if n != "date_computed"]
        cr.execute(
            SQL(
                "SELECT id, %s, %s FROM hc_readiness_score WHERE program_id = %s",
                SQL(", ").join(SQL.identifier(name) for name in key_columns),
                SQL(", ").join(SQL.identifier(name) for name in compared),
                self.id,
            )
        )
        width = len(key_columns)
        existing = {
            tuple(row[1 : width + 1]): (row[0], tuple(row[width + 1 :])) for row in cr.fetchall()
        }
        updates, inserts = [], []
        for row in rows:
            found = existing.pop(tuple(row[name] for name in key_columns), None)
            if not found:
                inserts.append(row)
            elif found[1] != tuple(row[name] for name in compared):
                updates.append((found[0], row))
        if existing:
            cr.execute(
                SQL(
                    "DELETE FROM hc_readiness_score WHERE id = ANY(%s)",
                    [score_id for score_id, _values in existing.values()],
                )
            )
        update_columns = [("id", "int4"), *value_columns]
        for chunk in split_every(20000, updates, list):
            cr.execute(
                SQL(
                    "UPDATE hc_readiness_score s SET %s FROM json_to_recordset(%s) AS v(%s) "
                    "WHERE s.id = v.id",
                    SQL(", ").join(
                        SQL("%s = v.%s", SQL.identifier(n), SQL.identifier(n))
                        for n, _t in value_columns
                    ),
                    _json_rows(
                        ({"id": score_id, **row} for score_id, row in chunk), update_columns
                    ),
                    _recordset_columns(update_columns),
                )
            )
        for chunk in split_every(20000, inserts, list):
            cr.execute(
                SQL(
                    "INSERT INTO hc_readiness_score (%s) "
                    "SELECT * FROM json_to_recordset(%s) AS v(%s)",
                    SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                    _json_rows(chunk, columns),
                    _recordset_columns(columns),
                )
            )
        Score.invalidate_model()

    def _scorecard_data(self, limit=10):
        """Wave and site rows (each wave's overall row first) and the top gaps (steps with
        most missing completions) for the PDF: the stored rows every screen reads."""
        self.ensure_one()
        sites = self.env["hc.readiness.score"].search(
            [("program_id", "=", self.id), ("level", "in", ("wave", "site"))],
            order="wave_id, level desc, score",
        )
        domain = (
            Domain.OR(
                Domain([("role_id", "in", wave.role_ids.ids), ("site_id", "in", wave.site_ids.ids)])
                for wave in self.wave_ids
            )
            if self.wave_ids
            else Domain.FALSE
        )
        domain &= Domain(
            [
                ("assignment_active", "=", True),
                ("is_mandatory", "=", True),
                ("state", "in", ("todo", "expired")),
                ("assignment_waived", "=", False),
                ("company_id", "=", self.company_id.id),
            ]
        )
        groups = self.env["hc.training.completion"]._read_group(
            domain, ["role_id", "step_id"], ["__count"], order="__count desc", limit=limit
        )
        gaps = [
            {"role": role.name, "step": step.name, "missing": count} for role, step, count in groups
        ]
        return {"sites": sites, "gaps": gaps}
