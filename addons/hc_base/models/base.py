"""Workflow-owned fields on every model, and scope after write on the suite's models
(see ``hc_base/guards.py`` for the rules)."""

import re

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.orm.models import MAGIC_COLUMNS

from ..guards import guard_active, scope_allows, workflow_scope

_NEVER_OWNED = frozenset([*MAGIC_COLUMNS, "display_name"])
# a many-to-one's domain that ties it to another field of the record: [('site_id', '=', site_id)]
_LINK_DOMAIN = re.compile(r"^\s*\[\s*\(\s*'(\w+)'\s*,\s*'='\s*,\s*(\w+)\s*\)\s*\]\s*$")
# ... or to it or nothing: [('hc_site_id', 'in', [site_id, False])]
_LINK_OR_EMPTY_DOMAIN = re.compile(
    r"^\s*\[\s*\(\s*'(\w+)'\s*,\s*'in'\s*,\s*\[\s*(\w+)\s*,\s*False\s*\]\s*\)\s*\]\s*$"
)


class Base(models.AbstractModel):
    _inherit = "base"

    def _valid_field_parameter(self, field, name):
        return name == "workflow_owned" or super()._valid_field_parameter(field, name)

    @api.model
    def _hc_is_workflow_owned(self, field):
        """Whether only the server's workflow may set ``field`` (a field of this model)."""
        flag = field.__dict__.get("workflow_owned")
        if flag is not None:
            return bool(flag)
        if field.name in _NEVER_OWNED or not self._name.startswith("hc."):
            return False
        modules = field._modules or (field._module,)
        return bool(modules[0] and modules[0].startswith("hc_") and field.readonly)

    @api.model
    def _workflow_owned_fields(self):
        """Names of this model's workflow-owned fields."""
        return {name for name, field in self._fields.items() if self._hc_is_workflow_owned(field)}

    @api.model
    def _hc_check_workflow_vals(self, vals, create=False):
        if not isinstance(vals, dict):
            return  # not values at all: Odoo's own write/create refuses them with its own error
        refused = []
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or not self._hc_is_workflow_owned(field):
                continue
            if create and not value:
                continue
            if scope_allows(self._name, name):
                continue
            refused.append(field)
        if refused:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are set by the application's workflow only "
                    "(use its actions); they cannot be written directly.",
                    fields=", ".join(f"'{f._description_string(self.env)}'" for f in refused),
                    model=self._description,
                )
            )

    @api.model
    def default_get(self, fields):
        context = self.env.context
        if guard_active(self.env) and any(key.startswith("default_") for key in context):
            owned_defaults = [
                key
                for key in context
                if key.startswith("default_")
                and key[8:] in self._fields
                and self._hc_is_workflow_owned(self._fields[key[8:]])
                and not scope_allows(self._name, key[8:])
            ]
            if owned_defaults:
                kept = {k: v for k, v in context.items() if k not in owned_defaults}
                self = self.with_env(self.env(context=kept))
        return super().default_get(fields)

    @api.model_create_multi
    def create(self, vals_list):
        if guard_active(self.env):
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
        records = super().create(vals_list)
        if guard_active(self.env) and self._name.startswith("hc."):
            records._hc_check_field_links(set().union(*vals_list) if vals_list else set())
        return records

    def write(self, vals):
        guarded = guard_active(self.env)
        if guarded:
            self._hc_check_workflow_vals(vals)
        result = super().write(vals)
        if guarded and self and self._name.startswith("hc."):
            self._hc_check_field_links(set(vals))
            if not self.env.su:
                self._hc_check_scope_after_write(vals)
        return result

    @api.model
    def _hc_field_links(self):
        """(field, comodel field, record field, empty allowed) of each many-to-one whose
        domain ties it to another field of the record: a shift ``[('site_id', '=', site_id)]``,
        equipment ``[('hc_site_id', 'in', [site_id, False])]``."""
        cls = type(self)
        links = cls.__dict__.get("_hc_links")
        if links is None:
            links = []
            for name, field in self._fields.items():
                if field.type != "many2one" or not isinstance(field.domain, str):
                    continue
                match = _LINK_DOMAIN.match(field.domain)
                or_empty = not match
                match = match or _LINK_OR_EMPTY_DOMAIN.match(field.domain)
                if not match:
                    continue
                co_name, own_name = match.groups()
                comodel = self.env[field.comodel_name]
                if co_name in comodel._fields and own_name in self._fields:
                    links.append((name, co_name, own_name, or_empty))
            cls._hc_links = links = tuple(links)
        return links

    def _hc_check_field_links(self, names):
        """A field domain is a choice list in a form, not a check: the server holds each
        such link true whatever a client sends (an RCH shift on a SAG issue is refused)."""
        for fname, co_name, own_name, or_empty in self._hc_field_links():
            if fname not in names and own_name not in names:
                continue
            for record in self.sudo():
                value, own = record[fname], record[own_name]
                if not value or not own:
                    continue
                linked = value[co_name]
                if or_empty and not linked:
                    continue
                if hasattr(linked, "ids") and hasattr(own, "ids"):
                    ok = own in linked if linked._name == own._name else False
                else:
                    ok = linked == own
                if not ok:
                    raise ValidationError(
                        self.env._(
                            "%(record)s: %(field)s %(value)s does not belong to %(own)s.",
                            record=record.display_name,
                            field=self._fields[fname]._description_string(self.env),
                            value=value.display_name,
                            own=own.display_name if hasattr(own, "display_name") else own,
                        )
                    )

    def _hc_check_scope_after_write(self, vals):
        """Record rules are checked on records as they were before a write; a write that
        changes a relational field (site, employee, company, ...) must leave the records
        inside the writer's rules."""
        if not any(
            (field := self._fields.get(name)) is not None and field.relational for name in vals
        ):
            return
        outside = self - self._filtered_access("write")
        if outside:
            raise AccessError(
                self.env._(
                    "This change would move %(records)s (%(model)s) out of what you may edit "
                    "(site, employee or company): it was not saved.",
                    records=", ".join(outside.sudo().mapped("display_name")[:5]),
                    model=self._description,
                )
            )

    def unlink(self):
        if guard_active(self.env) and not self.env.su and self._name.startswith("hc."):
            self._hc_check_cascaded_unlink()
        return super().unlink()

    def _hc_check_cascaded_unlink(self):
        """The database deletes the children of a cascading one-to-many without the ORM:
        their delete guards (evidence) run here first, so that deleting a UAT cycle or a
        runbook cannot take the runs, results or tasks it holds with it."""
        for field in self._fields.values():
            if field.type != "one2many" or not field.comodel_name.startswith("hc."):
                continue
            inverse = self.env[field.comodel_name]._fields.get(field.inverse_name)
            if inverse is None or inverse.type != "many2one" or inverse.ondelete != "cascade":
                continue
            children = self.sudo().with_context(active_test=False)[field.name].sudo(False)
            if not children:
                continue
            for method in children._ondelete_methods:
                method(children)
            children._hc_check_cascaded_unlink()

    def _workflow_write(self, vals):
        """The workflow's own write of ``vals``, workflow-owned fields included: the scope
        covers exactly these fields of this model. Server code only (private: no RPC)."""
        with workflow_scope(self._name, set(vals)):
            return self.write(vals)

    def _hc_keep_evidence(self, records, what):
        """Refuse to delete ``records``: they are the evidence of a step of the workflow
        (``what`` says which). The superuser (maintenance, tests' clean-ups) passes."""
        if records and not self.env.su:
            raise UserError(
                self.env._(
                    "%(records)s cannot be deleted: %(what)s",
                    records=", ".join(records.mapped("display_name")[:5]),
                    what=what,
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        owned = self._workflow_owned_fields() - set(default or ())
        if owned:
            for vals in vals_list:
                for name in owned & vals.keys():
                    del vals[name]
        return vals_list
