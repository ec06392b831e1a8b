from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib.discovery import combine_standardization
from ..lib.governance import governance_lens, standardization_lens
from ..lib.scoring import LAYERS, Settings, rag, scalability_lens, weighted_mean

LENSES = [
    ("standardization", "Operating-model standardization"),
    ("data_trust", "Data trust"),
    ("user_readiness", "User readiness"),
    ("governance", "Governance maturity"),
    ("scalability", "Deployment scalability"),
]
RAG = [("none", "No evidence"), ("red", "Red"), ("amber", "Amber"), ("green", "Green")]
# what the engine sets on a lens and on a readiness snapshot
LENS_FIELDS = {
    "program_id",
    "lens",
    "site_id",
    "value",
    "has_evidence",
    "rag",
    "explanation",
    "date_computed",
}
SNAPSHOT_FIELDS = {"program_id", "date", "lens", "site_id", "value", "has_evidence", "rag"}


def _array(values, sql_type):
    """A PostgreSQL array parameter of numbers, booleans, identifiers (selection keys) or
    timestamps, written as one array literal: psycopg2 adapts a Python list value by value,
    which for the engine's ~10,000 rows x 17 columns costs more than the statement itself.
    Only for values the engine produces itself (never user text)."""
    if sql_type == "bool":
        text = ",".join("NULL" if v is None else ("t" if v else "f") for v in values)
    elif sql_type in ("varchar", "timestamp"):
        text = ",".join("NULL" if v is None else f'"{v}"' for v in values)
    else:
        text = ",".join("NULL" if v is None else str(v) for v in values)
    return SQL("%s::" + sql_type + "[]", "{" + text + "}")


class HcProgram(models.Model):
    """An ERP go-live programme: sites in scope, workstreams, deployment waves, and the
    readiness scores and lenses computed for them."""

    _name = "hc.program"
    _description = "Implementation Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "hc.readiness.rollup"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    manager_id = fields.Many2one("res.users", string="Programme Lead", tracking=True)
    date_start = fields.Date(default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="active",
        required=True,
        tracking=True,
    )
    description = fields.Html()
    site_ids = fields.Many2many("hc.site", string="Sites in Scope", check_company=True)
    workstream_ids = fields.One2many("hc.program.workstream", "program_id", string="Workstreams")
    wave_ids = fields.One2many("hc.program.wave", "program_id", string="Waves")
    lens_ids = fields.One2many(
        "hc.readiness.lens", "program_id", string="Lenses", domain=[("site_id", "=", False)]
    )
    site_lens_ids = fields.One2many(
        "hc.readiness.lens", "program_id", string="Site Lenses", domain=[("site_id", "!=", False)]
    )
    # thresholds: below amber is red, below green is amber
    threshold_amber = fields.Float(default=70.0, tracking=True, help="Scores below are red.")
    threshold_green = fields.Float(default=85.0, tracking=True, help="Scores from here are green.")
    # employee readiness: weight of each training layer (sum 100)
    weight_process = fields.Float(string="Process Understanding (%)", default=30.0, tracking=True)
    weight_system = fields.Float(string="System Execution (%)", default=40.0, tracking=True)
    weight_exception = fields.Float(string="Exception Management (%)", default=30.0, tracking=True)
    count_assessment_score = fields.Boolean(
        default=True,
        help="An assessment counts as its score (e.g. 80% = 0.8 of the step); otherwise as done.",
    )
    count_acknowledgments = fields.Boolean(
        default=True, help="Policy acknowledgments count towards readiness."
    )
    # overall programme score: weight of each lens (sum 100)
    lens_weight_standardization = fields.Float(string="Standardization (%)", default=15.0)
    lens_weight_data_trust = fields.Float(string="Data Trust (%)", default=20.0)
    lens_weight_user_readiness = fields.Float(string="User Readiness (%)", default=30.0)
    lens_weight_governance = fields.Float(string="Governance (%)", default=15.0)
    lens_weight_scalability = fields.Float(string="Scalability (%)", default=20.0)
    gates_in_order = fields.Boolean(
        default=True,
        help="A gate cannot be reviewed before its predecessor for the same scope is decided "
        "go or conditional go.",
    )
    gate_ids = fields.One2many("hc.gate", "program_id", string="Stage Gates")
    overall_score = fields.Float(readonly=True)
    overall_rag = fields.Selection(RAG, string="Overall RAG", default="none", readonly=True)
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    score_count = fields.Integer(compute="_compute_score_count")
    raid_open_count = fields.Integer(
        compute="_compute_governance_counts", groups="hc_readiness.group_executive"
    )
    customization_count = fields.Integer(
        compute="_compute_governance_counts", groups="hc_readiness.group_executive"
    )

    @api.constrains("threshold_amber", "threshold_green")
    def _check_thresholds(self):
        for program in self:
            if not 0 < program.threshold_amber < program.threshold_green <= 100:
                raise ValidationError(
                    self.env._(
                        "Thresholds of %(program)s must be ordered red < amber < green within "
                        "0-100: amber starts at %(amber)s, green at %(green)s.",
                        program=program.name,
                        amber=program.threshold_amber,
                        green=program.threshold_green,
                    )
                )

    @api.constrains("weight_process", "weight_system", "weight_exception")
    def _check_layer_weights(self):
        for program in self:
            weights = (program.weight_process, program.weight_system, program.weight_exception)
            if min(weights) < 0 or round(sum(weights), 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The layer weights of %(program)s must be positive and sum to 100 "
                        "(now %(total)s).",
                        program=program.name,
                        total=round(sum(weights), 2),
                    )
                )

    @api.constrains(
        "lens_weight_standardization",
        "lens_weight_data_trust",
        "lens_weight_user_readiness",
        "lens_weight_governance",
        "lens_weight_scalability",
    )
    def _check_lens_weights(self):
        for program in self:
            weights = [program[f"lens_weight_{key}"] for key, _label in LENSES]
            if min(weights) < 0 or round(sum(weights), 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The lens weights of %(program)s must be positive and sum to 100 "
                        "(now %(total)s).",
                        program=program.name,
                        total=round(sum(weights), 2),
                    )
                )

    def _compute_score_count(self):
        counts = dict(
            self.env["hc.readiness.score"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.score_count = counts.get(program, 0)

    def _compute_governance_counts(self):
        raid = dict(
            self.env["hc.raid.item"]._read_group(
                [("program_id", "in", self.ids), ("state", "in", ("open", "mitigating"))],
                ["program_id"],
                ["__count"],
            )
        )
        customizations = dict(
            self.env["hc.customization.request"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.raid_open_count = raid.get(program, 0)
            program.customization_count = customizations.get(program, 0)

    # --------------------------------------------------------------- actions
    def _action_for_program(self, xmlid, **context):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id, **context}
        return action

    def action_open_raid(self):
        return self._action_for_program("hc_readiness.hc_raid_item_action", search_default_open=1)

    def action_open_customizations(self):
        return self._action_for_program("hc_readiness.hc_customization_request_action")

    def action_open_governance(self):
        return self._action_for_program("hc_readiness.hc_governance_body_action")

    @restricted_to("hc_readiness.group_pmo")
    def action_recompute_readiness(self):
        self.sudo()._recompute_readiness()
        return True

    def action_open_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_score_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        return action

    def action_open_dashboard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_dashboard_action"
        )
        action["domain"] = [("program_id", "=", self.id), ("level", "in", ("wave", "site"))]
        return action

    def action_print_scorecard(self):
        return self.env.ref("hc_readiness.action_report_executive_scorecard").report_action(self)

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
        fraction of the employees), with one ``UPDATE ... FROM unnest(column arrays)`` per
        chunk (no foreign key to re-check); new keys are inserted with
        ``INSERT ... SELECT FROM unnest``; keys that vanished are deleted. A row's
        ``date_computed`` is therefore when its figures last changed; the programme's is
        when it was last recomputed."""
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
        for chunk in split_every(20000, updates, list):
            arrays = SQL(", ").join(
                [_array((score_id for score_id, _row in chunk), "int4")]
                + [
                    _array((row[name] for _id, row in chunk), sql_type)
                    for name, sql_type in value_columns
                ]
            )
            cr.execute(
                SQL(
                    "UPDATE hc_readiness_score s SET %s FROM unnest(%s) AS v(id, %s) "
                    "WHERE s.id = v.id",
                    SQL(", ").join(
                        SQL("%s = v.%s", SQL.identifier(n), SQL.identifier(n))
                        for n, _t in value_columns
                    ),
                    arrays,
                    SQL(", ").join(SQL.identifier(n) for n, _t in value_columns),
                )
            )
        for chunk in split_every(20000, inserts, list):
            arrays = SQL(", ").join(
                _array((row[name] for row in chunk), sql_type) for name, sql_type in columns
            )
            cr.execute(
                SQL(
                    "INSERT INTO hc_readiness_score (%s) SELECT * FROM unnest(%s)",
                    SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                    arrays,
                )
            )
        Score.invalidate_model()

    # ---------------------------------------------------------------- lenses
    def _store_lenses(self, program_score, site_scores, wave_scores, now):
        """Compute the five lenses for the programme and per site, and store them."""
        self.ensure_one()
        values = []
        context = {
            "program_score": program_score,
            "site_scores": site_scores,
            "wave_scores": wave_scores,
        }
        for key, _label in LENSES:
            value, explanation = getattr(self, f"_lens_{key}")(context, site=None)
            values.append(
                {"lens": key, "site_id": False, "value": value, "explanation": explanation}
            )
            for site in self.site_ids:
                site_value, site_explanation = getattr(self, f"_lens_{key}")(context, site=site)
                if site_value is not None or key != "scalability":
                    values.append(
                        {
                            "lens": key,
                            "site_id": site.id,
                            "value": site_value,
                            "explanation": site_explanation,
                        }
                    )
        Lens = self.env["hc.readiness.lens"].sudo()
        Lens.search([("program_id", "=", self.id)]).unlink()
        with workflow_scope(Lens._name, LENS_FIELDS):
            Lens.create(
                [
                    {
                        "program_id": self.id,
                        "lens": v["lens"],
                        "site_id": v["site_id"],
                        "value": v["value"] or 0.0,
                        "has_evidence": v["value"] is not None,
                        "rag": rag(v["value"], self.threshold_amber, self.threshold_green),
                        "explanation": v["explanation"],
                        "date_computed": now,
                    }
                    for v in values
                ]
            )
        program_lenses = [v for v in values if not v["site_id"]]
        overall = weighted_mean(
            (v["value"], self[f"lens_weight_{v['lens']}"])
            for v in program_lenses
            if v["value"] is not None
        )
        with workflow_scope(self._name, {"overall_score", "overall_rag"}):
            self.write(
                {
                    "overall_score": overall or 0.0,
                    "overall_rag": rag(overall, self.threshold_amber, self.threshold_green),
                }
            )

    def _lens_user_readiness(self, context, site=None):
        if site:
            value = context["site_scores"].get(site.id)
            if value is None:
                return None, self.env._(
                    "No evidence: no mandatory training of the waves' roles at this site yet."
                )
            return value, self.env._(
                "Headcount-weighted readiness of the site's employees in the roles its waves need."
            )
        value = context["program_score"]
        if value is None:
            return None, self.env._("No evidence: no mandatory training of the waves' roles yet.")
        return value, self.env._(
            "Mean readiness of the waves' people (each counted once per wave): the "
            "headcount-weighted mean of the waves and of their sites; an employee's readiness "
            "is the layer-weighted share of their in-date mandatory steps."
        )

    def _lens_scalability(self, context, site=None):
        if site:
            return None, False
        value = scalability_lens(list(context["site_scores"].values()), context["wave_scores"])
        if value is None:
            return None, self.env._("No evidence: no site readiness yet.")
        return value, self.env._(
            "50% evenness across sites (100 minus the spread between the best and worst site) "
            "plus 50% mean wave readiness."
        )

    def _lens_data_trust(self, context, site=None):
        """Data trust from the migration workbench: for each operational migration domain,
        70% (100 - reject rate of its latest completed mock run) + 30% share of its three
        owner sign-offs valid for the current rules; a domain without a completed run counts
        0. Weighted by criticality (high 3, medium 2, low 1). Programme-level only."""
        if site:
            return None, self.env._("Data trust is measured for the programme, not per site.")
        domains = (
            self.env["hc.migration.domain"]
            .sudo()
            .search(
                [("scope", "=", "operational"), ("company_id", "in", [self.company_id.id, False])]
            )
        )
        figures = domains._migration_readiness()
        if not any(f["completed_runs"] for f in figures.values()):
            return None, self.env._("No evidence: no migration run has been recorded.")
        weights = {"high": 3.0, "medium": 2.0, "low": 1.0}
        pairs = []
        for f in figures.values():
            trust = (
                0.7 * (100.0 - min(f["last_reject_rate"], 100.0))
                + 0.3 * (100.0 * f["signoffs"] / 3)
                if f["completed_runs"]
                else 0.0
            )
            pairs.append((trust, weights[f["criticality"]]))
        tested = sum(1 for f in figures.values() if f["completed_runs"])
        return weighted_mean(pairs), self.env._(
            "%(tested)s of %(total)s operational migration domains have completed mock runs. Per "
            "domain: 70%% (100 - latest reject rate) + 30%% valid owner sign-offs; untested "
            "domains count 0; weighted by criticality.",
            tested=tested,
            total=len(figures),
        )

    def _lens_governance(self, context, site=None):
        """Governance maturity from the RAID log (stage gates extend it): share of the open
        high risks and high/critical issues that have an owner, a governance body and a
        mitigation and are not overdue. See ``lib/governance.py``."""
        if site:
            return None, self.env._("Governance maturity is measured for the programme.")
        items = self.env["hc.raid.item"].sudo().search([("program_id", "=", self.id)])
        value, relevant, governed = governance_lens(item._fact() for item in items)
        if value is None:
            return None, self.env._("No evidence: no stage gate or RAID item has been recorded.")
        return value, self.env._(
            "%(governed)s of %(relevant)s open high risks and high/critical issues are governed "
            "(owner, governance body, mitigation, not overdue); %(total)s RAID items in all.",
            governed=governed,
            relevant=relevant,
            total=len(items),
        )

    def _lens_standardization(self, context, site=None):
        """Operating-model standardization: the criticality-weighted share of classified
        site variants that are enterprise standard, less the penalty of open workarounds,
        combined 70/30 with the share of the design authority's decided customization
        requests resolved by standard configuration (rejected with a fit-to-standard
        alternative); one part alone counts fully. Per site: the site's variants only.
        See ``lib/discovery.py`` and ``lib/governance.py``."""
        variant_value, variant_note = self._variant_standardization(site)
        if site:
            if variant_value is None:
                return None, self.env._("No evidence: no classified site variant at this site.")
            return variant_value, variant_note
        requests = (
            self.env["hc.customization.request"].sudo().search([("program_id", "=", self.id)])
        )
        value, decided, standard = standardization_lens(
            (
                r.state,
                bool(r.standard_alternative and r.standard_alternative.striptags().strip()),
            )
            for r in requests
        )
        combined = combine_standardization(variant_value, value)
        if combined is None:
            return None, self.env._(
                "No evidence: no classified site variant, customization request or "
                "fit-to-standard decision recorded."
            )
        request_note = (
            self.env._(
                "%(standard)s of %(decided)s decided customization requests were resolved by "
                "standard configuration (rejected with a fit-to-standard alternative).",
                standard=standard,
                decided=decided,
            )
            if value is not None
            else ""
        )
        if variant_value is not None and value is not None:
            return combined, self.env._(
                "70%% site variants, 30%% customization requests. %(variants)s %(requests)s",
                variants=variant_note,
                requests=request_note,
            )
        return combined, variant_note or request_note

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

    # ------------------------------------------------------------- snapshots
    def _take_snapshots(self):
        """One immutable snapshot per programme, lens and site and day."""
        today = fields.Date.context_today(self)
        Snapshot = self.env["hc.readiness.snapshot"]
        done = {
            (s.program_id.id, s.lens, s.site_id.id)
            for s in Snapshot.search([("program_id", "in", self.ids), ("date", "=", today)])
        }
        vals = []
        for program in self:
            for lens in program.lens_ids | program.site_lens_ids:
                key = (program.id, lens.lens, lens.site_id.id)
                if key in done:
                    continue
                vals.append(
                    {
                        "program_id": program.id,
                        "date": today,
                        "lens": lens.lens,
                        "site_id": lens.site_id.id,
                        "value": lens.value,
                        "has_evidence": lens.has_evidence,
                        "rag": lens.rag,
                    }
                )
        with workflow_scope(Snapshot._name, SNAPSHOT_FIELDS):
            return Snapshot.sudo().create(vals)
