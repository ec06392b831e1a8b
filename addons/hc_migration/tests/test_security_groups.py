from odoo.exceptions import UserError
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
        """The equipment's site is company-checked: a site of another company is refused,
        on create and when the equipment moves company."""
        other_company = self.env["res.company"].create({"name": "Other Trust"})
        site = self.env["hc.site"].create({"name": "Equip Site", "code": "EQS"})
        other_site = self.env["hc.site"].create(
            {"name": "Other Site", "code": "EQO", "company_id": other_company.id}
        )
        Equipment = self.env["maintenance.equipment"]
        crossover = r"\(hc_site_id: .*\) belongs to another company"
        with self.assertRaisesRegex(UserError, crossover), self.cr.savepoint():
            Equipment.create({"name": "Infusion pump", "hc_site_id": other_site.id})
        equipment = Equipment.create({"name": "Infusion pump", "hc_site_id": site.id})
        with self.assertRaisesRegex(UserError, crossover), self.cr.savepoint():
            equipment.company_id = other_company
        self.assertEqual(equipment.company_id, self.env.company)
