"""Supplier matching on a generated messy vendor master (issue #18).

``gen_vendors.py`` makes a 50,000-row legacy vendor file and 10,000 partners already in the ERP,
with the ground truth (about 1,500 vendors recorded more than once, and the false-merge traps:
shared switchboards and business-centre addresses, shared email domains, same-name branches in
other cities, "Ward 3" / "Ward 4", near names). The suite's engine
(``addons/hc_migration/lib/matching``, the "organisation" kind, plain Python, no Odoo) matches the
file with itself and with the partners (two partners are never compared); the predicted pairs are
the pairs inside its clusters (what a merge would join). Prints precision, recall, F1, candidate
pairs, seconds and peak memory (max RSS of a fresh process per engine, data included), and the
same figures for ``recordlinkage``'s documented pipeline (index: blocking plus a sorted
neighbourhood; compare: exact and Jaro-Winkler string comparisons; the unsupervised ECM
classifier) when it imports, in this Python or in the bench venv (``$HC_BENCH_VENV``, default
``~/.cache/hc-suite/venv-bench``).

    nice python bench/bench_supplier_matching.py [--rows 50000 --existing 10000] [--sizes 10000,25000]

Targets: F1 >= 0.98 at precision >= 0.995, under 30 s on the 2-core machine.
"""

import argparse
import csv
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATCHING = ROOT / "addons" / "hc_migration" / "lib" / "matching"
BENCH_VENV = Path(
    os.environ.get("HC_BENCH_VENV", Path.home() / ".cache" / "hc-suite" / "venv-bench")
)
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_vendors  # noqa: E402


def load_matching():
    """Import the matching package by path (the addon's own ``__init__`` imports Odoo)."""
    spec = importlib.util.spec_from_file_location(
        "hc_matching", MATCHING / "__init__.py", submodule_search_locations=[str(MATCHING)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["hc_matching"] = module
    spec.loader.exec_module(module)
    return module


def read(folder):
    def rows(name):
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    with open(os.path.join(folder, "truth.csv"), newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        truth = {tuple(row) for row in reader}
    return rows("vendors.csv"), rows("partners.csv"), truth


def scores(predicted, truth):
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(folder, verbose=False):
    matching = load_matching()
    kind = matching.KINDS["organisation"]
    rows, partners, truth = read(folder)
    records = [(row.pop("ref"), row) for row in rows]
    existing = [(row.pop("ref"), row) for row in partners]
    start, cpu = time.perf_counter(), time.process_time()
    result = matching.match_records(kind, records, existing=existing)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    predicted = set()
    for group in result.clusters:
        predicted.update(tuple(sorted(pair)) for pair in combinations(group, 2))
    precision, recall, f1 = scores(predicted, truth)
    review_pairs = {tuple(sorted(item[:2])) for item in result.review}
    out = {
        "engine": "hc matching",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "candidates": result.stats["candidate_pairs"],
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak_mib(),
        "review": len(review_pairs),
        "review_true": len(review_pairs & (truth - predicted)),
        "truth": len(truth),
        "fp": len(predicted - truth),
        "fn": len(truth - predicted),
    }
    if verbose:
        _diagnose(matching, kind, records, existing, result, predicted, truth)
    return out


def _diagnose(matching, kind, records, existing, result, predicted, truth):
    """Weights per field and level, and samples of false positives / negatives (development)."""
    raw = dict(records + existing)
    matcher = matching.Matcher(kind, result.params)
    for key, weights in matcher.field_weights.items():
        print(f"  {key:<10} " + " ".join(f"{w:7.2f}" for w in weights), file=sys.stderr)
    print(f"  lambda {result.params.get('lambda')}", file=sys.stderr)
    explained = {tuple(sorted(p[:2])): p for p in result.pairs}
    for label, pairs in (("FP", predicted - truth), ("FN", truth - predicted)):
        reasons = Counter()
        for a, b in sorted(pairs):
            gamma = matcher.compare(kind.normalise(raw[a]), kind.normalise(raw[b]))
            reasons[gamma] += 1
        print(f"  {label}: {len(pairs)}; commonest gammas:", file=sys.stderr)
        for gamma, count in reasons.most_common(12):
            print(
                f"    {count:5} {gamma} w={matcher.weight(gamma):.2f} {matcher.decide(gamma)}",
                file=sys.stderr,
            )
        for a, b in sorted(pairs)[:: max(1, len(pairs) // 12)][:12]:
            pair = explained.get((a, b))
            gamma = matcher.compare(kind.normalise(raw[a]), kind.normalise(raw[b]))
            print(
                f"    {a} {b} w={matcher.weight(gamma):.2f} in_pairs={bool(pair)}", file=sys.stderr
            )
            for ref in (a, b):
                print("       ", {k: v for k, v in raw[ref].items() if v}, file=sys.stderr)


def run_recordlinkage(folder):
    """recordlinkage's documented pipeline on the same data: clean the names, index by blocking
    (postcode, phone) plus a sorted neighbourhood on the name, compare (Jaro-Winkler on names,
    street and city; exact on VAT, postcode, phone, email domain), classify with ECM. The file
    is deduplicated with itself and linked to the partners."""
    import pandas
    import recordlinkage as rl
    from recordlinkage.preprocessing import clean, phonenumbers

    frames = []
    for name in ("vendors.csv", "partners.csv"):
        frame = pandas.read_csv(os.path.join(folder, name), dtype=str, keep_default_na=False)
        frame = frame.set_index("ref")
        frame["name_clean"] = clean(frame["name"])
        frame["vat_clean"] = frame["vat"].str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
        frame["vat_clean"] = frame["vat_clean"].str.replace(r"^[A-Z]{2}", "", regex=True)
        frame["phone_clean"] = phonenumbers(frame["phone"]).str[-9:]
        frame["postcode_clean"] = frame["postcode"].str.upper().str.replace(" ", "")
        frame["domain"] = frame["email"].str.lower().str.split("@").str[-1]
        for column in ("vat_clean", "phone_clean", "postcode_clean", "domain"):
            frame.loc[frame[column] == "", column] = None
        frames.append(frame)
    vendors, partners = frames
    _rows, _partners, truth = read(folder)

    def pipeline(*dfs):
        indexer = rl.Index()
        indexer.block("postcode_clean")
        indexer.block("phone_clean")
        indexer.sortedneighbourhood("name_clean", window=9)
        candidates = indexer.index(*dfs)
        comparer = rl.Compare()
        comparer.string(
            "name_clean", "name_clean", method="jarowinkler", threshold=0.85, label="name"
        )
        comparer.exact("vat_clean", "vat_clean", label="vat")
        comparer.string("street", "street", method="jarowinkler", threshold=0.85, label="street")
        comparer.exact("postcode_clean", "postcode_clean", label="postcode")
        comparer.string("city", "city", method="jarowinkler", threshold=0.85, label="city")
        comparer.exact("phone_clean", "phone_clean", label="phone")
        comparer.exact("domain", "domain", label="domain")
        return candidates, comparer.compute(candidates, *dfs)

    start, cpu = time.perf_counter(), time.process_time()
    cand_a, feat_a = pipeline(vendors)
    cand_b, feat_b = pipeline(vendors, partners)
    features = pandas.concat([feat_a, feat_b])
    links = rl.ECMClassifier(binarize=0.5).fit_predict(features)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    predicted = {tuple(sorted(pair)) for pair in links}
    precision, recall, f1 = scores(predicted, truth)
    return {
        "engine": "recordlinkage ECM",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "candidates": len(cand_a) + len(cand_b),
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak_mib(),
        "review": 0,
        "review_true": 0,
        "truth": len(truth),
        "fp": len(predicted - truth),
        "fn": len(truth - predicted),
    }


def recordlinkage_python():
    """A Python that imports recordlinkage: this one, or the bench venv's; None otherwise."""
    for python in (sys.executable, str(BENCH_VENV / "bin" / "python")):
        if not os.path.exists(python):
            continue
        check = subprocess.run(
            [python, "-c", "import recordlinkage, pandas"], capture_output=True, check=False
        )
        if check.returncode == 0:
            return python
    return None


def child(python, engine, folder, verbose=False):
    """One engine in a fresh process (its own peak memory); its JSON result."""
    command = [python, __file__, "--engine", engine, "--data", folder]
    if verbose:
        command.append("--verbose")
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if verbose or out.returncode:
        sys.stderr.write(out.stderr)
    if out.returncode:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=gen_vendors.FILE_ROWS)
    parser.add_argument("--existing", type=int, default=gen_vendors.EXISTING)
    parser.add_argument("--sizes", help="comma-separated file sizes (existing scales along)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--no-recordlinkage", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="weights and error samples")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        run = run_ours if args.engine == "ours" else run_recordlinkage
        result = run(args.data, args.verbose) if args.engine == "ours" else run(args.data)
        print(json.dumps(result))
        return

    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.rows]
    rl_python = None if args.no_recordlinkage else recordlinkage_python()
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            existing = args.existing * size // args.rows
            folder = os.path.join(tmp, str(size))
            rows, partners, truth = gen_vendors.generate(size, existing, args.seed)
            gen_vendors.write(folder, rows, partners, truth)
            ours = child(sys.executable, "ours", folder, args.verbose)
            if ours:
                table.append((size, existing, ours))
            if rl_python:
                theirs = child(rl_python, "recordlinkage", folder)
                if theirs:
                    table.append((size, existing, theirs))
    header = (
        f"{'rows':>6} {'existing':>8} {'engine':<18} {'precision':>9} {'recall':>7} {'F1':>7} "
        f"{'candidates':>10} {'seconds':>8} {'cpu s':>6} {'peak MiB':>8} {'review':>6} {'(true)':>6} {'FP':>5} {'FN':>5} {'true':>5}"
    )
    print(header)
    print("-" * len(header))
    for size, existing, row in table:
        print(
            f"{size:>6} {existing:>8} {row['engine']:<18} {row['precision']:>9.4f} "
            f"{row['recall']:>7.4f} {row['f1']:>7.4f} {row['candidates']:>10} "
            f"{row['seconds']:>8.2f} {row['cpu']:>6.2f} {row['peak_mib']:>8.1f} {row['review']:>6} {row['review_true']:>6} "
            f"{row['fp']:>5} "
            f"{row['fn']:>5} {row['truth']:>5}"
        )
    if not rl_python and not args.no_recordlinkage:
        print("recordlinkage: not installed (pip install recordlinkage in the bench venv)")
    ours = [row for _s, _e, row in table if row["engine"] == "hc matching"]
    met = bool(ours) and all(
        r["f1"] >= 0.98 and r["precision"] >= 0.995 and r["seconds"] < 30 for r in ours
    )
    print(f"target F1 >= 0.98 at precision >= 0.995 in < 30 s: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
