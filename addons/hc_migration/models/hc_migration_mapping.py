from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import targets

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
]
DEDUP_ROLES = [
    ("name", "Name"),
    ("vat", "VAT / registration"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("code", "Code"),
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
    required = fields.Boolean(help="The column must be present in the file.")
    is_key = fields.Boolean(string="Source Key", help="Identifies the legacy record (external id).")
    dedup_role = fields.Selection(DEDUP_ROLES, help="Use this value to find duplicates.")
    control_total = fields.Boolean(help="Sum this numeric column in the reconciliation report.")

    @api.constrains("target_field", "transform", "transform_arg", "domain_id")
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
                        reason=reason,
                    )
                )

    def _fields_of(self, model_name):
        return self.env[model_name]._fields if model_name in self.env else None
