from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import reasons, targets

RULES = [
    ("required", "Required"),
    ("regex", "Pattern (regular expression)"),
    ("gtin", "GTIN check digit"),
    ("vat", "VAT / registration number"),
    ("email", "Email address"),
    ("max_length", "Maximum length"),
    ("positive", "Not negative"),
    ("unique", "Unique in the file"),
    ("lookup", "Must exist in Odoo (model:field)"),
]


class HcMigrationRule(models.Model):
    """A cleansing / validation rule of a domain, applied to the mapped value of a field."""

    _name = "hc.migration.rule"
    _description = "Migration Validation Rule"
    _inherit = ["hc.migration.domain.line"]
    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    field_name = fields.Char(string="Field", required=True, help="Target field the rule checks.")
    kind = fields.Selection(RULES, required=True, default="required")
    arg = fields.Char(
        string="Argument",
        help="Pattern, length, default country for VAT, or model:field for lookups.",
    )
    active = fields.Boolean(default=True)

    @api.depends("kind", "field_name", "arg", "domain_id.target_model")
    def _compute_name(self):
        # the field as the owner knows it (its label), not its technical name
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for rule in self:
            model_fields = rule.domain_id._target_fields() if rule.domain_id else None
            field = (model_fields or {}).get(rule.field_name)
            name = field._description_string(self.env) if field else rule.field_name
            rule.name = f"{name}: {labels.get(rule.kind, '')}" + (
                f" ({rule.arg})" if rule.arg else ""
            )

    @api.constrains("kind", "arg")
    def _check_lookup(self):
        """A lookup rule reads only the models a lookup may read (see ``lib/targets.py``)."""
        for rule in self.filtered(lambda r: r.kind == "lookup"):
            model, _sep, fname = (rule.arg or "").partition(":")
            reason = targets.lookup_refusal(
                lambda name: self.env[name]._fields if name in self.env else None,
                model,
                fname or "name",
            )
            if reason:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s refused: %(reason)s.",
                        rule=rule.name,
                        reason=reasons.translate(self.env._, reason),
                    )
                )
