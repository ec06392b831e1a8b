"""What a migration may write: the master-data models a domain loads into, the models a lookup
may read, and the fields of a target model a mapping may fill.

A load runs with elevated rights (the lead's right to load is checked once, then the target
model is written as a controlled process), so what it may touch is a fixed list, never what a
domain's configuration names: no user, group, company, access rule or technical (``ir.*``)
model, and no field that links a record to one of them. Plain Python over a model's
``_fields`` mapping; the ORM checks call it. A refusal is a ``reasons.Reason`` (English text,
translated by the model that shows it).
"""
# pylint: disable=prefer-env-translation
# (no environment in the library: templates are marked with _lt and translated by the models)

from .reasons import Reason, _lt

# The only models a domain may load into: master data of a hospital group's ERP go-live.
TARGET_MODELS = (
    "res.partner",
    "res.partner.category",
    "res.partner.industry",
    "res.partner.bank",
    "res.bank",
    "product.template",
    "product.product",
    "product.category",
    "maintenance.equipment",
    "maintenance.equipment.category",
    "maintenance.team",
    "hr.employee",
    "hr.department",
    "hr.job",
    "hr.work.location",
)

# Models a lookup (``model:field``) may read to resolve a value to a record: the targets and
# reference data they point to.
LOOKUP_MODELS = (
    *TARGET_MODELS,
    "res.country",
    "res.country.state",
    "res.currency",
    "res.partner.title",
    "uom.uom",
)

# Never a target, a lookup or the model of a loaded relational field, whatever a list says.
SECURITY_MODELS = frozenset(
    {
        "res.users",
        "res.groups",
        "res.groups.privilege",
        "res.company",
        "res.device",
        "res.device.log",
        "res.users.apikeys",
        "res.users.settings",
        "res.users.log",
        "res.users.identitycheck",
        "res.users.deletion",
        "auth_totp.device",
        "change.password.wizard",
        "change.password.user",
    }
)
SECURITY_PREFIXES = ("ir.", "res.users", "res.groups", "base.", "auth_", "auth.")

# Columns the ORM owns on every record.
NEVER_MAPPED = frozenset(
    {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name", "parent_path"}
)
# Field types a value from a legacy cell cannot fill safely: sub-records, free references.
REFUSED_TYPES = frozenset(
    {"one2many", "many2many", "reference", "many2one_reference", "properties", "binary", "json"}
)
# Field types a lookup may match on.
LOOKUP_KEY_TYPES = frozenset({"char", "text", "integer", "float", "selection"})


def is_security_model(model_name):
    """Whether ``model_name`` holds users, groups, companies, access rules or technical data."""
    return bool(model_name) and (
        model_name in SECURITY_MODELS or model_name.startswith(SECURITY_PREFIXES)
    )


def target_allowed(model_name):
    """Whether a domain may load into ``model_name`` (empty: staged and validated only)."""
    return not model_name or (model_name in TARGET_MODELS and not is_security_model(model_name))


def lookup_refusal(fields_of, model_name, field_name):
    """Why a lookup ``model_name:field_name`` is refused (None when allowed).

    ``fields_of(model_name)``: that model's ``_fields`` mapping, or None when not installed."""
    if model_name not in LOOKUP_MODELS or is_security_model(model_name):
        return Reason(
            _lt("lookups may read %(models)s only, not '%(model)s'"),
            models=", ".join(LOOKUP_MODELS),
            model=model_name,
        )
    if field_name == "xmlid":
        return None
    model_fields = fields_of(model_name)
    if model_fields is None:
        return None  # not installed: the lookup finds nothing
    field = model_fields.get(field_name)
    if field is None:
        return Reason(
            _lt("'%(model)s' has no field '%(field)s'"), model=model_name, field=field_name
        )
    if not field.store or field.type not in LOOKUP_KEY_TYPES or field.groups:
        return Reason(
            _lt("'%(model)s.%(field)s' cannot be used as a lookup key"),
            model=model_name,
            field=field_name,
        )
    return None


def field_refusal(model_fields, field_name, transform=None, transform_arg=None):
    """Why a mapping may not load ``field_name`` of a target model whose ``_fields`` mapping is
    ``model_fields`` (None when allowed). A relational field is filled only by a lookup of
    its own model, so that a cell can only point at the records that model's lookup finds."""
    field = model_fields.get(field_name)
    if field is None:
        return Reason(_lt("the target model has no field '%(field)s'"), field=field_name)
    if field_name in NEVER_MAPPED or field.type in REFUSED_TYPES:
        return Reason(_lt("'%(field)s' cannot be loaded from a file"), field=field_name)
    if field.relational:
        comodel = field.comodel_name
        if is_security_model(comodel) or comodel not in LOOKUP_MODELS:
            return Reason(
                _lt("'%(field)s' links to %(model)s: a migration never loads such links"),
                field=field_name,
                model=comodel,
            )
        if transform is not None:
            model = (transform_arg or "").partition(":")[0]
            if transform != "lookup" or model != comodel:
                return Reason(
                    _lt("'%(field)s' is filled only by a lookup of %(model)s"),
                    field=field_name,
                    model=comodel,
                )
    return None


def model_field_refusal(model_fields, field_name):
    """Why a value of ``field_name`` may not be written back by a rollback (None if it may)."""
    return field_refusal(model_fields, field_name)
