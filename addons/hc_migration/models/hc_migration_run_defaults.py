# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
import copy

from odoo import models
from odoo.api import NewId


class HcMigrationRun(models.Model):
    """Default sharing for the load: the defaults and stored computed values that are the
    same for every row of a chunk are computed once per set of given fields, not per record."""

    _inherit = "hc.migration.run"

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
