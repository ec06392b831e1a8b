"""Migration workbench against Odoo's own base_import on the same supplier file.

Generates a supplier workbook of N rows (3 % near-duplicates, 2 % invalid rows), then in a
fresh process per measurement (so peak memory is that run's own): our pipeline (stage +
validate + deduplicate + load through the ORM) and base_import loading the valid rows as
CSV. Prints seconds and peak RSS; memory should stay flat in file size (compare sizes) and
our full pipeline should beat base_import's plain load. Every run is rolled back.

    bash scripts/bench.sh bench/bench_migration.py [--sizes 10000,50000]
"""

import base64
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import time

from common import environment, parse_args
from openpyxl import Workbook


def make_rows(size, seed=7):
    rnd = random.Random(seed)
    words = [
        "Medical",
        "Surgical",
        "Sterile",
        "Diagnostics",
        "Linen",
        "Pharma",
        "Care",
        "Supplies",
        "Gases",
        "Imaging",
    ]
    rows = []
    for i in range(size):
        name = f"{rnd.choice(words)} {rnd.choice(words)} {i:06d} Ltd"
        rows.append(
            [
                f"S-{i:06d}",
                name,
                "",
                f"orders{i}@supplier{i}.example",
                f"+44 20 {i:08d}",
                rnd.choice(["Leeds", "York", "Ghent"]),
            ]
        )
    for i in rnd.sample(range(size), int(size * 0.03)):  # near-duplicates of another row
        j = (i + 1) % size
        rows[i] = [
            f"S-{i:06d}",
            rows[j][1].upper().replace(" LTD", ""),
            "",
            "",
            rows[j][4],
            rows[j][5],
        ]
    for i in rnd.sample(range(size), int(size * 0.02)):  # invalid: no name or bad email
        rows[i][1 if i % 2 else 3] = "" if i % 2 else "not-an-email"
    return rows


def workbook(rows):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Suppliers")
    ws.append(["Supplier Code", "Name", "VAT", "Email", "Phone", "City"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def child(db, size, mode):
    rows = make_rows(size)
    with environment(db) as env:
        env = env(context=dict(env.context, tracking_disable=True))
        start = time.perf_counter()
        if mode == "ours":
            domain = env.ref("hc_migration.domain_suppliers")
            run = env["hc.migration.run"].create(
                {
                    "domain_id": domain.id,
                    "file": base64.b64encode(workbook(rows)),
                    "filename": "bench.xlsx",
                }
            )
            run.action_stage()
            run.cluster_ids.action_merge()
            run.action_load()
            extra = {
                "rejected": run.rows_rejected,
                "clusters": run.dup_found,
                "created": run.loaded_created,
            }
        else:
            valid = [r for r in rows if r[1] and "@" in (r[3] or "@")]
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(["ref", "name", "vat", "email", "phone", "city"])
            writer.writerows(valid)
            importer = env["base_import.import"].create(
                {
                    "res_model": "res.partner",
                    "file": buf.getvalue().encode(),
                    "file_name": "bench.csv",
                    "file_type": "text/csv",
                }
            )
            result = importer.execute_import(
                ["ref", "name", "vat", "email", "phone", "city"],
                ["ref", "name", "vat", "email", "phone", "city"],
                {"quoting": '"', "separator": ",", "has_headers": True},
            )
            extra = {
                "created": len(result.get("ids") or []),
                "messages": len(result.get("messages") or []),
            }
        seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"size": size, "mode": mode, "seconds": seconds, "rss_mb": rss_mb, **extra}))


def main():
    args = parse_args(__doc__)
    if os.environ.get("HC_BENCH_CHILD"):
        size, mode = os.environ["HC_BENCH_CHILD"].split(":")
        child(args.db, int(size), mode)
        return
    sizes = [int(s) for s in (args.sizes or "10000,50000").split(",")]
    results = {}
    for size in sizes:
        for mode in ("ours", "base_import"):
            env = dict(os.environ, HC_BENCH_CHILD=f"{size}:{mode}")
            out = subprocess.run(
                [sys.executable, *sys.argv], env=env, capture_output=True, text=True, check=False
            )
            line = [x for x in out.stdout.splitlines() if x.startswith("{")]
            if not line:
                print(out.stdout[-2000:], out.stderr[-4000:])
                raise SystemExit(f"{mode} {size} failed")
            results[(size, mode)] = json.loads(line[-1])
            r = results[(size, mode)]
            print(
                f"rows={size:>6} {mode:<11} {r['seconds']:8.2f}s  peak RSS {r['rss_mb']:7.1f} MB  {json.dumps({k: v for k, v in r.items() if k not in ('size', 'mode', 'seconds', 'rss_mb')})}",
                flush=True,
            )
        ours, theirs = results[(size, "ours")], results[(size, "base_import")]
        print(f"rows={size:>6} ours / base_import time: {ours['seconds'] / theirs['seconds']:.2f}")
    if len(sizes) > 1:
        a, b = results[(sizes[0], "ours")], results[(sizes[-1], "ours")]
        print(
            f"peak RSS ours {sizes[0]} -> {sizes[-1]} rows: {a['rss_mb']:.0f} -> {b['rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
