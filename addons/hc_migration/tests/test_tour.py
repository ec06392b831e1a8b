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
