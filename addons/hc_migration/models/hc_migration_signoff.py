from odoo import api, fields, models

from odoo.addons.hc_base.guards import guard_active, workflow_scope

from .hc_migration_domain import SIGNOFF_KINDS

# set by ``create``, never by the caller: who signed, when, for which rule version
SIGNED_FIELDS = frozenset({"user_id", "date", "rule_version"})


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
    date = fields.Datetime(required=True, readonly=True)
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
        """One signs for oneself, now, for the domain's current rule version: the data owner
        of the domain or a migration lead."""
        guarded = guard_active(self.env)
        now = fields.Datetime.now()
        for vals in vals_list:
            if guarded:
                self._hc_check_workflow_vals(vals, create=True)
            domain = self.env["hc.migration.domain"].browse(vals.get("domain_id"))
            domain.check_access("read")
            domain._check_can_sign_off()
            # data files (demo) may name who signed; every other caller signs as itself
            if guarded or not vals.get("user_id"):
                vals["user_id"] = self.env.uid
            if guarded or not vals.get("date"):
                vals["date"] = now
            vals["rule_version"] = domain.rule_version
        with workflow_scope(self._name, SIGNED_FIELDS):
            return super().create(vals_list)
