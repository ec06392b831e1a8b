import base64
import copy
import datetime
import hashlib
import json
import logging
import time
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.api import NewId
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

from ..lib import dedup, targets, transforms, validation
from ..lib.reader import FileRejected, MixedDateCheck, read_file
from ..lib.rejects_xlsx import build_rejects_workbook
from .hc_migration_cluster import PIPELINE_FIELDS

_logger = logging.getLogger(__name__)
XMLID_MODULE = "__hc_migration__"
LOAD_CHUNK = 1000
STAGE_CHUNK = 2000
BLOCK_SEPARATOR = "\x1f"  # between a staged row's dedup blocks (never in a key)

# Fields of existing records compared with staged rows to find duplicates, per target model.
EXISTING_DEDUP_FIELDS = {
    "res.partner": {
        "name": "name",
        "vat": "vat",
        "email": "email",
        "phone": "phone",
        "code": "ref",
    },
    "product.template": {"name": "name", "code": "default_code"},
    "product.product": {"name": "name", "code": "default_code"},
    "hr.employee": {"name": "name", "email": "work_email", "code": "barcode"},
    "maintenance.equipment": {"name": "name", "code": "serial_no"},
}


class HcMigrationRun(models.Model):
    """A numbered mock migration run of a domain: the uploaded legacy file (the batch), its
    staged rows, duplicate clusters, load into Odoo and the metrics and reconciliation."""

    _name = "hc.migration.run"
    _description = "Mock Migration Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "domain_id, number desc"

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
        for run in self:
            reasons = json.loads(run.rejected_by_reason or "{}")
            run.reason_summary = "".join(
                f"<div>{count} × {reason}</div>"
                for reason, count in sorted(reasons.items(), key=lambda x: -x[1])
            )

    @api.model_create_multi
    def create(self, vals_list):
        guarded = guard_active(self.env)
        for vals in vals_list:
            if guarded:
                self._hc_check_workflow_vals(vals, create=True)
            last = (
                self.sudo()
                .with_context(active_test=False)
                .search([("domain_id", "=", vals.get("domain_id"))], order="number desc", limit=1)
            )
            vals["number"] = (last.number or 0) + 1
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
        """Read the file, map, validate and deduplicate every row. A bad file creates nothing."""
        self.ensure_one()
        self._check_lead()
        if self.state != "draft":
            raise UserError(self.env._("This run is already staged; start a new mock run."))
        if not self.file:
            raise UserError(self.env._("Upload the legacy file (.xlsx or .csv) first."))
        start = time.perf_counter()
        domain = self.domain_id
        content = base64.b64decode(self.file)
        mapping = domain.mapping_ids
        required_cols = mapping.filtered("required").mapped("source_column")
        date_cols = mapping.filtered(lambda m: m.transform == "date").mapped("source_column")
        try:
            result = read_file(
                self.filename, content, required=required_cols, max_rows=domain.max_rows
            )
            self._workflow_write(
                {
                    "file_sha256": hashlib.sha256(content).hexdigest(),
                    "sheet": result.sheet,
                    "header_row": result.header_row,
                }
            )
            del content
            # rows stream from the file to the staging table chunk by chunk; a file refused
            # half-way (row limit, mixed date formats) raises and the transaction rolls back
            if domain.scope == "archive":
                self._stage_archive(result.rows)
            else:
                self._stage_rows(result.rows, MixedDateCheck(date_cols))
        except FileRejected as exc:
            raise UserError(
                self.env._("%(file)s: %(reason)s", file=self.filename, reason=str(exc))
            ) from exc
        self._workflow_write({"stage_seconds": time.perf_counter() - start, "state": "validated"})
        self._refresh_metrics()
        return True

    def _stage_archive(self, rows):
        Archive = self.env["hc.migration.archive"]
        count = 0
        for chunk in split_every(2000, rows, list):
            with workflow_scope(
                Archive._name, {"domain_id", "run_id", "sheet", "row_number", "content"}
            ):
                Archive.create(
                    [
                        {
                            "domain_id": self.domain_id.id,
                            "run_id": self.id,
                            "sheet": r.sheet,
                            "row_number": r.row,
                            "content": json.dumps(r.values, default=str, ensure_ascii=False),
                        }
                        for r in chunk
                    ]
                )
            count += len(chunk)
            Archive.flush_model()
            Archive.invalidate_model()  # keep one chunk in memory, not the file
        self._workflow_write({"archived": count})

    def _lookup_tables(self):
        """{(model, field): {normalised value: id}} for every lookup transform or rule: one
        search per lookup, not per row."""
        tables = {}
        specs = [m.transform_arg for m in self.domain_id.mapping_ids if m.transform == "lookup"]
        specs += [r.arg for r in self.domain_id.rule_ids if r.kind == "lookup" and r.active]

        def fields_of(name):
            return self.env[name]._fields if name in self.env else None

        for spec in filter(None, specs):
            model, _sep, fname = spec.partition(":")
            fname = fname or "name"
            if model not in self.env or (model, fname) in tables:
                continue
            if targets.lookup_refusal(fields_of, model, fname):
                continue  # never read with elevated rights: the lookup finds nothing
            if fname == "xmlid":  # lookup by external id (module.name)
                data = (
                    self.env["ir.model.data"]
                    .sudo()
                    .search_read([("model", "=", model)], ["module", "name", "res_id"])
                )
                tables[(model, fname)] = {
                    f"{d['module']}.{d['name']}".upper(): d["res_id"] for d in data
                }
                continue
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_read([(fname, "!=", False)], [fname])
            )
            tables[(model, fname)] = {
                str(r[fname]).strip().upper(): r["id"]
                for r in records
                if r[fname] not in (None, False)
            }
        return tables

    @staticmethod
    def _mapping_specs(mapping):
        """The mapping lines as plain tuples (source column, target field, transform, arg):
        read once per run instead of once per row and column."""
        return [(m.source_column, m.target_field, m.transform, m.transform_arg) for m in mapping]

    def _map_row(self, source, specs, tables):
        """(mapped values, errors) of one source row; errors carry sheet/row/column.
        ``specs``: ``_mapping_specs`` of the domain's mapping."""
        values, errors = {}, []
        for source_column, target_field, transform, transform_arg in specs:
            raw = source.values.get(source_column)
            where = f"Sheet '{source.sheet}', row {source.row}, column '{source_column}'"
            try:
                if transform == "lookup":
                    model, _sep, fname = (transform_arg or "").partition(":")
                    key = str(raw).strip().upper() if raw not in (None, "") else None
                    table = tables.get((model, fname or "name"), {})
                    if key is None:
                        value = None
                    elif key in table:
                        value = table[key]
                    else:
                        raise transforms.TransformError(f"'{raw}' not found in {model}")
                else:
                    value = transforms.apply(transform, raw, transform_arg)
            except transforms.TransformError as exc:
                errors.append((f"{where}: {exc}", target_field, "invalid value"))
                value = None
            if isinstance(value, datetime.date):
                value = fields.Date.to_string(value)
            values[target_field] = value
        return values, errors

    def _rule_specs(self, rules):
        """The row-level rules as plain tuples (kind, field, arg, label, column)."""
        column_of = {m.target_field: m.source_column for m in self.domain_id.mapping_ids}
        labels = dict(rules._fields["kind"].selection)
        return [
            (r.kind, r.field_name, r.arg, labels[r.kind], column_of.get(r.field_name, r.field_name))
            for r in rules
            if r.kind not in ("unique", "lookup")
        ]

    def _validate(self, source, values, specs):
        """Errors of one mapped row against ``specs`` (``_rule_specs``)."""
        errors = []
        for kind, field_name, arg, label, column in specs:
            try:
                message = validation.check(kind, values.get(field_name), arg)
            except (TypeError, ValueError):
                message = f"'{values.get(field_name)}' cannot be checked as {kind}"
            if message:
                errors.append(
                    (
                        f"Sheet '{source.sheet}', row {source.row}, column '{column}': {message}",
                        field_name,
                        label,
                    )
                )
        return errors

    _STAGE_COLUMNS = (
        ("sheet", "varchar"),
        ("row_number", "int4"),
        ("source_key", "varchar"),
        ("raw_values", "text"),
        ("mapped_values", "text"),
        ("state", "varchar"),
        ("errors", "text"),
        ("error_count", "int4"),
        ("dedup_source", "text"),
        ("dedup_blocks", "varchar"),
    )

    def _insert_rows(self, rows):
        """Insert staged rows (dicts of ``_STAGE_COLUMNS``) with one INSERT ... SELECT FROM
        unnest per chunk; returns their ids in order. The staging table is the workbench's
        own and holds plain values: the ORM's per-record create would cost more than reading
        the file."""
        columns = self._STAGE_COLUMNS
        self.env.cr.execute(
            SQL(
                "INSERT INTO hc_migration_row (run_id, domain_id, %s, create_uid, write_uid, "
                "create_date, write_date) SELECT %s, %s, %s, %s, %s, now() at time zone 'UTC', "
                "now() at time zone 'UTC' FROM unnest(%s) WITH ORDINALITY AS u(%s, n) "
                "ORDER BY n RETURNING id",
                SQL(", ").join(SQL.identifier(name) for name, _t in columns),
                self.id,
                self.domain_id.id,
                SQL(", ").join(SQL.identifier("u", name) for name, _t in columns),
                self.env.uid,
                self.env.uid,
                SQL(", ").join(
                    SQL("%s::" + sql_type + "[]", [row[name] for row in rows])
                    for name, sql_type in columns
                ),
                SQL(", ").join(SQL.identifier(name) for name, _t in columns),
            )
        )
        self.invalidate_recordset(["row_ids"])
        return [row_id for (row_id,) in self.env.cr.fetchall()]

    def _stage_rows(self, rows, date_check):
        """Map, validate and stage ``rows`` as they stream from the file, chunk by chunk:
        memory holds one chunk plus, per row, the few values needed afterwards (unique keys,
        dedup keys), never the whole file."""
        domain = self.domain_id
        mapping = domain.mapping_ids
        rules = domain.rule_ids.filtered("active")
        tables = self._lookup_tables()
        key_fields = mapping.filtered("is_key").mapped("target_field")
        unique_fields = sorted(
            set(rules.filtered(lambda r: r.kind == "unique").mapped("field_name"))
        )
        column_of = {m.target_field: m.source_column for m in mapping}
        roles = {m.dedup_role: m.target_field for m in mapping if m.dedup_role}
        mapping_specs = self._mapping_specs(mapping)
        rule_specs = self._rule_specs(rules)
        reasons = Counter()
        for chunk in split_every(STAGE_CHUNK, rows, list):
            staged = []
            for source in chunk:
                date_check.feed(source)
                values, errors = self._map_row(source, mapping_specs, tables)
                errors += self._validate(source, values, rule_specs)
                key = (
                    "|".join(str(values.get(k) or "") for k in key_fields)
                    if key_fields
                    else str(source.row)
                )
                reasons.update(f"{e[1]}: {e[2]}" for e in errors)
                candidate = (
                    dedup.Candidate("", **{r: values.get(f) or "" for r, f in roles.items()})
                    if roles and not errors
                    else None
                )
                staged.append(
                    {
                        "sheet": source.sheet,
                        "row_number": source.row,
                        "source_key": key,
                        "raw_values": json.dumps(source.values, default=str, ensure_ascii=False),
                        "mapped_values": json.dumps(values, default=str, ensure_ascii=False),
                        "state": "rejected" if errors else "valid",
                        "errors": "\n".join(e[0] for e in errors) or None,
                        "error_count": len(errors),
                        # what deduplication needs later, kept with the row, not in memory
                        "dedup_source": json.dumps(candidate.source(), default=str)
                        if candidate
                        else None,
                        "dedup_blocks": BLOCK_SEPARATOR.join(candidate.blocks())
                        if candidate
                        else None,
                    }
                )
            self._insert_rows(staged)
        date_check.finish()
        # keys duplicated inside the file (unique rules): every row holding the key is rejected
        duplicates = defaultdict(list)
        for fname in unique_fields:
            column = column_of.get(fname, fname)
            for value, ids, sheets, numbers in self._duplicate_keys(fname):
                rows_txt = ", ".join(str(number) for number in numbers)
                for row_id, sheet, number in zip(ids, sheets, numbers, strict=True):
                    duplicates[row_id].append(
                        f"Sheet '{sheet}', row {number}, column '{column}': "
                        f"'{value}' appears on rows {rows_txt}"
                    )
                    reasons[f"{fname}: duplicate key in file"] += 1
        if duplicates:
            ids = list(duplicates)
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE hc_migration_row r
                       SET state = 'rejected',
                           errors = concat_ws(E'\n', r.errors, d.message),
                           error_count = r.error_count + d.n
                      FROM unnest(%s::int4[], %s::text[], %s::int4[]) AS d(id, message, n)
                     WHERE r.id = d.id
                    """,
                    ids,
                    ["\n".join(duplicates[i]) for i in ids],
                    [len(duplicates[i]) for i in ids],
                )
            )
            self.env["hc.migration.row"].invalidate_model(["state", "errors", "error_count"])
        self._workflow_write({"rejected_by_reason": json.dumps(dict(reasons))})
        self._deduplicate()

    def _duplicate_keys(self, fname):
        """(value, row ids, sheets, row numbers) of the values of ``fname`` that more than
        one staged row of the run holds (trimmed, case-insensitive), from the staging table:
        the rows are not held in memory while the file streams."""
        self.env.cr.execute(
            SQL(
                """
                SELECT k, array_agg(id ORDER BY row_number), array_agg(sheet ORDER BY row_number),
                       array_agg(row_number ORDER BY row_number)
                  FROM (SELECT id, sheet, row_number,
                               upper(btrim(mapped_values::jsonb ->> %(f)s)) AS k
                          FROM hc_migration_row
                         WHERE run_id = %(run)s AND (mapped_values::jsonb ->> %(f)s) <> '') r
                 GROUP BY k HAVING count(*) > 1
                 ORDER BY min(row_number)
                """,
                f=fname,
                run=self.id,
            )
        )
        return self.env.cr.fetchall()

    def _block_candidates(self, extra_blocks):
        """The valid staged rows worth comparing, as ``dedup.Candidate`` (ref ``row:<id>``):
        those sharing a block with another row of the run or with one of ``extra_blocks``
        (the blocks of Odoo's existing records). Found with one grouped query over the
        staging table, so only they are loaded: memory stays flat in file size."""
        self.env.cr.execute(
            SQL(
                """
                WITH b AS (
                    SELECT id, unnest(string_to_array(dedup_blocks, %(sep)s)) AS block
                      FROM hc_migration_row
                     WHERE run_id = %(run)s AND state = 'valid' AND dedup_blocks IS NOT NULL
                )
                SELECT r.id, r.dedup_source
                  FROM hc_migration_row r
                 WHERE r.id IN (
                        SELECT id FROM b
                         WHERE block IN (SELECT block FROM b GROUP BY block HAVING count(*) > 1)
                            OR block = ANY(%(extra)s::varchar[]))
                 ORDER BY r.id
                """,
                sep=BLOCK_SEPARATOR,
                run=self.id,
                extra=sorted(extra_blocks),
            )
        )
        return [
            dedup.Candidate(f"row:{row_id}", **json.loads(source))
            for row_id, source in self.env.cr.fetchall()
        ]

    def _deduplicate(self):
        """Clusters of probable duplicates inside the file (the valid staged rows, with ref
        ``row:<id>``) and against Odoo's records."""
        domain = self.domain_id
        roles = {m.dedup_role: m.target_field for m in domain.mapping_ids if m.dedup_role}
        if not roles:
            return
        candidates = []
        existing_names = {}
        fmap = EXISTING_DEDUP_FIELDS.get(domain.target_model)
        if fmap and domain.target_installed:
            wanted = {role: fmap[role] for role in roles if role in fmap}
            records = (
                self.env[domain.target_model]
                .sudo()
                .with_context(active_test=False)
                .search_read([("name", "!=", False)], list(set(wanted.values()) | {"name"}))
            )
            loaded = set(
                self.env["ir.model.data"]
                .sudo()
                .search([("module", "=", XMLID_MODULE), ("model", "=", domain.target_model)])
                .mapped("res_id")
            )
            for rec in records:
                if rec["id"] in loaded:
                    continue  # our own earlier loads update, they do not duplicate
                candidates.append(
                    dedup.Candidate(
                        f"rec:{rec['id']}", **{r: rec.get(f) or "" for r, f in wanted.items()}
                    )
                )
                existing_names[f"rec:{rec['id']}"] = rec["name"]
        extra_blocks = {block for cand in candidates for block in cand.blocks()}
        candidates = self._block_candidates(extra_blocks) + candidates
        matches = dedup.find_matches(candidates, threshold=domain.dedup_threshold / 100.0)
        best = {}
        for match in matches:
            for ref in (match.a, match.b):
                if match.score >= best.get(ref, (0, ()))[0]:
                    best[ref] = (match.score, match.reasons)
        cluster_vals, members = [], []
        for group in dedup.clusters(matches):
            row_ids = sorted(int(ref[4:]) for ref in group if ref.startswith("row:"))
            existing = [ref for ref in group if ref.startswith("rec:")]
            score = max(best[ref][0] for ref in group)
            reasons = sorted({reason for ref in group for reason in best[ref][1]})
            cluster_vals.append(
                {
                    "run_id": self.id,
                    "score": round(score * 100, 1),
                    "reasons": ", ".join(reasons),
                    "existing_refs": ",".join(
                        f"{domain.target_model}:{ref[4:]}" for ref in existing
                    ),
                    "existing_names": ", ".join(existing_names.get(ref, "") for ref in existing),
                }
            )
            members.append((row_ids, bool(existing)))
        Cluster = self.env["hc.migration.cluster"]
        with workflow_scope(Cluster._name, PIPELINE_FIELDS):
            clusters = Cluster.create(cluster_vals)
        # rows were inserted in file order, so the lowest id is the first row of the file;
        # until the owner decides, it stands in for a cluster found inside the file
        row_ids, cluster_ids, states = [], [], []
        for cluster, (ids, against_odoo) in zip(clusters, members, strict=True):
            for index, row_id in enumerate(ids):
                row_ids.append(row_id)
                cluster_ids.append(cluster.id)
                states.append("valid" if index == 0 and not against_odoo else "duplicate")
        if row_ids:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE hc_migration_row r
                       SET cluster_id = d.cluster_id, state = d.state
                      FROM unnest(%s::int4[], %s::int4[], %s::varchar[]) AS d(id, cluster_id, state)
                     WHERE r.id = d.id
                    """,
                    row_ids,
                    cluster_ids,
                    states,
                )
            )
            self.env["hc.migration.row"].invalidate_model(["cluster_id", "state"])
            clusters.invalidate_recordset(["row_ids"])

    def _refresh_metrics(self):
        """Counters of the runs from two grouped queries (never the rows themselves: a run
        can hold 50,000 of them)."""
        Row = self.env["hc.migration.row"]
        Row.flush_model(["run_id", "state", "load_action"])
        states = defaultdict(Counter)
        for run, state, count in Row._read_group(
            [("run_id", "in", self.ids)], ["run_id", "state"], ["__count"]
        ):
            states[run.id][state] = count
        actions = defaultdict(Counter)
        for run, action, count in Row._read_group(
            [("run_id", "in", self.ids), ("load_action", "!=", False)],
            ["run_id", "load_action"],
            ["__count"],
        ):
            actions[run.id][action] = count
        for run in self:
            counts = states[run.id]
            read = sum(counts.values()) or run.archived
            rejected = counts["rejected"]
            run._workflow_write(
                {
                    "rows_read": read,
                    "rows_valid": counts["valid"] + counts["loaded"] + counts["error"],
                    "rows_rejected": rejected,
                    "dup_found": len(run.cluster_ids),
                    "dup_merged": len(run.cluster_ids.filtered(lambda c: c.state == "merged")),
                    "loaded_created": actions[run.id]["created"],
                    "loaded_updated": actions[run.id]["updated"],
                    "load_errors": counts["error"],
                    "reject_rate": round(100.0 * rejected / read, 2) if read else 0.0,
                }
            )

    # ----------------------------------------------------------------- load
    def _xmlid_name(self, key):
        clean = "".join(c if c.isalnum() else "_" for c in str(key)).strip("_").lower()
        return f"{self.domain_id.code.lower()}_{clean}"

    @restricted_to("hc_migration.group_migration_lead")
    def action_load(self):
        """Load valid, deduplicated rows through the ORM, in chunks with one savepoint each:
        a failing chunk is rolled back alone and its rows marked with the error. External ids
        per source key make a re-run update instead of duplicating."""
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
        pending = domain.run_ids.cluster_ids.filtered(
            lambda c: c.run_id == self and c.state == "pending" and c.existing_refs
        )
        start = time.perf_counter()
        if not targets.target_allowed(domain.target_model):
            raise UserError(
                self.env._("%(model)s cannot be loaded by a migration.", model=domain.target_model)
            )
        # the load writes only the mapped fields a load may write (see lib/targets.py),
        # checked again here against the target model, whatever the mapping holds
        loadable = domain._loadable_fields()
        # the lead's right to load was checked above; the target model (partners, products,
        # employees) is written with elevated rights, as a controlled migration process. The
        # caller's context is not passed on (no default_* or other key reaches the target):
        # only its language and time zone.
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
        row_ids = Row.search(
            [
                ("run_id", "=", self.id),
                ("state", "=", "valid"),
                ("cluster_id", "not in", pending.ids),
            ],
            order="row_number",
        ).ids
        IMD = self.env["ir.model.data"].sudo()
        rollback = {"model": domain.target_model, "created": [], "updated": []}
        for chunk_ids in split_every(LOAD_CHUNK, row_ids):
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
                        rollback["updated"].append(
                            {
                                "id": res_id,
                                "old": {
                                    k: (v[0] if isinstance(v, tuple) else v)
                                    for k, v in old.items()
                                    if k != "id"
                                },
                            }
                        )
                        record.write(vals)
                        loaded.append((row.id, res_id, "updated"))
                    if to_create:
                        # the ORM's own batch path for loading data (data files, base_import):
                        # models batch their post-create work there (partners sync fields once)
                        records = Creator._load_records_create(
                            self._with_stable_defaults(
                                Model, [vals for _row, vals, _id in to_create]
                            )
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
                            (row.id, rec.id, "created")
                            for (row, _vals, _id), rec in zip(to_create, records, strict=True)
                        )
                        rollback["created"].extend(records.ids)
                    self.env.flush_all()
                    self._mark_loaded(loaded, domain.target_model)
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
        self._workflow_write(
            {
                "rollback_data": json.dumps(rollback),
                "load_seconds": time.perf_counter() - start,
                "state": "loaded",
            }
        )
        self._refresh_metrics()
        self._security_check()
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
        return True

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
        """Mark staged rows loaded with their record, in one UPDATE for the chunk."""
        if not loaded:
            return
        ids, res_ids, actions = (list(col) for col in zip(*loaded, strict=True))
        self.env.cr.execute(
            SQL(
                """
                UPDATE hc_migration_row r
                   SET state = 'loaded', res_model = %s, res_id = d.res_id, load_action = d.action,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                  FROM unnest(%s::int4[], %s::int4[], %s::varchar[]) AS d(id, res_id, action)
                 WHERE r.id = d.id
                """,
                model,
                self.env.uid,
                ids,
                res_ids,
                actions,
            )
        )
        self.env["hc.migration.row"].invalidate_model(
            ["state", "res_model", "res_id", "load_action"]
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
        model, created_ids, updated = self._verified_rollback_data()
        context = self.env.context
        clean = {key: context[key] for key in ("lang", "tz") if key in context}
        Model = self.env(context=clean, su=True)[model]
        for entry in reversed(updated):
            Model.browse(entry["id"]).write(entry["old"])
        created = Model.browse(created_ids).exists()
        self.env["ir.model.data"].sudo().search(
            [
                ("module", "=", XMLID_MODULE),
                ("model", "=", Model._name),
                ("res_id", "in", created.ids),
            ]
        ).unlink()
        created.unlink()
        Row = self.env["hc.migration.row"]
        with workflow_scope(Row._name, {"state", "res_id", "load_action"}):
            self.row_ids.filtered(lambda r: r.state == "loaded").write(
                {"state": "valid", "res_id": 0, "load_action": False}
            )
        self._workflow_write({"state": "rolled_back", "rollback_data": False})
        self._refresh_metrics()
        return True

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
        loaded = self.row_ids.filtered(lambda r: r.state == "loaded")
        if any(row.res_model != model for row in loaded):
            refuse()
        by_action = defaultdict(set)
        for row in loaded:
            by_action[row.load_action].add(row.res_id)
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
            "reasons": json.loads(self.rejected_by_reason or "{}"),
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
