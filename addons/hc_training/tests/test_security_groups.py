from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTrainingGroups(TransactionCase):
    def test_groups_and_implications(self):
        trainer = self.env.ref("hc_training.group_trainer")
        manager = self.env.ref("hc_training.group_training_manager")
        self.assertIn(trainer, manager.all_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), trainer.all_implied_ids)
        self.assertNotIn(manager, trainer.all_implied_ids)
        privilege = self.env.ref("hc_training.res_groups_privilege_training")
        self.assertEqual(trainer.privilege_id, privilege)
        self.assertEqual(manager.privilege_id, privilege)
        self.assertEqual(
            privilege.category_id, self.env.ref("hc_base.module_category_hc_readiness_suite")
        )
        self.assertIn(self.env.ref("base.user_admin"), manager.all_user_ids)
