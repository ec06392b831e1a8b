from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDiscoveryTour(HttpCase):
    def test_local_exception_recorded_approved_and_shown(self):
        """The analyst records the Hillcrest-like rota practice as a local exception and
        submits it; the design authority member approves it; the matrix shows the
        approved exception and the standardization lens drops accordingly."""
        analyst = new_test_user(
            self.env, login="hc_tour_analyst", groups="hc_readiness.group_business_analyst"
        )
        member = new_test_user(
            self.env, login="hc_tour_da", groups="hc_readiness.group_gate_approver"
        )
        self.env["hc.process.workflow"].search([]).action_archive()
        site = self.env["hc.site"].create({"name": "Tour Hill Hospital", "code": "THH"})
        program = self.env["hc.program"].create(
            {"name": "Tour discovery programme", "site_ids": [(6, 0, site.ids)]}
        )
        self.env["hc.governance.body"].create(
            {
                "name": "Tour design authority",
                "body_type": "design_authority",
                "program_id": program.id,
                "member_ids": [(6, 0, member.ids)],
            }
        )
        Workflow = self.env["hc.process.workflow"]
        workforce = self.env.ref("hc_training.workstream_workforce")
        rota = Workflow.create(
            {
                "name": "Tour induction rota",
                "code": "TOUR-ROTA",
                "workstream_id": workforce.id,
                "criticality": "medium",
                "policy": "local_flex",
            }
        )
        stock = Workflow.create(
            {
                "name": "Tour replenishment",
                "code": "TOUR-REPL",
                "workstream_id": workforce.id,
                "criticality": "medium",
            }
        )
        program.with_user(analyst).action_generate_baseline()
        variants = program.variant_ids
        self.assertEqual(len(variants), 2)
        variants.write({"classification": "standard"})
        variant = variants.filtered(lambda v: v.workflow_id == rota)
        program._recompute_readiness()
        lens = program.lens_ids.filtered(lambda x: x.lens == "standardization")
        self.assertEqual(lens.value, 100.0)

        url = f"/odoo/action-hc_readiness.hc_process_variant_action/{variant.id}"
        self.start_tour(url, "hc_discovery_analyst_tour", login="hc_tour_analyst")
        self.assertEqual(
            (variant.classification, variant.approval_state), ("exception", "submitted")
        )
        self.assertIn("ward rota", variant.justification)
        self.start_tour(url, "hc_discovery_design_authority_tour", login="hc_tour_da")
        self.assertEqual((variant.approval_state, variant.approver_id), ("approved", member))
        self.start_tour(
            f"/odoo/action-hc_readiness.hc_program_action/{program.id}",
            "hc_discovery_matrix_tour",
            login="hc_tour_da",
        )
        program._recompute_readiness()
        lens = program.lens_ids.filtered(lambda x: x.lens == "standardization")
        self.assertEqual(lens.value, 50.0)  # one of two equally critical variants standard
        self.assertIn("o_hc_matrix_exception", str(program.discovery_matrix))
        self.assertTrue(stock.variant_count)
        # the process baseline PDF of the workstream, for sign-off
        workstream_line = self.env["hc.program.workstream"].create(
            {"program_id": program.id, "workstream_id": workforce.id, "lead_id": analyst.id}
        )
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = reports._render_qweb_pdf(
            "hc_readiness.action_report_process_baseline", workstream_line.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
