"""Proof: a background load survives a killed cron worker (issue #17, item 4), in production mode.

Starts Odoo in prefork mode (``--workers=2``, ``--max-cron-threads`` 2 by default, Odoo's
default request and worker limits) on a fresh database with hc_migration and its demo data
(installed here, or copied from ``--template``), logs in over HTTP as the demo migration lead
(``marcus``) and data owner of suppliers (``ravi``) and drives a generated supplier workbook
the way the form does (JSON-RPC ``/web/dataset/call_kw``): create the run with its file,
*Stage and validate* (``action_stage``), the owner merges the duplicates (``action_merge``),
*Load into Odoo* (``action_load``: the request only queues the job). Once the run shows some
chunks loaded, it finds the cron worker process that is writing a chunk of this run (the
PostgreSQL backend holding the chunk's advisory lock, mapped to its process by the TCP
port of its connection; the process must be a cron worker child of the prefork master) and sends
it ``SIGKILL`` (``--kills`` times). The master respawns the worker; the job goes on.

It then checks that the run ends either *completed* (every row of the load plan loaded,
exactly once: no row left behind, one external id per source key, no two partners with the
same supplier code, as many partners created as the run counts) or *rolled back* cleanly
(no record of the run left, every row valid again), and that the run says which (its job
note, interruption count and chatter). Prints what happened (times, counts, messages) and
exits non-zero if a check fails.

    source scripts/env.sh && "$HC_PY" bench/proof_killed_worker.py [--rows 20000] [--kills 1]
    [--cron-threads 2] [--chunk-rows N] [--template DB] [--db NAME] [--port 8975] [--keep]

``--kills 4`` (more than the job's three allowed interruptions) shows the other outcome: the
load gives up and rolls itself back. ``scripts/test.sh`` runs a small variant (``--rows 6000
--chunk-rows 500`` on a copy of its test database).
"""

import argparse
import base64
import contextlib
import html
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import psutil
import psycopg2
import requests
from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
# odoo-bin of a source checkout, or the launcher of a packaged install (scripts/env.sh)
ODOO_BIN = os.environ.get("HC_ODOO_BIN") or os.path.join(ODOO_SRC, "odoo-bin")
# hc_migration_run_job.py: advisory lock keys are LOCK_BASE | run id << 24 | chunk number
LOCK_BASE = 0x4843 << 48
RUN_LOCK = (1 << 24) - 1
LEAD, OWNER = "marcus", "ravi"  # demo logins, password = login
HEADER = ["Supplier Code", "Name", "VAT", "Email", "Phone", "City"]

T0 = time.monotonic()
NOTED = []  # when the run first counted 1, 2, ... interruptions


def say(message):
    print(f"[{time.monotonic() - T0:7.1f}s] {message}", flush=True)


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--db", default="hc_proof_killed_worker")
    parser.add_argument("--template", help="copy this database (hc_migration with demo data)")
    parser.add_argument(
        "--existing", action="store_true", help="use --db as it is (hc_migration with demo data)"
    )
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--kills", type=int, default=1)
    parser.add_argument("--cron-threads", type=int, default=2)
    parser.add_argument("--chunk-rows", type=int, help="hc_migration.job_chunk_rows (1000)")
    parser.add_argument(
        "--kill-after", type=float, default=0.15, help="share of the load done before a kill"
    )
    parser.add_argument("--port", type=int, default=8975)
    parser.add_argument("--timeout", type=float, default=900, help="seconds for each job")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args()


# ------------------------------------------------------------------------ database
def pg_params(db="postgres"):
    return {
        "host": os.environ.get("HC_DB_HOST", "localhost"),
        "port": int(os.environ.get("HC_DB_PORT", 5432)),
        "user": os.environ.get("HC_DB_USER", "odoo"),
        "password": os.environ.get("HC_DB_PASSWORD", "odoo"),
        "dbname": db,
    }


@contextlib.contextmanager
def connect(db="postgres"):
    cnx = psycopg2.connect(**pg_params(db))
    cnx.autocommit = True
    try:
        with cnx.cursor() as cr:
            yield cr
    finally:
        cnx.close()


def query(db, sql, params=()):
    with connect(db) as cr:
        cr.execute(sql, params)
        return cr.fetchall() if cr.description else None


def drop_database(db):
    """Drop ``db``; the server is stopped, but autovacuum may still be busy in it."""
    for _attempt in range(30):
        try:
            query("postgres", f'DROP DATABASE IF EXISTS "{db}"')
            return
        except psycopg2.errors.ObjectInUse:
            time.sleep(1)
    say(f"could not drop {db}: still in use")


def addons_path():
    paths = [os.path.join(ODOO_SRC, "odoo", "addons")]
    if os.path.isdir(os.path.join(ODOO_SRC, "addons")):
        paths.append(os.path.join(ODOO_SRC, "addons"))
    return ",".join([*paths, os.path.join(ROOT, "addons")])


def odoo_command(db, *options):
    return [
        sys.executable,
        ODOO_BIN,
        "-c",
        os.path.join(ROOT, "odoo.conf"),
        f"--addons-path={addons_path()}",
        f"--data-dir={os.environ.get('HC_DATA_DIR', os.path.expanduser('~/.local/share/hc-suite'))}",
        f"--db_host={pg_params()['host']}",
        f"--db_port={pg_params()['port']}",
        f"--db_user={pg_params()['user']}",
        f"--db_password={pg_params()['password']}",
        "-d",
        db,
        *options,
    ]


def create_database(args, folder):
    if args.existing:
        say(f"database {args.db}: as it is")
    elif args.template:
        drop_database(args.db)
        query("postgres", f'CREATE DATABASE "{args.db}" TEMPLATE "{args.template}"')
        say(f"database {args.db}: copy of {args.template}")
    else:
        drop_database(args.db)
        log = os.path.join(folder, "install.log")
        start = time.monotonic()
        with open(log, "w", encoding="utf-8") as fh:
            rc = subprocess.call(
                odoo_command(
                    args.db,
                    "-i",
                    "hc_migration",
                    "--with-demo",
                    "--stop-after-init",
                    "--workers=0",
                    "--max-cron-threads=0",
                    f"--http-port={args.port}",
                    "--http-interface=127.0.0.1",
                    "--log-level=warn",
                ),
                stdout=fh,
                stderr=subprocess.STDOUT,
            )
        if rc:
            raise SystemExit(f"installing hc_migration failed (see {log})")
        say(
            f"database {args.db}: hc_migration installed with demo data ({time.monotonic() - start:.0f} s)"
        )
    if args.chunk_rows:
        query(
            args.db,
            "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            ("hc_migration.job_chunk_rows", str(args.chunk_rows)),
        )


# -------------------------------------------------------------------------- server
class Server:
    """Odoo in prefork mode; its processes."""

    def __init__(self, args, logfile):
        self.logfile, self.url = logfile, f"http://127.0.0.1:{args.port}"
        command = odoo_command(
            args.db,
            f"--db-filter=^{args.db}$",
            "--workers=2",
            f"--max-cron-threads={args.cron_threads}",
            f"--http-port={args.port}",
            "--http-interface=127.0.0.1",
            "--log-level=info",
            f"--logfile={logfile}",
        )
        self.process = subprocess.Popen(command, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/web/login", timeout=5).status_code == 200:
                    return
            time.sleep(1)
        self.stop()
        raise SystemExit(f"the server did not start (see {logfile})")

    def workers(self, kind="cron"):
        """{pid: description} of the master's children of ``kind``. setproctitle is
        optional (without it every worker shows the master's command line): a cron worker
        is told by its connection to the ``postgres`` database (``LISTEN cron_trigger``,
        opened when it starts), an HTTP worker has none (the gevent process is left out)."""
        listeners = {
            int(app[5:])
            for (app,) in query(
                "postgres",
                "SELECT application_name FROM pg_stat_activity "
                "WHERE datname = 'postgres' AND application_name LIKE 'odoo-%%'",
            )
            if app[5:].isdigit()
        }
        found = {}
        with contextlib.suppress(psutil.Error):
            for proc in psutil.Process(self.process.pid).children():
                with contextlib.suppress(psutil.Error):
                    if "gevent" in proc.cmdline():
                        continue
                    if (proc.pid in listeners) == (kind == "cron"):
                        found[proc.pid] = f"{'cron' if kind == 'cron' else 'http'} worker"
        return found

    def stop(self):
        """SIGTERM (Odoo waits for its workers' current work), then, after 15 s, SIGKILL to
        the server's own process group (it was started in a session of its own)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_lines(self, pattern):
        with open(self.logfile, encoding="utf-8", errors="replace") as fh:
            return [line.rstrip() for line in fh if re.search(pattern, line)]


class Client:
    """A web-client session: JSON-RPC to /web/dataset/call_kw, as the form's buttons."""

    def __init__(self, url, db, login):
        self.url, self.session = url, requests.Session()
        self.post("/web/session/authenticate", {"db": db, "login": login, "password": login})

    def post(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=300,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(str(body["error"])[:2000])
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


# ---------------------------------------------------------------------------- file
def supplier_rows(size):
    """Suppliers with 3 % near-duplicates of another row and 2 % invalid rows (as
    bench_migration.py's file, other codes so that they meet no demo partner)."""
    rnd = random.Random(17)
    words = "Medical Surgical Sterile Diagnostics Linen Pharma Care Supplies Gases".split()
    rows = [
        [
            f"K-{i:06d}",
            f"{rnd.choice(words)} {rnd.choice(words)} {i:06d} Ltd",
            "",
            f"orders{i}@killproof{i}.example",
            f"+44 20 {i:08d}",
            rnd.choice(["Leeds", "York", "Ghent"]),
        ]
        for i in range(size)
    ]
    for i in rnd.sample(range(size), int(size * 0.03)):
        j = (i + 1) % size
        rows[i] = [
            f"K-{i:06d}",
            rows[j][1].upper().replace(" LTD", ""),
            "",
            "",
            rows[j][4],
            rows[j][5],
        ]
    for i in rnd.sample(range(size), int(size * 0.02)):
        rows[i][1 if i % 2 else 3] = "" if i % 2 else "not-an-email"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Suppliers")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- steps
RUN_FIELDS = [
    "state",
    "job_kind",
    "job_state",
    "job_note",
    "job_done",
    "job_total",
    "job_rate",
    "job_interruptions",
]


def read_run(lead, run_id, extra=()):
    return lead.call("hc.migration.run", "read", [run_id], [*RUN_FIELDS, *extra])[0]


def wait_for_job(lead, run_id, step, timeout, until=None, poll=0.5):
    """Poll the run as the form would; print progress every 5 s. Returns the run when its
    job ends (or when ``until(run)`` holds)."""
    printed, deadline = 0.0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = read_run(lead, run_id)
        while len(NOTED) < run["job_interruptions"]:
            NOTED.append(time.monotonic())
        ended = run["job_state"] in ("done", "failed")
        if ended or time.monotonic() - printed >= 5:
            printed = time.monotonic()
            say(
                f"  {step:<8} {run['job_kind'] or '-':<8} {run['job_state'] or '-':<7} "
                f"{run['job_done']:>6} / {run['job_total']:<6} {run['job_rate']:7.1f} rows/s  "
                f"interruptions {run['job_interruptions']}  note {run['job_note'] or '-'}"
            )
        if ended or (until and until(run)):
            return run
        time.sleep(poll)
    raise SystemExit(f"{step}: the job did not end within {timeout:.0f} s: {run}")


def chunk_holders(server, db, run_id):
    """{OS pid: chunk number} of the server's processes holding a chunk lock of the run.
    The PostgreSQL backend holding the lock is mapped to the Odoo process by its TCP client
    port (``application_name`` is no help: the workers inherit the master's registry, whose
    connections are named after the master's pid)."""
    rows = query(
        db,
        """
        SELECT a.client_port, (l.classid::bigint << 32) | l.objid::bigint
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND a.datname = %s
        """,
        (db,),
    )
    ports = {}
    with contextlib.suppress(psutil.Error):
        for proc in psutil.Process(server.process.pid).children():
            with contextlib.suppress(psutil.Error):
                connections = getattr(proc, "net_connections", None) or proc.connections
                for conn in connections(kind="tcp"):
                    if conn.raddr and conn.raddr.port == pg_params()["port"]:
                        ports[conn.laddr.port] = proc.pid
    holders = {}
    for port, key in rows:
        ours = key >> 24 == (LOCK_BASE >> 24) + run_id and key & RUN_LOCK != RUN_LOCK
        if ours and port in ports:
            holders[ports[port]] = key & RUN_LOCK
    return holders


def kill_lane(args, server, run_id):
    """SIGKILL the cron worker writing a chunk of the run; returns (pid, chunk)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        crons = server.workers()
        for pid, chunk in chunk_holders(server, args.db, run_id).items():
            if pid in crons:
                os.kill(pid, signal.SIGKILL)
                return pid, chunk, crons[pid]
        time.sleep(0.05)
    raise SystemExit("no cron worker was seen writing a chunk of the run")


def loaded_counts(db, run_id):
    """What the database holds for the run, in SQL (not through the run's own counters)."""
    (plan, left, loaded, errors, created, updated) = query(
        db,
        """
        SELECT count(*) FILTER (WHERE job_chunk IS NOT NULL),
               count(*) FILTER (WHERE job_chunk IS NOT NULL AND state = 'valid'),
               count(*) FILTER (WHERE state = 'loaded'),
               count(*) FILTER (WHERE state = 'error'),
               count(DISTINCT res_id) FILTER (WHERE state = 'loaded' AND load_action = 'created'),
               count(DISTINCT res_id) FILTER (WHERE state = 'loaded' AND load_action = 'updated')
          FROM hc_migration_row WHERE run_id = %s
        """,
        (run_id,),
    )[0]
    # partners carrying one of the file's supplier codes (ref K000000...), and duplicates
    partners, codes_held, dupes = query(
        db,
        """
        SELECT count(*), count(DISTINCT ref), count(*) - count(DISTINCT ref)
          FROM res_partner WHERE ref LIKE 'K0%%'
        """,
    )[0]
    xmlids, xmlid_partners = query(
        db,
        "SELECT count(*), count(DISTINCT res_id) FROM ir_model_data "
        "WHERE model = 'res.partner' AND name LIKE 'sup\\_k0%%'",
    )[0]
    return {
        "plan": plan,
        "left": left,
        "loaded": loaded,
        "errors": errors,
        "created": created,
        "updated": updated,
        "partners": partners,
        "codes": codes_held,
        "duplicates": dupes,
        "xmlids": xmlids,
        "xmlid_partners": xmlid_partners,
    }


def messages(lead, run_id):
    found = lead.call(
        "mail.message",
        "search_read",
        [["model", "=", "hc.migration.run"], ["res_id", "=", run_id], ["body", "!=", ""]],
        ["date", "body"],
        order="id",
    )
    return [(m["date"], html.unescape(re.sub(r"<[^>]+>", "", m["body"])).strip()) for m in found]


def main():
    args = parse()
    folder = tempfile.mkdtemp(prefix="hc_proof_killed_")
    create_database(args, folder)
    content = supplier_rows(args.rows)
    logfile = os.path.join(folder, "server.log")
    server = Server(args, logfile)
    failures, kills = [], []
    try:
        say(
            f"prefork server up: master {server.process.pid}, cron workers "
            f"{sorted(server.workers())}, http workers {sorted(server.workers('http'))}"
        )
        lead, owner = Client(server.url, args.db, LEAD), Client(server.url, args.db, OWNER)
        domain_id = lead.call("hc.migration.domain", "search", [["code", "=", "SUP"]], limit=1)[0]
        run_id = lead.call(
            "hc.migration.run",
            "create",
            [
                {
                    "domain_id": domain_id,
                    "file": base64.b64encode(content).decode(),
                    "filename": f"killproof_{args.rows}.xlsx",
                }
            ],
        )[0]
        say(f"run {run_id}: {args.rows} supplier rows; {LEAD} clicks Stage and validate")
        lead.call("hc.migration.run", "action_stage", [run_id])
        run = wait_for_job(lead, run_id, "stage", args.timeout)
        if run["job_state"] != "done":
            raise SystemExit(f"staging failed: {run}")
        clusters = owner.call(
            "hc.migration.cluster", "search", [["run_id", "=", run_id], ["state", "=", "pending"]]
        )
        for i in range(0, len(clusters), 250):
            owner.call("hc.migration.cluster", "action_merge", clusters[i : i + 250])
        say(f"{OWNER} merged {len(clusters)} duplicate clusters; {LEAD} clicks Load into Odoo")
        start = time.monotonic()
        lead.call("hc.migration.run", "action_load", [run_id])
        total = read_run(lead, run_id)["job_total"]
        for k in range(args.kills):
            target = total * args.kill_after * (k + 1) / args.kills
            run = wait_for_job(
                lead,
                run_id,
                "load",
                args.timeout,
                until=lambda r, target=target: r["job_done"] >= target and r["job_kind"] == "load",
            )
            if run["job_state"] in ("done", "failed") or run["job_kind"] != "load":
                failures.append(f"the load ended before kill {k + 1} (use more --rows)")
                break
            before = set(server.workers())
            pid, chunk, title = kill_lane(args, server, run_id)
            at = time.monotonic()
            run = read_run(lead, run_id)
            say(
                f"KILL {k + 1}: SIGKILL to {title!r} (pid {pid}) while it wrote chunk {chunk}; "
                f"the run showed {run['job_done']} / {run['job_total']} rows loaded"
            )
            while time.monotonic() - at < 60:
                new = set(server.workers()) - before
                if new and pid not in server.workers():
                    after = time.monotonic() - at
                    say(
                        f"  the master respawned a cron worker: pid {sorted(new)} ({after:.1f} s later)"
                    )
                    break
                time.sleep(0.2)
            else:
                failures.append(f"no cron worker respawned within 60 s of kill {k + 1}")
            kills.append((pid, chunk, run["job_done"], at - start))
            if k + 1 < args.kills:
                # the next kill once the interruption is on the run (the lane ran again)
                wait_for_job(
                    lead,
                    run_id,
                    "load",
                    args.timeout,
                    until=lambda r, n=k + 1: r["job_interruptions"] >= n or r["job_kind"] != "load",
                )
        run = wait_for_job(lead, run_id, run["job_kind"] or "load", args.timeout)
        if run["job_kind"] == "rollback" and run["job_state"] != "done":
            run = wait_for_job(lead, run_id, "rollback", args.timeout)
        ended = time.monotonic()
        # the killed lane tells the run when Odoo runs it again: at once while work remains,
        # or when the lane that finished the job wakes the lanes up
        deadline = time.monotonic() + 120
        while run["job_interruptions"] < len(kills) and time.monotonic() < deadline:
            time.sleep(1)
            run = read_run(lead, run_id)
            while len(NOTED) < run["job_interruptions"]:
                NOTED.append(time.monotonic())
        run = read_run(
            lead,
            run_id,
            ["loaded_created", "loaded_updated", "load_errors", "rows_read", "rows_valid"],
        )
        counts = loaded_counts(args.db, run_id)
        chatter = messages(lead, run_id)
    except BaseException:
        print(f"(server log {logfile})")
        raise
    finally:
        stopping = time.monotonic()
        server.stop()
        say(f"server stopped ({time.monotonic() - stopping:.1f} s)")

    # ---------------------------------------------------------------------- report
    print("\n== timeline (seconds after the Load click)")
    for n, (pid, chunk, done, at) in enumerate(kills, 1):
        lane = server.log_lines(rf"^\S+ \S+ {pid} INFO .*Job '[^']*lane[^']*'.* starting")
        lane = re.search(r"Job '([^']*)'", lane[-1]).group(1) if lane else "?"
        print(
            f"  {at:6.1f}  kill {n}: pid {pid} ({lane}) writing chunk {chunk}, {done} rows loaded"
        )
        if n <= len(NOTED):
            print(f"  {NOTED[n - 1] - start:6.1f}  the run counts interruption {n}")
    print(f"  {ended - start:6.1f}  {run['job_kind']} job {run['job_state']}")
    print("\n== what the run says")
    print(
        f"  state {run['state']}, job {run['job_kind']} {run['job_state']}, note "
        f"{run['job_note']!r}, interruptions {run['job_interruptions']}"
    )
    print(
        f"  rows read {run['rows_read']}, valid {run['rows_valid']}; loaded: created "
        f"{run['loaded_created']}, updated {run['loaded_updated']}, errors {run['load_errors']}"
    )
    for date, body in chatter:
        print(f"  chatter {date}: {body[:220]}")
    print("== what the database holds (SQL)")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("== checks")

    def check(label, ok):
        print(f"  {'PASS' if ok else 'FAIL'}: {label}")
        if not ok:
            failures.append(label)

    check(
        f"{len(kills)} cron worker(s) killed while writing a chunk of the run",
        len(kills) == args.kills,
    )
    interrupted = [b for _d, b in chatter if "interrupted" in b.lower()]
    if run["state"] == "loaded":
        check("the load completed (job done)", run["job_state"] == "done")
        check("every row of the load plan was loaded (none left valid)", counts["left"] == 0)
        check(
            f"rows loaded {counts['loaded']} + errors {counts['errors']} = load plan {counts['plan']}",
            counts["loaded"] + counts["errors"] == counts["plan"] and counts["errors"] == 0,
        )
        check(
            f"no duplicate partner (duplicates {counts['duplicates']})", counts["duplicates"] == 0
        )
        check(
            f"partners with the file's codes {counts['partners']} = records the run created "
            f"{counts['created']} = run counter {run['loaded_created']}",
            counts["partners"] == counts["created"] == run["loaded_created"],
        )
        check(
            f"one external id per loaded partner ({counts['xmlids']} ids, {counts['xmlid_partners']} partners)",
            counts["xmlids"] == counts["xmlid_partners"] == counts["created"] + counts["updated"],
        )
        check("the run says it resumed (job note)", run["job_note"] == "Interrupted — resumed")
    elif run["state"] == "rolled_back":
        check("the rollback completed (job done)", run["job_state"] == "done")
        check(f"no partner of the run left ({counts['partners']})", counts["partners"] == 0)
        check(f"no external id of the run left ({counts['xmlids']})", counts["xmlids"] == 0)
        check(f"no row left loaded ({counts['loaded']})", counts["loaded"] == 0)
        check(
            "the run says it rolled back (job note)", run["job_note"] == "Interrupted — rolled back"
        )
    else:
        check(f"the run ended loaded or rolled back (state {run['state']})", False)
    check(
        f"the run counts the interruptions ({run['job_interruptions']} for {len(kills)} kills)",
        run["job_interruptions"] >= len(kills) > 0,
    )
    check("the chatter says the job was interrupted", bool(interrupted))
    problems = server.log_lines(r" (ERROR|CRITICAL) |Traceback")
    # Odoo's own word when a lane lost three executions in a row without committing anything:
    # it fails the lane once instead of running it (the lane's next execution tells the run)
    timed_out = [
        line for line in problems if re.search(r"ir_cron: Job '.*' \(\d+\) timed out", line)
    ]
    problems = [line for line in problems if line not in timed_out]
    for line in timed_out:
        print(f"  server log (Odoo, after three lost executions of a lane): {line[24:200]}")
    for line in problems[:20]:
        print(f"  server log: {line[:300]}")
    check("no ERROR or traceback in the server log", not problems)
    print(f"  (server log {logfile})")
    if not args.keep:
        drop_database(args.db)
    if not (failures or args.keep):
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nproof: {'FAILED: ' + '; '.join(failures) if failures else 'passed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
