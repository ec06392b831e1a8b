from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

from ..lib import cutover, discovery, gates, uat

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
        computes (value, explanation) for a gate. Other modules add metrics by overriding
        this method and adding their own ``_metric_<code>`` methods."""
        return {
            "user_readiness": {
                "label": self.env._("User readiness of the scope (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_user_readiness",
            },
            "data_trust": {
                "label": self.env._("Data trust lens (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_data_trust",
            },
            "mock_runs_critical": {
                "label": self.env._("Good mock runs of the least-tested critical domain"),
                "kind": gates.COUNT,
                "method": "_metric_mock_runs_critical",
            },
            "open_critical_raid": {
                "label": self.env._("Open high risks and critical issues"),
                "kind": gates.COUNT,
                "method": "_metric_open_critical_raid",
            },
            "undecided_customizations": {
                "label": self.env._("Undecided customization requests"),
                "kind": gates.COUNT,
                "method": "_metric_undecided_customizations",
            },
            "hypercare_open_critical": {
                "label": self.env._("Open critical floor-support issues"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_open_critical",
            },
            "hypercare_issue_rate": {
                "label": self.env._("Floor-support issues per day, last 7 days"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_issue_rate",
            },
            "hypercare_sla_breaches": {
                "label": self.env._("Open floor-support issues past their SLA"),
                "kind": gates.COUNT,
                "method": "_metric_hypercare_sla_breaches",
            },
            "discovery_baseline_coverage": {
                "label": self.env._("Workflows with a documented baseline per site (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_baseline_coverage",
            },
            "discovery_variants_classified": {
                "label": self.env._("Site variants classified (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_variants_classified",
            },
            "discovery_exceptions_approved": {
                "label": self.env._("Local exceptions approved by the design authority (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_exceptions_approved",
            },
            "discovery_open_workarounds": {
                "label": self.env._("Open workarounds"),
                "kind": gates.COUNT,
                "method": "_metric_discovery_open_workarounds",
            },
            "discovery_open_workarounds_high": {
                "label": self.env._("Open high or critical workarounds"),
                "kind": gates.COUNT,
                "method": "_metric_discovery_open_workarounds_high",
            },
            "discovery_gaps_agreed": {
                "label": self.env._("Gaps with an agreed resolution (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_discovery_gaps_agreed",
            },
            "uat_critical_pass_rate": {
                "label": self.env._("Critical UAT scenarios whose latest run passed (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_uat_critical_pass_rate",
            },
            "uat_open_critical_defects": {
                "label": self.env._("Open critical UAT defects"),
                "kind": gates.COUNT,
                "method": "_metric_uat_open_critical_defects",
            },
            "runbook_completion": {
                "label": self.env._("Cutover runbook tasks done (%)"),
                "kind": gates.PERCENT,
                "method": "_metric_runbook_completion",
            },
            "open_rollback_triggers": {
                "label": self.env._("Open rollback triggers"),
                "kind": gates.COUNT,
                "method": "_metric_open_rollback_triggers",
            },
        }

    @api.model
    def _metric_selection(self):
        return [(code, spec["label"]) for code, spec in self._metric_providers().items()]

    def _metric_user_readiness(self):
        Score = self.env["hc.readiness.score"].sudo()
        domain = [("program_id", "=", self.program_id.id)]
        if self.site_id:
            domain += [("level", "=", "site"), ("site_id", "=", self.site_id.id)]
            if self.wave_id:
                domain += [("wave_id", "=", self.wave_id.id)]
        elif self.wave_id:
            domain += [("level", "=", "wave"), ("wave_id", "=", self.wave_id.id)]
        else:
            domain += [("level", "=", "program")]
        score = Score.search(domain, limit=1)
        if not score or not score.has_score:
            return None, self.env._("No readiness score for this scope: recompute readiness.")
        return score.score, self.env._(
            "Readiness of %(n)s employees, computed %(date)s.",
            n=score.weight,
            date=self.program_id.date_computed,
        )

    def _metric_data_trust(self):
        lens = self.program_id.lens_ids.filtered(lambda lens: lens.lens == "data_trust")[:1]
        if not lens or not lens.has_evidence:
            return None, self.env._("No data-trust evidence.")
        return lens.value, lens.explanation

    def _metric_mock_runs_critical(self):
        domains = (
            self.env["hc.migration.domain"]
            .sudo()
            .search(
                [
                    ("scope", "=", "operational"),
                    ("criticality", "=", "high"),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        if not domains:
            return None, self.env._("No critical operational migration domain.")
        figures = domains._migration_readiness()
        worst = min(figures.items(), key=lambda item: item[1]["good_runs"])
        return float(worst[1]["good_runs"]), self.env._(
            "Completed mock runs under the reject-rate target; least-tested critical domain: "
            "%(domain)s.",
            domain=domains.browse(worst[0]).name,
        )

    def _metric_open_critical_raid(self):
        count = (
            self.env["hc.raid.item"]
            .sudo()
            .search_count(
                [
                    ("program_id", "=", self.program_id.id),
                    ("state", "in", ("open", "mitigating")),
                    ("is_high", "=", True),
                ]
            )
        )
        return float(count), self.env._("Open RAID items rated high or critical.")

    def _metric_undecided_customizations(self):
        count = (
            self.env["hc.customization.request"]
            .sudo()
            .search_count(
                [("program_id", "=", self.program_id.id), ("state", "in", ("draft", "submitted"))]
            )
        )
        return float(count), self.env._("Customization requests not decided yet.")

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
                getattr(self, spec["method"])() if spec else (None, "unknown metric")
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

    # ------------------------------------------------------------ hypercare metrics
    def _hypercare_domain(self):
        """The floor issues in the gate's scope: its programme, narrowed to its site or to
        the sites of its wave."""
        self.ensure_one()
        domain = Domain("program_id", "=", self.program_id.id)
        if self.site_id or self.wave_id.site_ids:
            domain &= Domain("site_id", "in", self._scope_sites().ids)
        return domain

    def _metric_hypercare_open_critical(self):
        count = (
            self.env["hc.floor.issue"]
            .sudo()
            .search_count(
                self._hypercare_domain()
                & Domain("is_open", "=", True)
                & Domain("severity", "=", "critical")
            )
        )
        return float(count), self.env._("Open critical floor-support issues in scope.")

    def _metric_hypercare_issue_rate(self):
        days = 7
        figures = (
            self.env["hc.floor.issue"].sudo()._adoption_figures(self._hypercare_domain(), days=days)
        )
        return figures["issue_rate"], self.env._(
            "Average floor-support issues logged per day over the last %(days)s days "
            "(today included).",
            days=days,
        )

    def _metric_hypercare_sla_breaches(self):
        # read the deadline itself (the hourly cron's flag may lag behind the clock)
        count = (
            self.env["hc.floor.issue"]
            .sudo()
            .search_count(
                self._hypercare_domain()
                & Domain("is_open", "=", True)
                & Domain("sla_deadline", "<", fields.Datetime.now())
            )
        )
        return float(count), self.env._("Open floor-support issues past their SLA deadline.")

    # ------------------------------------------------------------ discovery metrics
    def _scope_sites(self):
        """Sites of the gate's scope: its site, else its wave's sites, else the programme's."""
        self.ensure_one()
        return self.site_id or self.wave_id.site_ids or self.program_id.site_ids

    def _discovery_baseline(self):
        """Baseline figures of the gate's scope (``_scope_sites``): every active catalog
        workflow is expected at every site."""
        sites = self._scope_sites()
        facts = self.env["hc.process.variant"]._baseline_facts(self.program_id, sites)
        workflows = self.env["hc.process.workflow"].sudo().search_count([("active", "=", True)])
        return discovery.baseline_figures(facts, workflows, len(sites))

    def _metric_discovery_baseline_coverage(self):
        figures = self._discovery_baseline()
        if figures["coverage"] is None:
            return None, self.env._("No site or catalog workflow in scope.")
        return figures["coverage"], self.env._(
            "%(documented)s of %(expected)s workflow x site baselines have their current "
            "practice documented.",
            documented=figures["documented"],
            expected=figures["expected"],
        )

    def _metric_discovery_variants_classified(self):
        figures = self._discovery_baseline()
        if figures["classified_share"] is None:
            return None, self.env._("No site or catalog workflow in scope.")
        return figures["classified_share"], self.env._(
            "%(classified)s of %(expected)s workflow x site baselines are classified "
            "(standard, local exception or to be retired).",
            classified=figures["classified"],
            expected=figures["expected"],
        )

    def _metric_discovery_exceptions_approved(self):
        figures = self._discovery_baseline()
        return figures["approved_share"], self.env._(
            "%(approved)s of %(exceptions)s local exceptions are approved by the design "
            "authority (100 when there is none).",
            approved=figures["exceptions_approved"],
            exceptions=figures["exceptions"],
        )

    def _discovery_open_workarounds(self, risks=None):
        domain = [
            ("program_id", "=", self.program_id.id),
            ("state", "=", "open"),
            ("site_id", "in", self._scope_sites().ids),
        ]
        if risks:
            domain += [("risk", "in", risks)]
        return self.env["hc.process.workaround"].sudo().search_count(domain)

    def _metric_discovery_open_workarounds(self):
        return float(self._discovery_open_workarounds()), self.env._(
            "Workarounds found in discovery that are still open in the scope."
        )

    def _metric_discovery_open_workarounds_high(self):
        return float(self._discovery_open_workarounds(["high", "critical"])), self.env._(
            "Open workarounds in the scope with a high or critical go-live risk."
        )

    def _metric_discovery_gaps_agreed(self):
        groups = (
            self.env["hc.process.gap"]
            .sudo()
            ._read_group([("program_id", "=", self.program_id.id)], ["state"], ["__count"])
        )
        total = sum(count for _state, count in groups)
        agreed = sum(count for state, count in groups if state != "identified")
        value = discovery.share(agreed, total)
        if value is None:
            return None, self.env._("No gap recorded for the programme.")
        return value, self.env._(
            "%(agreed)s of %(total)s gaps of the programme have an agreed resolution "
            "(agreed, in progress or resolved).",
            agreed=agreed,
            total=total,
        )

    # ------------------------------------------------------------ UAT and cutover metrics
    def _scope_domain(self):
        """Records of the gate's scope: its programme, and its wave and site when set."""
        self.ensure_one()
        domain = [("program_id", "=", self.program_id.id)]
        if self.wave_id:
            domain.append(("wave_id", "=", self.wave_id.id))
        if self.site_id:
            domain.append(("site_id", "=", self.site_id.id))
        return domain

    def _metric_uat_critical_pass_rate(self):
        runs = (
            self.env["hc.uat.run"]
            .sudo()
            .search_fetch(
                [*self._scope_domain(), ("criticality", "=", "critical")],
                ["scenario_id", "site_id", "state"],
            )
        )
        # the latest run of a scenario at a site is the last one created: a re-run not
        # executed yet means the scenario is to be retested
        states = uat.latest_states(
            ((run.scenario_id.id, run.site_id.id), run.id, run.state) for run in runs
        )
        # every critical scenario tested in the scope is expected at every site with a UAT
        # cycle in the scope: one never run at a site counts as not passed there
        sites = self.env["hc.uat.cycle"].sudo().search(self._scope_domain()).site_id
        for scenario_id in {scenario for scenario, _site in states}:
            for site_id in sites.ids:
                states.setdefault((scenario_id, site_id), "not_run")
        rate = uat.pass_rate(states.values())
        if rate is None:
            return None, self.env._("No run of a critical UAT scenario in this scope.")
        passed = sum(1 for state in states.values() if state == "passed")
        return rate, self.env._(
            "%(passed)s of %(total)s critical scenario(s) per site passed in their latest run "
            "(a scenario not yet run at a site with a UAT cycle counts as not passed).",
            passed=passed,
            total=len(states),
        )

    def _metric_uat_open_critical_defects(self):
        count = (
            self.env["hc.uat.defect"]
            .sudo()
            .search_count(
                [*self._scope_domain(), ("severity", "=", "critical"), ("is_open", "=", True)]
            )
        )
        return float(count), self.env._(
            "UAT defects of critical severity open or fixed but not retested."
        )

    def _runbook_domain(self):
        return [*self._scope_domain(), ("state", "!=", "rolled_back")]

    def _metric_runbook_completion(self):
        Task = self.env["hc.cutover.task"].sudo()
        runbooks = self.env["hc.cutover.runbook"].sudo().search(self._runbook_domain())
        counts = dict(
            Task._read_group([("runbook_id", "in", runbooks.ids)], ["state"], ["__count"])
        )
        states = [state for state, n in counts.items() for _i in range(n)]
        rate = cutover.completion(states)
        if rate is None:
            return None, self.env._("No cutover task in this scope.")
        return rate, self.env._(
            "%(done)s of %(total)s cutover tasks done or skipped in %(n)s runbook(s).",
            done=sum(n for state, n in counts.items() if state in cutover.FINISHED),
            total=len(states),
            n=len(runbooks),
        )

    def _metric_open_rollback_triggers(self):
        runbooks = self.env["hc.cutover.runbook"].sudo().search(self._runbook_domain())
        count = (
            self.env["hc.cutover.rollback.criterion"]
            .sudo()
            .search_count([("runbook_id", "in", runbooks.ids), ("state", "=", "triggered")])
        )
        return float(count), self.env._("Rollback criteria triggered and not resolved.")
