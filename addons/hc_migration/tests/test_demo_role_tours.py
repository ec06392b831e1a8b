"""The README's data-owner walkthrough, clicked through as the demo logins it names.

It runs on the Northbridge demo data and is skipped without it (``test_tour.py`` builds its
own data and covers the same screens without demo).
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.hc_base.tests.demo_tour_common import DemoTourMixin

FILENAME = "northbridge_suppliers_mock3.csv"


@tagged("post_install", "-at_install")
class TestDataOwnerDemoTours(DemoTourMixin, HttpCase):
    def test_mock_run_staged_decided_loaded_and_signed_off(self):
        """As marcus: domain, new mock run, stage and validate; as ravi: merge the duplicate,
        rejected rows (xlsx); as marcus: load, reconciliation (PDF); as ravi: sign off."""
        self.demo_user("hc_base.user_marcus_demo")
        ravi = self.demo_user("hc_base.user_ravi_demo")
        domain = self.env.ref("hc_migration.domain_suppliers")
        self.start_tour("/odoo", "hc_demo_migration_lead_stage_tour", login="marcus", timeout=120)
        run = domain.run_ids.filtered(lambda r: r.filename == FILENAME)
        self.assertEqual((run.state, run.rows_read, run.rows_rejected), ("validated", 4, 2))
        self.start_tour("/odoo", "hc_demo_data_owner_decides_tour", login="ravi", timeout=90)
        self.assertEqual(
            run.cluster_ids.filtered(lambda c: c.state == "merged").decided_by_id, ravi
        )
        rejects = self.env["ir.attachment"].search(
            [("res_model", "=", run._name), ("res_id", "=", run.id), ("name", "like", ".xlsx")]
        )
        self.assertTrue(rejects, "the rejected rows were not exported")
        self.assert_xlsx_download("ravi", f"/web/content/{rejects[-1].id}?download=true")
        self.start_tour("/odoo", "hc_demo_migration_lead_load_tour", login="marcus", timeout=120)
        self.assertEqual(run.state, "loaded")
        for login in ("marcus", "ravi"):
            self.assert_pdf_download(login, "hc_migration.report_reconciliation", run)
        self.start_tour("/odoo", "hc_demo_data_owner_signs_off_tour", login="ravi", timeout=90)
        cutover = domain.signoff_ids.filtered(lambda s: s.kind == "cutover" and s.is_valid)
        self.assertEqual(cutover.user_id, ravi)
        # mock run 3 rejected half its rows: the sign-off carries ravi's exception
        self.assertEqual((cutover.run_id, cutover.target_breached), (run, True))
        self.assertIn("retired suppliers", cutover.exception_reason)
