"""Mappings a data owner sets up alone (issue #18): header suggestions (accept / change each),
the column-join transform, the sheet picker saved per domain, reasons in field labels."""

from odoo.tests import BaseCase, tagged

from ..lib import header_match, reader, transforms, validation
from ..lib.reasons import Reason
from .files import HEADER, OTHER_HEADER, workbook


# the supplier file of another legacy system: same data, its own headers, on its 2nd sheet
@tagged("post_install", "-at_install")
class TestHeaderMatch(BaseCase):
    def test_abbreviations_and_punctuation_are_normalised(self):
        self.assertEqual(header_match.normalise("E-Mail Addr."), "email address")
        self.assertEqual(header_match.normalise("Tel."), "phone")
        self.assertEqual(header_match.normalise("Vendor #"), "supplier number")
        self.assertEqual(header_match.normalise("Last Name"), "surname")
        self.assertEqual(header_match.normalise("DOB"), header_match.normalise("Date of birth"))

    def test_exact_header_wins_whatever_the_case_and_spaces(self):
        found = header_match.suggest([("code", ["Supplier Code"])], ["supplier  code", "Code"])
        self.assertEqual(found["code"].header, "supplier  code")
        self.assertTrue(found["code"].exact)
        self.assertEqual(found["code"].score, 100.0)

    def test_suggestions_use_the_column_and_the_field_label(self):
        wanted = [
            ("ref", ["Supplier Code", "Reference"]),
            ("name", ["Name", "Name"]),
            ("vat", ["VAT", "Tax ID"]),
            ("email", ["Email", "Email"]),
            ("phone", ["Phone", "Phone"]),
            ("city", ["City", "City"]),
        ]
        found = header_match.suggest(wanted, OTHER_HEADER)
        self.assertEqual(
            {key: s.header for key, s in found.items()},
            {
                "ref": "Vendor No.",
                "name": "Vendor Name",
                "vat": "Tax ID / VAT",  # by the field's label, 'Tax ID'
                "email": "E-Mail Address",
                "phone": "Tel.",
                "city": None,  # 'Town' is not close enough: the owner picks it
            },
        )
        self.assertTrue(all(not s.exact for s in found.values()))
        self.assertTrue(all(0 < s.score <= 100 for k, s in found.items() if k != "city"))

    def test_each_header_is_suggested_once_best_total_first(self):
        # 'Supplier Code' alone would take 'Vendor Name' (they share 'supplier'); the best
        # total gives each column its own header
        found = header_match.suggest(
            [("code", ["Supplier Code"]), ("name", ["Name"])], ["Vendor Name", "Vendor No."]
        )
        self.assertEqual(found["code"].header, "Vendor No.")
        self.assertEqual(found["name"].header, "Vendor Name")
        found = header_match.suggest([("a", ["Surname"]), ("b", ["Family Name"])], ["Last name"])
        self.assertEqual(sorted(filter(None, (s.header for s in found.values()))), ["Last name"])

    def test_nothing_close_is_not_suggested(self):
        found = header_match.suggest([("x", ["Unit Cost"])], ["Colour", "Weight"])
        self.assertIsNone(found["x"].header)
        self.assertEqual(found["x"].score, 0.0)

    def test_missing_columns(self):
        self.assertEqual(
            header_match.missing_columns(
                ["Supplier  code", "name"], ["Supplier Code", "Name", "VAT"]
            ),
            ["VAT"],
        )

    def test_sheet_choice(self):
        sheets = {"Read me": ["Notes"], "Suppliers": list(HEADER), "Old": ["Vendor Name"]}
        self.assertEqual(header_match.choose_sheet(sheets, HEADER, saved="Old"), "Old")
        self.assertEqual(header_match.choose_sheet(sheets, HEADER, saved="Gone"), "Suppliers")
        self.assertEqual(header_match.choose_sheet(sheets, ["Name"]), "Suppliers")
        self.assertEqual(header_match.choose_sheet(sheets, ["Nothing alike"]), "Read me")
        self.assertIsNone(header_match.choose_sheet({}, HEADER))

    def test_sheet_names_and_headers_of_a_workbook(self):
        content = workbook({"Read me": (["Notes"], []), "Data": (OTHER_HEADER, [["V1"] * 6])})
        self.assertEqual(reader.sheet_names("f.xlsx", content), ["Read me", "Data"])
        self.assertEqual(reader.sheet_names("f.csv", b"a,b\n1,2\n"), [])
        self.assertEqual(reader.sheet_names("f.xlsx", b"PK not a zip"), [])
        self.assertEqual(
            header_match.workbook_headers("f.xlsx", content),
            {"Read me": ["Notes"], "Data": list(OTHER_HEADER)},
        )
        self.assertEqual(
            header_match.workbook_headers("f.csv", b"Code;Name\n1;A\n"), {"CSV": ["Code", "Name"]}
        )


@tagged("post_install", "-at_install")
class TestJoinTransformAndReasons(BaseCase):
    def test_join(self):
        self.assertEqual(transforms.join([" Ada ", "Lovelace"]), "Ada Lovelace")
        self.assertEqual(transforms.join(["Lovelace", "Ada"], ", "), "Lovelace, Ada")
        self.assertEqual(transforms.join(["Ada", None, "  ", "King"], " "), "Ada King")
        self.assertEqual(transforms.join(["12.0", 12.0, "B"], "-"), "12.0-12-B")
        self.assertIsNone(transforms.join([None, ""]))
        self.assertEqual(
            transforms.join_columns("Given Name", " Middle Name| Surname |"),
            ["Given Name", "Middle Name", "Surname"],
        )

    def test_library_reasons_are_text_with_a_translatable_template(self):
        reason = validation.check("vat", "BE0477472700")
        self.assertIsInstance(reason, Reason)
        self.assertEqual(reason, "'BE0477472700' is not a valid VAT/registration number")
        self.assertEqual(reason.template, "'%(value)s' is not a valid VAT/registration number")
        with self.assertRaises(transforms.TransformError) as caught:
            transforms.apply("int", "2.5")
        self.assertEqual(caught.exception.args[0].params, {"value": "2.5"})
        self.assertEqual(str(caught.exception), "'2.5' is not a whole number")
