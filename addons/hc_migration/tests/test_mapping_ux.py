"""Mappings a data owner sets up alone (issue #18): header suggestions (accept / change each),
the column-join transform, the sheet picker saved per domain, reasons in field labels."""

import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.hc_base.tests.demo_tour_common import DemoTourMixin

from .common import HcMigrationCommon, xlsx
from .files import OTHER_HEADER, workbook


# the supplier file of another legacy system: same data, its own headers, on its 2nd sheet
@tagged("post_install", "-at_install")
class TestMapColumnsAsRoles(HcMigrationCommon):
    def _other_file(self, rows=None):
        rows = rows or [
            ["S-101", "Acme Medical Supplies Ltd", "BE0477472701", "a@acme.example", "", "Ghent"],
            ["S-102", "Borealis Surgical", "", "", "", "Oslo"],
        ]
        return workbook(
            {"Read me": (["Exported from"], [["LegacyERP"]]), "Vendors": (OTHER_HEADER, rows)}
        )

    def _wizard_from_domain(self, user, content, filename="vendors.xlsx"):
        action = self.domain.with_user(user).action_map_columns()
        wizard = self.env[action["res_model"]].with_user(user).browse(action["res_id"])
        wizard.write({"file": base64.b64encode(content), "filename": filename})
        wizard.action_read_file()
        return wizard

    def test_owner_maps_a_new_layout_alone(self):
        version = self.domain.rule_version
        wizard = self._wizard_from_domain(self.owner, self._other_file())
        self.assertEqual(wizard.step, "map")
        # two sheets: the one holding the mapping's columns is picked
        self.assertEqual(wizard.sheet_count, 2)
        self.assertEqual(wizard.sheet_id.name, "Vendors")
        by_field = {line.mapping_id.target_field: line for line in wizard.line_ids}
        self.assertEqual(by_field["ref"].suggested_header_id.name, "Vendor No.")
        self.assertEqual(by_field["vat"].suggested_header_id.name, "Tax ID / VAT")
        self.assertEqual(by_field["vat"].field_label, "Tax ID")
        self.assertEqual(by_field["vat"].status, "suggested")
        self.assertGreater(by_field["vat"].score, 60)
        self.assertEqual(by_field["city"].status, "none")
        self.assertEqual(wizard.missing_count, 1)
        # the owner accepts the suggestions and picks 'Town' for the city
        town = wizard.option_ids.filtered(
            lambda o: o.name == "Town" and o.parent_id == wizard.sheet_id
        )
        by_field["city"].header_id = town
        self.assertFalse(wizard.action_apply().get("res_model"))
        columns = {m.target_field: m.source_column for m in self.domain.mapping_ids}
        self.assertEqual(
            columns,
            {
                "ref": "Vendor No.",
                "name": "Vendor Name",
                "vat": "Tax ID / VAT",
                "email": "E-Mail Address",
                "phone": "Tel.",
                "city": "Town",
            },
        )
        self.assertEqual(self.domain.sheet_name, "Vendors", "the sheet is saved per domain")
        self.assertGreater(self.domain.rule_version, version, "a mapping change voids sign-offs")
        self.assertTrue(
            any("Columns mapped by" in m.body for m in self.domain.message_ids),
            "the change is noted in the domain's chatter",
        )
        # the next file of this layout is staged by the lead without asking anything
        run = self._run(self._other_file())
        self.assertEqual(run.action_stage(), True)
        self.assertEqual((run.sheet, run.rows_read), ("Vendors", 2))
        self.assertEqual(json.loads(run.row_ids[0].mapped_values)["city"], "Ghent")

    def test_picking_another_sheet_suggests_again(self):
        wizard = self._wizard_from_domain(self.owner, self._other_file())
        with Form(wizard) as form:
            form.sheet_id = wizard.option_ids.filtered(lambda o: o.name == "Read me")
        self.assertEqual(set(wizard.line_ids.mapped("status")), {"none"})
        self.assertEqual(wizard.missing_count, len(wizard.line_ids))
        with Form(wizard) as form:
            form.sheet_id = wizard.option_ids.filtered(lambda o: o.name == "Vendors")
        ref = wizard.line_ids.filtered(lambda x: x.mapping_id.target_field == "ref")
        # what the lines show is saved with them by the form
        self.assertEqual(
            (ref.header_id.name, ref.suggested_header_id.name, ref.column, ref.status),
            ("Vendor No.", "Vendor No.", "Supplier Code", "suggested"),
        )
        wizard.action_apply()
        self.assertEqual(self.domain.sheet_name, "Vendors")

    def test_owner_changes_a_suggestion(self):
        wizard = self._wizard_from_domain(self.owner, self._other_file())
        line = wizard.line_ids.filtered(lambda x: x.mapping_id.target_field == "phone")
        line.header_id = wizard.option_ids.filtered(lambda o: o.name == "Vendor No.")
        wizard.action_apply()
        phone = self.domain.mapping_ids.filtered(lambda m: m.target_field == "phone")
        self.assertEqual(phone.source_column, "Vendor No.")

    def test_other_roles_are_refused(self):
        for user in (self.other_owner, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.domain.with_user(user).action_map_columns()
        wizard = self._wizard_from_domain(self.lead, self._other_file())
        with self.assertRaises(AccessError):
            wizard.with_user(self.other_owner).action_apply()
        with self.assertRaises(AccessError):
            wizard.with_user(self.employee).action_read_file()
        self.assertEqual(
            self.domain.mapping_ids.filtered(lambda m: m.target_field == "ref").source_column,
            "Supplier Code",
        )

    def test_lead_stage_asks_to_map_then_stages(self):
        run = self._run(self._other_file())
        action = run.action_stage()
        self.assertEqual(action["res_model"], "hc.migration.map.columns")
        self.assertEqual(run.state, "draft")
        wizard = self.env["hc.migration.map.columns"].with_user(self.lead).browse(action["res_id"])
        self.assertEqual(wizard.run_id, run)
        self.assertEqual(wizard.sheet_id.name, "Vendors")
        self.assertEqual(wizard.action_apply(), True)  # staged inline (a small file)
        self.assertEqual(run.state, "validated")
        self.assertEqual(run.rows_read, 2)

    def test_files_that_match_or_resemble_nothing_stage_as_before(self):
        run = self._run(xlsx(self._rows()))
        self.assertEqual(run.action_stage(), True)
        bad = self._run(workbook({"S": (["Colour", "Weight"], [["red", 1]])}))
        with self.assertRaisesRegex(UserError, "missing required column"):
            bad.action_stage()

    def test_owner_cannot_stage_through_the_wizard(self):
        run = self._run(self._other_file())
        action = run.with_user(self.owner).action_map_columns()
        wizard = self.env["hc.migration.map.columns"].with_user(self.owner).browse(action["res_id"])
        self.assertEqual(wizard.action_apply(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(run.state, "draft", "staging stays the lead's")

    def test_join_columns_fill_one_field(self):
        name = self.domain.mapping_ids.filtered(lambda m: m.target_field == "name")
        name.write(
            {
                "transform": "join",
                "source_column": "Trading Name",
                "join_columns": "Legal Form",
                "join_separator": " ",
            }
        )
        header = ("Supplier Code", "Trading Name", "Legal Form", "VAT", "Email", "Phone", "City")
        rows = [
            ["S-1", "Acme Medical", "Ltd", "", "", "", ""],
            ["S-2", "Borealis", None, "", "", "", ""],
        ]
        run = self._run(xlsx(rows, header=header))
        run.action_stage()
        names = [json.loads(r.mapped_values)["name"] for r in run.row_ids.sorted("row_number")]
        self.assertEqual(names, ["Acme Medical Ltd", "Borealis"])
        # a required join requires every joined column
        self.assertEqual(
            self.domain._required_columns(), ["Supplier Code", "Trading Name", "Legal Form"]
        )
        short = self._run(xlsx(rows, header=header[:2] + header[3:]))
        with self.assertRaisesRegex(UserError, "missing required column.*Legal Form"):
            short.action_stage()
        with self.assertRaisesRegex(Exception, "Then Columns"):
            name.join_columns = False

    def test_map_columns_saves_joined_columns(self):
        name = self.domain.mapping_ids.filtered(lambda m: m.target_field == "name")
        name.write({"transform": "join", "source_column": "Given Name", "join_columns": "Surname"})
        content = workbook(
            {"People": (("Supplier Code", "First name", "Last name"), [["S-1", "Ada", "Lovelace"]])}
        )
        wizard = self._wizard_from_domain(self.owner, content)
        parts = wizard.line_ids.filtered(lambda x: x.mapping_id == name).sorted("part")
        self.assertEqual(parts.mapped("column"), ["Given Name", "Surname"])
        self.assertEqual(parts.mapped("suggested_header_id.name"), ["First name", "Last name"])
        wizard.action_apply()
        self.assertEqual((name.source_column, name.join_columns), ("First name", "Last name"))
        self.assertFalse(self.domain.sheet_name, "a workbook of one sheet saves no sheet")

    def test_reasons_show_labels_not_technical_names(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        reasons = dict(run._reason_items())
        self.assertEqual(reasons["VAT: VAT / registration number"], 1)
        self.assertEqual(reasons["Supplier Code: duplicate key in file"], 2)
        self.assertNotIn("vat:", run.reason_summary)
        self.assertNotIn("ref:", run.reason_summary)
        self.assertIn("VAT: VAT / registration number", run.reason_summary)
        # a rule on a field the mapping does not fill is named by the field's label
        self.env["hc.migration.rule"].create(
            {"domain_id": self.domain.id, "field_name": "website", "kind": "required"}
        )
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        self.assertIn("column 'Website Link': is required", run.row_ids[0].errors)
        self.assertIn("Website Link: Required", dict(run._reason_items()))


@tagged("post_install", "-at_install")
class TestMapColumnsTour(DemoTourMixin, HttpCase):
    def test_demo_data_owner_maps_a_new_layout(self):
        """As ravi (demo data owner of suppliers): Map columns, upload, accept, apply."""
        ravi = self.demo_user("hc_base.user_ravi_demo")
        domain = self.env.ref("hc_migration.domain_suppliers")
        self.assertEqual(domain.owner_id, ravi)
        self.start_tour("/odoo", "hc_migration_map_columns_tour", login="ravi", timeout=90)
        columns = dict(domain.mapping_ids.mapped(lambda m: (m.target_field, m.source_column)))
        self.assertEqual(columns["ref"], "Vendor No.")
        self.assertEqual(columns["vat"], "Tax ID / VAT")
        self.assertTrue(any("Columns mapped by" in m.body for m in domain.message_ids))
