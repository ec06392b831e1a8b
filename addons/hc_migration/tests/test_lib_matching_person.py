import datetime
import random

from odoo.tests import BaseCase, tagged

from ..lib.matching import core
from ..lib.matching.person import PERSON, birth_date

PEOPLE = [
    # typos in the first two letters of both names
    ("p1", {"given_name": "Jonathan", "surname": "Christensen", "birth_date": "1980-03-07",
            "street": "12 Harbour Road", "city": "Springfield", "postcode": "4000"}),
    ("p1b", {"given_name": "Ojnathan", "surname": "Hcristensen", "birth_date": "07/03/1980",
             "street": "12 Harbour Rd", "city": "Springfield", "postcode": "4000"}),
    # given name and surname swapped
    ("p2", {"given_name": "Maria", "surname": "Lopez", "birth_date": "1975-11-20",
            "street": "4 Elm Street", "city": "Lakeside", "postcode": "4100"}),
    ("p2b", {"given_name": "Lopez", "surname": "Maria", "birth_date": "19751120",
             "street": "4 Elm Street", "city": "Lakeside", "postcode": "4100"}),
    # date of birth missing on one side
    ("p3", {"given_name": "Wei", "surname": "Zhang", "birth_date": "1990-05-14",
            "national_id": "X987-654", "street": "77 Queen St", "postcode": "4200"}),
    ("p3b", {"given_name": "Wei", "surname": "Zhang", "national_id": "x987654",
             "street": "77 Queen St", "postcode": "4200"}),
    # day and month transposed
    ("p4", {"given_name": "Sarah", "surname": "O'Connor", "birth_date": datetime.date(1985, 2, 9),
            "street": "3 Bay View", "city": "Northgate", "postcode": "4300"}),
    ("p4b", {"given_name": "Sarah", "surname": "OConnor", "birth_date": "1985-09-02",
             "street": "3 Bay View", "city": "Northgate", "postcode": "4300"}),
    # the same phone for unrelated people; a similar name that is someone else
    ("p5", {"given_name": "Peter", "surname": "Brown", "birth_date": "1960-01-01",
            "phone": "0400 111 222", "street": "1 Main Street", "postcode": "4400"}),
    ("p6", {"given_name": "Linda", "surname": "Green", "birth_date": "1970-06-30",
            "phone": "0400 111 222", "street": "9 Hill Road", "postcode": "4500"}),
    ("p7", {"given_name": "Peter", "surname": "Browne", "birth_date": "1962-08-15",
            "street": "40 Ocean Drive", "postcode": "4600"}),
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestMatchingPerson(BaseCase):
    def test_normalise(self):
        self.assertEqual(birth_date("1980-03-07"), "19800307")
        self.assertEqual(birth_date("07/03/1980"), "19800307")
        self.assertEqual(birth_date(datetime.date(1980, 3, 7)), "19800307")
        self.assertEqual(birth_date("19800307"), "19800307")
        rec = PERSON.normalise(
            {"name": "Anna Maria Berg", "street": "12b Elm St", "email": "A@X.org"}
        )
        self.assertEqual((rec["given"], rec["surname"]), ("anna maria", "berg"))
        self.assertEqual((rec["street_no"], rec["street"]), ("12b", "elm st"))
        self.assertEqual(rec["email"], "a@x.org")
        rec = PERSON.normalise(
            {"first_name": "Anna", "middle_name": "Maria", "by": 1980, "bm": 3, "bd": 7}
        )
        self.assertEqual((rec["given"], rec["dob"]), ("anna maria", "19800307"))

    def test_hand_made_people(self):
        result = core.match_records(PERSON, PEOPLE, keep_non_links=True)
        decisions = {frozenset(pair[:2]): pair[3] for pair in result.pairs}
        for a, b in (("p1", "p1b"), ("p2", "p2b"), ("p3", "p3b"), ("p4", "p4b")):
            self.assertEqual(decisions.get(frozenset((a, b))), core.LINK, (a, b))
        self.assertNotEqual(decisions.get(frozenset(("p5", "p6")), core.NON_LINK), core.LINK)
        self.assertNotEqual(decisions.get(frozenset(("p5", "p7")), core.NON_LINK), core.LINK)
        self.assertEqual(
            sorted(sorted(group) for group in result.clusters),
            [["p1", "p1b"], ["p2", "p2b"], ["p3", "p3b"], ["p4", "p4b"]],
        )
        explained = {frozenset(pair[:2]): pair[4] for pair in result.pairs}
        rows = {label: level for label, level, _w in explained[frozenset(("p4", "p4b"))]}
        self.assertEqual(rows["Date of birth"], "close")  # transposed day/month
        rows = {label: level for label, level, _w in explained[frozenset(("p3", "p3b"))]}
        self.assertEqual(rows["Date of birth"], "missing")
        self.assertEqual(rows["National id"], "same")

    def test_phone_alone_never_links(self):
        matcher = core.Matcher(PERSON)
        a = PERSON.normalise({"given_name": "Peter", "phone": "+61 400 111 222"})
        b = PERSON.normalise({"surname": "Green", "phone": "0400 111 222"})
        gamma = matcher.compare(a, b)
        self.assertEqual(matcher.explain(gamma)[-2][:2], ("Phone", "similar"))
        self.assertNotEqual(matcher.decide(gamma), core.LINK)

    def test_a_shared_name_alone_never_merges_two_people(self):
        """Two people who share a full name (and a weak field) are sent to review, however
        high the names weigh; with the same date of birth or national id they link."""
        matcher = core.Matcher(PERSON)

        def decide(a, b):
            return matcher.decide(matcher.compare(PERSON.normalise(a), PERSON.normalise(b)))

        same_name = {"name": "Johanna Abernathy-Kowalczyk", "email": "j.ak@example.org"}
        self.assertEqual(decide(same_name, dict(same_name)), core.REVIEW)
        self.assertNotEqual(
            decide(
                {**same_name, "birth_date": "1980-03-12"}, {**same_name, "birth_date": "1975-06-07"}
            ),
            core.LINK,
        )
        self.assertEqual(
            decide(
                {**same_name, "birth_date": "1980-03-12"}, {**same_name, "birth_date": "12/03/1980"}
            ),
            core.LINK,
        )
        self.assertEqual(
            decide(
                {**same_name, "national_id": "AB123456"}, {**same_name, "national_id": "AB123456"}
            ),
            core.LINK,
        )

    def test_one_key_everywhere_stays_bounded(self):
        """3,000 people with the same surname and postcode: every blocking pass is one huge
        block, yet the candidate pairs stay linear in the file (not 4.5 million)."""
        rng = random.Random(3)
        letters = "abcdefghijklmnopqrstuvwxyz"
        records = []
        for i in range(3000):
            given = "".join(rng.choice(letters) for _ in range(7))
            day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20000))
            raw = {"given_name": given, "surname": "Smith", "postcode": "4000", "birth_date": day}
            records.append((i, PERSON.normalise(raw)))
        pairs = sum(
            1
            for _pair in core.candidate_pairs(
                core.blocks_of(PERSON, records),
                max_block=PERSON.max_block,
                window=PERSON.window,
                sort_key=core.kind_sort_key(PERSON),
            )
        )
        passes = 6  # surname code, name codes, date of birth, postcode, two sorted orders
        self.assertLess(pairs, passes * len(records) * (PERSON.window - 1))
        self.assertLess(pairs, len(records) * (len(records) - 1) // 2 // 40)
