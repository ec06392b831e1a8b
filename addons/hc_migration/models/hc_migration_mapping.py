from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import reasons, targets, transforms

TRANSFORMS = [
    ("none", "As is"),
    ("trim", "Trim spaces"),
    ("upper", "UPPER CASE"),
    ("lower", "lower case"),
    ("title", "Title Case"),
    ("code", "Code normalisation"),
    ("date", "Date (format)"),
    ("float", "Number"),
    ("int", "Whole number"),
    ("unit", "Unit mapping"),
    ("lookup", "Lookup (model:field)"),
    ("join", "Join columns"),
]
DEDUP_ROLES = [
    ("name", "Name"),
    ("given_name", "Given name"),
    ("surname", "Surname"),
    ("birth_date", "Date of birth"),
    ("national_id", "National id"),
    ("vat", "VAT / registration"),
    ("company_registry", "Company registry"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("street", "Street"),
    ("city", "City / suburb"),
    ("postcode", "Postcode"),
    ("state", "State / region"),
    ("country", "Country"),
    ("website", "Website"),
    ("code", "Code"),
    ("barcode", "Barcode / GTIN"),
    ("manufacturer", "Manufacturer"),
    ("model", "Model / manufacturer reference"),
]


class HcMigrationMapping(models.Model):
    """One line of a domain's mapping template: source column -> target field, with a
    transform. Saved on the domain and reused by every mock run."""

    _name = "hc.migration.mapping"
    _description = "Migration Mapping Line"
    _inherit = ["hc.migration.domain.line"]
    source_column = fields.Char(required=True, help="Header of the column in the legacy file.")
    target_field = fields.Char(
        required=True, help="Field of the target model (or of the staged record)."
    )
    transform = fields.Selection(TRANSFORMS, default="trim", required=True)
    transform_arg = fields.Char(
        string="Argument",
        help="Date format(s) separated by | (e.g. %d/%m/%Y), unit table (EA=Units;BX=Box), or "
        "lookup model:field (e.g. hr.department:name, or hr.job:xmlid for external ids).",
    )
    join_columns = fields.Char(
        string="Then Columns",
        help="Join columns: the further columns joined after the source column, separated by "
        "| (e.g. source column 'Given Name', then 'Surname'). Each value is trimmed; empty "
        "ones are left out.",
    )
    # a separator is often a space, which the web client would trim away
    join_separator = fields.Char(
        string="Separator",
        default=" ",
        trim=False,
        help="Join columns: put between the joined values (a space by default).",
    )
    required = fields.Boolean(
        help="The column must be present in the file (every joined column, for a join)."
    )
    is_key = fields.Boolean(string="Source Key", help="Identifies the legacy record (external id).")
    dedup_role = fields.Selection(DEDUP_ROLES, help="Use this value to find duplicates.")
    compare_only = fields.Boolean(
        help="Staged, validated and used to find duplicates, never loaded: a column the target "
        "model has no field for (a given name and a surname the target keeps as one name, a "
        "previous system's id), or one kept out of the new system.",
    )
    control_total = fields.Boolean(help="Sum this numeric column in the reconciliation report.")

    @api.constrains("target_field", "transform", "transform_arg", "domain_id", "compare_only")
    def _check_target_field(self):
        """A mapping fills only fields of the target model a load may write (see
        ``lib/targets.py``), and a lookup reads only the models a lookup may read."""
        fields_of = self._fields_of
        for line in self:
            reason = None
            if line.transform == "lookup":
                model, _sep, fname = (line.transform_arg or "").partition(":")
                reason = targets.lookup_refusal(fields_of, model, fname or "name")
            model_fields = line.domain_id._target_fields()
            if line.compare_only:
                model_fields = None  # never loaded: the staged value may have any name
            if not reason and model_fields is not None:
                reason = targets.field_refusal(
                    model_fields, line.target_field, line.transform, line.transform_arg
                )
            if reason:
                raise ValidationError(
                    self.env._(
                        "Mapping of column '%(column)s' of %(domain)s refused: %(reason)s.",
                        column=line.source_column,
                        domain=line.domain_id.name,
                        reason=reasons.translate(self.env._, reason),
                    )
                )

    @api.constrains("transform", "join_columns")
    def _check_join_columns(self):
        for line in self.filtered(lambda m: m.transform == "join"):
            if len(line._source_columns()) < 2:
                raise ValidationError(
                    self.env._(
                        "Mapping of column '%(column)s' of %(domain)s joins columns: name the "
                        "columns joined after it in 'Then Columns' (separated by |).",
                        column=line.source_column,
                        domain=line.domain_id.name,
                    )
                )

    def _source_columns(self):
        """The file columns this line reads: its source column, and for a join the columns
        joined after it, in order."""
        self.ensure_one()
        if self.transform == "join":
            return transforms.join_columns(self.source_column, self.join_columns)
        return [self.source_column] if self.source_column else []

    def _target_label(self):
        """The target field's label (its string in the user's language), else the field name:
        what the owner reads in suggestions and reasons, never a technical name when a label
        exists."""
        self.ensure_one()
        model_fields = self.domain_id._target_fields() or {}
        field = model_fields.get(self.target_field)
        if field is None:
            return self.target_field
        return field._description_string(self.env)

    def _fields_of(self, model_name):
        return self.env[model_name]._fields if model_name in self.env else None
