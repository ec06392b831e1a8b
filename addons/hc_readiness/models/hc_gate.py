from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

from ..lib import gates

PMO = "hc_readiness.group_pmo"
# the scope of a gate's evidence: fixed once the gate leaves draft
SCOPE_FIELDS = {"program_id", "gate_type_id", "wave_id", "site_id"}

GATE_STATES = [
    ("draft", "Draft"),
    ("evidence", "Evidence collection"),
    ("review", "In review"),
    ("decided", "Decided"),
]
DECISIONS = [("go", "Go"), ("conditional", "Conditional go"), ("no_go", "No-go")]
# what a decision sets, and what an evaluation sets on the criteria
DECIDED = {"decision", "override_reason", "decided_by_id", "date_decided", "state"}
EVALUATED = {"value", "has_value", "passed", "explanation"}


class HcGate(models.Model):
    """A stage gate of a programme (optionally for one wave or site): criteria evaluated
    from live data, required documents and sign-offs, individual approvals following the
    decision-rights matrix, and immutable evidence snapshots."""

    _name = "hc.gate"
    _description = "Stage Gate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "program_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    gate_type_id = fields.Many2one("hc.gate.type", required=True, tracking=True)
    sequence = fields.Integer(related="gate_type_id.sequence", store=True)
    wave_id = fields.Many2one(
        "hc.program.wave", tracking=True, domain="[('program_id', '=', program_id)]"
    )
    site_id = fields.Many2one("hc.site", tracking=True, check_company=True)
    state = fields.Selection(
        GATE_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    decision = fields.Selection(DECISIONS, readonly=True, tracking=True)
    decision_note = fields.Text(tracking=True)
    override_reason = fields.Text(
        readonly=True,
        tracking=True,
        help="Steering committee override: its reason and what it overrides (failing criteria, "
        "missing and rejecting bodies).",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    date_decided = fields.Datetime(readonly=True)
    recycle_count = fields.Integer(readonly=True)
    criterion_ids = fields.One2many("hc.gate.criterion", "gate_id", string="Criteria")
    approval_ids = fields.One2many("hc.gate.approval", "gate_id", string="Approvals")
    condition_ids = fields.One2many("hc.gate.condition", "gate_id", string="Conditions")
    snapshot_ids = fields.One2many("hc.gate.snapshot", "gate_id", string="Evidence Snapshots")
    raid_ids = fields.One2many("hc.raid.item", "gate_id", string="RAID Items")
    required_body_ids = fields.Many2many(
        "hc.governance.body", compute="_compute_required_body_ids", string="Must Approve"
    )
    missing_body_ids = fields.Many2many(
        "hc.governance.body", compute="_compute_required_body_ids", string="Approvals Missing"
    )
    rejecting_body_ids = fields.Many2many(
        "hc.governance.body", compute="_compute_required_body_ids", string="Rejected By"
    )
    criteria_passed = fields.Integer(compute="_compute_criteria_counts")
    criteria_total = fields.Integer(compute="_compute_criteria_counts")
    open_condition_count = fields.Integer(compute="_compute_criteria_counts")

    @api.depends("gate_type_id.name", "wave_id.name", "site_id.code", "program_id.name")
    def _compute_name(self):
        for gate in self:
            scope = gate.site_id.code or gate.wave_id.name or gate.program_id.name or ""
            gate.name = f"{gate.gate_type_id.name or ''} - {scope}"

    @api.depends("gate_type_id", "criterion_ids.body_type", "approval_ids.vote")
    def _compute_required_body_ids(self):
        Right = self.env["hc.decision.right"].sudo()
        Body = self.env["hc.governance.body"].sudo()
        for gate in self:
            bodies = Right._approvers(gate.program_id, gate.gate_type_id.workflow)
            body_types = set(
                gate.criterion_ids.filtered(lambda c: c.kind == "signoff").mapped("body_type")
            )
            if body_types:
                bodies |= Body.search(
                    [("program_id", "=", gate.program_id.id), ("body_type", "in", list(body_types))]
                )
            gate.required_body_ids = bodies
            votes = [(a.body_id.id, a.vote) for a in gate.approval_ids]
            gate.missing_body_ids = Body.browse(gates.missing_bodies(bodies.ids, votes))
            gate.rejecting_body_ids = Body.browse(gates.rejecting_bodies(bodies.ids, votes))

    @api.depends("criterion_ids.passed", "condition_ids.state")
    def _compute_criteria_counts(self):
        for gate in self:
            gate.criteria_total = len(gate.criterion_ids)
            gate.criteria_passed = len(gate.criterion_ids.filtered("passed"))
            gate.open_condition_count = len(
                gate.condition_ids.filtered(lambda c: c.state == "open")
            )

    def write(self, vals):
        if guard_active(self.env):
            changed = set(vals) - {"message_main_attachment_id"}
            if changed and any(g.state == "decided" for g in self) and not self.env.su:
                raise AccessError(self.env._("A decided gate is read-only."))
            if SCOPE_FIELDS & changed and any(g.state != "draft" for g in self):
                raise UserError(
                    self.env._(
                        "The programme, type, wave and site of a gate are fixed once it "
                        "collects evidence."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        if any(g.state in ("review", "decided") or g.snapshot_ids for g in self):
            raise UserError(self.env._("A gate with evidence snapshots cannot be deleted."))

    # ------------------------------------------------------------ metrics
    @api.model
    def _metric_providers(self):
        """The metric registry: code -> label, kind (percent / count) and the method that
        computes (value, explanation) for a gate. Each feature registers its metrics in its
        own file (``hc_gate_metrics_<feature>.py``) by overriding this method and extending
        ``super()``'s result; other modules add metrics the same way."""
        return {}

    @api.model
    def _metric_selection(self):
        return [(code, spec["label"]) for code, spec in self._metric_providers().items()]

    def _scope_sites(self):
        """Sites of the gate's scope: its site, else its wave's sites, else the programme's."""
        self.ensure_one()
        return self.site_id or self.wave_id.site_ids or self.program_id.site_ids

    def _scope_domain(self):
        """Records of the gate's scope: its programme, and its wave and site when set."""
        self.ensure_one()
        domain = [("program_id", "=", self.program_id.id)]
        if self.wave_id:
            domain.append(("wave_id", "=", self.wave_id.id))
        if self.site_id:
            domain.append(("site_id", "=", self.site_id.id))
        return domain

    # ------------------------------------------------------------ workflow
    def _predecessor(self):
        self.ensure_one()
        return self.search(
            [
                ("program_id", "=", self.program_id.id),
                ("wave_id", "=", self.wave_id.id),
                ("site_id", "=", self.site_id.id),
                ("sequence", "<", self.sequence),
                ("id", "!=", self.id),
            ],
            order="sequence desc",
            limit=1,
        )

    @restricted_to(PMO)
    def action_collect_evidence(self):
        for gate in self:
            if gate.state != "draft":
                raise UserError(self.env._("%(gate)s is not a draft.", gate=gate.name))
            if not gate.criterion_ids:
                gate.criterion_ids = [
                    (
                        0,
                        0,
                        {
                            "sequence": t.sequence,
                            "name": t.name,
                            "kind": t.kind,
                            "metric": t.metric,
                            "operator": t.operator,
                            "threshold": t.threshold,
                            "body_type": t.body_type,
                            "provider_note": t.provider_note,
                        },
                    )
                    for t in gate.gate_type_id.template_ids
                ]
            with workflow_scope(self._name, {"state"}):
                gate.state = "evidence"

    @restricted_to(PMO)
    def action_evaluate(self):
        """Evaluate every criterion from live data (metrics), attachments (documents) and
        approvals (sign-offs)."""
        providers = self._metric_providers()
        for gate in self:
            if gate.state not in ("evidence", "review"):
                raise UserError(
                    self.env._(
                        "%(gate)s is evaluated while it collects evidence or is in review.",
                        gate=gate.name,
                    )
                )
            for criterion in gate.criterion_ids:
                values = gate._evaluate_criterion(criterion, providers)
                with workflow_scope("hc.gate.criterion", EVALUATED):
                    criterion.write(values)

    def _evaluate_criterion(self, criterion, providers):
        """The values of ``criterion`` of this gate as evaluated now: from live data
        (metrics), attachments (documents) or approvals (sign-offs)."""
        self.ensure_one()
        if criterion.kind == "metric":
            spec = providers.get(criterion.metric)
            value, explanation = (
                getattr(self, spec["method"])()
                if spec
                else (None, self.env._("Unknown metric: %(metric)s.", metric=criterion.metric))
            )
            return {
                "value": value or 0.0,
                "has_value": value is not None,
                "passed": gates.check(value, criterion.operator, criterion.threshold),
                "explanation": explanation,
            }
        if criterion.kind == "document":
            return {"passed": criterion._has_document()}
        approved = self.approval_ids.filtered(
            lambda a: a.vote == "approve" and a.body_id.body_type == criterion.body_type
        )
        return {"passed": bool(approved)}

    @restricted_to(PMO)
    def action_submit_review(self):
        for gate in self:
            if gate.state != "evidence":
                raise UserError(
                    self.env._("%(gate)s must be collecting evidence first.", gate=gate.name)
                )
            previous = gate._predecessor()
            if (
                gate.program_id.gates_in_order
                and previous
                and not (previous.state == "decided" and previous.decision in ("go", "conditional"))
            ):
                raise UserError(
                    self.env._(
                        "%(gate)s cannot be reviewed before %(previous)s is decided go or "
                        "conditional go.",
                        gate=gate.name,
                        previous=previous.name,
                    )
                )
            missing_docs = gate.criterion_ids.filtered(
                lambda c: c.kind == "document" and not c._has_document()
            )
            if missing_docs:
                raise UserError(
                    self.env._(
                        "Evidence document missing for %(gate)s: %(docs)s.",
                        gate=gate.name,
                        docs=", ".join(missing_docs.mapped("name")),
                    )
                )
            gate.action_evaluate()
            with workflow_scope(self._name, {"state"}):
                gate.state = "review"
            gate._freeze("review")

    @restricted_to(PMO)
    def action_recycle(self):
        """Back to evidence collection with the reasons in the decision note."""
        for gate in self:
            if gate.state != "review":
                raise UserError(self.env._("Only a gate in review is recycled."))
            if not (gate.decision_note or "").strip():
                raise UserError(
                    self.env._("Give the reasons for recycling %(gate)s.", gate=gate.name)
                )
            gate._freeze("recycle")
            with workflow_scope(self._name, {"state", "recycle_count"}):
                gate.write({"state": "evidence", "recycle_count": gate.recycle_count + 1})
            gate.message_post(body=self.env._("Recycled: %(why)s", why=gate.decision_note))
