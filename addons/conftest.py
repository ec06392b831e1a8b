"""Plain pytest over the ``lib/`` tests, without Odoo: the fast loop (``scripts/test_lib.sh``).

Each module's ``lib/`` is plain Python (no Odoo import). Its tests live in
``addons/<module>/tests/test_lib_*.py`` and import it relatively (``from ..lib import scoring``),
because Odoo's test loader imports them as ``odoo.addons.<module>.tests.test_lib_*`` and runs them
with the module's other tests. Here, without Odoo on the path:

- each addon and its ``tests`` folder are registered as bare packages (under their plain name, which
  pytest derives from the path, and under ``odoo.addons.<module>`` for the absolute imports between
  lib packages), so importing a test module runs neither the addon's ``__init__`` (which imports
  Odoo's ORM) nor ``tests/__init__`` (which imports every test module);
- ``odoo.tests`` is a stand-in giving ``BaseCase`` (``unittest.TestCase``) and ``tagged`` (a no-op),
  the only two names a lib test may import from Odoo.

With Odoo importable (``ODOO_SRC`` on ``PYTHONPATH``) nothing is stubbed but the bare packages.
"""

import importlib.util
import sys
import types
import unittest
from pathlib import Path

ADDONS = Path(__file__).resolve().parent


def _package(name, path):
    module = types.ModuleType(name)
    module.__path__ = [str(path)]
    module.__file__ = str(path / "__init__.py")
    sys.modules.setdefault(name, module)
    return sys.modules[name]


if importlib.util.find_spec("odoo") is None:
    _package("odoo", ADDONS)
    _package("odoo.addons", ADDONS)
    odoo_tests = types.ModuleType("odoo.tests")
    odoo_tests.BaseCase = unittest.TestCase
    odoo_tests.tagged = lambda *_tags: lambda cls: cls
    sys.modules["odoo.tests"] = odoo_tests

for _addon in sorted(ADDONS.glob("hc_*/__manifest__.py")):
    _root = _addon.parent
    for _name in (_root.name, f"odoo.addons.{_root.name}"):
        _package(_name, _root)
        _package(f"{_name}.tests", _root / "tests")


def pytest_ignore_collect(collection_path, config):
    """Only the lib tests: the other test modules need Odoo's registry and a database."""
    if collection_path.is_file() and collection_path.suffix == ".py":
        return not collection_path.name.startswith("test_lib_")
    return None
