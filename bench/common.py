"""Shared bootstrap for the suite's benchmarks: open the Odoo registry of a database that has
the suite installed, run a scenario in a transaction that is always rolled back, and measure
wall time and SQL queries (the cursor's own counter)."""

import argparse
import contextlib
import os
import sys
import time

ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo")
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default=os.environ.get("HC_BENCH_DB", "hc_bench"))
    parser.add_argument("--conf", default=os.environ.get("HC_BENCH_CONF"))
    parser.add_argument("--sizes", default=None, help="comma-separated sizes")
    args = parser.parse_args()
    options = ["-d", args.db]
    if args.conf:
        options = ["-c", args.conf, *options]
    config.parse_config(options)
    return args


@contextlib.contextmanager
def environment(db):
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        try:
            yield env
        finally:
            cr.rollback()


class Meter:
    """Wall seconds and SQL queries of a block."""

    def __init__(self, env):
        self.cr = env.cr
        self.seconds = 0.0
        self.queries = 0

    def __enter__(self):
        self.cr.flush()
        self._q = self.cr.sql_log_count
        self._t = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.cr.flush()
        self.seconds = time.perf_counter() - self._t
        self.queries = self.cr.sql_log_count - self._q
        return False
