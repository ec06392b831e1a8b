"""The migration workbench in production mode, through the same path as the UI.

Starts Odoo in prefork mode (``--workers=2``, default request limits: ``limit_time_real``
120 s, ``limit_time_cpu`` 60 s) on a scratch copy of the bench database, logs in over HTTP as
a migration lead and a data owner (JSON-RPC, the web client's own ``/web/dataset/call_kw``),
and runs a 50,000-row supplier workbook (bench_migration.py's file: 3 % near-duplicates, 2 %
invalid) the way the form does: create the run with its file, click *Stage and validate*
(``action_stage``: the request only queues the job), wait for the background job while
printing its progress (records done / total, rate, time left, read from the run), the data
owner merges the duplicates (``action_merge``), click *Load into Odoo* (``action_load``),
wait again. Measured with 1 and 2 cron job workers (``--max-cron-threads``): the load's
chunks run in parallel on two lanes. Every request and job must finish inside the default
limits (the server log is checked for killed workers).

Against ``base_import`` loading the valid rows of the same file (in its own process, as in
bench_migration.py), side by side: prints seconds per step, the ratio to base_import and the
peak RSS of the busiest worker process.

    bash scripts/bench.sh bench/bench_migration_workers.py [--sizes 50000] [--threads 1,2]
"""

import argparse
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import psutil
import requests
from bench_migration import POOL_EMPLOYEES, write_files
from common import committed_environment, employee_pool, scratch_database, vacuum

from odoo.tools import config

HERE = os.path.dirname(os.path.abspath(__file__))
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
USERS = {
    "bench_lead": "hc_migration.group_migration_lead",
    "bench_owner": "hc_migration.group_data_owner",
}


def parse():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=os.environ.get("HC_BENCH_DB", "hc_bench"))
    parser.add_argument("--conf", default=os.environ.get("HC_BENCH_CONF"))
    parser.add_argument("--sizes", default="50000")
    parser.add_argument("--threads", default="1,2", help="cron job workers to compare")
    parser.add_argument("--port", type=int, default=int(os.environ.get("HC_BENCH_PORT", 18225)))
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between progress reads")
    parser.add_argument(
        "--pool",
        type=int,
        default=POOL_EMPLOYEES,
        help="employees (hence partners) in the database",
    )
    args = parser.parse_args()
    options = ["-d", args.db]
    if args.conf:
        options = ["-c", args.conf, *options]
    config.parse_config(options)
    return args


def prepare(db):
    """The bench database's lead and data owner (password = login), committed once; the
    suppliers domain belongs to the owner."""
    with committed_environment(db) as env:
        for login, group in USERS.items():
            user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
            if not user:
                user = env["res.users"].create(
                    {"name": login, "login": login, "password": login, "group_ids": [(6, 0, [])]}
                )
            user.write(
                {
                    "active": True,
                    "password": login,
                    "group_ids": [(4, env.ref("base.group_user").id), (4, env.ref(group).id)],
                }
            )
        domain = env.ref("hc_migration.domain_suppliers")
        domain.owner_id = env["res.users"].search([("login", "=", "bench_owner")])
        env.cr.commit()
        return domain.id


class Client:
    """A web-client session: JSON-RPC to /web/dataset/call_kw, as the form's buttons."""

    def __init__(self, url, db, login):
        self.url = url
        self.session = requests.Session()
        self.post("/web/session/authenticate", {"db": db, "login": login, "password": login})

    def post(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=600,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(json.dumps(body["error"])[:2000])
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Server:
    """Odoo in prefork mode on a scratch database; the peak RSS of its processes."""

    def __init__(self, args, db, threads, logfile):
        self.db, self.logfile, self.port = db, logfile, args.port
        command = [
            sys.executable,
            os.path.join(ODOO_SRC, "odoo-bin"),
            *(["-c", args.conf] if args.conf else []),
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--workers=2",
            f"--max-cron-threads={threads}",
            f"--http-port={self.port}",
            "--http-interface=127.0.0.1",
            "--log-level=info",
            f"--logfile={logfile}",
        ]
        self.process = subprocess.Popen(command, start_new_session=True)
        self.peak = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/web/login", timeout=5).status_code == 200:
                    return
            time.sleep(1)
        self.stop()
        raise SystemExit(f"the server did not start (see {logfile})")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def sample(self):
        with contextlib.suppress(psutil.Error):
            for proc in psutil.Process(self.process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    rss = proc.memory_info().rss / 2**20
                    self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), rss)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def killed_workers(self):
        with open(self.logfile, encoding="utf-8", errors="replace") as fh:
            log = fh.read()
        return re.findall(r".*(?:timeout after|limit \(.*\) reached|Traceback).*", log)


def wait_for_job(server, lead, run_id, step, poll, quiet=False):
    """Read the run's job every ``poll`` seconds (as the form would on reload) until it
    ends; print its progress every 10 seconds."""
    fields_ = ["state", "job_state", "job_done", "job_total", "job_rate", "job_time_left"]
    printed = 0.0
    while True:
        server.sample()
        run = lead.call("hc.migration.run", "read", [run_id], fields_)[0]
        ended = run["job_state"] in ("done", "failed")
        if not quiet and (ended or time.monotonic() - printed >= 10):
            printed = time.monotonic()
            print(
                f"    {step:<6} {run['job_state'] or '-':<8} {run['job_done']:>7} / "
                f"{run['job_total']:<7} {run['job_rate']:8.1f} rows/s  "
                f"left {run['job_time_left'] or '-'}",
                flush=True,
            )
        if ended:
            return run
        time.sleep(poll)


def warm_up(server, lead, domain_id, folder):
    """A 3,000-row staging in the background before measuring: the cron workers load their
    registry once (base_import's process is measured with its registry loaded too)."""
    with open(os.path.join(folder, "suppliers_3000.xlsx"), "rb") as fh:
        content = base64.b64encode(fh.read()).decode()
    run_id = lead.call(
        "hc.migration.run",
        "create",
        [{"domain_id": domain_id, "file": content, "filename": "warm_up.xlsx"}],
    )[0]
    lead.call("hc.migration.run", "action_stage", [run_id])
    wait_for_job(server, lead, run_id, "warmup", 1, quiet=True)


def measure(args, db, size, threads, folder, domain_id):
    logfile = os.path.join(folder, f"server_{size}_{threads}.log")
    server = Server(args, db, threads, logfile)
    try:
        lead = Client(server.url, db, "bench_lead")
        owner = Client(server.url, db, "bench_owner")
        warm_up(server, lead, domain_id, folder)
        with open(os.path.join(folder, f"suppliers_{size}.xlsx"), "rb") as fh:
            content = base64.b64encode(fh.read()).decode()
        run_id = lead.call(
            "hc.migration.run",
            "create",
            [{"domain_id": domain_id, "file": content, "filename": f"suppliers_{size}.xlsx"}],
        )[0]
        result = {"threads": threads}
        start = time.perf_counter()
        lead.call("hc.migration.run", "action_stage", [run_id])
        result["stage_click_s"] = time.perf_counter() - start
        run = wait_for_job(server, lead, run_id, "stage", args.poll)
        result["stage_s"] = time.perf_counter() - start
        if run["job_state"] != "done":
            raise SystemExit(f"staging failed: {run}")
        mark = time.perf_counter()
        clusters = owner.call(
            "hc.migration.cluster", "search", [["run_id", "=", run_id], ["state", "=", "pending"]]
        )
        for i in range(0, len(clusters), 250):  # as the list view's "select all" would
            owner.call("hc.migration.cluster", "action_merge", clusters[i : i + 250])
        result["merge_s"] = time.perf_counter() - mark
        mark = time.perf_counter()
        lead.call("hc.migration.run", "action_load", [run_id])
        result["load_click_s"] = time.perf_counter() - mark
        run = wait_for_job(server, lead, run_id, "load", args.poll)
        result["load_s"] = time.perf_counter() - mark
        result["seconds"] = time.perf_counter() - start
        final = lead.call(
            "hc.migration.run",
            "read",
            [run_id],
            ["state", "rows_read", "rows_rejected", "dup_found", "loaded_created", "load_errors"],
        )[0]
        result.update({k: v for k, v in final.items() if k != "id"})
        result["peak_rss_mb"] = max(server.peak.values(), default=0)
    finally:
        server.stop()
    result["killed"] = server.killed_workers()
    return result


def base_import(args, size, folder):
    """bench_migration.py's base_import measurement, in its own process."""
    vacuum(args.db)
    env = dict(os.environ, HC_BENCH_CHILD=f"{size}:base_import:{folder}")
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "bench_migration.py"), "--db", args.db]
        + (["--conf", args.conf] if args.conf else []),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = [x for x in out.stdout.splitlines() if x.startswith("{")]
    if not line:
        print(out.stdout[-2000:], out.stderr[-4000:])
        raise SystemExit("base_import failed")
    return json.loads(line[-1])


def main():
    args = parse()
    if args.pool:
        employee_pool(args.db, args.pool)
    domain_id = prepare(args.db)
    folder = tempfile.mkdtemp(prefix="hc_bench_workers_")
    write_files(3000, folder)  # the warm-up file
    for size in [int(s) for s in args.sizes.split(",")]:
        write_files(size, folder)
        theirs = base_import(args, size, folder)
        print(
            f"rows={size:>6} base_import {theirs['seconds']:8.2f}s  peak RSS "
            f"{theirs['rss_mb']:7.1f} MB",
            flush=True,
        )
        for threads in [int(t) for t in args.threads.split(",")]:
            vacuum(args.db)
            with scratch_database(args.db) as scratch:
                print(f"rows={size:>6} cron workers={threads}: prefork server on {scratch}")
                ours = measure(args, scratch, size, threads, folder, domain_id)
            pipeline = ours["seconds"] - ours["merge_s"]
            print(
                f"rows={size:>6} cron workers={threads}  pipeline (stage + load) {pipeline:.2f}s, "
                f"ours / base_import {pipeline / theirs['seconds']:.2f}",
                flush=True,
            )
            print(
                f"rows={size:>6} cron workers={threads}  total {ours['seconds']:8.2f}s "
                f"(stage {ours['stage_s']:.1f} + merge {ours['merge_s']:.1f} + load "
                f"{ours['load_s']:.1f}; clicks {ours['stage_click_s']:.2f} / "
                f"{ours['load_click_s']:.2f} s)  ours / base_import "
                f"{ours['seconds'] / theirs['seconds']:.2f}  peak worker RSS "
                f"{ours['peak_rss_mb']:.0f} MB  {ours['state']}: read {ours['rows_read']}, "
                f"created {ours['loaded_created']}, errors {ours['load_errors']}",
                flush=True,
            )
            for line in ours["killed"]:
                print(f"    SERVER LOG: {line}")
            if not ours["killed"]:
                print("    no worker killed, no request or job over the default limits")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
