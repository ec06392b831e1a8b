from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMigrationTour(HttpCase):
    def test_migration_lead_opens_migration_app(self):
        new_test_user(
            self.env, login="hc_tour_mig_lead", groups="hc_migration.group_migration_lead"
        )
        self.env["hc.site"].create({"name": "Tour Check Hospital", "code": "TCH"})
        self.start_tour("/odoo", "hc_migration_open_app_tour", login="hc_tour_mig_lead")

    def test_employee_does_not_see_migration_app(self):
        user = new_test_user(self.env, login="hc_tour_mig_emp", groups="base.group_user")
        menu = self.env.ref("hc_migration.hc_migration_menu_root")
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    def test_upload_resolve_sign_off_and_second_run(self):
        new_test_user(self.env, login="hc_tour_lead", groups="hc_migration.group_migration_lead")
        owner = new_test_user(
            self.env, login="hc_tour_owner", groups="hc_migration.group_data_owner"
        )
        domain = self.env.ref("hc_migration.domain_suppliers").copy(
            {"name": "Tour Suppliers", "code": "TSUP", "owner_id": owner.id}
        )
        self.start_tour("/odoo", "hc_migration_lead_first_run_tour", login="hc_tour_lead")
        first = domain.run_ids
        self.assertEqual((first.rows_read, first.rows_rejected), (4, 2))
        self.start_tour("/odoo", "hc_migration_owner_decides_tour", login="hc_tour_owner")
        self.assertEqual(first.cluster_ids.state, "merged")
        self.assertEqual(first.cluster_ids.decided_by_id, owner)
        signoff = domain.signoff_ids.filtered("is_valid")
        self.assertEqual(signoff.user_id, owner)
        # run 1 rejected 2 rows of 4 against a 1 % target: signed off with an exception
        self.assertEqual((signoff.run_id, signoff.target_breached), (first, True))
        self.assertIn("fixed at source", signoff.exception_reason)
        self.start_tour("/odoo", "hc_migration_lead_second_run_tour", login="hc_tour_lead")
        second = domain.run_ids - first
        self.assertEqual(second.number, 2)
        self.assertLess(second.rows_rejected, first.rows_rejected)
