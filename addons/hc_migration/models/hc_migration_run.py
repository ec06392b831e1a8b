import base64
import copy
import json
import logging
from collections import Counter, defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.api import NewId
from odoo.exceptions import AccessError, UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

from ..lib import header_match, reader, targets
from ..lib.rejects_xlsx import build_rejects_workbook
from ..lib.row_estimate import estimate_rows

_logger = logging.getLogger(__name__)
XMLID_MODULE = "__hc_migration__"
LOAD_CHUNK = 1000


class HcMigrationRun(models.Model):
    """A numbered mock migration run of a domain: the uploaded legacy file (the batch), its
    staged rows, duplicate clusters, load into Odoo and the metrics and reconciliation."""

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

    # --------------------------------------------------------------- staging
    @restricted_to("hc_migration.group_migration_lead")
    def action_stage(self):
        """Read the file, map, validate and deduplicate every row. A bad file creates nothing.
        A file whose headers miss columns of the mapping that other headers resemble opens
        *Map columns* first (staging goes on once the columns are applied)."""
        self.ensure_one()
        self._check_lead()
        if self.state != "draft":
            raise UserError(self.env._("This run is already staged; start a new mock run."))
        if not self.file:
            raise UserError(self.env._("Upload the legacy file (.xlsx or .csv) first."))
        if self._columns_to_map():
            return self.env["hc.migration.map.columns"]._open_for(self.domain_id, self)
        return self._stage_start()

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

    def _stage_start(self):
        """Stage the draft run: small files in the request; larger ones by the background
        lanes (hc_migration_run_job.py), the request only queues them."""
        self.ensure_one()
        return self._job_start("stage", estimate_rows(self.filename, self._file_content()))

    def _columns_to_map(self):
        """Whether the file misses columns of the mapping that some of its other headers
        resemble (``header_match.suggest``): then the owner or lead maps them first. A file
        the reader refuses is left to staging, which says why."""
        domain = self.domain_id
        content = self._file_content()
        try:
            sheet = self._sheet_to_read(content)
            if sheet:
                headers = reader.read_xlsx(content, sheet_name=sheet).headers
            else:
                headers = reader.read_file(self.filename, content).headers
        except reader.FileRejected:
            return False
        headers = [h for h in headers if h]
        missing = header_match.missing_columns(headers, domain._mapping_columns())
        if not missing or not headers:
            return False
        spare = [h for h in headers if h not in set(domain._mapping_columns())]
        found = header_match.suggest([(c, [c]) for c in missing], spare)
        return any(s.header for s in found.values())

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_map_columns(self):
        """Open *Map columns* on the run's file (its domain's data owner, or a lead)."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Upload the legacy file (.xlsx or .csv) first."))
        return self.env["hc.migration.map.columns"]._open_for(self.domain_id, self)

    # ----------------------------------------------------------------- load
    def _xmlid_name(self, key):
        clean = "".join(c if c.isalnum() else "_" for c in str(key)).strip("_").lower()
        return f"{self.domain_id.code.lower()}_{clean}"

    @restricted_to("hc_migration.group_migration_lead")
    def action_load(self):
        """Load valid, deduplicated rows through the ORM, in chunks with one savepoint each:
        a failing chunk is rolled back alone and its rows marked with the error. External ids
        per source key make a re-run update instead of duplicating. A large load runs in the
        background lanes, its chunks in parallel (hc_migration_run_job.py)."""
        self.ensure_one()
        self._check_lead()
        domain = self.domain_id
        if self.state != "validated":
            raise UserError(self.env._("Stage and validate the file before loading."))
        if domain.scope != "operational" or not domain.target_installed:
            raise UserError(
                self.env._(
                    "%(domain)s is staged and validated only: its target is not loaded into Odoo.",
                    domain=domain.name,
                )
            )
        if not targets.target_allowed(domain.target_model):
            raise UserError(
                self.env._("%(model)s cannot be loaded by a migration.", model=domain.target_model)
            )
        return self._job_start("load", self._load_plan())

    def _load_pending_ids(self):
        """Ids of the rows a load writes, in file order: the valid rows, except those of a
        cluster that still waits for the owner's decision and either matched an existing
        record or is only probable (to review)."""
        pending = self.domain_id.run_ids.cluster_ids.filtered(
            lambda c: c.run_id == self
            and c.state == "pending"
            and (c.existing_refs or c.certainty == "review")
        )
        return (
            self.env["hc.migration.row"]
            .search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "valid"),
                    ("cluster_id", "not in", pending.ids),
                ],
                order="row_number",
            )
            .ids
        )

    def _load_chunk(self, chunk_ids):
        """Load one chunk of staged rows (``chunk_ids``, in file order) in one savepoint; the
        values a row's load replaces on an existing record are kept with the row
        (``load_previous``) for the rollback. A chunk that fails is marked with the error;
        a conflict with another lane (serialization, deadlock) is raised for a retry."""
        domain = self.domain_id
        # the load writes only the mapped fields a load may write (see lib/targets.py),
        # checked again here against the target model, whatever the mapping holds
        loadable = domain._loadable_fields()
        # the lead's right to load was checked by the button; the target model (partners,
        # products, employees) is written with elevated rights, as a controlled migration
        # process. The caller's context is not passed on (no default_* or other key reaches
        # the target): only its language and time zone.
        context = self.env.context
        clean = {key: context[key] for key in ("lang", "tz") if key in context}
        Model = self.env(context=clean, su=True)[domain.target_model]
        # a record the run creates carries its provenance in its external id and its staged
        # row (original values, run, sheet, row): no "created" note, lead as follower or
        # tracking message each (a 50,000-supplier mock run would post 50,000 notes and make
        # the lead follow every supplier). The followers a model adds itself (an equipment
        # category's, a department's) are still added. Records it updates are live ones:
        # their changes are tracked.
        Creator = Model.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        )
        Row = self.env["hc.migration.row"]
        IMD = self.env["ir.model.data"].sudo()
        # one chunk of rows and records in the cache at a time: memory stays flat
        self.env.invalidate_all()
        chunk = Row.browse(chunk_ids)
        names = {row.id: self._xmlid_name(row.source_key) for row in chunk}
        existing = {
            d.name: d.res_id
            for d in IMD.search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", domain.target_model),
                    ("name", "in", list(names.values())),
                ]
            )
        }
        try:
            with self.env.cr.savepoint():
                to_create, to_update, loaded = [], [], []
                for row in chunk:
                    vals = {k: v for k, v in row.values().items() if k in loadable}
                    res_id = existing.get(names[row.id])
                    if (
                        not res_id
                        and row.cluster_id.state == "merged"
                        and row.cluster_id.existing_refs
                    ):
                        res_id = self._existing_ref(row.cluster_id, domain.target_model)
                    (to_update if res_id else to_create).append((row, vals, res_id))
                for row, vals, res_id in to_update:
                    record = Model.browse(res_id)
                    old = record.read(list(vals))[0]
                    previous = {
                        k: (v[0] if isinstance(v, tuple) else v)
                        for k, v in old.items()
                        if k != "id"
                    }
                    record.write(vals)
                    loaded.append((row.id, res_id, "updated", json.dumps(previous, default=str)))
                if to_create:
                    # the ORM's own batch path for loading data (data files, base_import):
                    # models batch their post-create work there (partners sync fields once)
                    records = Creator._load_records_create(
                        self._with_stable_defaults(Model, [vals for _row, vals, _id in to_create])
                    )
                    # one INSERT for the chunk's external ids (as data files do)
                    IMD._update_xmlids(
                        [
                            {
                                "xml_id": f"{XMLID_MODULE}.{names[row.id]}",
                                "record": rec,
                                "noupdate": True,
                            }
                            for (row, _vals, _id), rec in zip(to_create, records, strict=True)
                        ]
                    )
                    loaded.extend(
                        (row.id, rec.id, "created", None)
                        for (row, _vals, _id), rec in zip(to_create, records, strict=True)
                    )
                self.env.flush_all()
                self._mark_loaded(loaded, domain.target_model)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except Exception as exc:
            self.env.invalidate_all()
            _logger.info("Migration run %s: chunk failed: %s", self.name, exc)
            with workflow_scope(Row._name, {"state", "errors", "error_count"}):
                chunk.write(
                    {
                        "state": "error",
                        "errors": self.env._(
                            "Load failed for this chunk: %(error)s", error=str(exc)
                        ),
                        "error_count": 1,
                    }
                )

    def _load_finish(self, post=True):
        """Once every chunk is loaded: the run's rollback data (from its loaded rows, in file
        order), its state, metrics, security validation and one message in the chatter."""
        domain = self.domain_id
        Row = self.env["hc.migration.row"]
        Row.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT res_id, load_action, load_previous FROM hc_migration_row "
                "WHERE run_id = %s AND state = 'loaded' ORDER BY row_number, id",
                self.id,
            )
        )
        rollback = {"model": domain.target_model, "created": [], "updated": []}
        for res_id, action, previous in self.env.cr.fetchall():
            if action == "created":
                rollback["created"].append(res_id)
            else:
                rollback["updated"].append({"id": res_id, "old": json.loads(previous or "{}")})
        self._workflow_write(
            {
                "rollback_data": json.dumps(rollback),
                "load_seconds": self._job_started_seconds(),
                "state": "loaded",
            }
        )
        self._refresh_metrics()
        self._security_check()
        if not post:
            return
        # the one trace of the load in the chatter: the run's, not one per loaded record
        self.message_post(
            body=self.env._(
                "Loaded into %(model)s: %(created)s created, %(updated)s updated, "
                "%(errors)s rows in failed chunks (%(seconds)s s).",
                model=domain.target_model,
                created=self.loaded_created,
                updated=self.loaded_updated,
                errors=self.load_errors,
                seconds=round(self.load_seconds, 1),
            )
        )

    @staticmethod
    def _existing_ref(cluster, model):
        """Id of the record already in Odoo that deduplication matched ``cluster`` with, when
        it is a record of ``model`` (0 otherwise: the row is created)."""
        ref_model, _sep, ref_id = cluster.existing_refs.split(",")[0].partition(":")
        return int(ref_id) if ref_model == model and ref_id.isdigit() else 0

    @staticmethod
    def _with_stable_defaults(Model, vals_list):
        """``vals_list`` with the defaults of the missing fields filled in once per set of
        given fields rather than once per record (Odoo's ``create`` runs ``default_get``
        over every missing field of every record, the costliest step when loading many
        rows of a few columns). Only defaults that are stable are shared: computed twice
        they give the same values (a default drawn from a sequence or the clock does not,
        and is left to ``create`` per record); properties fields are always left to it.

        The same goes for the stored computed fields that no given field feeds and that
        ``create`` keeps when given (``_stable_computed_values``): a supplier's salesperson
        follows a parent company no supplier row names, so it is computed once, not on a
        new record per row."""
        shared = {}
        result = []
        for vals in vals_list:
            key = frozenset(vals)
            if key not in shared:
                first, second = (Model._add_missing_default_values(dict(vals)) for _i in "12")
                stable = {
                    name: value
                    for name, value in first.items()
                    if name not in vals
                    and Model._fields[name].type != "properties"
                    and second.get(name) == value
                }
                unstable = set(first) - set(vals) - set(stable)
                stable.update(HcMigrationRun._stable_computed_values(Model, vals, stable, unstable))
                mutable = {k: v for k, v in stable.items() if isinstance(v, list | dict)}
                scalars = {k: v for k, v in stable.items() if k not in mutable}
                shared[key] = scalars, mutable
            scalars, mutable = shared[key]
            result.append({**scalars, **copy.deepcopy(mutable), **vals})
        return result

    @staticmethod
    def _stable_computed_values(Model, vals, defaults, unstable=()):
        """The stored computed fields whose value ``create`` would keep if given (editable
        or precomputed) and whose declared dependencies all lie outside ``vals``, with the
        value they take on a new record made of ``vals`` and the shared ``defaults``, when
        a new record made of the defaults alone agrees on it.

        Like Odoo's own recomputation, this trusts the declared dependencies (``@api.depends``):
        a value that depends on none of the row's fields is the same for every row. Given
        related and inherited fields count as their path's first field; a dependency on a
        default drawn per record (``unstable``) or on the context, and a compute method that
        also fills a given field (``create`` then protects the whole group) exclude the field;
        the fields of one compute method are given all together or not at all."""
        pool = Model.pool
        fields_ = Model._fields
        given = set(vals) | set(defaults)
        # a given related or inherited field (an employee's job lives on its version) feeds
        # the dependencies that start at its path's first field
        fed = set(vals) | set(unstable)
        for name in vals:
            if fields_[name].related:
                fed.add(fields_[name].related.split(".")[0])

        def compute_group(field):
            # the fields one compute method fills; giving one protects the others from it
            return pool.field_computed.get(field, [field])

        def eligible(field):
            return (
                field.store
                and field.compute
                and not field.related
                and not field.inverse
                and (field.precompute or not field.readonly)
                and field.type not in ("properties", "one2many", "many2many")
                and field.name not in given
                and pool.field_depends[field]
                and not pool.field_depends_context[field]
                and not any(path.split(".")[0] in fed for path in pool.field_depends[field])
            )

        # a field is a candidate with every field its compute method fills
        candidates = [
            field
            for field in fields_.values()
            if all(eligible(sibling) for sibling in compute_group(field))
        ]
        if not candidates:
            return {}
        # the second record is made of the defaults alone: a compute that reads a given
        # field without declaring it (so that rows would differ) differs between the two
        row, bare = Model.new({**defaults, **vals}), Model.new(dict(defaults))
        values = {}
        for field in candidates:
            value = field.convert_to_write(row[field.name], row)
            if value == field.convert_to_write(bare[field.name], bare) and not isinstance(
                value, NewId
            ):
                values[field.name] = value
        # a compute method's fields go together
        return {
            name: value
            for name, value in values.items()
            if all(sibling.name in values for sibling in compute_group(fields_[name]))
        }

    def _mark_loaded(self, loaded, model):
        """Mark staged rows loaded with their record (and the values their load replaced),
        in one UPDATE for the chunk."""
        if not loaded:
            return
        ids, res_ids, actions, previous = (list(col) for col in zip(*loaded, strict=True))
        self.env.cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r
                   SET state = 'loaded', res_model = %s, res_id = d.res_id, load_action = d.action,
                       load_previous = d.previous,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                  FROM unnest(%s::int4[], %s::int4[], %s::varchar[], %s::text[])
                       AS d(id, res_id, action, previous)
                 WHERE r.id = d.id
                """,
                model,
                self.env.uid,
                ids,
                res_ids,
                actions,
                previous,
            )
        )
        self.env["hc.migration.row"].invalidate_model(
            ["state", "res_model", "res_id", "load_action", "load_previous"]
        )

    @restricted_to("hc_migration.group_migration_lead")
    def action_rollback(self):
        """Undo a mock run on a non-production database: remove the records it created and
        restore the previous values of those it updated. Only what the run's own load
        recorded, checked against its staged rows, is touched, in the domain's target model."""
        self.ensure_one()
        self._check_lead()
        if self.state != "loaded":
            raise UserError(self.env._("Only a loaded run can be rolled back."))
        if self.env["ir.config_parameter"].sudo().get_param("hc_migration.production") in (
            "1",
            "True",
            "true",
        ):
            raise UserError(
                self.env._(
                    "This database is marked as production (hc_migration.production): "
                    "mock runs cannot be rolled back here."
                )
            )
        self._verified_rollback_data()  # refused here, in the request, if it does not match
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM hc_migration_row WHERE run_id = %s AND state = 'loaded'",
                self.id,
            )
        )
        return self._job_start("rollback", self.env.cr.fetchone()[0])

    def _rollback_chunk(self, size):
        """Undo up to ``size`` entries of the run's rollback data, last first (the updated
        records restored in reverse order, then the created ones removed), mark their rows
        valid again and keep what is left as the run's rollback data: an interrupted
        rollback resumes where it stopped. Returns the entries undone (0: nothing left)."""
        model, created_ids, updated = self._verified_rollback_data()
        if not (created_ids or updated):
            return 0
        context = self.env.context
        clean = {key: context[key] for key in ("lang", "tz") if key in context}
        Model = self.env(context=clean, su=True)[model]
        Row = self.env["hc.migration.row"]
        if updated:
            batch, updated = updated[-size:], updated[:-size]
            for entry in reversed(batch):
                Model.browse(entry["id"]).write(entry["old"])
            # a record updated by several rows is restored once its first value is back
            done = {entry["id"] for entry in batch} - {entry["id"] for entry in updated}
            rows = Row.search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "loaded"),
                    ("load_action", "=", "updated"),
                    ("res_id", "in", list(done)),
                ]
            )
        else:
            batch, created_ids = created_ids[-size:], created_ids[:-size]
            created = Model.browse(batch).exists()
            self.env["ir.model.data"].sudo().search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", Model._name),
                    ("res_id", "in", created.ids),
                ]
            ).unlink()
            created.unlink()
            rows = Row.search(
                [
                    ("run_id", "=", self.id),
                    ("state", "=", "loaded"),
                    ("load_action", "=", "created"),
                    ("res_id", "in", batch),
                ]
            )
        with workflow_scope(Row._name, {"state", "res_id", "load_action"}):
            rows.write({"state": "valid", "res_id": 0, "load_action": False})
        self._workflow_write(
            {
                "rollback_data": json.dumps(
                    {"model": model, "created": created_ids, "updated": updated}
                )
            }
        )
        return len(batch)

    def _rollback_finish(self):
        Row = self.env["hc.migration.row"]
        with workflow_scope(Row._name, {"state", "res_id", "load_action"}):
            Row.search([("run_id", "=", self.id), ("state", "=", "loaded")]).write(
                {"state": "valid", "res_id": 0, "load_action": False}
            )
        self._workflow_write({"state": "rolled_back", "rollback_data": False})
        self._refresh_metrics()

    def _verified_rollback_data(self):
        """(model, created ids, updated entries) of the run's rollback data, once checked
        against what the load recorded on the staged rows: the domain's target model only,
        records the run created (with the external id the load gave them) or updated, and
        only fields a load may write. Anything else refuses the whole rollback."""
        self.ensure_one()
        model = self.domain_id.target_model
        try:
            data = json.loads(self.rollback_data or "{}")
            recorded_model = data.get("model", model)
            created_ids = [int(i) for i in data.get("created", [])]
            updated = [
                {"id": int(entry["id"]), "old": dict(entry["old"])}
                for entry in data.get("updated", [])
            ]
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise UserError(self.env._("The rollback data of this run is unreadable.")) from exc

        def refuse():
            raise UserError(
                self.env._(
                    "The rollback data of %(run)s does not match what its load recorded: "
                    "nothing was rolled back.",
                    run=self.name,
                )
            )

        if not (
            model
            and recorded_model == model
            and targets.target_allowed(model)
            and model in self.env
        ):
            refuse()
        # the loaded rows' three columns (a run can hold 50,000 rows: not the records)
        self.env["hc.migration.row"].flush_model(["state", "res_model", "res_id", "load_action"])
        self.env.cr.execute(
            SQL(
                "SELECT res_model, load_action, res_id FROM hc_migration_row "
                "WHERE run_id = %s AND state = 'loaded'",
                self.id,
            )
        )
        by_action = defaultdict(set)
        for res_model, action, res_id in self.env.cr.fetchall():
            if res_model != model:
                refuse()
            by_action[action].add(res_id)
        if not set(created_ids) <= by_action["created"]:
            refuse()
        if not {entry["id"] for entry in updated} <= by_action["updated"]:
            refuse()
        model_fields = self.env[model]._fields
        if any(
            targets.model_field_refusal(model_fields, fname)
            for entry in updated
            for fname in entry["old"]
        ):
            refuse()
        xmlids = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", model),
                    ("res_id", "in", created_ids),
                ]
            )
        )
        if set(created_ids) - set(xmlids.mapped("res_id")):
            refuse()
        return model, created_ids, updated

    # ------------------------------------------------------------ security
    def _security_check(self):
        """For each role of the suite, can a user with only that role read the loaded domain?
        Recorded with the run; a role outside the domain's allowed roles that can read is a leak."""
        self.ensure_one()
        model = self.domain_id.target_model
        allowed = self.domain_id.restricted_group_ids
        suite_groups = (
            self.env["res.groups"]
            .sudo()
            .search(
                [
                    (
                        "privilege_id.category_id",
                        "=",
                        self.env.ref("hc_base.module_category_hc_readiness_suite").id,
                    )
                ]
            )
        )
        roles = suite_groups | self.env.ref("base.group_user")
        Access = self.env["ir.model.access"].sudo()
        lines, ok = [], True
        for group in roles:
            groups = group | group.all_implied_ids
            can_read = bool(
                Access.search_count(
                    [
                        ("model_id.model", "=", model),
                        ("perm_read", "=", True),
                        "|",
                        ("group_id", "in", groups.ids),
                        ("group_id", "=", False),
                    ]
                )
            )
            expected = not allowed or bool(groups & allowed)
            leak = can_read and not expected
            ok = ok and not leak
            lines.append(
                f"{group.full_name}: {'can read' if can_read else 'cannot read'}"
                + ("  <- NOT ALLOWED" if leak else "")
            )
        self._workflow_write({"security_result": "\n".join(lines), "security_ok": ok})

    # -------------------------------------------------------------- reports
    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_export_rejects(self):
        """xlsx of the rejected rows with their reasons, for the data owner to fix the source."""
        self.ensure_one()
        rows = self.row_ids.filtered(lambda r: r.state in ("rejected", "error"))
        content = build_rejects_workbook(
            [
                (r.sheet, r.row_number, json.loads(r.raw_values or "{}"), r.errors or "")
                for r in rows
            ]
        )
        # the data owner reads the run but does not edit it: the file is attached to the run
        # for them, once their read access is checked (no context default reaches it)
        self.check_access("read")
        attachment = self.env(context={"lang": self.env.context.get("lang")}, su=True)[
            "ir.attachment"
        ].create(
            {
                "public": False,
                "name": f"{self.name} rejected rows.xlsx",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_print_reconciliation(self):
        return self.env.ref("hc_migration.action_report_reconciliation").report_action(self)

    def _reconciliation_data(self, sample=10):
        self.ensure_one()
        Row = self.env["hc.migration.row"]
        domain = [("run_id", "=", self.id)]
        totals = {}
        control = self.domain_id.mapping_ids.filtered("control_total")
        if control:
            totals = dict.fromkeys(control.mapped("source_column"), 0.0)
            ids = Row.search([*domain, ("state", "in", ("valid", "loaded"))]).ids
            for chunk in split_every(LOAD_CHUNK, ids, Row.browse):
                for values in (json.loads(v or "{}") for v in chunk.mapped("mapped_values")):
                    for line in control:
                        try:
                            totals[line.source_column] += float(values.get(line.target_field) or 0)
                        except (TypeError, ValueError):
                            continue
                chunk.invalidate_recordset()
        counts = Counter(dict(Row._read_group(domain, ["state"], ["__count"])))
        loaded = Row.search([*domain, ("state", "=", "loaded")], limit=sample)
        return {
            "counts": counts,
            "totals": totals,
            "sample": [
                (
                    row,
                    self.env[row.res_model].sudo().browse(row.res_id).display_name
                    if row.res_model
                    else "",
                )
                for row in loaded
            ],
            "reasons": dict(self._reason_items()),
            # the evidence of the sign-offs (and their exceptions) of the domain's current rules
            "signoffs": self.domain_id.sudo().signoff_ids.filtered("is_valid").sorted("kind"),
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "draft"),
            self.env._(
                "a staged run is the record of a mock migration and of what it loaded; "
                "roll a load back, or start a new run."
            ),
        )
