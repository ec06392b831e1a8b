from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hc_base.guards import restricted_to

LENSES = [
    ("standardization", "Operating-model standardization"),
    ("data_trust", "Data trust"),
    ("user_readiness", "User readiness"),
    ("governance", "Governance maturity"),
    ("scalability", "Deployment scalability"),
]
RAG = [("none", "No evidence"), ("red", "Red"), ("amber", "Amber"), ("green", "Green")]


class HcProgram(models.Model):
    """An ERP go-live programme: sites in scope, workstreams, deployment waves, and the
    readiness scores and lenses computed for them. Its features live beside it: the roll-up
    in ``hc_readiness_rollup.py``, the scoring engine (the counting query and the bulk writes
    of the score rows) in ``hc_program_scoring.py``, the five lenses and their snapshots in
    ``hc_program_lenses.py``, the discovery figures in ``hc_program_discovery.py``."""

    _name = "hc.program"
    _description = "Implementation Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "hc.readiness.rollup"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    manager_id = fields.Many2one("res.users", string="Programme Lead", tracking=True)
    date_start = fields.Date(default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="active",
        required=True,
        tracking=True,
    )
    description = fields.Html()
    site_ids = fields.Many2many("hc.site", string="Sites in Scope", check_company=True)
    workstream_ids = fields.One2many("hc.program.workstream", "program_id", string="Workstreams")
    wave_ids = fields.One2many("hc.program.wave", "program_id", string="Waves")
    lens_ids = fields.One2many(
        "hc.readiness.lens", "program_id", string="Lenses", domain=[("site_id", "=", False)]
    )
    site_lens_ids = fields.One2many(
        "hc.readiness.lens", "program_id", string="Site Lenses", domain=[("site_id", "!=", False)]
    )
    # thresholds: below amber is red, below green is amber
    threshold_amber = fields.Float(default=70.0, tracking=True, help="Scores below are red.")
    threshold_green = fields.Float(default=85.0, tracking=True, help="Scores from here are green.")
    # employee readiness: weight of each training layer (sum 100)
    weight_process = fields.Float(string="Process Understanding (%)", default=30.0, tracking=True)
    weight_system = fields.Float(string="System Execution (%)", default=40.0, tracking=True)
    weight_exception = fields.Float(string="Exception Management (%)", default=30.0, tracking=True)
    count_assessment_score = fields.Boolean(
        default=True,
        help="An assessment counts as its score (e.g. 80% = 0.8 of the step); otherwise as done.",
    )
    count_acknowledgments = fields.Boolean(
        default=True, help="Policy acknowledgments count towards readiness."
    )
    # overall programme score: weight of each lens (sum 100)
    lens_weight_standardization = fields.Float(string="Standardization (%)", default=15.0)
    lens_weight_data_trust = fields.Float(string="Data Trust (%)", default=20.0)
    lens_weight_user_readiness = fields.Float(string="User Readiness (%)", default=30.0)
    lens_weight_governance = fields.Float(string="Governance (%)", default=15.0)
    lens_weight_scalability = fields.Float(string="Scalability (%)", default=20.0)
    gates_in_order = fields.Boolean(
        default=True,
        help="A gate cannot be reviewed before its predecessor for the same scope is decided "
        "go or conditional go.",
    )
    gate_ids = fields.One2many("hc.gate", "program_id", string="Stage Gates")
    overall_score = fields.Float(readonly=True)
    overall_rag = fields.Selection(RAG, string="Overall RAG", default="none", readonly=True)
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    score_count = fields.Integer(compute="_compute_score_count")
    raid_open_count = fields.Integer(
        compute="_compute_governance_counts", groups="hc_readiness.group_executive"
    )
    customization_count = fields.Integer(
        compute="_compute_governance_counts", groups="hc_readiness.group_executive"
    )

    @api.constrains("threshold_amber", "threshold_green")
    def _check_thresholds(self):
        for program in self:
            if not 0 < program.threshold_amber < program.threshold_green <= 100:
                raise ValidationError(
                    self.env._(
                        "Thresholds of %(program)s must be ordered red < amber < green within "
                        "0-100: amber starts at %(amber)s, green at %(green)s.",
                        program=program.name,
                        amber=program.threshold_amber,
                        green=program.threshold_green,
                    )
                )

    @api.constrains("weight_process", "weight_system", "weight_exception")
    def _check_layer_weights(self):
        for program in self:
            weights = (program.weight_process, program.weight_system, program.weight_exception)
            if min(weights) < 0 or round(sum(weights), 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The layer weights of %(program)s must be positive and sum to 100 "
                        "(now %(total)s).",
                        program=program.name,
                        total=round(sum(weights), 2),
                    )
                )

    @api.constrains(
        "lens_weight_standardization",
        "lens_weight_data_trust",
        "lens_weight_user_readiness",
        "lens_weight_governance",
        "lens_weight_scalability",
    )
    def _check_lens_weights(self):
        for program in self:
            weights = [program[f"lens_weight_{key}"] for key, _label in LENSES]
            if min(weights) < 0 or round(sum(weights), 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The lens weights of %(program)s must be positive and sum to 100 "
                        "(now %(total)s).",
                        program=program.name,
                        total=round(sum(weights), 2),
                    )
                )

    def _compute_score_count(self):
        counts = dict(
            self.env["hc.readiness.score"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.score_count = counts.get(program, 0)

    def _compute_governance_counts(self):
        raid = dict(
            self.env["hc.raid.item"]._read_group(
                [("program_id", "in", self.ids), ("state", "in", ("open", "mitigating"))],
                ["program_id"],
                ["__count"],
            )
        )
        customizations = dict(
            self.env["hc.customization.request"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.raid_open_count = raid.get(program, 0)
            program.customization_count = customizations.get(program, 0)

    # --------------------------------------------------------------- actions
    def _action_for_program(self, xmlid, **context):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id, **context}
        return action

    def action_open_raid(self):
        return self._action_for_program("hc_readiness.hc_raid_item_action", search_default_open=1)

    def action_open_customizations(self):
        return self._action_for_program("hc_readiness.hc_customization_request_action")

    def action_open_governance(self):
        return self._action_for_program("hc_readiness.hc_governance_body_action")

    @restricted_to("hc_readiness.group_pmo")
    def action_recompute_readiness(self):
        self.sudo()._recompute_readiness()
        return True

    def action_open_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_score_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        return action

    def action_open_dashboard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_readiness_dashboard_action"
        )
        action["domain"] = [("program_id", "=", self.id), ("level", "in", ("wave", "site"))]
        return action

    def action_print_scorecard(self):
        return self.env.ref("hc_readiness.action_report_executive_scorecard").report_action(self)
