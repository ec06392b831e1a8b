from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcReadinessCommon


class DiscoveryCommon(HcReadinessCommon):
    """Two catalog workflows of the test programme (the seeded catalog is archived so the
    figures do not depend on it): a high-criticality central stores workflow led by the
    programme's stores lead, and a low-criticality workforce workflow with local
    flexibility. A design authority with one member; an analyst; a user of another
    company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Workflow = cls.env["hc.process.workflow"]
        Workflow.search([]).action_archive()
        cls.wf_stock = Workflow.create(
            {
                "name": "Test replenishment",
                "code": "T-REPL",
                "workstream_id": cls.env.ref("hc_training.workstream_stores").id,
                "criticality": "high",
                "policy": "central",
                "role_line_ids": [(0, 0, {"role_id": cls.role.id, "responsibility": "execute"})],
            }
        )
        cls.wf_rota = Workflow.create(
            {
                "name": "Test induction rota",
                "code": "T-ROTA",
                "workstream_id": cls.env.ref("hc_training.workstream_workforce").id,
                "criticality": "low",
                "policy": "local_flex",
                "dependency_ids": [(6, 0, cls.wf_stock.ids)],
                "dependency_impact": "Late stock delays the induction kit.",
            }
        )
        cls.analyst = cls._create_user("hc_d_analyst", groups="hc_readiness.group_business_analyst")
        cls.da_member = cls._create_user("hc_d_da", groups="hc_readiness.group_gate_approver")
        cls.design_authority = cls.env["hc.governance.body"].create(
            {
                "name": "Design authority",
                "body_type": "design_authority",
                "program_id": cls.program.id,
                "member_ids": [(6, 0, cls.da_member.ids)],
            }
        )
        cls.analyst_other = cls._create_user(
            "hc_d_analyst_other",
            groups="hc_readiness.group_business_analyst",
            company=cls.company_other,
        )

    def _variant(self, workflow, site, **vals):
        values = {"program_id": self.program.id, "workflow_id": workflow.id, "site_id": site.id}
        values.update(vals)
        return self.env["hc.process.variant"].with_user(self.analyst).create(values)


@tagged("post_install", "-at_install")
class TestDiscoveryRules(DiscoveryCommon):
    def test_generate_baseline_once_per_workflow_and_site(self):
        program = self.program.with_user(self.analyst)
        action = program.action_generate_baseline()
        self.assertEqual(action["res_model"], "hc.process.variant")
        variants = self.env["hc.process.variant"].search([("program_id", "=", self.program.id)])
        self.assertEqual(len(variants), 4)
        self.assertEqual(set(variants.mapped("classification")), {"unclassified"})
        self.assertEqual(
            variants.filtered(lambda v: v.workflow_id == self.wf_stock).lead_id, self.lead_user
        )
        program.action_generate_baseline()
        self.assertEqual(
            self.env["hc.process.variant"].search_count([("program_id", "=", self.program.id)]),
            4,
        )

    def test_bad_input_is_refused_with_clear_errors(self):
        site_c = self._create_site("Charlie Hospital", "TCH")
        with (
            self.assertRaisesRegex(ValidationError, "Charlie Hospital.*Test go-live"),
            self.cr.savepoint(),
        ):
            self._variant(self.wf_stock, site_c)
        with self.assertRaisesRegex(ValidationError, "needs a justification"), self.cr.savepoint():
            self._variant(self.wf_stock, self.site_a, classification="exception")
        variant = self._variant(
            self.wf_stock, self.site_a, classification="exception", justification="Local SLA"
        )
        with (
            self.assertRaisesRegex(UserError, "centrally standardized.*review date"),
            self.cr.savepoint(),
        ):
            variant.with_user(self.analyst).action_submit()
        standard = self._variant(self.wf_rota, self.site_a, classification="standard")
        with self.assertRaisesRegex(UserError, "Only a local exception"), self.cr.savepoint():
            standard.with_user(self.analyst).action_submit()
        with (
            self.assertRaisesRegex(ValidationError, "cannot depend on itself"),
            self.cr.savepoint(),
        ):
            self.wf_stock.dependency_ids = [(4, self.wf_stock.id)]
        with self.assertRaisesRegex(ValidationError, "form a cycle"), self.cr.savepoint():
            self.wf_stock.dependency_ids = [(4, self.wf_rota.id)]

    def test_exception_approved_by_design_authority_only(self):
        variant = self._variant(
            self.wf_rota,
            self.site_b,
            classification="exception",
            justification="Induction on the ward rota",
        )
        as_analyst = variant.with_user(self.analyst)
        with self.assertRaises(AccessError), self.cr.savepoint():
            as_analyst.write({"approval_state": "approved"})
        as_analyst.action_submit()
        self.assertEqual(variant.approval_state, "submitted")
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            as_analyst.action_approve()
        outsider = self._create_user("hc_d_da_not", groups="hc_readiness.group_gate_approver")
        with (
            self.assertRaisesRegex(AccessError, "design authority of Test go-live"),
            self.cr.savepoint(),
        ):
            variant.with_user(outsider).action_approve()
        with self.assertRaises(AccessError), self.cr.savepoint():
            variant.with_user(self.exec_user).write({"justification": "changed"})
        variant.with_user(self.da_member).action_approve()
        self.assertEqual(
            (variant.approval_state, variant.approver_id), ("approved", self.da_member)
        )
        # a changed decision goes back to the design authority
        as_analyst.justification = "Induction on the ward rota, weekends only"
        self.assertEqual((variant.approval_state, variant.approver_id.id), ("draft", False))
        with self.assertRaises(AccessError), self.cr.savepoint():
            variant.sudo().approval_state = "approved"
        with (
            self.assertRaisesRegex(ValidationError, "without its approver"),
            self.cr.savepoint(),
            workflow_scope("hc.process.variant", {"approval_state"}),
        ):
            variant.sudo().approval_state = "approved"

    def test_record_rules_by_role(self):
        mine = self._variant(self.wf_stock, self.site_a, classification="standard")
        other = self._variant(self.wf_rota, self.site_a, classification="standard")
        Variant = self.env["hc.process.variant"]
        domain = [("program_id", "=", self.program.id)]
        # the stores lead edits the stores workflow's variants only
        self.assertEqual(Variant.with_user(self.lead_user).search(domain), mine)
        mine.with_user(self.lead_user).current_practice = "<p>Excel sheet</p>"
        self.assertTrue(mine.is_documented)
        with self.assertRaises(AccessError), self.cr.savepoint():
            other.with_user(self.lead_user).current_practice = "<p>x</p>"
        # executives read everything and change nothing
        self.assertEqual(Variant.with_user(self.exec_user).search(domain), mine | other)
        with self.assertRaises(AccessError), self.cr.savepoint():
            mine.with_user(self.exec_user).classification = "retire"
        # other employees and other companies see nothing of discovery
        self.assertFalse(Variant.with_user(self.emp_user).search(domain))
        self.assertFalse(Variant.with_user(self.analyst_other).search([]))
        workaround = self.env["hc.process.workaround"].create(
            {
                "name": "Excel",
                "program_id": self.program.id,
                "site_id": self.site_a.id,
                "workflow_id": self.wf_rota.id,
            }
        )
        self.assertFalse(self.env["hc.process.workaround"].with_user(self.emp_user).search([]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            workaround.with_user(self.analyst_other).read(["name"])

    def test_gap_needs_the_link_of_its_resolution_path(self):
        Gap = self.env["hc.process.gap"].with_user(self.analyst)
        gap = Gap.create(
            {
                "name": "Duplicate suppliers",
                "program_id": self.program.id,
                "workflow_id": self.wf_stock.id,
            }
        )
        self.assertEqual(gap.workstream_id, self.wf_stock.workstream_id)
        domain = self.env["hc.migration.domain"].create(
            {"name": "Test suppliers", "code": "T-SUP", "company_id": self.company.id}
        )
        cases = [
            ("data_cleansing", "migration domain", {"migration_domain_id": domain.id}),
            ("config", "standard configuration", {"configuration_note": "Approval levels"}),
            ("training", "learning path", {"learning_path_id": self.path.id}),
        ]
        for path, message, link in cases:
            with self.subTest(path=path):
                with (
                    self.assertRaisesRegex(ValidationError, f"marked Resolved.*{message}"),
                    self.cr.savepoint(),
                ):
                    gap.write({"resolution_path": path, "state": "resolved"})
                gap.write({"resolution_path": path, "state": "resolved", **link})
                self.assertEqual(gap.state, "resolved")
                gap.write({"state": "identified"})
        request = self.env["hc.customization.request"].create(
            {"name": "Supplier portal", "program_id": self.program.id, "description": "<p>x</p>"}
        )
        with (
            self.assertRaisesRegex(ValidationError, "customization request of the extension"),
            self.cr.savepoint(),
        ):
            gap.write({"resolution_path": "extension", "state": "agreed"})
        gap.write(
            {
                "resolution_path": "extension",
                "state": "agreed",
                "customization_request_id": request.id,
            }
        )
        with (
            self.assertRaisesRegex(ValidationError, "marked Resolution agreed.*resolution path"),
            self.cr.savepoint(),
        ):
            Gap.create({"name": "No path", "program_id": self.program.id, "state": "agreed"})


@tagged("post_install", "-at_install")
class TestDiscoveryEvidence(DiscoveryCommon):
    """Fixtures: variants A/stock standard, A/rota approved exception, B/stock to retire
    (documented), B/rota submitted exception (undocumented); workarounds A high + low
    open, A critical replaced, B medium open; gaps in progress (data cleansing), identified,
    agreed, resolved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Variant = cls.env["hc.process.variant"]
        doc = "<p>Documented practice</p>"
        base = {"program_id": cls.program.id}
        # fixture: the approval fields are the design authority's buttons' (workflow-owned)
        with workflow_scope("hc.process.variant", {"approval_state", "approver_id"}):
            Variant.create(
                [
                    {
                        **base,
                        "workflow_id": cls.wf_stock.id,
                        "site_id": cls.site_a.id,
                        "classification": "standard",
                        "current_practice": doc,
                    },
                    {
                        **base,
                        "workflow_id": cls.wf_rota.id,
                        "site_id": cls.site_a.id,
                        "classification": "exception",
                        "justification": "Ward rota",
                        "approval_state": "approved",
                        "approver_id": cls.da_member.id,
                        "current_practice": doc,
                    },
                    {
                        **base,
                        "workflow_id": cls.wf_stock.id,
                        "site_id": cls.site_b.id,
                        "classification": "retire",
                        "current_practice": doc,
                    },
                    {
                        **base,
                        "workflow_id": cls.wf_rota.id,
                        "site_id": cls.site_b.id,
                        "classification": "exception",
                        "justification": "Own queue",
                        "approval_state": "submitted",
                    },
                ]
            )
        Workaround = cls.env["hc.process.workaround"]
        for site, risk, state in (
            (cls.site_a, "high", "open"),
            (cls.site_a, "low", "open"),
            (cls.site_a, "critical", "replaced"),
            (cls.site_b, "medium", "open"),
        ):
            Workaround.create(
                {
                    **base,
                    "name": f"{risk} workaround",
                    "site_id": site.id,
                    "workflow_id": cls.wf_stock.id,
                    "risk": risk,
                    "state": state,
                }
            )
        cls.supplier_domain = cls.env["hc.migration.domain"].create(
            {"name": "Fixture suppliers", "code": "T-FSUP", "company_id": cls.company.id}
        )
        cls.env["hc.process.gap"].create(
            [
                {
                    **base,
                    "name": "Duplicate suppliers",
                    "workflow_id": cls.wf_stock.id,
                    "state": "in_progress",
                    "resolution_path": "data_cleansing",
                    "migration_domain_id": cls.supplier_domain.id,
                },
                {**base, "name": "Item coding"},
                {
                    **base,
                    "name": "Thresholds",
                    "state": "agreed",
                    "resolution_path": "config",
                    "configuration_note": "Approval levels",
                },
                {
                    **base,
                    "name": "Training records",
                    "state": "resolved",
                    "resolution_path": "training",
                    "role_id": cls.role.id,
                },
            ]
        )
        cls.discovery_type = cls.env.ref("hc_readiness.gate_type_discovery")

    def _gate(self, **vals):
        gate = (
            self.env["hc.gate"]
            .with_user(self.pmo_user)
            .create({"program_id": self.program.id, "gate_type_id": self.discovery_type.id, **vals})
        )
        return gate

    def test_gate_metrics_on_fixtures(self):
        gate = self._gate()
        values = {
            "coverage": gate._metric_discovery_baseline_coverage()[0],
            "classified": gate._metric_discovery_variants_classified()[0],
            "approved": gate._metric_discovery_exceptions_approved()[0],
            "open": gate._metric_discovery_open_workarounds()[0],
            "high": gate._metric_discovery_open_workarounds_high()[0],
            "gaps": gate._metric_discovery_gaps_agreed()[0],
        }
        self.assertEqual(
            values,
            {
                "coverage": 75.0,
                "classified": 100.0,
                "approved": 50.0,
                "open": 3.0,
                "high": 1.0,
                "gaps": 75.0,
            },
        )
        site_gate = self._gate(site_id=self.site_a.id)
        self.assertEqual(site_gate._metric_discovery_baseline_coverage()[0], 100.0)
        self.assertEqual(site_gate._metric_discovery_exceptions_approved()[0], 100.0)
        self.assertEqual(site_gate._metric_discovery_open_workarounds()[0], 2.0)
        # the discovery gate's templates read them
        gate.action_collect_evidence()
        gate.action_evaluate()
        by_metric = {c.metric: c for c in gate.criterion_ids if c.kind == "metric"}
        self.assertEqual(by_metric["discovery_baseline_coverage"].value, 75.0)
        self.assertFalse(by_metric["discovery_baseline_coverage"].passed)
        self.assertTrue(by_metric["discovery_variants_classified"].passed)
        self.assertFalse(by_metric["discovery_exceptions_approved"].passed)
        self.assertFalse(by_metric["discovery_gaps_agreed"].passed)

    def test_standardization_lens_uses_variants_and_workarounds(self):
        self.program._recompute_readiness()
        lens = self.program.lens_ids.filtered(lambda x: x.lens == "standardization")
        # 3 of 8 criticality points standard = 37.5, less the mean site penalty (6 + 3) / 2
        self.assertEqual((lens.value, lens.has_evidence), (33.0, True))
        self.assertIn("1 of 4 classified site variants", lens.explanation)
        sites = {
            x.site_id: x.value
            for x in self.program.site_lens_ids.filtered(lambda x: x.lens == "standardization")
        }
        self.assertEqual(sites, {self.site_a: 69.0, self.site_b: 0.0})
        action = lens.action_open_inputs()
        self.assertEqual(action["res_model"], "hc.process.variant")
        # with decided customization requests: 70 % variants + 30 % requests (50)
        Request = self.env["hc.customization.request"]
        for state, alternative in (("rejected", "<p>Standard</p>"), ("approved", False)):
            request = Request.create(
                {
                    "name": f"CR {state}",
                    "program_id": self.program.id,
                    "description": "<p>x</p>",
                    "standard_alternative": alternative,
                }
            )
            with workflow_scope("hc.customization.request", {"state"}):  # fixture
                request.write({"state": state})
        self.program._recompute_readiness()
        lens = self.program.lens_ids.filtered(lambda x: x.lens == "standardization")
        self.assertEqual(lens.value, 38.1)
        self.assertIn("70% site variants", lens.explanation)

    def test_matrix_counts_and_baseline_pdf(self):
        program = self.program.with_user(self.exec_user)
        self.assertEqual(
            (program.variant_count, program.open_workaround_count, program.gap_count), (4, 3, 4)
        )
        matrix = str(program.discovery_matrix)
        self.assertEqual(matrix.count("o_hc_matrix_exception"), 2)
        self.assertIn("o_hc_matrix_retire", matrix)
        self.assertIn("Local exception (approved)", matrix)
        self.assertIn("hc_process_variant_action/", matrix)
        lines = self.program.workstream_ids
        data = self.program._process_baseline_data(lines.workstream_id)
        self.assertEqual([w["workflow"] for w in data["workflows"]], [self.wf_stock])
        self.assertEqual(len(data["workflows"][0]["variants"]), 2)
        reports = self.env["ir.actions.report"].with_user(self.exec_user)
        html = reports._render_qweb_html("hc_readiness.action_report_process_baseline", lines.ids)[
            0
        ]
        self.assertIn(b"Test replenishment", html)
        self.assertIn(b"high workaround", html)
        self.assertIn(b"Sign-off", html)
        self.assertIn(b"Fixture suppliers", html)  # the gap's link, read for the executive


@tagged("post_install", "-at_install")
class TestDiscoveryGuards(DiscoveryCommon):
    """Who submits and decides local exceptions, and what nobody writes directly."""

    def test_approval_is_owned_and_decided_by_the_design_authority(self):
        Variant = self.env["hc.process.variant"].with_user(self.analyst)
        base = {
            "program_id": self.program.id,
            "workflow_id": self.wf_rota.id,
            "site_id": self.site_b.id,
            "classification": "exception",
            "justification": "Own queue",
        }
        # no variant is born approved, nor with a forged approver or date
        for vals in (
            {"approval_state": "approved"},
            {"approver_id": self.da_member.id},
            {"date_approved": "2020-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                Variant.create({**base, **vals})
        variant = Variant.create(base)
        for vals in (
            {"approval_state": "submitted"},
            {"approver_id": self.da_member.id},
            {"date_approved": "2020-01-01"},
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                variant.write(vals)
            with self.assertRaises(AccessError), self.cr.savepoint():
                variant.sudo().write(vals)
        # submitting: those who record discovery, on records they may edit
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            variant.with_user(self.exec_user).action_submit()
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            self.env["hc.process.variant"].with_user(self.emp_user).action_submit()
        variant.action_submit()
        # deciding: a design-authority member only, in their own name and today
        for user in (self.analyst, self.exec_user, self.emp_user):
            with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
                variant.with_user(user).action_approve()
        with self.assertRaisesRegex(AccessError, "design authority"), self.cr.savepoint():
            variant.with_user(self.pmo_user).action_reject()
        self.assertEqual(variant.approval_state, "submitted")
        variant.with_user(self.da_member).action_approve()
        self.assertEqual(
            (variant.approval_state, variant.approver_id, variant.date_approved),
            ("approved", self.da_member, fields.Date.context_today(variant)),
        )

    def test_baseline_generated_by_analyst_or_pmo(self):
        for user in (self.exec_user, self.lead_user, self.da_member):
            with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
                self.program.with_user(user).action_generate_baseline()
        self.program.with_user(self.pmo_user).action_generate_baseline()
        self.assertEqual(len(self.program.variant_ids), 4)
