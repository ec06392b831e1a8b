# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import datetime
import json
from collections import Counter

from odoo import fields, models

from ..lib import reasons as reasons_lib
from ..lib import targets, transforms, validation


class HcMigrationRun(models.Model):
    """Mapping and validation of a staged row: the mapping's transforms and lookups, the
    domain's row-level rules, and the reasons of the rejected rows in the owner's words."""

    _inherit = "hc.migration.run"

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
        return reasons_lib.translate(self.env._, reason)

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
