from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

# who may decide: a member of the programme's design authority, who holds one of these roles
DECIDERS = ("hc_readiness.group_gate_approver", "hc_readiness.group_pmo")
DECIDED = {"state", "decision_body_id", "decided_by_id", "date_decided", "rationale"}
# the decisions of the design authority (request states)
DECISIONS = [("approved", "Approve"), ("rejected", "Reject: use standard"), ("deferred", "Defer")]

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
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
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
    rationale = fields.Text(
        readonly=True,
        tracking=True,
        help="The design authority's rationale, given in the decision dialog.",
    )
    task_id = fields.Many2one("project.task", readonly=True, copy=False)
    user_on_design_authority = fields.Boolean(
        compute="_compute_user_on_design_authority",
        help="Whether the current user sits on the design authority of the programme, which "
        "decides this record (shows the decision buttons).",
    )

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

    @api.depends_context("uid")
    @api.depends("program_id")
    def _compute_user_on_design_authority(self):
        programs = self.env["hc.governance.body"]._design_authority_programs()
        for record in self:
            record.user_on_design_authority = record.program_id in programs

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

    def _check_decidable(self):
        """Raise unless the current user sits on the design authority of each request's
        programme (the requester included: only a seat decides) and the request awaits a
        decision. Returns {request: deciding body}."""
        bodies = {}
        for request in self:
            bodies[request] = self._design_authority_of(request)
            if request.state not in ("submitted", "deferred"):
                raise UserError(
                    self.env._("%(req)s must be submitted before it is decided.", req=request.code)
                )
        return bodies

    def _decide(self, decision, rationale):
        """Record the design authority's decision and its rationale (the dialog's confirm)."""
        if decision not in dict(DECISIONS):
            raise UserError(self.env._("Unknown decision %(decision)s.", decision=decision))
        rationale = (rationale or "").strip()
        for request, body in self._check_decidable().items():
            if decision == "deferred" and request.state == "deferred":
                raise UserError(self.env._("%(req)s is already deferred.", req=request.code))
            if not rationale:
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
                        "rationale": rationale,
                    }
                )

    def _open_decision(self, decision):
        """The decision dialog, after the same checks as its confirm."""
        self.ensure_one()
        self._check_decidable()
        return {
            "type": "ir.actions.act_window",
            "name": dict(self._fields["state"]._description_selection(self.env))[decision],
            "res_model": "hc.customization.decision.wizard",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": {"default_request_id": self.id, "default_outcome": decision},
        }

    @restricted_to(*DECIDERS)
    def action_approve(self):
        return self._open_decision("approved")

    @restricted_to(*DECIDERS)
    def action_reject(self):
        return self._open_decision("rejected")

    @restricted_to(*DECIDERS)
    def action_defer(self):
        return self._open_decision("deferred")

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
