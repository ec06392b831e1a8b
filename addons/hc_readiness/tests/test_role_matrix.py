from odoo.tests import TransactionCase, new_test_user, tagged

# The role matrix of the README: group -> groups it must imply (directly or not).
ROLE_MATRIX = {
    "hc_training.group_trainer": ["base.group_user"],
    "hc_training.group_training_manager": ["hc_training.group_trainer"],
    "hc_training.group_quality_coordinator": ["base.group_user"],
    "hc_readiness.group_executive": ["base.group_user"],
    "hc_readiness.group_pmo": ["hc_readiness.group_executive"],
    "hc_readiness.group_gate_approver": ["hc_readiness.group_executive"],
    "hc_readiness.group_super_user": ["base.group_user"],
    "hc_readiness.group_business_analyst": ["hc_readiness.group_executive"],
    "hc_readiness.group_workstream_lead": ["base.group_user"],
    "hc_migration.group_data_owner": ["base.group_user"],
    "hc_migration.group_migration_lead": ["hc_migration.group_data_owner"],
}
# Pairs that must stay independent: having the first never grants the second.
INDEPENDENT = [
    ("hc_readiness.group_executive", "hc_readiness.group_pmo"),
    ("hc_readiness.group_pmo", "hc_readiness.group_gate_approver"),
    ("hc_readiness.group_pmo", "hc_readiness.group_super_user"),
    ("hc_readiness.group_business_analyst", "hc_readiness.group_pmo"),
    ("hc_readiness.group_business_analyst", "hc_readiness.group_gate_approver"),
    ("hc_readiness.group_workstream_lead", "hc_readiness.group_executive"),
    ("hc_readiness.group_super_user", "hc_training.group_trainer"),
    ("hc_training.group_training_manager", "hc_readiness.group_executive"),
    ("hc_migration.group_migration_lead", "hc_readiness.group_pmo"),
    ("hc_training.group_trainer", "hc_migration.group_data_owner"),
    ("hc_training.group_training_manager", "hc_training.group_quality_coordinator"),
    ("hc_training.group_quality_coordinator", "hc_training.group_trainer"),
]


@tagged("post_install", "-at_install")
class TestRoleMatrix(TransactionCase):
    def test_every_role_exists_and_implies_the_documented_groups(self):
        category = self.env.ref("hc_base.module_category_hc_readiness_suite")
        for xmlid, implied in ROLE_MATRIX.items():
            group = self.env.ref(xmlid)
            self.assertEqual(group.privilege_id.category_id, category, xmlid)
            for implied_xmlid in implied:
                self.assertIn(self.env.ref(implied_xmlid), group.all_implied_ids, xmlid)

    def test_roles_stay_independent(self):
        for having, not_granted in INDEPENDENT:
            self.assertNotIn(
                self.env.ref(not_granted),
                self.env.ref(having).all_implied_ids,
                f"{having} must not imply {not_granted}",
            )

    def test_menus_by_role(self):
        Menu = self.env["ir.ui.menu"]
        readiness = self.env.ref("hc_readiness.hc_readiness_menu_root").id
        migration = self.env.ref("hc_migration.hc_migration_menu_root").id
        executive = new_test_user(self.env, "hc_mx_exec", groups="hc_readiness.group_executive")
        super_user = new_test_user(self.env, "hc_mx_su", groups="hc_readiness.group_super_user")
        employee = new_test_user(self.env, "hc_mx_emp", groups="base.group_user")
        self.assertIn(readiness, Menu.with_user(executive)._visible_menu_ids())
        self.assertIn(readiness, Menu.with_user(super_user)._visible_menu_ids())
        self.assertNotIn(readiness, Menu.with_user(employee)._visible_menu_ids())
        self.assertNotIn(migration, Menu.with_user(executive)._visible_menu_ids())
        # a workstream lead reaches Discovery, not the programme
        lead = new_test_user(self.env, "hc_mx_lead", groups="hc_readiness.group_workstream_lead")
        visible = Menu.with_user(lead)._visible_menu_ids()
        self.assertIn(self.env.ref("hc_readiness.hc_readiness_menu_discovery").id, visible)
        self.assertIn(self.env.ref("hc_readiness.hc_readiness_menu_process_variants").id, visible)
        self.assertNotIn(self.env.ref("hc_readiness.hc_readiness_menu_program").id, visible)
