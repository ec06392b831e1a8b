import itertools
import random
from collections import Counter

from odoo.tests import BaseCase, tagged

from ..lib.matching import compare, core
from ..lib.matching.core import FieldSpec, Kind, Matcher


def _norm(raw):
    return {key: compare.text(value) for key, value in raw.items() if compare.text(value)}


def _keys(rec):
    return ["n:" + rec["name"][:2]] if rec.get("name") else []


TOY = Kind(
    name="toy",
    fields=(
        FieldSpec("name", "Name", compare.name, 4, ("different", "similar", "close", "same")),
        FieldSpec("code", "Code", compare.code, 4, ("different", "two typos", "one typo", "same")),
        FieldSpec("phone", "Phone", compare.exact, 2, ("different", "same"), weak=True),
    ),
    normalise=_norm,
    block_keys=_keys,
    sort_keys=("name",),
    link_weight=8.0,
    review_weight=2.0,
)


@tagged("post_install", "-at_install")
class TestMatchingCore(BaseCase):
    def test_compare_weight_explain(self):
        matcher = Matcher(TOY)
        gamma = matcher.compare({"name": "anna", "code": "A1234"}, {"name": "anna", "phone": "1"})
        self.assertEqual(gamma, (3, None, None))  # missing on either side = neutral
        self.assertAlmostEqual(matcher.weight(gamma), matcher.field_weights["name"][3])
        rows = matcher.explain(gamma)
        self.assertEqual([row[0] for row in rows], ["Name", "Code", "Phone"])
        self.assertEqual(rows[0][1], "same")
        self.assertEqual(rows[1], ("Code", "missing", 0.0))
        self.assertGreater(matcher.weight((3, 3, 1)), matcher.weight((2, 3, 1)))

    def test_weak_field_never_links_alone(self):
        matcher = Matcher(TOY, {"m": {"phone": [0.01, 0.99]}, "u": {"phone": [0.99999, 0.00001]}})
        self.assertGreater(matcher.weight((None, None, 1)), TOY.link_weight)  # heavy, yet:
        self.assertEqual(matcher.decide((None, None, 1)), core.NON_LINK)
        self.assertEqual(matcher.decide((0, 0, 1)), core.NON_LINK)
        self.assertEqual(matcher.decide((3, 3, 1)), core.LINK)

    def test_em_recovers_m_and_u(self):
        """EM on synthetic gammas drawn from known m/u finds them back (and the match share)."""
        rng = random.Random(7)
        true_m = {
            "name": [0.05, 0.05, 0.2, 0.7],
            "code": [0.05, 0.05, 0.1, 0.8],
            "phone": [0.3, 0.7],
        }
        true_u = {
            "name": [0.85, 0.1, 0.04, 0.01],
            "code": [0.97, 0.02, 0.008, 0.002],
            "phone": [0.95, 0.05],
        }

        def draw(probs):
            return rng.choices(range(len(probs)), probs)[0]

        gammas = Counter()
        for i in range(20000):
            table = true_m if i < 1000 else true_u
            gammas[tuple(draw(table[key]) for key in ("name", "code", "phone"))] += 1
        matcher = Matcher(TOY)
        params = matcher.fit(gammas)
        self.assertAlmostEqual(params["lambda"], 0.05, delta=0.01)
        self.assertAlmostEqual(params["m"]["code"][3], 0.8, delta=0.08)
        self.assertAlmostEqual(params["m"]["name"][3], 0.7, delta=0.06)
        self.assertAlmostEqual(params["u"]["name"][0], 0.85, delta=0.03)
        weights = matcher.field_weights
        for key in ("name", "code", "phone"):
            self.assertEqual(weights[key], sorted(weights[key]), key)  # monotone levels
        # random-pair u replaces the candidates' u; m still comes from EM
        random_gammas = Counter({(0, 0, 0): 990, (3, 0, 0): 10})
        params = matcher.fit(gammas, random_gammas=random_gammas)
        self.assertAlmostEqual(params["u"]["name"][3], 10.5 / 1002, places=4)
        self.assertAlmostEqual(params["m"]["code"][3], 0.8, delta=0.08)

    def test_oversized_block_is_bounded(self):
        """A block shared by 4,000 records is compared within a sorted window only."""
        block = [(i, {"name": f"name{i:05d}"}) for i in range(4000)]
        pairs = list(
            core.candidate_pairs([block], max_block=50, window=6, sort_key=lambda r: r["name"])
        )
        self.assertEqual(len(pairs), 4000 * 5 - (5 + 4 + 3 + 2 + 1))  # window - 1 per record
        self.assertLess(len(pairs), 4000 * 5)
        small = [(i, {"name": str(i)}) for i in range(10)]
        self.assertEqual(len(list(core.candidate_pairs([small], max_block=50))), 45)

    def test_passes_dedupe_and_skip(self):
        block = [(1, {}), (2, {}), (3, {})]
        pairs = list(core.candidate_pairs([block, block[:2], [(2, {}), (1, {})]]))
        self.assertEqual(len(pairs), 3)  # each pair once across passes
        skipped = list(core.candidate_pairs([block], skip=lambda a, b: {a, b} == {1, 2}))
        self.assertEqual(len(skipped), 2)

    def test_sorted_windows_stream(self):
        stream = ((i, {"k": i}) for i in range(100))  # a generator: nothing is held but a window
        pairs = list(core.candidate_pairs(core.sorted_windows(stream, window=4)))
        self.assertEqual(len(pairs), 3 * 100 - 6)
        self.assertTrue(all(abs(a - b) < 4 for a, b, _ra, _rb in pairs))

    def test_cluster_does_not_chain(self):
        links = [("a", "b", 30.0), ("b", "c", 25.0), ("c", "d", 20.0), ("x", "y", 15.0)]
        clusters, review = core.cluster(links, [("y", "z", 5.0)])
        # a-b-c is a star around b; d only links to c: the chain is cut and sent to review
        self.assertEqual(clusters, [["b", "a", "c"], ["x", "y"]])
        self.assertIn(("c", "d", 20.0, "chain"), review)
        self.assertIn(("y", "z", 5.0, "review"), review)
        clusters, review = core.cluster(links, [("a", "c", 6.0)])
        self.assertNotIn(("a", "c", 6.0, "review"), review)  # already in one cluster
        # a new record never merges two existing ones
        clusters, review = core.cluster(
            [("n", "e1", 30.0), ("n", "e2", 20.0)], exclusive={"e1", "e2"}
        )
        self.assertEqual(clusters, [["e1", "n"]])
        self.assertEqual(review, [("n", "e2", 20.0, "conflict")])
        # a clique of four stays one cluster
        clique = [(p, q, 20.0) for p, q in itertools.combinations("abcd", 2)]
        clusters, review = core.cluster(clique)
        self.assertEqual(len(clusters), 1)
        self.assertEqual(sorted(clusters[0]), ["a", "b", "c", "d"])
        self.assertFalse(review)

    def test_match_records_existing(self):
        records = [("n1", {"name": "Anna Berg", "code": "X12345"})]
        existing = [
            ("e1", {"name": "Anna Berg", "code": "X12345"}),
            ("e2", {"name": "Anna Berg", "code": "X12345"}),
        ]
        result = core.match_records(TOY, records, existing, fit=False)
        compared = {frozenset(pair[:2]) for pair in result.pairs}
        self.assertNotIn(frozenset(("e1", "e2")), compared)  # existing records are not re-matched
        self.assertIn(frozenset(("n1", "e1")), compared)
        self.assertEqual(result.stats["candidate_pairs"], 2)

    def test_streamed_passes_without_memory(self):
        """Blocks streamed one at a time (as from SQL) with the stateless dedupe give the same
        pairs as the in-memory dedupe."""
        rng = random.Random(5)
        records = [
            (i, {"name": f"n{rng.randrange(40)}", "code": f"c{rng.randrange(30)}"})
            for i in range(300)
        ]
        for _ref, rec in records:
            rec["_keys"] = ["n:" + rec["name"], "c:" + rec["code"]]
        by_key = {}
        for item in records:
            for key in item[1]["_keys"]:
                by_key.setdefault(key, []).append(item)
        oversized = {key for key, block in by_key.items() if len(block) > 8}
        streamed = []
        for key in sorted(by_key):  # one block at a time
            for ra, rb, a, b in core.block_pairs(by_key[key], max_block=8, window=4):
                if core.owns_pair(key, a["_keys"], b["_keys"], oversized):
                    streamed.append(frozenset((ra, rb)))
        remembered = {
            frozenset(pair[:2])
            for pair in core.candidate_pairs(
                (by_key[key] for key in sorted(by_key)), max_block=8, window=4
            )
        }
        self.assertEqual(set(streamed), remembered)
        self.assertLess(len(streamed) - len(set(streamed)), len(streamed) // 20)
