"""Small wording of the suite's screens (issue #16): empty lists explain what to do, labels say
"Programme" and "RAG", percentages are not doubled, a step not done shows no score, a dialog
for one defect is not titled "Create Defects", the demo company has the demo group's name."""

import re

from odoo.tests import tagged

from odoo.addons.hc_base.models.ir_actions_report import SUITE_MODULES

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestHelpAndWording(HcReadinessCommon):
    def _suite_records(self, model):
        data = self.env["ir.model.data"].search(
            [("model", "=", model), ("module", "in", SUITE_MODULES)]
        )
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_every_window_action_explains_its_empty_list(self):
        actions = self._suite_records("ir.actions.act_window").filtered(lambda a: a.target != "new")
        self.assertGreater(len(actions), 30)
        for action in actions:
            with self.subTest(action=action.name):
                self.assertIn("o_view_nocontent_", action.help or "", "an empty-state title")
                self.assertGreater(len(re.sub(r"<[^>]+>", " ", action.help).split()), 12)

    def test_labels(self):
        for model in self.env.registry.models.values():
            if not model._name.startswith("hc."):
                continue
            for name, field in self.env[model._name]._fields.items():
                label = field.string or ""
                with self.subTest(field=f"{model._name}.{name}"):
                    self.assertNotRegex(label, r"\bProgram\b", "Programme, as everywhere")
                    self.assertNotRegex(label, r"\bRag\b", "RAG")
                    self.assertNotIn("%%", label + (field.help or ""))

    def test_lens_explanations_show_single_percent_signs(self):
        self.program._recompute_readiness()
        explanations = (self.program.lens_ids | self.program.site_lens_ids).mapped("explanation")
        self.assertTrue(explanations)
        for text in explanations:
            self.assertNotIn("%%", text or "")

    def test_a_step_not_done_shows_no_score(self):
        for xmlid in (
            "hc_training.hc_training_completion_view_list",
            "hc_training.hc_training_completion_view_form",
            "hc_training.hc_training_assignment_view_form",
        ):
            arch = self.env.ref(xmlid).arch
            fields = re.findall(r'<field name="score"[^>]*>', arch)
            self.assertTrue(fields, xmlid)
            for node in fields:
                self.assertIn("invisible=\"state != 'done'", node, xmlid)

    def test_one_defect_dialog_is_singular(self):
        arch = self.env.ref("hc_readiness.hc_uat_run_view_form").arch
        self.assertIn('<field name="defect_ids" string="Defect"', arch)

    def test_demo_company_is_the_demo_group(self):
        if not self.env.ref("hc_base.site_sag_demo", raise_if_not_found=False):
            self.skipTest("no Northbridge demo data in this database")
        self.assertEqual(self.env.ref("base.main_company").name, "Northbridge Health Group")
