"""Cross-module checks run by pytest-odoo on the database the test command installed."""

from suite_case import SuiteTransactionCase as TransactionCase

SUITE = ("hc_base", "hc_training", "hc_migration", "hc_readiness")


class TestSuiteInstalled(TransactionCase):
    def test_all_modules_installed(self):
        states = dict(
            self.env["ir.module.module"]
            .search([("name", "in", SUITE)])
            .mapped(lambda m: (m.name, m.state))
        )
        self.assertEqual(states, dict.fromkeys(SUITE, "installed"))

    def test_three_apps_in_the_menu_for_admin(self):
        admin = self.env.ref("base.user_admin")
        visible = self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids()
        for xmlid in (
            "hc_training.hc_training_menu_root",
            "hc_readiness.hc_readiness_menu_root",
            "hc_migration.hc_migration_menu_root",
        ):
            menu = self.env.ref(xmlid)
            self.assertIn(menu.id, visible, xmlid)
            self.assertTrue(menu.web_icon, xmlid)


class TestDemoStory(TransactionCase):
    """The demo hospital group is coherent (skipped on a database without demo data)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("hc_base.site_sag_demo", raise_if_not_found=False):
            self.skipTest("database installed without demo data")

    def test_group_sites_departments_and_staff(self):
        sites = self.env["hc.site"].search([("code", "in", ["SAG", "RCH", "HRC"])])
        self.assertEqual(len(sites), 3)
        employees = self.env["hr.employee"].search([("hc_site_id", "in", sites.ids)])
        self.assertGreaterEqual(len(employees), 40)
        self.assertEqual(set(employees.hc_site_id.ids), set(sites.ids))
        departments = set(employees.department_id.mapped("name"))
        for name in (
            "Pharmacy Support",
            "Biomedical Engineering",
            "Central Stores",
            "Procurement",
            "Finance",
            "Human Resources",
            "Facilities",
            "Quality and Compliance",
            "Service Desk",
        ):
            self.assertIn(name, departments)
        with_users = employees.filtered("user_id")
        self.assertGreaterEqual(len(with_users), 12)
        # every demo user works at sites the user is allowed on
        for employee in with_users:
            self.assertIn(employee.hc_site_id, employee.user_id.hc_site_ids)

    def test_every_role_has_a_demo_user(self):
        for xmlid in (
            "hc_training.group_trainer",
            "hc_training.group_training_manager",
            "hc_readiness.group_super_user",
            "hc_readiness.group_pmo",
            "hc_readiness.group_gate_approver",
            "hc_readiness.group_executive",
            "hc_migration.group_data_owner",
            "hc_migration.group_migration_lead",
        ):
            demo_users = self.env.ref(xmlid).all_user_ids.filtered(
                lambda u: u.login not in ("admin", "__system__")
            )
            self.assertTrue(demo_users, xmlid)

    def test_maintenance_teams_and_equipment(self):
        equipment = self.env["maintenance.equipment"].search([("hc_site_id", "!=", False)])
        self.assertGreaterEqual(len(equipment), 6)
        self.assertGreaterEqual(len(equipment.maintenance_team_id), 3)
