from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMigrationGroups(TransactionCase):
    def test_groups_and_implications(self):
        owner = self.env.ref("hc_migration.group_data_owner")
        lead = self.env.ref("hc_migration.group_migration_lead")
        self.assertIn(owner, lead.all_implied_ids)
        self.assertNotIn(lead, owner.all_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), owner.all_implied_ids)
        self.assertEqual(
            owner.privilege_id.category_id,
            self.env.ref("hc_base.module_category_hc_readiness_suite"),
        )

    def test_equipment_site_follows_company(self):
        site = self.env["hc.site"].create({"name": "Equip Site", "code": "EQS"})
        equipment = self.env["maintenance.equipment"].create(
            {"name": "Infusion pump", "hc_site_id": site.id}
        )
        self.assertEqual(equipment.hc_site_id, site)
