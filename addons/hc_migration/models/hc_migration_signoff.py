from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hc_migration_domain import SIGNOFF_KINDS


class HcMigrationSignoff(models.Model):
    """A data owner's sign-off of a domain's cleansing rules, dedup logic or cutover readiness,
    for one rule version."""

    _name = "hc.migration.signoff"
    _description = "Migration Sign-off"
    _order = "date desc, id desc"

    domain_id = fields.Many2one(
        "hc.migration.domain", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(SIGNOFF_KINDS, required=True)
    user_id = fields.Many2one("res.users", string="Signed By", required=True, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    rule_version = fields.Integer(readonly=True)
    is_valid = fields.Boolean(
        compute="_compute_is_valid", help="Given for the current rule version."
    )
    note = fields.Text()

    @api.depends("rule_version", "domain_id.rule_version")
    def _compute_is_valid(self):
        for signoff in self:
            signoff.is_valid = signoff.rule_version == signoff.domain_id.rule_version

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            domain = self.env["hc.migration.domain"].browse(vals["domain_id"])
            if domain.owner_id != self.env.user and not self.env.su:
                raise AccessError(
                    self.env._(
                        "Only %(owner)s, the data owner of %(domain)s, can sign it off.",
                        owner=domain.owner_id.name or self.env._("its data owner"),
                        domain=domain.name,
                    )
                )
            if not (self.env.su and vals.get("user_id")):
                vals["user_id"] = self.env.uid  # one signs for oneself
            vals["rule_version"] = domain.rule_version
        return super().create(vals_list)
