from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import guard_active, scope_allows, workflow_scope

from .hc_migration_domain import SIGNOFF_KINDS

# set by ``create``, never by the caller: who signed, when, for which rule version, against
# which mock run and target
SIGNED_FIELDS = frozenset(
    {
        "user_id",
        "date",
        "rule_version",
        "run_id",
        "reject_rate",
        "reject_threshold",
        "target_breached",
    }
)


class HcMigrationSignoff(models.Model):
    """A data owner's sign-off of a domain's cleansing rules, dedup logic or cutover readiness,
    for one rule version: one per kind and rule version (signing again updates it). Refused
    while the domain's latest completed mock run breaches its reject-rate target, unless the
    owner records an exception with a reason."""

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
    run_id = fields.Many2one(
        "hc.migration.run",
        string="Latest Mock Run",
        readonly=True,
        ondelete="set null",
        help="The domain's latest completed mock run when it was signed off.",
    )
    reject_rate = fields.Float(string="Reject Rate (%)", readonly=True)
    reject_threshold = fields.Float(string="Reject Rate Target (%)", readonly=True)
    target_breached = fields.Boolean(
        readonly=True, help="The latest completed mock run breached the reject-rate target."
    )
    exception_reason = fields.Text(
        string="Exception",
        help="Why the owner signs off although the latest mock run breaches the reject-rate "
        "target (required then).",
    )

    _kind_version_uniq = models.Constraint(
        "UNIQUE(domain_id, kind, rule_version)",
        "A domain has one sign-off per kind and rule version: signing again updates it.",
    )

    @api.depends("rule_version", "domain_id.rule_version")
    def _compute_is_valid(self):
        for signoff in self:
            signoff.is_valid = signoff.rule_version == signoff.domain_id.rule_version

    @api.model_create_multi
    def create(self, vals_list):
        """One signs for oneself, now, for the domain's current rule version: the data owner
        of the domain or a migration lead. The latest completed mock run is recorded with
        its reject rate and the target; a breach needs an exception with a reason. Signing a
        kind already signed for this rule version updates that sign-off (returned in place of
        a new one)."""
        guarded = guard_active(self.env)
        now = fields.Datetime.now()
        result = self.browse()
        to_create = []
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
            vals.update(domain._reject_target_check(vals.get("exception_reason")))
            existing = (
                self.sudo().search(
                    [
                        ("domain_id", "=", domain.id),
                        ("kind", "=", vals.get("kind")),
                        ("rule_version", "=", domain.rule_version),
                    ],
                    limit=1,
                )
                if vals.get("kind")
                else self.browse()
            )
            if existing:
                update = {k: v for k, v in vals.items() if k not in ("domain_id", "kind")}
                update.setdefault("exception_reason", False)
                # the signer's own record of the sign-off, rewritten by the server
                with workflow_scope(self._name, SIGNED_FIELDS | {"exception_reason", "note"}):
                    existing.write(update)
                result |= existing.with_env(self.env)
            else:
                to_create.append(vals)
        if to_create:
            with workflow_scope(self._name, SIGNED_FIELDS):
                result |= super().create(to_create)
        return result

    def write(self, vals):
        fixed = {"domain_id", "kind", "exception_reason"} & set(vals)
        if guard_active(self.env) and any(not scope_allows(self._name, f) for f in fixed):
            raise UserError(
                self.env._("A sign-off is a record of what was signed: sign off again instead.")
            )
        return super().write(vals)
