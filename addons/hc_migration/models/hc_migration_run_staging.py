# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import datetime
import json
from collections import Counter

from odoo import fields, models
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import dedup, targets, transforms, validation

STAGE_CHUNK = 2000
BLOCK_SEPARATOR = "\x1f"  # between a staged row's dedup blocks (never in a key)


class HcMigrationRun(models.Model):
    """Staging of a mock run: the file's rows mapped, validated and inserted into the staging
    table chunk by chunk (``_stage_rows``, callable once per chunk), then the checks over the
    whole file (``_stage_finish``: mixed date formats, keys duplicated in the file,
    deduplication, the row buckets)."""

    _inherit = "hc.migration.run"

    def _stage_archive(self, rows):
        """Keep archive-scope rows searchable (never loaded); callable once per chunk."""
        Archive = self.env["hc.migration.archive"]
        count = 0
        for chunk in split_every(STAGE_CHUNK, rows, list):
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
        self._workflow_write(
            {"archived": self.archived + count, "rows_read": self.rows_read + count}
        )
        return count

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

    def _stage_plan(self):
        """What staging needs of the domain, read once per call of ``_stage_rows``: mapping
        and rule specs, lookup tables, key fields and dedup roles."""
        domain = self.domain_id
        mapping = domain.mapping_ids
        rules = domain.rule_ids.filtered("active")
        return {
            "tables": self._lookup_tables(),
            "key_fields": mapping.filtered("is_key").mapped("target_field"),
            "roles": {m.dedup_role: m.target_field for m in mapping if m.dedup_role},
            "mapping_specs": self._mapping_specs(mapping),
            "rule_specs": self._rule_specs(rules),
        }

    def _stage_rows(self, rows, date_check=None):
        """Map, validate and stage ``rows`` (``reader.SourceRow``) as they stream from the
        file, ``STAGE_CHUNK`` at a time; returns how many were staged. Callable once per
        chunk of the file (a background job): each call adds its rows to ``rows_read`` and its
        reasons to ``rejected_by_reason``; ``_stage_finish`` then checks the whole file.
        Memory holds one chunk, never the file: what the checks over the whole file need
        (keys, dedup inputs) is kept with the staged row.

        A row rejected for a field still takes part in deduplication on its other fields:
        its dedup inputs leave out only the fields in error."""
        plan = self._stage_plan()
        roles = plan["roles"]
        key_fields = plan["key_fields"]
        reasons = Counter(json.loads(self.rejected_by_reason or "{}"))
        count = 0
        for chunk in split_every(STAGE_CHUNK, rows, list):
            staged = []
            for source in chunk:
                if date_check is not None:
                    date_check.feed(source)
                values, errors = self._map_row(source, plan["mapping_specs"], plan["tables"])
                errors += self._validate(source, values, plan["rule_specs"])
                key = (
                    "|".join(str(values.get(k) or "") for k in key_fields)
                    if key_fields
                    else str(source.row)
                )
                reasons.update(f"{e[1]}: {e[2]}" for e in errors)
                in_error = {e[1] for e in errors}
                candidate = (
                    dedup.Candidate(
                        "",
                        **{
                            role: values.get(fname) or ""
                            for role, fname in roles.items()
                            if fname not in in_error
                        },
                    )
                    if roles
                    else None
                )
                blocks = candidate.blocks() if candidate else []
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
                        if blocks
                        else None,
                        "dedup_blocks": BLOCK_SEPARATOR.join(blocks) if blocks else None,
                    }
                )
            self._insert_rows(staged)
            count += len(staged)
        self._workflow_write(
            {
                "rows_read": self.rows_read + count,
                "rejected_by_reason": json.dumps(dict(reasons)),
            }
        )
        return count

    def _stage_finish(self, date_check=None):
        """The checks over the whole staged file, once every chunk is staged: mixed date
        formats (``date_check``, fed by ``_stage_rows``), keys duplicated in the file (unique
        rules), deduplication, then the run's buckets (``read == sum of buckets``)."""
        if date_check is not None:
            date_check.finish()
        if self.domain_id.scope != "archive":
            self._reject_duplicate_keys()
            self._deduplicate()
        self._refresh_metrics()

    def _reject_duplicate_keys(self):
        """Keys duplicated inside the file (unique rules): every row holding the key is
        rejected. Its reason names at most ``validation.OTHERS_SHOWN`` other rows and counts
        the rest ("also on rows 3, 4, 5 and 5,996 other rows"): one key repeated on every row
        of a 50,000-row file costs a short reason per row, not the file's row numbers on
        every row."""
        domain = self.domain_id
        rules = domain.rule_ids.filtered(lambda r: r.active and r.kind == "unique")
        column_of = {m.target_field: m.source_column for m in domain.mapping_ids}
        reasons = Counter(json.loads(self.rejected_by_reason or "{}"))
        pending = []  # (row id, message): written STAGE_CHUNK at a time, never all at once
        for fname in sorted(set(rules.mapped("field_name"))):
            column = column_of.get(fname, fname)
            for value, ids, sheets, numbers, shown in self._duplicate_keys(fname):
                for row_id, sheet, number in zip(ids, sheets, numbers, strict=True):
                    others = validation.others_text(shown, number, len(ids) - 1)
                    pending.append(
                        (
                            row_id,
                            f"Sheet '{sheet}', row {number}, column '{column}': "
                            f"'{value}' also on {others}",
                        )
                    )
                    if len(pending) >= STAGE_CHUNK:
                        self._append_row_errors(pending)
                        pending = []
                reasons[f"{fname}: duplicate key in file"] += len(ids)
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
        """(value, row ids, sheets, row numbers, first row numbers) of the values of
        ``fname`` that more than one staged row of the run holds (trimmed,
        case-insensitive), from the staging table: the rows are not held in memory while the
        file streams. The first row numbers (``validation.OTHERS_SHOWN`` + 1 of them) are
        what a reason names; the rest is counted."""
        self.env.cr.execute(
            SQL(
                """
                SELECT k, array_agg(id ORDER BY row_number), array_agg(sheet ORDER BY row_number),
                       array_agg(row_number ORDER BY row_number),
                       (array_agg(row_number ORDER BY row_number))[1:%(shown)s]
                  FROM (SELECT id, sheet, row_number,
                               upper(btrim(mapped_values::jsonb ->> %(f)s)) AS k
                          FROM hc_migration_row
                         WHERE run_id = %(run)s AND (mapped_values::jsonb ->> %(f)s) <> '') r
                 GROUP BY k HAVING count(*) > 1
                 ORDER BY min(row_number)
                """,
                f=fname,
                run=self.id,
                shown=validation.OTHERS_SHOWN + 1,
            )
        )
        return self.env.cr.fetchall()
