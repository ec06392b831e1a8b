from datetime import date

from odoo.tests import BaseCase, tagged

from ..lib import transforms, validation


@tagged("post_install", "-at_install")
class TestTransforms(BaseCase):
    def test_text_and_code(self):
        self.assertEqual(transforms.apply("trim", "  Acme   Medical "), "Acme Medical")
        self.assertEqual(transforms.apply("upper", " be 0477 "), "BE 0477")
        self.assertEqual(transforms.apply("title", "north BRIDGE"), "North Bridge")
        self.assertEqual(transforms.apply("code", " ab-12.3 "), "AB123")
        self.assertEqual(transforms.apply("code", 1042.0), "1042")
        self.assertIsNone(transforms.apply("trim", "   "))

    def test_dates_numbers_units(self):
        self.assertEqual(transforms.apply("date", "15/01/2024", "%d/%m/%Y"), date(2024, 1, 15))
        self.assertEqual(
            transforms.apply("date", "2024-01-15", "%d/%m/%Y|%Y-%m-%d"), date(2024, 1, 15)
        )
        with self.assertRaisesRegex(transforms.TransformError, "not a date"):
            transforms.apply("date", "01-15-2024", "%d/%m/%Y")
        self.assertEqual(transforms.apply("float", "1,234.50"), 1234.5)
        self.assertEqual(transforms.apply("float", "12,5"), 12.5)
        with self.assertRaisesRegex(transforms.TransformError, "whole number"):
            transforms.apply("int", "2.5")
        self.assertEqual(transforms.apply("unit", "bx", "EA=Units;BX=Box of 10"), "Box of 10")
        with self.assertRaisesRegex(transforms.TransformError, "unknown unit"):
            transforms.apply("unit", "PAL", "EA=Units")


@tagged("post_install", "-at_install")
class TestValidation(BaseCase):
    def test_rules(self):
        self.assertIsNone(validation.check("gtin", "4006381333931"))
        self.assertIn("GTIN", validation.check("gtin", "4006381333932"))
        self.assertIsNone(validation.check("vat", "BE0477472701"))
        self.assertIn("VAT", validation.check("vat", "BE0477472700"))
        self.assertIsNone(validation.check("vat", "0477472701", "BE"))
        self.assertIn("email", validation.check("email", "orders-at-acme"))
        self.assertEqual(validation.check("required", ""), "is required")
        self.assertIsNone(validation.check("regex", None, "[A-Z]+"))
        self.assertIn("does not match", validation.check("regex", "ab12", "[A-Z]{2}[0-9]{2}"))
