from datetime import date
from unittest.mock import patch

from odoo.tests import BaseCase, tagged

from ..lib import dedup, transforms, validation


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
        self.assertEqual(
            validation.duplicate_keys([(2, {"k": "a"}), (3, {"k": "A "}), (4, {"k": "b"})], "k"),
            {"A": [2, 3]},
        )


@tagged("post_install", "-at_install")
class TestDedup(BaseCase):
    def test_normalisation(self):
        self.assertEqual(
            dedup.normalize_name("The ACME Medical Supplies, Ltd."), "acme medical supplies"
        )
        self.assertEqual(
            dedup.normalize_name("Acme Medical Supplies GmbH"), "acme medical supplies"
        )
        self.assertEqual(
            dedup.normalize_name("Société Générale Médicale S.A."), "societe generale medicale"
        )
        self.assertEqual(dedup.email_domain("Orders@Acme-Med.example"), "acme-med.example")
        self.assertEqual(dedup.email_domain("someone@gmail.com"), "")
        self.assertEqual(dedup.normalize_phone("+32 (2) 555-01-01"), "225550101")

    def test_expected_clusters(self):
        cands = [
            dedup.Candidate("row:1", name="Acme Medical Supplies Ltd", vat="BE0477472701"),
            dedup.Candidate("row:2", name="ACME Medical Supplies", vat="BE 0477.472.701"),
            dedup.Candidate("row:3", name="Acme Medicals Supply", email="sales@acme-med.example"),
            dedup.Candidate("row:4", name="Borealis Surgical"),
            dedup.Candidate("row:5", name="Cygnus Diagnostics", phone="+44 20 7946 0000"),
            dedup.Candidate("rec:9", name="Cygnus Diagnostic Ltd", phone="020 7946 0000"),
            dedup.Candidate("rec:10", name="Acme Medical Supplies"),
        ]
        matches = dedup.find_matches(cands, threshold=0.88)
        pairs = {(m.a, m.b) for m in matches}
        self.assertIn(("row:1", "row:2"), pairs)  # same VAT
        self.assertIn(("rec:9", "row:5"), pairs)  # same phone
        self.assertIn(("rec:10", "row:1"), pairs)  # same name against Odoo's record
        self.assertNotIn(("row:4", "row:5"), pairs)
        self.assertEqual(dedup.similarity("ward 3 stores", "ward 4 stores"), 0.0)
        groups = dedup.clusters(matches)
        self.assertIn(["rec:9", "row:5"], groups)
        acme = next(g for g in groups if "row:1" in g)
        self.assertLessEqual({"row:1", "row:2", "rec:10"}, set(acme))
        self.assertNotIn("row:4", [ref for g in groups for ref in g])

    @staticmethod
    def _find_matches_counting(cands):
        """``dedup.find_matches(cands)`` and how many name similarities it computed."""
        calls = 0
        original = dedup.similarity

        def counting(a, b):
            nonlocal calls
            calls += 1
            return original(a, b)

        with patch.object(dedup, "similarity", counting):
            matches = dedup.find_matches(cands)
        return matches, calls

    def test_records_already_in_odoo_are_not_compared_with_each_other(self):
        # 2,000 existing partners in one name block and one row of the file: the row is
        # compared with each of them, they are never compared with each other
        class Counted(dedup.Candidate):
            """Counts the reads of its ref: walking a pair reads both refs."""

            reads = 0

            def __getattribute__(self, name):
                if name == "ref":
                    Counted.reads += 1
                return object.__getattribute__(self, name)

        cands = [Counted("row:1", name="Acme Medical Supplies")]
        cands += [Counted(f"rec:{i}", name="Acme Medical Supplies") for i in range(2000)]
        matches, calls = self._find_matches_counting(cands)
        self.assertEqual(calls, 2000)
        # a few reads per candidate and per row-record pair, not one per pair of the
        # 2,001 candidates (two million pairs)
        self.assertLess(Counted.reads, 20 * 2001)
        self.assertEqual(len(matches), 2000)
        self.assertTrue(all("row:1" in (m.a, m.b) for m in matches))

    def test_blocking_is_not_quadratic(self):
        syllables = ["ka", "lo", "mi", "ne", "ra", "su", "to", "vi", "ze", "po", "da", "fu"]
        names = []
        for i in range(1500):
            first = syllables[i % 12] + syllables[i // 12 % 12] + "an"
            second = syllables[i // 144 % 12] + syllables[(i * 5 + 3) % 12] + "ex"
            names.append(f"{first} {second} Supplies")
        cands = [dedup.Candidate(f"row:{i}", name=n) for i, n in enumerate(names)]
        cands += [
            dedup.Candidate(f"row:{i + 1500}", name=n.upper() + " LTD") for i, n in enumerate(names)
        ]
        matches, calls = self._find_matches_counting(cands)
        found = {(m.a, m.b) for m in matches}
        for i in range(1500):
            self.assertIn(tuple(sorted((f"row:{i}", f"row:{i + 1500}"))), found)
        # 3,000 names: blocks keep the comparisons far below the 4.5 million of all pairs
        self.assertLess(calls, 3000 * 2999 // 2 / 50)
