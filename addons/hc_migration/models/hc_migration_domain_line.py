from odoo import api, fields, models


class HcMigrationDomainLine(models.AbstractModel):
    """A line of a domain's rules (mapping line or validation rule). Creating, changing or
    removing one bumps the domain's rule version, which voids earlier sign-offs."""

    _name = "hc.migration.domain.line"
    _description = "Migration Domain Rule Line"
    _order = "domain_id, sequence, id"
    # fields whose change does not change what the rules do
    _version_neutral_fields = frozenset({"sequence", "name"})

    domain_id = fields.Many2one(
        "hc.migration.domain", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.domain_id._bump_rule_version()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if set(vals) - self._version_neutral_fields:
            self.domain_id._bump_rule_version()
        return res

    def unlink(self):
        domains = self.domain_id
        res = super().unlink()
        domains._bump_rule_version()
        return res
