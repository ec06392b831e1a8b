"""Staging memory stays flat in file size, whatever the data (issue #17, item 3).

Stages supplier files of N rows in a fresh process per measurement (staging, validation,
keys duplicated in the file, deduplication; inline, in one rolled-back transaction) and
prints the peak of Python's heap during the staging (``tracemalloc``) and the peak RSS
growth, for two files that used to make memory grow with the square of a repeated key:

- ``placeholder``: one supplier code on every row (a placeholder left in a legacy export),
  every other value distinct: every row is rejected (unique in the file) with a bounded
  reason, and every row sits in one dedup block of N rows;
- ``identical``: one code and one name on every row (the corpus's one-code-everywhere
  file): every row is a twin of the first, one cluster of N rows.

    bash scripts/bench.sh bench/bench_dedup_memory.py [--sizes 10000,50000]

The file's own bytes are in memory while it is read (Odoo reads an attachment whole); beyond
them, flat means the peak at the largest size is about the peak at the smallest: the staging
holds one chunk of rows, deduplication streams candidate pairs a page at a time from SQL, twins of
a row follow it in SQL. The rows themselves (and their reasons) live in PostgreSQL.
"""

import base64
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

from common import environment, parse_args, vacuum


def make_csv(size, shape):
    lines = ["Supplier Code,Name,VAT,Email,Phone,City"]
    for i in range(size):
        if shape == "identical":
            lines.append("S-0,TBD,,,,")
        else:
            lines.append(
                f"S-0,Supplier {i:06d} {'ABCDEFGHIJ'[i % 10]}urgical,,"
                f"orders{i}@supplier{i}.example,+44 20 {i:08d},{('Leeds', 'York', 'Ghent')[i % 3]}"
            )
    return ("\n".join(lines) + "\n").encode()


def child(db, size, shape):
    content = make_csv(size, shape)
    file_mb = len(content) / 2**20
    with environment(db) as env:
        env["ir.config_parameter"].set_param("hc_migration.job_inline_rows", str(10**9))
        domain = env.ref("hc_migration.domain_suppliers")
        run = env["hc.migration.run"].create(
            {"domain_id": domain.id, "file": base64.b64encode(content), "filename": "bench.csv"}
        )
        del content
        env.flush_all()
        env.invalidate_all()  # as in the job: the run is read fresh, its file from the filestore
        env["res.partner"].search_count([])  # registry and caches warm before the baseline
        baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()
        start = time.perf_counter()
        run.action_stage()
        seconds = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result = {
            "size": size,
            "shape": shape,
            "seconds": round(seconds, 2),
            "peak_mb": peak / 2**20,
            "file_mb": file_mb,
            "rss_growth_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            - baseline_mb,
            "read": run.rows_read,
            "rejected": run.rows_rejected,
            "clusters": run.dup_found,
            "pairs": run.dedup_pairs,
            "accounted": run.rows_accounted,
        }
    print(json.dumps(result))


def main():
    args = parse_args(__doc__)
    if os.environ.get("HC_BENCH_CHILD"):
        size, shape = os.environ["HC_BENCH_CHILD"].split(":")
        child(args.db, int(size), shape)
        return
    sizes = [int(s) for s in (args.sizes or "10000,50000").split(",")]
    print(
        f"{'file':<12}{'rows':>8}{'seconds':>9}{'file MB':>9}{'heap peak MB':>14}"
        f"{'peak - file':>13}"
        f"{'RSS +MB':>9}{'pairs':>9}{'clusters':>9}  every row counted"
    )
    for shape in ("placeholder", "identical"):
        peaks = {}
        for size in sizes:
            vacuum(args.db)
            env = dict(os.environ, HC_BENCH_CHILD=f"{size}:{shape}")
            out = subprocess.run(
                [sys.executable, *sys.argv], env=env, capture_output=True, text=True, check=False
            )
            line = [x for x in out.stdout.splitlines() if x.startswith("{")]
            if not line:
                print(out.stdout[-2000:], out.stderr[-4000:])
                raise SystemExit(f"{shape} {size} failed")
            r = json.loads(line[-1])
            peaks[size] = r["peak_mb"] - r["file_mb"]
            print(
                f"{shape:<12}{size:>8}{r['seconds']:>9.1f}{r['file_mb']:>9.1f}{r['peak_mb']:>14.1f}"
                f"{r['peak_mb'] - r['file_mb']:>13.1f}{r['rss_growth_mb']:>9.1f}"
                f"{r['pairs']:>9}{r['clusters']:>9}  {r['accounted']} "
                f"({r['read']} read, {r['rejected']} rejected)",
                flush=True,
            )
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            print(
                f"{shape:<12} heap peak beyond the file's own bytes, {large:,} / {small:,} rows: "
                f"{peaks[large] / peaks[small]:.2f} (file {large / small:.0f}x larger)"
            )


if __name__ == "__main__":
    main()
