# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import datetime
import json
from collections import Counter

from odoo import fields, models
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import header_match, reader, targets, transforms, validation
from ..lib import reasons as reasons_lib

STAGE_CHUNK = 2000
BLOCK_SEPARATOR = "\x1f"  # between a staged row's dedup blocks (never in a key)


def sort_value(kind, normal):
    """The values of the kind's sort keys (sorted-neighbourhood passes) of a normalised
    record, joined: what a staged row keeps to be ordered in each pass."""
    return BLOCK_SEPARATOR.join(str(normal.get(key) or "") for key in kind.sort_keys)


class HcMigrationRun(models.Model):
    """Staging of a mock run: the file's rows mapped, validated and inserted into the staging
    table chunk by chunk (``_stage_rows``, callable once per chunk), then the checks over the
    whole file (``_stage_finish``: mixed date formats, keys duplicated in the file,
    deduplication, the row buckets)."""

    _inherit = "hc.migration.run"

    def _read_source(self, content):
        """The file's rows as staging reads them (``reader.ReadResult``): the sheet of
        ``_sheet_to_read``, the mapping's required columns (every joined column of a
        required join), the domain's row limit."""
        domain = self.domain_id
        required = domain._required_columns()
        sheet = self._sheet_to_read(content)
        if sheet:
            return reader.read_xlsx(
                content, required=required, max_rows=domain.max_rows, sheet_name=sheet
            )
        return reader.read_file(self.filename, content, required=required, max_rows=domain.max_rows)

    def _sheet_to_read(self, content):
        """The sheet of a workbook with several: the domain's saved sheet (``sheet_name``,
        saved by *Map columns*) when the workbook has it, else the sheet whose headers hold
        the mapping's columns; None (the first sheet, or a CSV file) otherwise."""
        names = reader.sheet_names(self.filename, content)
        if len(names) < 2:
            return None
        domain = self.domain_id
        if domain.sheet_name in names:
            return domain.sheet_name
        return header_match.choose_sheet(
            header_match.workbook_headers(self.filename, content), domain._mapping_columns()
        )

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
        read once per run instead of once per row and column. A join reads a tuple of
        columns, its argument is the separator."""
        return [
            (tuple(m._source_columns()), m.target_field, m.transform, m.join_separator)
            if m.transform == "join"
            else (m.source_column, m.target_field, m.transform, m.transform_arg)
            for m in mapping
        ]

    def _where(self, source, column):
        return self.env._(
            "Sheet '%(sheet)s', row %(row)s, column '%(column)s'",
            sheet=source.sheet,
            row=source.row,
            column=column,
        )

    def _reason_text(self, reason):
        """A message of the library (``lib/reasons.Reason``) in the user's language."""
        if isinstance(reason, reasons_lib.Reason):
            return self.env._(reason.template, **reason.params)
        return str(reason)

    def _map_row(self, source, specs, tables):
        """(mapped values, errors) of one source row; errors carry sheet/row/column.
        ``specs``: ``_mapping_specs`` of the domain's mapping."""
        values, errors = {}, []
        for source_column, target_field, transform, transform_arg in specs:
            if transform == "join":
                values[target_field] = transforms.join(
                    [source.values.get(column) for column in source_column], transform_arg
                )
                continue
            raw = source.values.get(source_column)
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
                        raise transforms.TransformError(
                            self.env._("'%(value)s' not found in %(model)s", value=raw, model=model)
                        )
                else:
                    value = transforms.apply(transform, raw, transform_arg)
            except transforms.TransformError as exc:
                message = self._reason_text(exc.args[0] if exc.args else exc)
                errors.append(
                    (
                        f"{self._where(source, source_column)}: {message}",
                        target_field,
                        "invalid value",
                    )
                )
                value = None
            if isinstance(value, datetime.date):
                value = fields.Date.to_string(value)
            values[target_field] = value
        return values, errors

    def _column_names(self):
        """{target field: the name a reason gives it}: the mapping's column name ('Given Name
        + Surname' for a join), else the target field's label; never a technical name when
        a label exists."""
        domain = self.domain_id
        names = {
            name: field._description_string(self.env)
            for name, field in (domain._target_fields() or {}).items()
        }
        for line in domain.mapping_ids:
            names[line.target_field] = " + ".join(line._source_columns()) or line.target_field
        return names

    def _reason_items(self):
        """[(reason, count)] of ``rejected_by_reason``, most frequent first, as the owner
        reads them: 'Tax ID: VAT / registration number', 'Given Name + Surname: invalid
        value' (the mapping's column name, else the target field's label, and the reason in
        the user's language), never 'vat: ...'. The stored keys stay 'field: reason' (stable
        across languages and label changes)."""
        self.ensure_one()
        counts = json.loads(self.rejected_by_reason or "{}")
        if not counts:
            return []
        names = self._column_names()
        Rule = self.env["hc.migration.rule"]
        kinds = Rule._fields["kind"]
        translated = dict(kinds._description_selection(self.env))
        texts = {label: translated.get(kind, label) for kind, label in kinds.selection}
        texts.update(
            {
                "invalid value": self.env._("invalid value"),
                "duplicate key in file": self.env._("duplicate key in file"),
            }
        )
        items = Counter()
        for key, count in counts.items():
            fname, sep, reason = key.partition(": ")
            if not sep:
                items[key] += count
                continue
            items[f"{names.get(fname, fname)}: {texts.get(reason, reason)}"] += count
        return sorted(items.items(), key=lambda item: (-item[1], item[0]))

    def _rule_specs(self, rules):
        """The row-level rules as plain tuples (kind, field, arg, label, column)."""
        column_of = self._column_names()
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
                message = self.env._(
                    "'%(value)s' cannot be checked as %(rule)s",
                    value=values.get(field_name),
                    rule=label,
                )
            if message:
                errors.append(
                    (
                        f"{self._where(source, column)}: {self._reason_text(message)}",
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
        ("dedup_sort", "varchar"),
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

        A row rejected for a field still takes part in deduplication: its dedup inputs are
        every value it has (a value a rule refused, such as a VAT with wrong check digits, is
        compared as plain text by the matching engine)."""
        plan = self._stage_plan()
        roles = plan["roles"]
        kind = self.domain_id._match_kind() if roles else None
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
                # a value a rule refused still tells who the row is (a VAT without its country
                # prefix is compared as plain text); a value no transform could read is None
                dedup_source, blocks, sort = self._dedup_inputs(
                    kind,
                    {
                        role: values.get(fname)
                        for role, fname in roles.items()
                        if values.get(fname) not in (None, "", False)
                    },
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
                        "dedup_source": dedup_source,
                        "dedup_blocks": BLOCK_SEPARATOR.join(blocks) if blocks else None,
                        "dedup_sort": sort,
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

    @staticmethod
    def _dedup_inputs(kind, source):
        """(normalised record as JSON, blocks, sort value) a staged row keeps for
        deduplication: the domain kind's normalisation of the values of its dedup roles
        (without the fields in error), its blocks and its sort value; (None, [], None) when
        it has none. Deduplication reads them back without normalising again."""
        if kind is None or not source:
            return None, [], None
        normal = kind.normalise({role: str(value) for role, value in source.items()})
        blocks = kind.block_keys(normal)
        if not blocks:
            return None, [], None
        text = json.dumps(normal, ensure_ascii=False, sort_keys=True)
        return text, blocks, sort_value(kind, normal)

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
