"""Supplier matching through the real Odoo path (issue #18): staging, SQL blocking, EM fit on the
run, scoring a page at a time, non-chaining clusters written to ``hc.migration.cluster``.

The same generated vendor master as ``bench_supplier_matching.py`` (``gen_vendors.py``: a legacy
vendor file and the partners already in the ERP, with the ground truth), but matched by
``hc.migration.run``: the partners are created in Odoo (``res.partner``, in the measured
transaction, rolled back), the vendor rows are written to a CSV file with the columns of the
Suppliers domain (Supplier Code, Name, VAT, Email, Phone, City) plus Street and Postcode, and
staged inline by a bench copy of the domain whose mapping gives street, postcode and city their
dedup roles. The predicted pairs are the pairs inside the run's clusters of links (rows with
rows, and rows with the partners of the cluster's ``existing_refs``), what a merge would join;
the clusters to review are counted apart (the owner decides them).

Each size runs in a fresh process (its own heap and RSS): once timed without ``tracemalloc``
(seconds of the whole staging and of ``_deduplicate``, with its steps; the growth of the peak
RSS during the staging, the peak reset after the data and the partners are made), once with it
(peak of Python's heap during the staging), unless ``HC_BENCH_NO_HEAP=1``.
``HC_BENCH_EXISTING=10000`` keeps the partners at that count whatever the file size (the
partners scale with the file otherwise, as in ``bench_supplier_matching.py``);
``HC_BENCH_VERBOSE=1`` prints the weights used and why each missed true pair was missed.

    bash scripts/bench.sh bench/bench_supplier_pipeline.py [--sizes 10000,25000,50000]

Targets: F1 >= 0.98 at precision >= 0.995; 50,000 rows against 10,000 partners deduplicated in
under 30 s on the 2-core machine; heap peak flat in file size.
"""

import base64
import csv
import gc
import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from functools import wraps
from itertools import combinations

import gen_vendors
from common import environment, parse_args, vacuum

FILE_ROWS = gen_vendors.FILE_ROWS
EXISTING = gen_vendors.EXISTING
SEED = 18
VERBOSE = bool(os.environ.get("HC_BENCH_VERBOSE"))
COLUMNS = (
    ("Supplier Code", "code"),
    ("Name", "name"),
    ("VAT", "vat"),
    ("Email", "email"),
    ("Phone", "phone"),
    ("Street", "street"),
    ("Postcode", "postcode"),
    ("City", "city"),
    ("Country", "country"),
)
# the steps of _deduplicate timed apart
STEPS = (
    "_existing_candidates",
    "_dedup_tables",
    "_dedup_pairs",
    "_dedup_fit",
    "_dedup_scored",
    "_dedup_write_clusters",
)


def make_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column for column, _key in COLUMNS])
    for row in rows:
        writer.writerow([row[key] for _column, key in COLUMNS])
    return out.getvalue().encode()


def bench_domain(env):
    """A copy of the Suppliers domain with Street and Postcode mapped, City, Street and
    Postcode given their dedup roles, and Country compared only (the data files stay as
    shipped)."""
    source = env.ref("hc_migration.domain_suppliers")
    domain = source.copy({"name": "Suppliers (bench)", "code": "SUPBENCH"})
    lines = {line.source_column: line for line in domain.mapping_ids}
    lines["City"].dedup_role = "city"
    env["hc.migration.mapping"].create(
        [
            {
                "domain_id": domain.id,
                "sequence": 70,
                "source_column": "Street",
                "target_field": "street",
                "transform": "trim",
                "dedup_role": "street",
            },
            {
                "domain_id": domain.id,
                "sequence": 80,
                "source_column": "Postcode",
                "target_field": "zip",
                "transform": "trim",
                "dedup_role": "postcode",
            },
            {
                # compared (national phones and VAT numbers read in their country), not loaded
                "domain_id": domain.id,
                "sequence": 90,
                "source_column": "Country",
                "target_field": "country",
                "transform": "upper",
                "dedup_role": "country",
                "compare_only": True,
            },
        ]
    )
    return domain


def create_partners(env, partners):
    """The partners already in the ERP; {partner id: generator ref}."""
    countries = {c.code: c.id for c in env["res.country"].search([])}
    ids = {}
    Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
    for start in range(0, len(partners), 1000):
        chunk = partners[start : start + 1000]
        records = Partner.create(
            [
                {
                    "name": p["name"],
                    "is_company": True,
                    "ref": p["code"],
                    "vat": p["vat"] or False,
                    "email": p["email"] or False,
                    "phone": p["phone"] or False,
                    "street": p["street"] or False,
                    "zip": p["postcode"] or False,
                    "city": p["city"] or False,
                    "country_id": countries.get(p["country"], False),
                }
                for p in chunk
            ]
        )
        ids.update(zip(records.ids, (p["ref"] for p in chunk), strict=True))
    env.flush_all()
    env.invalidate_all()
    return ids


def _status_mb(field):
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_baseline():
    """Current RSS, with the process's peak RSS reset to it (``clear_refs``), so the peak
    measured later is that of the staging, not of generating the data and the partners."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        return _status_mb("VmRSS")
    except OSError:
        return _status_mb("VmHWM")


def timed(cls, name, times, heaps=None):
    """Time ``cls.name`` into ``times``; with ``heaps`` (tracemalloc on, steps not nested),
    also the heap on entry and the peak during the call, MB, into ``heaps``."""
    original = getattr(cls, name)

    @wraps(original)
    def wrapper(self, *args, **kwargs):
        if heaps is not None:
            current, peak = tracemalloc.get_traced_memory()
            heaps["peak"] = max(heaps.get("peak", 0), peak)
            tracemalloc.reset_peak()
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - start
            if heaps is not None:
                peak = tracemalloc.get_traced_memory()[1]
                heaps["peak"] = max(heaps.get("peak", 0), peak)
                heaps[name] = (round(current / 2**20, 1), round(peak / 2**20, 1))

    setattr(cls, name, wrapper)


def capture(cls, captured):
    """Keep the candidate pairs and the scored pairs of the run (diagnosis)."""
    original = cls._dedup_scored

    def wrapper(self, matcher, kind):
        self.env.cr.execute("SELECT a, b FROM hc_dedup_pair")
        captured["pairs"] = self.env.cr.fetchall()
        captured["scored"] = original(self, matcher, kind)
        return captured["scored"]

    cls._dedup_scored = wrapper


def predicted_pairs(env, run, refs_of_row, refs_of_partner):
    """(pairs inside clusters of links, pairs inside clusters to review, clusters by certainty),
    as sorted generator ref pairs."""
    links, reviews, certainty = set(), set(), {"link": 0, "review": 0}
    env.cr.execute(
        """
        SELECT c.id, c.certainty, c.existing_refs, array_agg(r.row_number)
          FROM hc_migration_cluster c
          LEFT JOIN hc_migration_row r ON r.cluster_id = c.id
         WHERE c.run_id = %s
         GROUP BY c.id
        """,
        [run.id],
    )
    for _cid, kind, existing_refs, numbers in env.cr.fetchall():
        certainty[kind] = certainty.get(kind, 0) + 1
        members = [refs_of_row[n] for n in numbers if n is not None]
        for ref in (existing_refs or "").split(","):
            if ref:
                members.append(refs_of_partner.get(int(ref.rsplit(":", 1)[1]), f"X{ref}"))
        target = links if kind == "link" else reviews
        target.update(tuple(sorted(pair)) for pair in combinations(set(members), 2))
    return links, reviews, certainty


def scores(predicted, truth):
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def diagnose(env, run, captured, refs_of_row, refs_of_partner, links, reviews, truth):
    """Why each missed true pair was missed (development): never a candidate pair, scored
    below the link threshold (its commonest gammas), or linked but not in a cluster of links
    (a cluster put to review, a chain or conflict split)."""
    env.cr.execute("SELECT id, row_number, state FROM hc_migration_row WHERE run_id = %s", [run.id])
    ref_of, state_of = {}, {}
    for row_id, number, state in env.cr.fetchall():
        ref_of[row_id] = refs_of_row[number]
        state_of[refs_of_row[number]] = state
    for pid, ref in refs_of_partner.items():
        ref_of[-pid] = ref
    candidates = {
        tuple(sorted((ref_of.get(a, str(a)), ref_of.get(b, str(b))))) for a, b in captured["pairs"]
    }
    scored = {
        tuple(sorted((ref_of.get(a, str(a)), ref_of.get(b, str(b))))): (round(w, 1), d, g)
        for a, b, w, d, g in captured["scored"]
    }
    causes = Counter()
    examples = {}
    for pair in sorted(truth - links):
        if pair not in candidates:
            cause = "not a candidate"
        elif pair not in scored:
            cause = "non-link"
        elif scored[pair][1] == "review":
            cause = "review"
        elif pair in reviews:
            cause = "link, cluster to review"
        else:
            cause = "link, split (chain/conflict)"
        causes[cause] += 1
        examples.setdefault(cause, []).append(
            (pair, scored.get(pair), state_of.get(pair[0]), state_of.get(pair[1]))
        )
    print(f"  missed: {dict(causes)}", file=sys.stderr)
    for cause, items in examples.items():
        print(f"  {cause}:", file=sys.stderr)
        for item in items[:8]:
            print(f"    {item}", file=sys.stderr)


def child(db, size, heap):
    existing = int(os.environ.get("HC_BENCH_EXISTING") or EXISTING * size // FILE_ROWS)
    rows, partners, truth = gen_vendors.generate(size, existing, SEED)
    content = make_csv(rows)
    refs_of_row = {i + 2: row["ref"] for i, row in enumerate(rows)}  # header on line 1
    del rows
    times = {}
    with environment(db) as env:
        env["ir.config_parameter"].set_param("hc_migration.job_inline_rows", str(10**9))
        domain = bench_domain(env)
        start = time.perf_counter()
        refs_of_partner = create_partners(env, partners)
        partner_seconds = time.perf_counter() - start
        del partners
        run = env["hc.migration.run"].create(
            {"domain_id": domain.id, "file": base64.b64encode(content), "filename": "vendors.csv"}
        )
        del content
        Run = type(run)
        heaps = {} if heap else None
        timed(Run, "_deduplicate", times)
        for name in STEPS:
            timed(Run, name, times, heaps)
        captured = {}
        if VERBOSE:
            capture(Run, captured)
        env["res.partner"].search_count([])  # registry and caches warm before the baseline
        gc.collect()
        baseline_mb = rss_baseline()
        if heap:
            tracemalloc.start()
        start = time.perf_counter()
        run.action_stage()
        env.flush_all()
        seconds = time.perf_counter() - start
        peak = max(tracemalloc.get_traced_memory()[1], heaps.get("peak", 0)) if heap else 0
        tracemalloc.stop()
        rss_growth = _status_mb("VmHWM") - baseline_mb
        links, reviews, certainty = predicted_pairs(env, run, refs_of_row, refs_of_partner)
        precision, recall, f1 = scores(links, truth)
        review_true = len((reviews - links) & truth)
        if VERBOSE:
            diagnose(env, run, captured, refs_of_row, refs_of_partner, links, reviews, truth)
        result = {
            "size": size,
            "existing": existing,
            "heap": heap,
            "partners_seconds": round(partner_seconds, 1),
            "stage_seconds": seconds,
            "dedup_seconds": times.get("_deduplicate", 0.0),
            "steps": {name: round(times.get(name, 0.0), 2) for name in STEPS},
            "peak_mb": peak / 2**20,
            "step_heaps": heaps or {},
            "rss_growth_mb": rss_growth,
            "pairs": run.dedup_pairs,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "fp": len(links - truth),
            "fn": len(truth - links),
            "truth": len(truth),
            "link_clusters": certainty.get("link", 0),
            "review_clusters": certainty.get("review", 0),
            "review_pairs": len(reviews - links),
            "review_true": review_true,
            "recall_with_review": len((links | reviews) & truth) / len(truth),
            "read": run.rows_read,
            "rejected": run.rows_rejected,
            "params": json.loads(run.match_params or "{}"),
        }
    print(json.dumps(result))


def main():
    args = parse_args(__doc__)
    if os.environ.get("HC_BENCH_CHILD"):
        size, heap = os.environ["HC_BENCH_CHILD"].split(":")
        child(args.db, int(size), heap == "1")
        return
    sizes = [int(s) for s in (args.sizes or "10000,25000,50000").split(",")]
    heap_runs = os.environ.get("HC_BENCH_NO_HEAP") != "1"
    header = (
        f"{'rows':>6} {'existing':>8} {'precision':>9} {'recall':>7} {'F1':>7} {'FP':>5} "
        f"{'FN':>5} {'true':>5} {'pairs':>8} {'dedup s':>8} {'stage s':>8} {'heap MB':>8} "
        f"{'RSS +MB':>8} {'link cl':>7} {'review cl':>9} {'(true)':>6}"
    )
    print(header, flush=True)
    print("-" * len(header), flush=True)
    results = []
    for size in sizes:
        measured = {}
        for heap in (False, True) if heap_runs else (False,):
            vacuum(args.db)
            env = dict(os.environ, HC_BENCH_CHILD=f"{size}:{int(heap)}")
            out = subprocess.run(
                [sys.executable, *sys.argv], env=env, capture_output=True, text=True, check=False
            )
            line = [x for x in out.stdout.splitlines() if x.startswith("{")]
            if not line:
                print(out.stdout[-2000:], out.stderr[-4000:])
                raise SystemExit(f"{size} failed")
            measured[heap] = json.loads(line[-1])
        r = measured[False]
        peak = measured[True]["peak_mb"] if heap_runs else float("nan")
        results.append((r, peak))
        print(
            f"{size:>6} {r['existing']:>8} {r['precision']:>9.4f} {r['recall']:>7.4f} "
            f"{r['f1']:>7.4f} {r['fp']:>5} {r['fn']:>5} {r['truth']:>5} {r['pairs']:>8} "
            f"{r['dedup_seconds']:>8.1f} {r['stage_seconds']:>8.1f} {peak:>8.1f} "
            f"{r['rss_growth_mb']:>8.1f} {r['link_clusters']:>7} {r['review_clusters']:>9} "
            f"{r['review_true']:>6}",
            flush=True,
        )
        print(
            "       dedup steps (s): "
            + ", ".join(f"{k.lstrip('_')} {v}" for k, v in r["steps"].items())
            + f"; rows rejected {r['rejected']} of {r['read']}; partners created in "
            f"{r['partners_seconds']} s; recall counting clusters to review "
            f"{r['recall_with_review']:.4f}",
            flush=True,
        )
        if heap_runs:
            print(
                "       heap MB (on entry, peak) per step: "
                + ", ".join(
                    f"{k.lstrip('_')} {v[0]}/{v[1]}"
                    for k, v in measured[True]["step_heaps"].items()
                    if k != "peak"
                ),
                flush=True,
            )
        if VERBOSE:
            print("       params: " + json.dumps(r["params"]), flush=True)
    if len(results) > 1 and heap_runs:
        (small, p_small), (large, p_large) = results[0], results[-1]
        print(
            f"heap peak {large['size']:,} / {small['size']:,} rows: {p_large / p_small:.2f} "
            f"(file {large['size'] / small['size']:.0f}x larger)"
        )
    met = all(
        r["f1"] >= 0.98 and r["precision"] >= 0.995 and r["dedup_seconds"] < 30 for r, _p in results
    )
    print(f"target F1 >= 0.98 at precision >= 0.995, dedup < 30 s: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
