from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .hc_program import RAG

LEVELS = [
    ("employee", "Employee"),
    ("role", "Role"),
    ("department", "Department"),
    ("site", "Site"),
    ("workstream", "Workstream"),
    ("wave", "Wave"),
    ("program", "Programme"),
]


class HcReadinessScore(models.Model):
    """A readiness score at one level of the roll-up, as the engine last computed it.

    Rows are a derived cache of the training records: the engine replaces a programme's rows
    as a whole (``hc.program._recompute_readiness``); nobody edits them.
    """

    _name = "hc.readiness.score"
    _description = "Readiness Score"
    _order = "program_id, wave_id, level, score, id"
    _rec_name = "level"
    # a derived cache written in bulk by the engine: who wrote a row says nothing, and the
    # create/write user columns would cost two foreign-key checks per inserted row
    _log_access = False

    # few indexes on purpose: the engine rewrites every row of a programme on each
    # recompute, and (program_id, level, site_id) serves the lookups and the cascades
    program_id = fields.Many2one(
        "hc.program", string="Programme", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    wave_id = fields.Many2one("hc.program.wave", ondelete="cascade", readonly=True)
    level = fields.Selection(LEVELS, required=True, readonly=True)
    employee_id = fields.Many2one("hr.employee", index="btree_not_null", readonly=True)
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    role_id = fields.Many2one("hc.training.role", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    site_id = fields.Many2one("hc.site", index="btree_not_null", readonly=True)
    workstream_id = fields.Many2one("hc.workstream", readonly=True)
    # score = score_points / people. Grouped (pivots, graphs, spreadsheet), "score" is
    # sum(score_points) / sum(people) (``_read_group_select``): the headcount-weighted mean,
    # never a plain average of percentages over rows of different headcounts.
    score = fields.Float(
        string="Readiness (%)",
        readonly=True,
        aggregator="avg",
        help="Mean readiness of the people behind the row. Grouped, the headcount-weighted "
        "mean of the rows: the figure the engine stores for that group.",
    )
    has_score = fields.Boolean(readonly=True)
    rag = fields.Selection(RAG, string="Status", readonly=True)
    people = fields.Float(
        string="Headcount",
        readonly=True,
        aggregator="sum",
        digits=(16, 1),
        help="The people behind the figure, each counted once per wave. Someone holding "
        "several roles is split over them in proportion to the readiness weight each role's "
        "lines carry, so roles and workstreams add up to their site.",
    )
    score_points = fields.Float(
        string="Readiness Points",
        readonly=True,
        aggregator="sum",
        help="Sum of the people's readiness: readiness = points / headcount.",
    )
    weight = fields.Integer(
        string="People",
        readonly=True,
        aggregator=None,
        help="Distinct people behind the row (for a role: everyone holding it).",
    )
    lines_total = fields.Integer(string="Mandatory Steps", readonly=True)
    lines_done = fields.Integer(string="Done", readonly=True)
    lines_overdue = fields.Integer(string="Overdue", readonly=True)
    lines_expired = fields.Integer(string="Expired", readonly=True)
    lines_missing = fields.Integer(compute="_compute_lines_missing", string="Missing")
    date_computed = fields.Datetime(
        string="Changed On", readonly=True, help="When the engine last changed these figures."
    )
    color = fields.Integer(compute="_compute_color")

    _program_level_idx = models.Index("(program_id, level, site_id)")
    _wave_idx = models.Index("(wave_id) WHERE wave_id IS NOT NULL")

    def init(self):
        # Rows are updated in place by every recompute: leave room on each page so that
        # PostgreSQL can do heap-only updates (no index entry per row). Indexes of earlier
        # versions on single columns are dropped (Odoo keeps unexpected indexes).
        self.env.cr.execute(
            SQL(
                "ALTER TABLE hc_readiness_score SET (fillfactor = 60); "
                "DROP INDEX IF EXISTS hc_readiness_score__program_id_index, "
                "hc_readiness_score__company_id_index, hc_readiness_score__wave_id_index, "
                "hc_readiness_score__level_index; "
                "ALTER TABLE hc_readiness_score DROP COLUMN IF EXISTS create_uid, "
                "DROP COLUMN IF EXISTS write_uid, DROP COLUMN IF EXISTS create_date, "
                "DROP COLUMN IF EXISTS write_date"
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        # one formula for every grouping: sum of readiness over headcount
        if aggregate_spec == "score:avg":
            return SQL(
                "SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, "score_points", query),
                self._field_to_sql(self._table, "people", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _compute_lines_missing(self):
        for row in self:
            row.lines_missing = row.lines_total - row.lines_done

    @api.depends("rag")
    def _compute_color(self):
        colors = {"red": 1, "amber": 2, "green": 10, "none": 0}
        for row in self:
            row.color = colors[row.rag or "none"]

    @api.depends(
        "level", "employee_id", "role_id", "department_id", "site_id", "workstream_id", "wave_id"
    )
    def _compute_display_name(self):
        levels = dict(LEVELS)
        for row in self:
            subject = {
                "employee": row.employee_id.name,
                "role": row.role_id.name,
                "department": row.department_id.name,
                "site": row.site_id.name,
                "workstream": row.workstream_id.name,
                "wave": row.wave_id.name,
                "program": row.program_id.name,
            }.get(row.level)
            where = row.site_id.code if row.level in ("role", "department") and row.site_id else ""
            row.display_name = f"{levels[row.level]}: {subject or '-'}" + (
                f" @ {where}" if where else ""
            )

    def _inputs_domain(self):
        """The training lines that produced this score."""
        self.ensure_one()
        program = self.program_id
        waves = self.wave_id or program.wave_ids
        domain = Domain.OR(
            Domain([("role_id", "in", wave.role_ids.ids), ("site_id", "in", wave.site_ids.ids)])
            for wave in waves
        )
        domain &= Domain(
            [
                ("assignment_active", "=", True),
                ("is_mandatory", "=", True),
                ("company_id", "=", program.company_id.id),
            ]
        )
        for fname in ("employee_id", "role_id", "department_id", "site_id"):
            if self[fname]:
                domain &= Domain(fname, "=", self[fname].id)
        if self.workstream_id:
            domain &= Domain("role_id.workstream_id", "=", self.workstream_id.id)
        return domain

    def action_open_inputs(self):
        """Drill down: the training records behind the number, open ones first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_training_completion_action_matrix"
        )
        action.update(
            {
                "name": self.env._("Inputs of %(score)s", score=self.display_name),
                # built from the programme's structure, which the reader may not see (an
                # employee reads their own score, not the waves); the lines listed are still
                # filtered by the reader's own record rules
                "domain": list(self.sudo()._inputs_domain()),
                "view_mode": "list,pivot,form",
                "views": [(False, "list"), (False, "pivot"), (False, "form")],
                "context": {"search_default_todo": 1, "search_default_expired": 1},
            }
        )
        return action

    def action_open_children(self):
        """Drill down one level of the roll-up."""
        self.ensure_one()
        below = {
            "program": ("wave", []),
            "wave": ("site", [("wave_id", "=", self.wave_id.id)]),
            "site": (
                "role",
                [("wave_id", "=", self.wave_id.id), ("site_id", "=", self.site_id.id)],
            ),
            "workstream": ("role", [("workstream_id", "=", self.workstream_id.id)]),
            "role": (
                "employee",
                [("wave_id", "=", self.wave_id.id), ("site_id", "=", self.site_id.id)],
            ),
            "department": (
                "employee",
                [
                    ("wave_id", "=", self.wave_id.id),
                    ("department_id", "=", self.department_id.id),
                    ("site_id", "=", self.site_id.id),
                ],
            ),
        }.get(self.level)
        if not below:
            return self.action_open_inputs()
        level, domain = below
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_score_action"
        )
        action["domain"] = [("program_id", "=", self.program_id.id), ("level", "=", level), *domain]
        if self.level == "role":
            employees = self.env["hc.training.completion"].search(self._inputs_domain()).employee_id
            action["domain"].append(("employee_id", "in", employees.ids))
        action["context"] = {}
        action["name"] = self.display_name
        return action
