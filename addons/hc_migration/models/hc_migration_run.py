import base64
import datetime
import hashlib
import json
import logging
import time
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, split_every

from ..lib import dedup, transforms, validation
from ..lib.reader import FileRejected, check_mixed_dates, read_file
from ..lib.rejects_xlsx import build_rejects_workbook

_logger = logging.getLogger(__name__)
XMLID_MODULE = "__hc_migration__"
LOAD_CHUNK = 500

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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("validated", "Staged and validated"),
            ("loaded", "Loaded"),
            ("rolled_back", "Rolled back"),
        ],
        default="draft",
        required=True,
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
        readonly=True, help="JSON: records created and previous values of records updated."
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
        for vals in vals_list:
            last = self.search(
                [("domain_id", "=", vals.get("domain_id"))], order="number desc", limit=1
            )
            vals["number"] = (last.number or 0) + 1
        return super().create(vals_list)

    def _check_lead(self):
        if not self.env.user.has_group("hc_migration.group_migration_lead"):
            raise AccessError(self.env._("Only a migration lead runs stages, loads and rollbacks."))

    # --------------------------------------------------------------- staging
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
        try:
            result = read_file(
                self.filename, content, required=required_cols, max_rows=domain.max_rows
            )
            rows = list(result.rows) if domain.scope == "operational" else result.rows
            date_cols = mapping.filtered(lambda m: m.transform == "date").mapped("source_column")
            if date_cols and domain.scope == "operational":
                check_mixed_dates(rows, date_cols)
        except FileRejected as exc:
            raise UserError(
                self.env._("%(file)s: %(reason)s", file=self.filename, reason=str(exc))
            ) from exc
        self.write(
            {
                "file_sha256": hashlib.sha256(content).hexdigest(),
                "sheet": result.sheet,
                "header_row": result.header_row,
            }
        )
        if domain.scope == "archive":
            self._stage_archive(rows)
        else:
            self._stage_rows(rows, result.headers)
        self.stage_seconds = time.perf_counter() - start
        self.state = "validated"
        self._refresh_metrics()
        return True

    def _stage_archive(self, rows):
        Archive = self.env["hc.migration.archive"]
        count = 0
        for chunk in split_every(2000, rows, list):
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
        self.archived = count

    def _lookup_tables(self):
        """{(model, field): {normalised value: id}} for every lookup transform or rule: one
        search per lookup, not per row."""
        tables = {}
        specs = [m.transform_arg for m in self.domain_id.mapping_ids if m.transform == "lookup"]
        specs += [r.arg for r in self.domain_id.rule_ids if r.kind == "lookup" and r.active]
        for spec in filter(None, specs):
            model, _sep, fname = spec.partition(":")
            fname = fname or "name"
            if model not in self.env or (model, fname) in tables:
                continue
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

    def _map_row(self, source, mapping, tables):
        """(mapped values, errors) of one source row; errors carry sheet/row/column."""
        values, errors = {}, []
        for line in mapping:
            raw = source.values.get(line.source_column)
            where = f"Sheet '{source.sheet}', row {source.row}, column '{line.source_column}'"
            try:
                if line.transform == "lookup":
                    model, _sep, fname = (line.transform_arg or "").partition(":")
                    key = str(raw).strip().upper() if raw not in (None, "") else None
                    table = tables.get((model, fname or "name"), {})
                    if key is None:
                        value = None
                    elif key in table:
                        value = table[key]
                    else:
                        raise transforms.TransformError(f"'{raw}' not found in {model}")
                else:
                    value = transforms.apply(line.transform, raw, line.transform_arg)
            except transforms.TransformError as exc:
                errors.append((f"{where}: {exc}", line.target_field, "invalid value"))
                value = None
            if isinstance(value, datetime.date):
                value = fields.Date.to_string(value)
            values[line.target_field] = value
        return values, errors

    def _validate(self, source, values, rules):
        errors = []
        column_of = {m.target_field: m.source_column for m in self.domain_id.mapping_ids}
        for rule in rules:
            if rule.kind in ("unique", "lookup"):
                continue
            try:
                message = validation.check(rule.kind, values.get(rule.field_name), rule.arg)
            except (TypeError, ValueError):
                message = f"'{values.get(rule.field_name)}' cannot be checked as {rule.kind}"
            if message:
                column = column_of.get(rule.field_name, rule.field_name)
                errors.append(
                    (
                        f"Sheet '{source.sheet}', row {source.row}, column '{column}': {message}",
                        rule.field_name,
                        dict(rule._fields["kind"].selection)[rule.kind],
                    )
                )
        return errors

    def _stage_rows(self, rows, headers):
        domain = self.domain_id
        mapping = domain.mapping_ids
        rules = domain.rule_ids.filtered("active")
        tables = self._lookup_tables()
        key_fields = mapping.filtered("is_key").mapped("target_field")
        staged = []
        for source in rows:
            values, errors = self._map_row(source, mapping, tables)
            errors += self._validate(source, values, rules)
            key = (
                "|".join(str(values.get(k) or "") for k in key_fields)
                if key_fields
                else str(source.row)
            )
            staged.append([source, values, errors, key])
        # keys duplicated inside the file (unique rules and the source key)
        unique_fields = set(rules.filtered(lambda r: r.kind == "unique").mapped("field_name"))
        column_of = {m.target_field: m.source_column for m in mapping}
        for fname in unique_fields:
            seen = {}
            for item in staged:
                value = item[1].get(fname)
                if value not in (None, ""):
                    seen.setdefault(str(value).strip().upper(), []).append(item)
            for value, items in seen.items():
                if len(items) > 1:
                    rows_txt = ", ".join(str(i[0].row) for i in items)
                    for item in items:
                        item[2].append(
                            (
                                f"Sheet '{item[0].sheet}', row {item[0].row}, "
                                f"column '{column_of.get(fname, fname)}': "
                                f"'{value}' appears on rows {rows_txt}",
                                fname,
                                "duplicate key in file",
                            )
                        )
        Row = self.env["hc.migration.row"]
        reasons = Counter()
        created = Row.browse()
        for chunk in split_every(2000, staged, list):
            vals_list = []
            for source, values, errors, key in chunk:
                reasons.update(f"{e[1]}: {e[2]}" for e in errors)
                vals_list.append(
                    {
                        "run_id": self.id,
                        "sheet": source.sheet,
                        "row_number": source.row,
                        "source_key": key,
                        "raw_values": json.dumps(source.values, default=str, ensure_ascii=False),
                        "mapped_values": json.dumps(values, default=str, ensure_ascii=False),
                        "state": "rejected" if errors else "valid",
                        "errors": "\n".join(e[0] for e in errors) or False,
                        "error_count": len(errors),
                    }
                )
            created |= Row.create(vals_list)
        self.rejected_by_reason = json.dumps(dict(reasons))
        self._deduplicate(created, staged)

    def _deduplicate(self, rows, staged):
        """Clusters of probable duplicates inside the file and against Odoo's records."""
        domain = self.domain_id
        roles = {m.dedup_role: m.target_field for m in domain.mapping_ids if m.dedup_role}
        if not roles:
            return
        candidates = []
        for row, (_source, values, errors, _key) in zip(rows, staged, strict=True):
            if errors:
                continue
            candidates.append(
                dedup.Candidate(
                    f"row:{row.id}", **{r: values.get(f) or "" for r, f in roles.items()}
                )
            )
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
        matches = dedup.find_matches(candidates, threshold=domain.dedup_threshold / 100.0)
        best = {}
        for match in matches:
            for ref in (match.a, match.b):
                if match.score >= best.get(ref, (0, ()))[0]:
                    best[ref] = (match.score, match.reasons)
        Cluster = self.env["hc.migration.cluster"]
        by_id = {row.id: row for row in rows}
        for group in dedup.clusters(matches):
            row_ids = [int(ref[4:]) for ref in group if ref.startswith("row:")]
            existing = [ref for ref in group if ref.startswith("rec:")]
            score = max(best[ref][0] for ref in group)
            reasons = sorted({reason for ref in group for reason in best[ref][1]})
            cluster = Cluster.create(
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
            members = self.env["hc.migration.row"].browse(row_ids)
            members.write({"cluster_id": cluster.id, "state": "duplicate"})
            if not existing and members:
                # until the owner decides, the first row stands in for the cluster
                members.sorted("row_number")[:1].state = "valid"
            for row_id in row_ids:
                by_id.pop(row_id, None)

    def _refresh_metrics(self):
        for run in self:
            counts = Counter(run.row_ids.mapped("state"))
            read = len(run.row_ids) or run.archived
            rejected = counts["rejected"]
            run.write(
                {
                    "rows_read": read,
                    "rows_valid": counts["valid"] + counts["loaded"] + counts["error"],
                    "rows_rejected": rejected,
                    "dup_found": len(run.cluster_ids),
                    "dup_merged": len(run.cluster_ids.filtered(lambda c: c.state == "merged")),
                    "loaded_created": len(
                        run.row_ids.filtered(lambda r: r.load_action == "created")
                    ),
                    "loaded_updated": len(
                        run.row_ids.filtered(lambda r: r.load_action == "updated")
                    ),
                    "load_errors": counts["error"],
                    "reject_rate": round(100.0 * rejected / read, 2) if read else 0.0,
                }
            )

    # ----------------------------------------------------------------- load
    def _xmlid_name(self, key):
        clean = "".join(c if c.isalnum() else "_" for c in str(key)).strip("_").lower()
        return f"{self.domain_id.code.lower()}_{clean}"

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
        # the lead's right to load was checked above; the target model (partners, products,
        # employees) is written with elevated rights, as a controlled migration process
        Model = self.env[domain.target_model].sudo()
        target_fields = set(Model._fields)
        rows = self.row_ids.filtered(lambda r: r.state == "valid" and r.cluster_id not in pending)
        IMD = self.env["ir.model.data"].sudo()
        rollback = json.loads(self.rollback_data or '{"created": [], "updated": []}')
        for chunk in split_every(LOAD_CHUNK, rows.ids, self.env["hc.migration.row"].browse):
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
                        vals = {k: v for k, v in row.values().items() if k in target_fields}
                        res_id = existing.get(names[row.id])
                        if (
                            not res_id
                            and row.cluster_id.state == "merged"
                            and row.cluster_id.existing_refs
                        ):
                            res_id = int(row.cluster_id.existing_refs.split(",")[0].split(":")[1])
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
                        records = Model.create([vals for _row, vals, _id in to_create])
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
                chunk.write(
                    {
                        "state": "error",
                        "errors": self.env._(
                            "Load failed for this chunk: %(error)s", error=str(exc)
                        ),
                        "error_count": 1,
                    }
                )
        self.write(
            {
                "rollback_data": json.dumps(rollback),
                "load_seconds": time.perf_counter() - start,
                "state": "loaded",
            }
        )
        self._refresh_metrics()
        self._security_check()
        return True

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

    def action_rollback(self):
        """Undo a mock run on a non-production database: remove the records it created and
        restore the previous values of those it updated."""
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
        data = json.loads(self.rollback_data or "{}")
        Model = self.env[self.domain_id.target_model].sudo()
        for entry in reversed(data.get("updated", [])):
            Model.browse(entry["id"]).write(entry["old"])
        created = Model.browse(data.get("created", [])).exists()
        self.env["ir.model.data"].sudo().search(
            [
                ("module", "=", XMLID_MODULE),
                ("model", "=", Model._name),
                ("res_id", "in", created.ids),
            ]
        ).unlink()
        created.unlink()
        self.row_ids.filtered(lambda r: r.state == "loaded").write(
            {"state": "valid", "res_id": 0, "load_action": False}
        )
        self.write({"state": "rolled_back", "rollback_data": False})
        self._refresh_metrics()
        return True

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
        self.write({"security_result": "\n".join(lines), "security_ok": ok})

    # -------------------------------------------------------------- reports
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
        attachment = self.env["ir.attachment"].create(
            {
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

    def action_print_reconciliation(self):
        return self.env.ref("hc_migration.action_report_reconciliation").report_action(self)

    def _reconciliation_data(self, sample=10):
        self.ensure_one()
        totals = {}
        for line in self.domain_id.mapping_ids.filtered("control_total"):
            total = 0.0
            for row in self.row_ids.filtered(lambda r: r.state in ("valid", "loaded")):
                try:
                    total += float(row.values().get(line.target_field) or 0)
                except (TypeError, ValueError):
                    continue
            totals[line.source_column] = total
        loaded = self.row_ids.filtered(lambda r: r.state == "loaded")[:sample]
        return {
            "counts": Counter(self.row_ids.mapped("state")),
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
