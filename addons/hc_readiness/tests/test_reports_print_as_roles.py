"""Every report of the suite prints for every role that sees it (issue #16): through the print
menu (the report's binding, shown to whoever reads the model) and through the print buttons,
as the README's roles, one external-layout article per record, and several records in one PDF
even with the wkhtmltopdf Debian ships (unpatched Qt: one document per conversion)."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.hc_base.models.ir_actions_report import SUITE_MODULES
from odoo.addons.hc_base.tests.report_checks import ReportChecks

from .common import HcReadinessCommon
from .role_table import ANY, METHOD_ROLES, ROLE_USERS

BASELINE = "hc_readiness.action_report_process_baseline"
SCORECARD = "hc_readiness.action_report_executive_scorecard"


# The records of a model that a role works with, where its read access is wider than what it
# prints: a trainer reads every employee's work information but prints the transcripts of the
# employees whose training they follow (another employee's transcript is a UserError saying so).
SCOPES = {
    "hr.employee": lambda Model: Model.env["hc.training.assignment"].search([]).employee_id,
}


def _visible(Model, limit):
    scope = SCOPES.get(Model._name)
    return scope(Model)[:limit] if scope else Model.search([], limit=limit)


def _printed(action):
    """(report name, record ids) of a print button's action (directly, or after Odoo asks
    for the document layout)."""
    if action.get("type") != "ir.actions.report":
        action = action["context"]["report_action"]
    return action["report_name"], action["context"]["active_ids"]


@tagged("post_install", "-at_install")
class TestReportsPrintAsRoles(ReportChecks, HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.write(
            {
                "workstream_ids": [
                    (
                        0,
                        0,
                        {
                            "workstream_id": cls.env.ref("hc_training.workstream_procurement").id,
                            "lead_id": cls.lead_user.id,
                        },
                    )
                ]
            }
        )
        cls.program_2 = cls.env["hc.program"].create(
            {
                "name": "Test go-live, phase 2",
                "company_id": cls.company.id,
                "site_ids": [(6, 0, cls.site_b.ids)],
            }
        )

    def test_process_baseline_of_every_workstream_as_the_executive(self):
        """The Process baseline PDF button prints every workstream of the programme at once."""
        for user in (self.exec_user, self.pmo_user):
            action = self.program.with_user(user).action_print_process_baseline()
            report, ids = _printed(action)
            lines = self.env["hc.program.workstream"].browse(ids)
            self.assertEqual(len(lines), 2)
            self.assertPrintsAs(
                user, report, lines, texts=("Process baseline", "Procurement", "Sign-off")
            )

    def test_scorecard_of_two_programmes(self):
        programs = self.program | self.program_2
        programs._recompute_readiness()
        self.assertPrintsAs(self.exec_user, SCORECARD, programs, texts=("Test go-live, phase 2",))
        report, ids = _printed(self.program.with_user(self.exec_user).action_print_scorecard())
        self.assertPrintsAs(self.exec_user, report, self.env["hc.program"].browse(ids))


@tagged("post_install", "-at_install")
class TestReportsPrintAsReadmeRoles(ReportChecks, TransactionCase):
    """Generic: each report of the suite x each README role x the records that role reads
    (the demo data when present; otherwise what the role's users can see)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.users = {}
        for login, groups in ROLE_USERS.items():
            user = cls.env["res.users"].search([("login", "=", login)])
            if not user:
                user = (
                    cls.env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "name": login.title(),
                            "login": login,
                            "company_id": company.id,
                            "company_ids": [(6, 0, company.ids)],
                            "group_ids": [(6, 0, [cls.env.ref(xmlid).id for xmlid in groups])],
                        }
                    )
                )
            cls.users[login] = user
        cls.reports = cls.env["ir.actions.report"].search(
            [("report_name", "=like", "hc_%"), ("report_type", "=", "qweb-pdf")]
        )
        cls.reports = cls.reports.filtered(lambda r: r.report_name.split(".")[0] in SUITE_MODULES)

    def test_every_report_is_in_the_print_menu_with_the_external_layout(self):
        self.assertGreaterEqual(len(self.reports), 5)
        for report in self.reports:
            with self.subTest(report=report.report_name):
                self.assertEqual(report.binding_model_id.model, report.model)
                arch = self.env.ref(report.report_name).arch
                self.assertIn('t-call="web.external_layout"', arch)
                self.assertIn('t-call="web.html_container"', arch)

    def test_print_menu_as_every_role(self):
        pdfs = self.env["ir.actions.report"]
        for report in self.reports:
            for login, user in self.users.items():
                Model = self.env[report.model].with_user(user)
                if not Model.has_access("read"):
                    continue  # the print menu of a model the role cannot open
                records = _visible(Model, 2)
                if not records:
                    continue
                with self.subTest(report=report.report_name, login=login):
                    # the PDF conversion once per report (a few seconds each), the rendering
                    # (where the role's rights apply) for every role
                    self.assertPrintsAs(user, report.report_name, records, pdf=report not in pdfs)
                    pdfs |= report
        if self.env.ref("hc_base.site_sag_demo", raise_if_not_found=False):
            self.assertEqual(pdfs, self.reports, "each report printed on the demo data")

    def test_print_buttons_as_every_role_allowed(self):
        buttons = [key for key in METHOD_ROLES if ".action_print" in key]
        self.assertTrue(buttons)
        for key in buttons:
            model, method = key.rsplit(".", 1)
            allowed = METHOD_ROLES[key]
            for login, user in self.users.items():
                if allowed is not ANY and not any(user.has_group(g) for g in allowed):
                    continue
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue
                record = _visible(Model, 1)
                if not record:
                    continue
                with self.subTest(button=key, login=login):
                    self.env.invalidate_all()
                    report, ids = _printed(getattr(record, method)())
                    records = self.env[self.env["ir.actions.report"]._get_report(report).model]
                    self.assertPrintsAs(user, report, records.browse(ids), pdf=False)
