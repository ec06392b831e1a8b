# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import json
from collections import Counter

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import header_match, reader
from ..lib.row_estimate import estimate_rows

STAGE_CHUNK = 2000
BLOCK_SEPARATOR = "\x1f"  # between a staged row's dedup blocks (never in a key)
# the array type each staged column is sent as (``_insert_rows``): SQL, never built text
ARRAY_TYPES = {"varchar": SQL("varchar[]"), "int4": SQL("int4[]"), "text": SQL("text[]")}


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
                    SQL("%s::%s", [row[name] for row in rows], ARRAY_TYPES[sql_type])
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
