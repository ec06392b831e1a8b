"""The matrix export and the transcript as the roles that see them (issue #16): a trainer and a
training manager are not HR officers, and the job and department of an employee live on their
version (an HR-officer field), so both must print without reading it; a trainer still gets only
the employees of their sites."""

import base64
import io

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.hc_base.tests.report_checks import ReportChecks

from .common import HcTrainingCommon

TRANSCRIPT = "hc_training.report_training_transcript"


@tagged("post_install", "-at_install")
class TestReportsAsRoles(ReportChecks, HcTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        line = cls._assignment(cls.emp).completion_ids.filtered(
            lambda c: c.step_id == cls.step_session
        )
        line.sudo()._complete(source="signoff", verified_by=cls.trainer_a)

    def _export(self, user, **vals):
        self.env.invalidate_all()  # read as the user, not from the fixtures' cache
        wizard = self.env["hc.training.matrix.export"].with_user(user).create(vals)
        wizard.action_export()
        rows = list(
            load_workbook(io.BytesIO(base64.b64decode(wizard.file)))["Training matrix"].iter_rows(
                values_only=True
            )
        )
        return {row[0]: row for row in rows[4:]}

    def test_matrix_export_as_trainer_and_training_manager(self):
        for user in (self.trainer_a, self.manager_user):
            self.assertFalse(user.has_group("hr.group_hr_user"), "not an HR officer")
        by_employee = self._export(self.trainer_a)
        self.assertEqual(set(by_employee), {"Erin Stores", "Finn Stores"}, "site A only")
        self.assertEqual(
            by_employee["Erin Stores"][1:4],
            (self.site_a.name, self.dep_stores.name, self.job_stores.name),
        )
        self.assertTrue(by_employee["Erin Stores"][4].startswith("Done"))
        by_employee = self._export(self.manager_user)
        self.assertEqual(set(by_employee), {"Erin Stores", "Finn Stores", "Gail Stores"})
        self.assertEqual(by_employee["Gail Stores"][3], self.job_stores.name)
        self.assertFalse(self._export(self.trainer_b, site_id=self.site_a.id), "another site")

    def test_transcript_as_trainer_training_manager_and_employee(self):
        self.assertPrintsAs(
            self.trainer_a,
            TRANSCRIPT,
            self.emp | self.emp_2,
            texts=("Erin Stores", "Finn Stores", self.job_stores.name, self.dep_stores.name),
        )
        self.assertPrintsAs(self.manager_user, TRANSCRIPT, self.emp | self.emp_b)
        # the button of the assignment form, as its employee
        action = self._assignment(self.emp).with_user(self.emp_user).action_print_transcript()
        report = action.get("report_name") or action["context"]["report_action"]["report_name"]
        self.assertEqual(report, TRANSCRIPT)
        self.assertPrintsAs(self.emp_user, TRANSCRIPT, self.emp)

    def test_transcript_keeps_the_site_scope(self):
        self.env.invalidate_all()
        reports = self.env["ir.actions.report"].with_user(self.trainer_a)
        with self.assertRaisesRegex(UserError, "Gail Stores"):
            reports._render_qweb_html(TRANSCRIPT, (self.emp | self.emp_b).ids)
        with self.assertRaisesRegex(UserError, "Finn Stores"):
            reports.with_user(self.emp_user)._render_qweb_html(TRANSCRIPT, self.emp_2.ids)

    def test_demo_trainer_and_training_manager(self):
        """tomas and maya of the README on the demo data (skipped without it)."""
        users = self.env["res.users"].search([("login", "in", ("tomas", "maya"))])
        if len(users) < 2 or not self.env.ref("hc_base.site_sag_demo", raise_if_not_found=False):
            self.skipTest("no Northbridge demo data in this database")
        for user in users:
            with self.subTest(login=user.login):
                self.env.invalidate_all()
                wizard = self.env["hc.training.matrix.export"].with_user(user).create({})
                wizard.action_export()
                sheet = load_workbook(io.BytesIO(base64.b64decode(wizard.file)))["Training matrix"]
                self.assertGreater(sheet.max_row, 4, "rows of employees")
                assignments = self.env["hc.training.assignment"].with_user(user).search([])
                sites = {a.site_id for a in assignments}
                if not user.has_group("hc_training.group_training_manager"):
                    self.assertLessEqual(sites, set(user.hc_site_ids), "their sites only")
                self.assertPrintsAs(user, TRANSCRIPT, assignments.employee_id[:2])
