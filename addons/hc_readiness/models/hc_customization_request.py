from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

# who may decide: a member of the programme's design authority, who holds one of these roles
DECIDERS = ("hc_readiness.group_gate_approver", "hc_readiness.group_pmo")
DECIDED = {"state", "decision_body_id", "decided_by_id", "date_decided"}

SCORE = [("0", "0"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


class HcCustomizationRequest(models.Model):
    """A request to extend Odoo beyond standard, decided by the design authority."""

    _name = "hc.customization.request"
    _description = "Customization Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state_sequence, priority_score desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False)
    program_id = fields.Many2one(
        "hc.program", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    requester_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True, tracking=True
    )
    workstream_id = fields.Many2one("hc.workstream", tracking=True)
    app_area_id = fields.Many2one("hc.app.area", tracking=True)
    description = fields.Html(required=True)
    business_value = fields.Selection(SCORE, default="0", tracking=True)
    compliance_need = fields.Selection(SCORE, default="0", tracking=True)
    supportability = fields.Selection(
        SCORE, default="0", tracking=True, help="5 = easy to support; 0 = a burden."
    )
    upgrade_impact = fields.Selection(
        SCORE, default="0", tracking=True, help="5 = heavy impact on upgrades."
    )
    priority_score = fields.Integer(
        compute="_compute_priority_score",
        store=True,
        help="business value + compliance need + supportability - upgrade impact",
    )
    standard_alternative = fields.Html(
        string="Fit-to-Standard Alternative",
        help="How standard Odoo configuration or a process change could meet the need.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("deferred", "Deferred"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    decision_body_id = fields.Many2one(
        "hc.governance.body",
        string="Deciding Body",
        readonly=True,
        tracking=True,
        domain="[('program_id', '=', program_id), ('body_type', '=', 'design_authority')]",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_decided = fields.Date(readonly=True, tracking=True)
    rationale = fields.Text(tracking=True)
    task_id = fields.Many2one("project.task", readonly=True, copy=False)

    @api.depends("business_value", "compliance_need", "supportability", "upgrade_impact")
    def _compute_priority_score(self):
        for request in self:
            request.priority_score = (
                int(request.business_value or 0)
                + int(request.compliance_need or 0)
                + int(request.supportability or 0)
                - int(request.upgrade_impact or 0)
            )

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"submitted": 1, "draft": 2, "deferred": 3, "approved": 4, "rejected": 5}
        for request in self:
            request.state_sequence = order.get(request.state, 9)

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        with workflow_scope(self._name, {"code"}):
            for request in requests:
                request.code = f"CR-{request.id:04d}"
        return requests

    @restricted_to("base.group_user")
    def action_submit(self):
        """The requester (or the PMO) submits the request to the design authority."""
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("%(req)s is already submitted.", req=request.code))
        # the state is written by the buttons only: the caller must be allowed to edit them
        self.check_access("write")
        with workflow_scope(self._name, {"state"}):
            self.write({"state": "submitted"})

    def _design_authority_of(self, request):
        user = self.env.user
        bodies = (
            self.env["hc.governance.body"]
            .sudo()
            .search(
                [
                    ("program_id", "=", request.program_id.id),
                    ("body_type", "=", "design_authority"),
                ]
            )
        )
        body = bodies.filtered(lambda b: user in b.member_ids)[:1]
        if not body:
            raise AccessError(
                self.env._(
                    "Only a member of the programme's design authority decides %(req)s.",
                    req=request.code,
                )
            )
        return body

    def _decide(self, decision):
        for request in self:
            body = self._design_authority_of(request)
            if request.state not in ("submitted", "deferred"):
                raise UserError(
                    self.env._("%(req)s must be submitted before it is decided.", req=request.code)
                )
            if not (request.rationale or "").strip():
                raise UserError(
                    self.env._(
                        "Give the design authority's rationale before deciding %(req)s.",
                        req=request.code,
                    )
                )
            with workflow_scope(self._name, DECIDED):
                request.sudo().write(
                    {
                        "state": decision,
                        "decision_body_id": body.id,
                        "decided_by_id": self.env.user.id,
                        "date_decided": fields.Date.context_today(self),
                    }
                )

    @restricted_to(*DECIDERS)
    def action_approve(self):
        self._decide("approved")

    @restricted_to(*DECIDERS)
    def action_reject(self):
        self._decide("rejected")

    @restricted_to(*DECIDERS)
    def action_defer(self):
        self._decide("deferred")

    @restricted_to(*DECIDERS)
    def action_create_task(self):
        """An approved request becomes a task in its workstream's implementation project."""
        self.ensure_one()
        if self.state != "approved":
            raise UserError(self.env._("Only an approved request becomes a task."))
        if self.task_id:
            raise UserError(self.env._("%(req)s already has a task.", req=self.code))
        line = self.program_id.workstream_ids.filtered(
            lambda w: w.workstream_id == self.workstream_id and w.project_id
        )[:1]
        if not line:
            raise UserError(
                self.env._(
                    "Link an implementation project to workstream %(ws)s of %(program)s first.",
                    ws=self.workstream_id.name or "-",
                    program=self.program_id.name,
                )
            )
        task = self.env["project.task"].create(
            {
                "name": f"{self.code} {self.name}",
                "project_id": line.project_id.id,
                "description": self.description,
            }
        )
        with workflow_scope(self._name, {"task_id"}):
            self.task_id = task
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "res_id": self.task_id.id,
            "view_mode": "form",
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state in ("approved", "rejected", "deferred")),
            self.env._("a decided request is the design authority's record."),
        )
