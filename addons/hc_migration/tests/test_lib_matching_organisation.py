from odoo.tests import BaseCase, tagged

from ..lib.matching import core
from ..lib.matching import item as item_kind
from ..lib.matching import organisation as org
from ..lib.matching.item import ITEM
from ..lib.matching.organisation import ORGANISATION

# one business centre: every tenant has its address, switchboard phone and email domain
CENTRE = {
    "street": "Unit 4, 12 Mill Road",
    "postcode": "LS1 4AB",
    "city": "Leeds",
    "country": "GB",
    "phone": "0113 496 0000",
    "email": "reception@millroad-centre.co.uk",
}


def decision(kind, a, b):
    """(decision, weight, gamma) of two raw records with the kind's default weights."""
    matcher = core.Matcher(kind)
    gamma = matcher.compare(kind.normalise(a), kind.normalise(b))
    return matcher.decide(gamma), matcher.weight(gamma), gamma


@tagged("post_install", "-at_install")
class TestMatchingOrganisation(BaseCase):
    def test_normalise(self):
        self.assertEqual(
            org.company_name("The ACME Int'l Med. Supplies, G.m.b.H. & Co. KG"),
            "acme international medical supplies",
        )
        for variant in ("Acme B.V.", "ACME BV", "Acme B V", "acme"):
            self.assertEqual(org.company_name(variant), "acme", variant)
        self.assertEqual(org.company_name("Limited"), "limited")  # never empty
        # VAT: check digits verified; the record's country completes a number without prefix
        self.assertEqual(org.vat_number("BE 0477.472.701"), "BE0477472701")
        self.assertEqual(org.vat_number("0477472701", "BE"), "BE0477472701")
        self.assertEqual(org.vat_number("BE0477472700"), "~BE0477472700")
        # phones: every way of writing one number gives its E.164 digits
        for phone in ("+44 20 7946 0123", "020 7946 0123", "0044 (0)20 7946 0123"):
            self.assertEqual(org.phone_number(phone, "GB"), "442079460123", phone)
        self.assertEqual(org.email_domain("Jo@Acme-Medical.co.uk"), "acme-medical.co.uk")
        self.assertEqual(org.email_domain("acme.orders@gmail.com"), "")
        rec = ORGANISATION.normalise(
            {"name": "Acme Ltd", "vat": "477472701", "phone": "+32 2 555 12 12", "zip": "1000"}
        )
        self.assertEqual(rec["vat"], "BE0477472701")  # country from the phone
        self.assertEqual((rec["phone"], rec["postcode"]), ("3225551212", "1000"))

    def test_legal_suffix_variants_and_typos_link(self):
        for a, b in (
            ("Acme Medical Supplies Ltd", "ACME MEDICAL SUPPLIES LIMITED"),
            ("Norvex Surgical GmbH", "Norvex Surgical G.m.b.H."),
            ("Brandt & Sons Hygiene GmbH & Co. KG", "Brandt and Sons Hygiene"),
            ("Harcourt International Services Ltd", "Harcourt Intl Svcs Ltd."),
            ("Acme Medical Supplies Ltd", "Acme Medcial Supplies Ltd"),  # typo
        ):
            home = {**CENTRE, "email": "orders@acme.co.uk"}
            got = decision(ORGANISATION, {"name": a, **home}, {"name": b, **home})
            self.assertEqual(got[0], core.LINK, (a, b, got))

    def test_weak_fields_never_link_alone(self):
        # the same address, switchboard and domain: tenants of one centre, not one company
        got = decision(
            ORGANISATION, {"name": "Acme Medical", **CENTRE}, {"name": "Norvex Surgical", **CENTRE}
        )
        self.assertEqual(got[0], core.NON_LINK, got)
        self.assertGreater(got[1], ORGANISATION.link_weight)  # the weight alone would have linked
        phone_only = decision(
            ORGANISATION,
            {"name": "Acme Medical", "phone": "+44 113 496 0000"},
            {"name": "Norvex Surgical", "phone": "0113 4960000", "country": "GB"},
        )
        self.assertEqual(phone_only[0], core.NON_LINK, phone_only)
        domain_only = decision(
            ORGANISATION,
            {"name": "Acme Medical", "email": "a@ledger-accountants.co.uk"},
            {"name": "Norvex Surgical", "email": "b@ledger-accountants.co.uk"},
        )
        self.assertEqual(domain_only[0], core.NON_LINK, domain_only)

    def test_numbered_names_do_not_link(self):
        self.assertEqual(org.name("ward 3 stores", "ward 4 stores"), 0)
        self.assertEqual(org.name("unit 7 logistics", "unit 17 logistics"), 0)
        got = decision(
            ORGANISATION, {"name": "Ward 3 Stores", **CENTRE}, {"name": "Ward 4 Stores", **CENTRE}
        )
        self.assertEqual(got[0], core.NON_LINK, got)

    def test_same_vat_other_name(self):
        # a trading name on one record, the legal name on the other: the valid VAT decides,
        # with the address behind it a link, alone a review (never a silent non-link)
        legal = {"name": "Acme Holdings Ltd", "vat": "GB261478058"}
        trade = {"name": "Northgate Medical", "vat": "261478058", "country": "GB"}
        alone = decision(ORGANISATION, legal, trade)
        self.assertEqual(alone[0], core.REVIEW, alone)
        with_address = decision(ORGANISATION, {**legal, **CENTRE}, {**trade, **CENTRE})
        self.assertEqual(with_address[0], core.LINK, with_address)
        # an invalid VAT (check digits wrong) is only a string: a one-digit difference is a typo
        self.assertEqual(org.vat("~GB261478059", "GB261478058"), 1)
        self.assertEqual(org.vat("GB261478058", "GB261478058"), 3)

    def test_branches_and_other_entities_do_not_link(self):
        # same name, another city, phone and street: a branch or another company
        leeds = {
            "name": "Evans Sterile Services Ltd",
            "street": "114 Meadow Road",
            "city": "Leeds",
            "postcode": "LS2 7QT",
            "phone": "+44 113 614 4057",
            "email": "leeds@evans.com",
        }
        york = {"name": "Evans Sterile Services Ltd", "street": "9 Castle Close", "city": "York",
                "postcode": "YO1 6HP", "phone": "+44 1904 774 182",
                "email": "york@evans.com"}  # fmt: skip
        self.assertEqual(decision(ORGANISATION, leeds, york)[0], core.NON_LINK)
        # two different valid VAT numbers are two legal entities, whatever the name
        got = decision(
            ORGANISATION,
            {"name": "Evans Sterile Services Ltd", "vat": "GB261478058"},
            {"name": "Evans Sterile Services Ltd", "vat": "BE0477472701"},
        )
        self.assertEqual(got[0], core.NON_LINK, got)

    def test_explanation_uses_labels(self):
        matcher = core.Matcher(ORGANISATION)
        gamma = matcher.compare(
            ORGANISATION.normalise({"name": "Acme Ltd", "vat": "BE0477472701"}),
            ORGANISATION.normalise(
                {"name": "ACME", "vat": "be 0477 472 701", "phone": "09 555 12 12"}
            ),
        )
        rows = {label: (level, weight) for label, level, weight in matcher.explain(gamma)}
        self.assertEqual(rows["Name"][0], "same")
        self.assertEqual(rows["VAT number"][0], "same (valid)")
        self.assertGreater(rows["VAT number"][1], 8)
        self.assertEqual(rows["Phone"], (core.MISSING, 0.0))

    def test_clusters_do_not_chain_through_a_shared_phone(self):
        records = [
            ("a", {"name": "Acme Medical Supplies Ltd", **CENTRE, "email": "info@acme.co.uk"}),
            ("a2", {"name": "ACME MEDICAL SUPPLIES", **CENTRE, "email": "sales@acme.co.uk"}),
            ("b", {"name": "Norvex Surgical Ltd", **CENTRE, "email": "info@norvex.co.uk"}),
            ("b2", {"name": "Norvex Surgical Limited", **CENTRE}),
            ("c", {"name": "Ward 3 Stores", **CENTRE}),
            ("d", {"name": "Ward 4 Stores", **CENTRE}),
        ]
        result = core.match_records(ORGANISATION, records)
        self.assertEqual(
            sorted(sorted(group) for group in result.clusters), [["a", "a2"], ["b", "b2"]]
        )

    def test_candidate_pairs_bounded(self):
        """2,000 tenants of one centre (one postcode, phone, domain everywhere): the blocks on
        those keys are compared within a window, not pair by pair (2 million pairs)."""
        names = [f"{a}{b} {c}" for a in ("Nor", "Vel", "Ox", "Tri")
                 for b in ("vex", "med", "tek", "lux", "gen")
                 for c in ("Medical", "Surgical", "Linen", "Catering", "Imaging")]  # fmt: skip
        records = [
            (f"r{i}", {"name": f"{names[i % len(names)]} {i}", **CENTRE}) for i in range(2000)
        ]
        result = core.match_records(ORGANISATION, records, fit=False)
        self.assertLess(result.stats["candidate_pairs"], 20 * len(records))
        self.assertEqual(result.clusters, [])  # the numbers differ: no link


@tagged("post_install", "-at_install")
class TestMatchingItem(BaseCase):
    def test_normalise(self):
        self.assertEqual(
            item_kind.description("Syringe, Luer-Lock 2.5 ML (box of 100)"),
            "syringe luer lock 2p5ml box of 100",
        )
        self.assertEqual(item_kind.barcode("4006381333931"), "04006381333931")
        self.assertEqual(item_kind.barcode("4006381333932"), "~4006381333932")  # check digit
        self.assertEqual(item_kind.barcode("036000291452"), item_kind.barcode("0036000291452"))
        self.assertEqual(item_kind.unit("Each"), item_kind.unit("EA"))

    def test_items(self):
        same_words = decision(
            ITEM,
            {"name": "Syringe 5ml Luer Lock", "manufacturer": "BD Ltd", "unit": "EA"},
            {"name": "SYRINGE LUER-LOCK 5 ML", "manufacturer": "B.D.", "unit": "each"},
        )
        self.assertEqual(same_words[0], core.LINK, same_words)
        other_size = decision(
            ITEM,
            {"name": "Syringe 5ml Luer Lock", "manufacturer": "BD", "unit": "EA"},
            {"name": "Syringe 10ml Luer Lock", "manufacturer": "BD", "unit": "EA"},
        )
        self.assertEqual(other_size[0], core.NON_LINK, other_size)
        barcode = decision(
            ITEM,
            {"name": "Nitrile gloves M", "barcode": "4006381333931"},
            {"name": "Gloves nitrile medium", "barcode": "04006381333931"},
        )
        self.assertEqual(barcode[0], core.LINK, barcode)
        maker_only = decision(
            ITEM,
            {"name": "Gauze swab", "manufacturer": "BD", "unit": "box"},
            {"name": "Cannula 18G", "manufacturer": "BD", "unit": "box"},
        )
        self.assertEqual(maker_only[0], core.NON_LINK, maker_only)
        other_ref = decision(
            ITEM,
            {"name": "Cannula IV 18G", "mpn": "BD-381147"},
            {"name": "Cannula IV 18G", "mpn": "BD-393202"},
        )
        self.assertNotEqual(other_ref[0], core.LINK, other_ref)
