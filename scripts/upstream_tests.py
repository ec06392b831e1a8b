"""Run Odoo's own tests of the apps the suite extends on a database where the suite is installed.

Used by scripts/test.sh (stage 5); run with the suite's Python, ODOO_SRC on PYTHONPATH:

    python scripts/upstream_tests.py MODULES KNOWN_FILE RESULT_FILE -- <odoo-bin options>

MODULES is a comma-separated list (hr,survey,...). The database given in the odoo-bin options
must already have the suite installed; odoo-bin is started with --test-enable and no -i/-u.

Odoo runs a module's at_install tests while that module is loaded, before the modules that
depend on it: hr's at_install tests would run with a registry where hc_base's fields and
overrides are not loaded yet, and would prove nothing about the suite. This wrapper therefore
runs no test during loading and runs both the at_install and the post_install tests of MODULES
after the whole registry (suite included) is loaded, in Odoo's post-install phase (HTTP server
up, so the HttpCase tours run too).

Each failure or error is recorded by test id (``hr.tests.test_x.Class.test_method``) and compared
with KNOWN_FILE: one line per known failure, ``<test id> <reason>``, for failures that occur on
a database without the suite too. RESULT_FILE gets one line ``run failed known`` followed by one
line per failure that is not known (``NEW <test id>``) and per known failure that did not fail
(``FIXED <test id>``, informational). Exit status: 0 when there is no unknown failure.
"""

import contextlib
import os
import sys
from unittest import case

modules_arg, known_file, result_file, sep, *odoo_args = sys.argv[1:]
assert sep == "--", "usage: upstream_tests.py MODULES KNOWN RESULT -- <odoo-bin options>"
MODULES = [m for m in modules_arg.split(",") if m]
RETRIES = int(os.environ.get("HC_UPSTREAM_RETRIES", "1"))

import odoo.cli  # noqa: E402
from odoo.tests import loader  # noqa: E402
from odoo.tests.common import BaseCase  # noqa: E402
from odoo.tests.result import OdooTestResult  # noqa: E402
from odoo.tests.suite import OdooSuite  # noqa: E402

_make_suite = loader.make_suite
failed_ids = []
started = set()


def make_suite(module_names, position="at_install"):
    if position == "at_install":
        # during loading: nothing (the registry is not complete yet)
        return OdooSuite([])
    tests = [*_make_suite(MODULES, "at_install"), *_make_suite(MODULES, "post_install")]
    return OdooSuite(tests)


def test_id(test):
    while getattr(test, "test_case", None) is not None:  # a subtest: its test
        test = test.test_case
    if isinstance(test, case.TestCase) and hasattr(test, "_testMethodName"):
        module = type(test).__module__.removeprefix("odoo.addons.")
        return f"{module}.{type(test).__qualname__}.{test._testMethodName}"
    # setUpClass / tearDownClass errors: "setUpClass (odoo.addons.x.tests.y.Class)"
    desc = str(test)
    if "(" in desc and desc.endswith(")"):
        what, _, where = desc[:-1].partition(" (")
        return f"{where.removeprefix('odoo.addons.')}.{what}"
    return desc


def _recording(method):
    def wrapper(self, test, err):
        if not self._soft_fail:
            failed_ids.append(test_id(test))
        return method(self, test, err)

    return wrapper


OdooTestResult.addError = _recording(OdooTestResult.addError)
OdooTestResult.addFailure = _recording(OdooTestResult.addFailure)
_start = OdooTestResult.startTest


def start_test(self, test):
    started.add(test_id(test))
    return _start(self, test)


OdooTestResult.startTest = start_test
loader.make_suite = make_suite

# A failing test is run a second time before it counts (browser tours time out on a loaded
# 2-core machine); Odoo turns retries off after the first real failure, and known failures
# would do that early, so each test gets its retry.
_run = BaseCase.run


def run_with_retry(self, result):
    BaseCase._tests_run_count = RETRIES + 1
    return _run(self, result)


BaseCase.run = run_with_retry


def known_failures(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            tid, _, reason = line.partition(" ")
            known[tid] = reason.strip()
    return known


def report():
    known = known_failures(known_file)
    failed = list(dict.fromkeys(failed_ids))
    new = [t for t in failed if t not in known]
    fixed = [t for t in known if t not in failed]
    with open(result_file, "w", encoding="utf-8") as f:
        f.write(f"{len(started)} {len(failed)} {len(failed) - len(new)}\n")
        f.writelines(f"NEW {t}\n" for t in new)
        f.writelines(f"FIXED {t}\n" for t in fixed)
    return 1 if new else 0


sys.argv = ["odoo-bin", *odoo_args, "--test-enable", "--stop-after-init"]
with contextlib.suppress(SystemExit):
    odoo.cli.main()
sys.exit(report())
