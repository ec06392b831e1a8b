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
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per measurement; the best one is kept"
    )
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


def vacuum(db):
    """``VACUUM ANALYZE`` the database: a measured run that rolls back leaves its rows as dead
    tuples in the tables and their indexes, which would slow whichever run comes next (by
    up to 2x after 50,000 partners); each measurement starts from the same clean state."""
    with contextlib.closing(odoo.sql_db.db_connect(db).cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")
    odoo.sql_db.close_db(db)


@contextlib.contextmanager
def scratch_database(db):
    """A throwaway copy of the bench database (``CREATE DATABASE ... TEMPLATE``), for a
    scenario that must commit between steps (e.g. a nightly job that runs in its own
    transaction on rows written by an earlier one). Dropped afterwards."""
    name = f"{db}_scratch"
    Registry.delete(db)
    odoo.sql_db.close_db(db)

    def admin(statement):
        with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
            cr._cnx.autocommit = True
            cr.execute(statement)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{db}"')
    try:
        yield name
    finally:
        Registry.delete(name)
        odoo.sql_db.close_db(name)
        admin(f'DROP DATABASE IF EXISTS "{name}"')


@contextlib.contextmanager
def committed_environment(db):
    """An environment whose ``commit()`` is real (use on a scratch database only)."""
    registry = Registry(db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})


POOL_COMPANY = "HC Bench Group"


def employee_pool(db, size):
    """The benchmarks' employees: a committed pool in the bench database, grown on demand.

    Odoo writes each new employee's version one by one, which in a single long transaction
    over thousands of rows dominates any fixture; so the pool is created once (committed in
    chunks) and every benchmark run reuses it inside its own rolled-back transaction.
    Employee i works at site i % 3, in department i % 5, with job i % 10.
    """
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env["res.company"].search([("name", "=", POOL_COMPANY)], limit=1)
        if not company:
            company = env["res.company"].create({"name": POOL_COMPANY})
            env = env(context=dict(env.context, allowed_company_ids=company.ids))
            env["hc.site"].create(
                [
                    {"name": f"Bench site {i}", "code": f"BS{i}", "company_id": company.id}
                    for i in range(3)
                ]
            )
            env["hr.department"].create(
                [{"name": f"Bench department {i}", "company_id": company.id} for i in range(5)]
            )
            env["hr.job"].create(
                [{"name": f"Bench job {i}", "company_id": company.id} for i in range(10)]
            )
            cr.commit()
        env = env(context=dict(env.context, allowed_company_ids=company.ids))
        sites = env["hc.site"].search([("company_id", "=", company.id)], order="id")
        departments = env["hr.department"].search([("company_id", "=", company.id)], order="id")
        jobs = env["hr.job"].search([("company_id", "=", company.id)], order="id")
        # server-side switch, not a context key: the pool gets no assignments from role rules
        from odoo.addons.hc_training.models.hr_employee import (
            skip_assignment_rules,
        )

        Employee = env["hr.employee"]
        have = Employee.search_count([("company_id", "=", company.id)])
        for start in range(have, size, 500):
            with skip_assignment_rules():
                Employee.create(
                    [
                        {
                            "name": f"Bench employee {i}",
                            "company_id": company.id,
                            "hc_site_id": sites[i % 3].id,
                            "department_id": departments[i % 5].id,
                            "job_id": jobs[i % 10].id,
                        }
                        for i in range(start, min(start + 500, size))
                    ]
                )
            cr.commit()
            print(f"  (bench pool: {min(start + 500, size)} employees)", flush=True)
        return company.id


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
