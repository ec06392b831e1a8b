import base64

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.hc_base.guards import guard_active, workflow_scope

XMLID_MODULE = "__hc_migration__"


class HcMigrationRun(models.Model):
    """A numbered mock migration run of a domain: the uploaded legacy file (the batch), its
    staged rows, duplicate clusters, load into Odoo and the metrics and reconciliation.

    One feature per file (``_inherit`` of this model): ``_staging`` (read, stage, finish),
    ``_validation`` (mapping, rules, reasons), ``_duplicate_keys``, ``_dedup`` (scoring),
    ``_dedup_candidates`` (pairs in SQL), ``_dedup_clusters``, ``_metrics`` (buckets),
    ``_load``, ``_defaults`` (default sharing of the load), ``_rollback``, ``_security``
    (security validation), ``_report`` (rejects, reconciliation), ``_job``,
    ``_job_units`` and ``_job_interruptions`` (background lanes)."""

    _name = "hc.migration.run"
    _description = "Mock Migration Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "domain_id, number desc"
    _number_uniq = models.UniqueIndex(
        "(domain_id, number)", "A domain's mock runs are numbered once each."
    )

    name = fields.Char(compute="_compute_name", store=True)
    domain_id = fields.Many2one("hc.migration.domain", required=True, index=True, tracking=True)
    owner_id = fields.Many2one(related="domain_id.owner_id")
    company_id = fields.Many2one(related="domain_id.company_id", store=True)
    number = fields.Integer(readonly=True, copy=False)
    # the state moves only by the actions (stage, load, roll back)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("validated", "Staged and validated"),
            ("loaded", "Loaded"),
            ("rolled_back", "Rolled back"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    file = fields.Binary(string="Legacy File", attachment=True)
    filename = fields.Char()
    file_sha256 = fields.Char(string="File SHA-256", readonly=True)
    sheet = fields.Char(readonly=True)
    header_row = fields.Integer(readonly=True)
    row_ids = fields.One2many("hc.migration.row", "run_id", string="Staged Rows")
    cluster_ids = fields.One2many("hc.migration.cluster", "run_id", string="Duplicate Clusters")
    rows_read = fields.Integer(readonly=True)
    rows_valid = fields.Integer(readonly=True)
    rows_rejected = fields.Integer(readonly=True)
    dup_found = fields.Integer(string="Duplicates Found", readonly=True)
    dup_merged = fields.Integer(string="Duplicates Merged", readonly=True)
    loaded_created = fields.Integer(string="Created", readonly=True)
    loaded_updated = fields.Integer(string="Updated", readonly=True)
    load_errors = fields.Integer(readonly=True)
    archived = fields.Integer(readonly=True)
    reject_rate = fields.Float(string="Reject Rate (%)", readonly=True)
    rejected_by_reason = fields.Text(readonly=True, help="JSON: reason -> count")
    stage_seconds = fields.Float(readonly=True)
    load_seconds = fields.Float(readonly=True)
    rollback_data = fields.Text(
        readonly=True,
        help="JSON: target model, records created and previous values of records updated.",
    )
    security_result = fields.Text(readonly=True, string="Security Validation")
    security_ok = fields.Boolean(readonly=True)
    reason_summary = fields.Html(compute="_compute_reason_summary")

    @api.depends("domain_id", "number")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.domain_id.code or ''} mock run {run.number or '-'}"

    def _compute_reason_summary(self):
        # field labels and column names, not technical names (``_reason_items``)
        for run in self:
            run.reason_summary = Markup().join(
                Markup("<div>%s × %s</div>") % (count, reason)
                for reason, count in run._reason_items()
            )

    @api.model_create_multi
    def create(self, vals_list):
        guarded = guard_active(self.env)
        if guarded:
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
        # numbered per domain: the domains' rows are locked so that two requests creating
        # runs at once wait for each other (the unique index is the last guard), and runs
        # created together get consecutive numbers
        domain_ids = sorted({vals["domain_id"] for vals in vals_list if vals.get("domain_id")})
        if domain_ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM hc_migration_domain WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                    domain_ids,
                )
            )
        self.flush_model(["domain_id", "number"])
        self.env.cr.execute(
            SQL(
                "SELECT domain_id, max(number) FROM hc_migration_run "
                "WHERE domain_id = ANY(%s) GROUP BY domain_id",
                domain_ids,
            )
        )
        last = dict(self.env.cr.fetchall())
        for vals in vals_list:
            domain_id = vals.get("domain_id") or None
            last[domain_id] = (last.get(domain_id) or 0) + 1
            vals["number"] = last[domain_id]
        with workflow_scope(self._name, {"number"}):
            return super().create(vals_list)

    # what a run was made of: set while it is a draft, then kept as the record of the run
    _DRAFT_ONLY_FIELDS = frozenset({"domain_id", "file", "filename"})

    def write(self, vals):
        if self._DRAFT_ONLY_FIELDS & set(vals) and any(run.state != "draft" for run in self):
            raise UserError(
                self.env._("A staged run keeps its domain and file: start a new mock run instead.")
            )
        return super().write(vals)

    def _check_lead(self):
        if not (self.env.su or self.env.user.has_group("hc_migration.group_migration_lead")):
            raise AccessError(self.env._("Only a migration lead runs stages, loads and rollbacks."))

    def _file_content(self):
        """The uploaded file's bytes, read from its attachment (one copy in memory: not the
        field's base64 text and its decoding)."""
        self.ensure_one()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_field", "=", "file"),
                    ("res_id", "=", self.id),
                ],
                limit=1,
            )
        )
        return attachment.raw if attachment else base64.b64decode(self.file or b"")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "draft"),
            self.env._(
                "a staged run is the record of a mock migration and of what it loaded; "
                "roll a load back, or start a new run."
            ),
        )
