from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import targets

CRITICALITY = [("high", "High"), ("medium", "Medium"), ("low", "Low")]
SIGNOFF_KINDS = [
    ("cleansing", "Cleansing rules"),
    ("dedup", "Deduplication logic"),
    ("cutover", "Cutover readiness"),
]


class HcMigrationDomain(models.Model):
    """A migration domain (suppliers, items, assets, ...): its owner, scope, mapping template,
    validation rules, sign-offs and mock runs. Changing a rule or the mapping bumps the rule
    version, which voids the sign-offs given for the previous version."""

    _name = "hc.migration.domain"
    _description = "Migration Domain"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    target_model = fields.Char(
        help="Technical name of the Odoo model loaded (e.g. res.partner), one of the master-data "
        "models a migration may load; empty or not installed: staged and validated only."
    )
    target_installed = fields.Boolean(compute="_compute_target_installed")
    criticality = fields.Selection(CRITICALITY, default="medium", required=True, tracking=True)
    scope = fields.Selection(
        [("operational", "Operational (loaded into Odoo)"), ("archive", "Historical archive")],
        default="operational",
        required=True,
        tracking=True,
    )
    owner_id = fields.Many2one("res.users", string="Data Owner", tracking=True)
    description = fields.Text(translate=True)
    mapping_ids = fields.One2many("hc.migration.mapping", "domain_id", copy=True)
    rule_ids = fields.One2many(
        "hc.migration.rule", "domain_id", string="Validation Rules", copy=True
    )
    rule_version = fields.Integer(default=1, readonly=True, tracking=True)
    signoff_ids = fields.One2many("hc.migration.signoff", "domain_id", string="Sign-offs")
    run_ids = fields.One2many("hc.migration.run", "domain_id", string="Mock Runs")
    max_rows = fields.Integer(default=1_000_000, help="Files with more data rows are refused.")
    sheet_name = fields.Char(
        string="Sheet",
        help="Sheet of the legacy workbook that holds the data (saved by Map columns). Empty, "
        "or not in the workbook: the sheet whose headers hold the mapping's columns, else the "
        "first one.",
    )
    reject_threshold = fields.Float(
        string="Reject Rate Target (%)",
        default=1.0,
        help="Migration readiness: reject rate under this.",
    )
    restricted_group_ids = fields.Many2many(
        "res.groups",
        string="May Read Loaded Data",
        help="Suite roles allowed to read the loaded records; the post-load security check flags "
        "any other suite role that can.",
    )
    signoff_state = fields.Selection(
        [("none", "Not signed off"), ("partial", "Partly signed off"), ("done", "Signed off")],
        compute="_compute_signoff_state",
    )
    run_count = fields.Integer(compute="_compute_readiness_figures")
    completed_run_count = fields.Integer(compute="_compute_readiness_figures")
    last_reject_rate = fields.Float(
        compute="_compute_readiness_figures", string="Last Reject Rate (%)"
    )
    good_run_count = fields.Integer(
        compute="_compute_readiness_figures",
        string="Runs Under Target",
        help="Completed mock runs whose reject rate is under the target.",
    )

    _code_uniq = models.Constraint("UNIQUE(code, company_id)", "A domain code must be unique.")

    @api.constrains("target_model")
    def _check_target_model(self):
        for domain in self:
            if not targets.target_allowed(domain.target_model):
                raise ValidationError(
                    self.env._(
                        "%(model)s cannot be the target of a migration domain: a migration "
                        "loads master data only (%(allowed)s).",
                        model=domain.target_model,
                        allowed=", ".join(targets.TARGET_MODELS),
                    )
                )
            domain.mapping_ids._check_target_field()

    def _target_fields(self):
        """The target model's ``_fields`` (None when there is no installed target)."""
        self.ensure_one()
        if not self.target_model or self.target_model not in self.env:
            return None
        return self.env[self.target_model]._fields

    def _loadable_fields(self):
        """Fields of the target model a load may write: the mapped fields that pass
        ``targets.field_refusal`` (re-checked at every load, whatever the mapping holds); a
        *compare only* line is never loaded."""
        self.ensure_one()
        model_fields = self._target_fields()
        if not targets.target_allowed(self.target_model) or model_fields is None:
            return set()
        return {
            line.target_field
            for line in self.mapping_ids
            if not line.compare_only
            and not targets.field_refusal(
                model_fields, line.target_field, line.transform, line.transform_arg
            )
        }

    def _mapping_columns(self):
        """Every file column the mapping reads (joined columns included), in mapping order."""
        self.ensure_one()
        return list(dict.fromkeys(c for line in self.mapping_ids for c in line._source_columns()))

    def _required_columns(self):
        """The columns a file must hold: those of the required mapping lines, every joined
        column of a required join included."""
        self.ensure_one()
        return list(
            dict.fromkeys(
                c for line in self.mapping_ids.filtered("required") for c in line._source_columns()
            )
        )

    @api.depends("target_model")
    def _compute_target_installed(self):
        for domain in self:
            domain.target_installed = bool(domain.target_model) and domain.target_model in self.env

    @api.depends("signoff_ids.is_valid", "rule_version")
    def _compute_signoff_state(self):
        # a summary for whoever reads the domain (the PMO, executives): the sign-offs
        # themselves stay the data owners'
        for domain in self:
            kinds = set(domain.sudo().signoff_ids.filtered("is_valid").mapped("kind"))
            domain.signoff_state = (
                "done" if len(kinds) == len(SIGNOFF_KINDS) else "partial" if kinds else "none"
            )

    @api.depends("run_ids.state", "run_ids.reject_rate")
    def _compute_readiness_figures(self):
        # figures for whoever reads the domain; the runs themselves stay the data owners'
        for domain in self:
            runs = domain.sudo().run_ids
            done = runs.filtered(lambda r: r.state in ("loaded", "validated"))
            domain.run_count = len(runs)
            domain.completed_run_count = len(done)
            latest = done.sorted("number")[-1:]
            domain.last_reject_rate = latest.reject_rate if latest else 0.0
            domain.good_run_count = len(
                done.filtered(lambda r, d=domain: r.reject_rate < d.reject_threshold)
            )

    def _bump_rule_version(self):
        """A rule or mapping changed: new version; earlier sign-offs no longer count."""
        for domain in self:
            with workflow_scope(self._name, {"rule_version"}):
                domain.rule_version += 1
            domain.message_post(
                body=self.env._(
                    "Rules changed: version %(version)s. Previous sign-offs are void.",
                    version=domain.rule_version,
                )
            )

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_sign_off(self, kind, exception_reason=None):
        """Sign off ``kind`` for the current rule version, as oneself: the domain's data owner
        or a migration lead (checked again by the sign-off's ``create``). Refused while the
        latest completed mock run breaches the reject-rate target, unless
        ``exception_reason`` records why; signing again updates the sign-off of this rule
        version. Returns the sign-off."""
        self.ensure_one()
        if kind not in dict(SIGNOFF_KINDS):
            raise UserError(self.env._("Unknown sign-off: %(kind)s", kind=kind))
        self._check_can_sign_off()
        vals = {"domain_id": self.id, "kind": kind}
        if exception_reason:
            vals["exception_reason"] = exception_reason
        return self.env["hc.migration.signoff"].create(vals)

    def _check_can_sign_off(self):
        self._check_owner_or_lead("sign_off")

    def _check_owner_or_lead(self, action):
        """The domain's data owner or a migration lead may ``action`` it ("sign_off" or
        "map"); anybody else gets an AccessError naming the owner."""
        user = self.env.user
        if self.env.su or user.has_group("hc_migration.group_migration_lead"):
            return
        for domain in self:
            if domain.owner_id != user:
                names = {
                    "owner": domain.owner_id.name or self.env._("its data owner"),
                    "domain": domain.name,
                }
                raise AccessError(
                    self.env._(
                        "Only %(owner)s, the data owner of %(domain)s, or a migration lead can "
                        "map its columns.",
                        **names,
                    )
                    if action == "map"
                    else self.env._(
                        "Only %(owner)s, the data owner of %(domain)s, or a migration lead can "
                        "sign it off.",
                        **names,
                    )
                )

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_sign_off_cleansing(self):
        return self._sign_off_or_ask_exception("cleansing")

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_sign_off_dedup(self):
        return self._sign_off_or_ask_exception("dedup")

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_sign_off_cutover(self):
        return self._sign_off_or_ask_exception("cutover")

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_map_columns(self):
        """Open *Map columns*: the domain's data owner (or a migration lead) uploads a
        sample of the legacy file, picks its sheet and accepts or changes the header
        suggested for each mapping line; applying saves them on the domain's mapping."""
        self.ensure_one()
        return self.env["hc.migration.map.columns"]._open_for(self)

    def _check_can_map(self):
        """The domain's data owner or a migration lead may map its columns."""
        self._check_owner_or_lead("map")

    @restricted_to("hc_migration.group_migration_lead")
    def action_new_run(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hc.migration.run",
            "view_mode": "form",
            "context": {"default_domain_id": self.id},
        }

    def _migration_readiness(self):
        """Figures for the gates and the data-trust lens: per domain, completed mock runs,
        runs under the reject-rate target, latest reject rate, valid sign-offs."""
        return {
            domain.id: {
                "criticality": domain.criticality,
                "completed_runs": domain.completed_run_count,
                "good_runs": domain.good_run_count,
                "last_reject_rate": domain.last_reject_rate,
                "signoffs": len(set(domain.signoff_ids.filtered("is_valid").mapped("kind"))),
            }
            for domain in self
        }
