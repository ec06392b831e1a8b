from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

CLASSIFICATIONS = [
    ("unclassified", "Unclassified"),
    ("standard", "Enterprise standard"),
    ("exception", "Local exception"),
    ("retire", "To be retired"),
]
APPROVAL_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


# the approval of a local exception: set by the buttons only
APPROVAL_FIELDS = {"approval_state", "approver_id", "date_approved"}
# who records discovery and submits exceptions; who may sit on the design authority
RECORDERS = (
    "hc_readiness.group_business_analyst",
    "hc_readiness.group_pmo",
    "hc_readiness.group_workstream_lead",
)
DECIDERS = (
    "hc_readiness.group_gate_approver",
    "hc_readiness.group_pmo",
    "hc_readiness.group_workstream_lead",
)
# a change to any of these sends a decided local exception back to the design authority
RESET_APPROVAL = {
    "classification",
    "justification",
    "review_date",
    "site_id",
    "workflow_id",
    "program_id",
}


class HcProcessVariant(models.Model):
    """How one site of a programme runs one catalog workflow today (its baseline), and
    the design decision about it: enterprise standard, controlled local exception
    (justified, approved by the design authority, reviewed) or to be retired."""

    _name = "hc.process.variant"
    _description = "Process Site Variant"
    _inherit = ["hc.discovery.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "program_id, workflow_sequence, workflow_id, site_id, id"
    _check_company_auto = True

    workflow_id = fields.Many2one(
        "hc.process.workflow", required=True, index=True, ondelete="restrict", tracking=True
    )
    workflow_sequence = fields.Integer(related="workflow_id.sequence", store=True)
    workstream_id = fields.Many2one(related="workflow_id.workstream_id", store=True, index=True)
    criticality = fields.Selection(related="workflow_id.criticality", store=True)
    policy = fields.Selection(related="workflow_id.policy", store=True)
    site_id = fields.Many2one(
        "hc.site", required=True, index=True, tracking=True, check_company=True
    )
    current_practice = fields.Html(help="How the site runs the workflow today.")
    is_documented = fields.Boolean(
        string="Baseline Documented", compute="_compute_is_documented", store=True
    )
    classification = fields.Selection(
        CLASSIFICATIONS, required=True, default="unclassified", tracking=True
    )
    justification = fields.Text(tracking=True, help="Why the site keeps a local exception.")
    review_date = fields.Date(tracking=True, help="When the design authority reviews it again.")
    approval_state = fields.Selection(
        APPROVAL_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_approved = fields.Date(readonly=True)
    user_on_design_authority = fields.Boolean(
        compute="_compute_user_on_design_authority",
        help="Whether the current user sits on the design authority of the programme, which "
        "decides this record (shows the decision buttons).",
    )
    color = fields.Integer(compute="_compute_color")

    _workflow_site_uniq = models.Constraint(
        "UNIQUE(program_id, workflow_id, site_id)",
        "A workflow has one baseline per site and programme.",
    )

    @api.depends("workflow_id.name", "site_id.code")
    def _compute_display_name(self):
        for variant in self:
            variant.display_name = (
                f"{variant.workflow_id.name or ''} @ {variant.site_id.code or ''}"
            )

    @api.depends("current_practice")
    def _compute_is_documented(self):
        for variant in self:
            variant.is_documented = bool(
                variant.current_practice and variant.current_practice.striptags().strip()
            )

    def _compute_color(self):
        colors = {"standard": 10, "exception": 2, "retire": 1, "unclassified": 0}
        for variant in self:
            variant.color = colors[variant.classification]

    @api.depends_context("uid")
    @api.depends("program_id")
    def _compute_user_on_design_authority(self):
        programs = self.env["hc.governance.body"]._design_authority_programs()
        for record in self:
            record.user_on_design_authority = record.program_id in programs

    @api.constrains("site_id", "program_id")
    def _check_site(self):
        self._check_site_in_program()

    @api.constrains("classification", "justification", "approval_state", "approver_id")
    def _check_exception(self):
        for variant in self.filtered(lambda v: v.classification == "exception"):
            if not (variant.justification or "").strip():
                raise ValidationError(
                    self.env._(
                        "The local exception %(variant)s needs a justification: why does "
                        "the site keep its own practice?",
                        variant=variant.display_name,
                    )
                )
            if variant.approval_state == "approved" and not variant.approver_id:
                raise ValidationError(
                    self.env._(
                        "The local exception %(variant)s cannot be approved without its "
                        "approver from the design authority.",
                        variant=variant.display_name,
                    )
                )

    def write(self, vals):
        if RESET_APPROVAL & set(vals) and not self.env.su:
            # a changed decision goes back to the design authority
            decided = self.filtered(lambda v: v.approval_state != "draft")
            if decided:
                with workflow_scope(self._name, APPROVAL_FIELDS):
                    decided.sudo().write(
                        {"approval_state": "draft", "approver_id": False, "date_approved": False}
                    )
        return super().write(vals)

    # ------------------------------------------------------------- approval
    @restricted_to(*RECORDERS)
    def action_submit(self):
        for variant in self:
            if variant.classification != "exception":
                raise UserError(
                    self.env._(
                        "Only a local exception goes to the design authority; %(variant)s "
                        "is classified %(classification)s.",
                        variant=variant.display_name,
                        classification=dict(CLASSIFICATIONS)[variant.classification],
                    )
                )
            if variant.approval_state not in ("draft", "rejected"):
                raise UserError(
                    self.env._("%(variant)s is already submitted.", variant=variant.display_name)
                )
            if variant.policy == "central" and not variant.review_date:
                raise UserError(
                    self.env._(
                        "%(workflow)s is centrally standardized: give the review date of the "
                        "local exception at %(site)s before submitting it.",
                        workflow=variant.workflow_id.name,
                        site=variant.site_id.display_name,
                    )
                )
        # the approval fields are written by these buttons only: check the user may edit
        self.check_access("write")
        with workflow_scope(self._name, {"approval_state"}):
            self.sudo().write({"approval_state": "submitted"})

    def _design_authority_member(self):
        """Raise unless the current user sits on the programme's design authority."""
        self.ensure_one()
        bodies = (
            self.env["hc.governance.body"]
            .sudo()
            .search(
                [
                    ("program_id", "=", self.program_id.id),
                    ("body_type", "=", "design_authority"),
                ]
            )
        )
        if not bodies.filtered(lambda b: self.env.user in b.member_ids):
            raise AccessError(
                self.env._(
                    "Only a member of the design authority of %(program)s approves the local "
                    "exception %(variant)s.",
                    program=self.program_id.name,
                    variant=self.display_name,
                )
            )

    def _decide(self, decision):
        for variant in self:
            variant._design_authority_member()
            if variant.approval_state != "submitted":
                raise UserError(
                    self.env._(
                        "%(variant)s must be submitted before the design authority decides it.",
                        variant=variant.display_name,
                    )
                )
            with workflow_scope(self._name, APPROVAL_FIELDS):
                variant.sudo().write(
                    {
                        "approval_state": decision,
                        "approver_id": self.env.user.id,
                        "date_approved": fields.Date.context_today(self),
                    }
                )

    @restricted_to(*DECIDERS)
    def action_approve(self):
        self._decide("approved")

    @restricted_to(*DECIDERS)
    def action_reject(self):
        self._decide("rejected")

    # ------------------------------------------------------------- figures
    @api.model
    def _baseline_facts(self, program, sites=None):
        """(documented, classification, approval state) of the programme's variants of
        active catalog workflows at ``sites`` (default: the programme's sites), by one
        grouped query; variants of archived workflows or of sites out of scope do not
        count towards a baseline that expects active workflows x sites in scope."""
        domain = [
            ("program_id", "=", program.id),
            ("workflow_id.active", "=", True),
            ("site_id", "in", (sites or program.site_ids).ids),
        ]
        groups = self.sudo()._read_group(
            domain, ["is_documented", "classification", "approval_state"], ["__count"]
        )
        return [
            (documented, classification, state)
            for documented, classification, state, count in groups
            for _i in range(count)
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.approval_state in ("approved", "rejected")),
            self.env._("a decided variant is the design authority's record."),
        )
