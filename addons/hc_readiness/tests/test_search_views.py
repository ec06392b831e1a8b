"""Every search view and window action of the suite opens in the web client.

Generated from the suite's records, nothing listed by hand: a new view or action is covered.

- a ``<filter>`` whose ``context`` groups by ``field:interval`` names a field of the view's model
  that can be grouped by, with an interval the web client's search view offers (year, quarter,
  month, week, day: ``web/static/src/search/utils/dates.js``); ``planned_start:hour`` opens an
  "Oops" dialog (``INTERVAL_OPTIONS[intervalId]`` is undefined);
- a window action's ``context``: its ``group_by`` likewise, and each ``search_default_<name>``
  names a filter or a field of the search view the action opens;
- the Python code that builds actions (``search_default_<name>`` keys, ``group_by`` strings)
  names filters or fields that a suite search view has, and no unsupported interval.
"""

import ast
import re
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

SUITE_MODULES = ("hc_base", "hc_training", "hc_migration", "hc_readiness")
# the intervals the web client's search view offers for a date or datetime group-by
WEB_INTERVALS = {"year", "quarter", "month", "week", "day"}


def _context_keys(expr):
    """{key: value node} of the dict literal(s) of a context expression (values unevaluated:
    a context may read ``uid``, ``active_id`` or ``context_today()``)."""
    if not expr or not isinstance(expr, str):
        return {}
    keys = {}
    for node in ast.walk(ast.parse(expr.strip(), mode="eval")):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    keys[key.value] = value
    return keys


def _group_bys(value):
    """The group-by specs of a ``group_by`` value node (a string or a list of strings)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.List | ast.Tuple):
        return [e.value for e in value.elts if isinstance(e, ast.Constant)]
    return []


@tagged("post_install", "-at_install")
class TestSearchViews(TransactionCase):
    def _suite_records(self, model):
        data = self.env["ir.model.data"].search(
            [("module", "in", SUITE_MODULES), ("model", "=", model)]
        )
        return self.env[model].browse(data.mapped("res_id")).exists()

    def _check_group_by(self, model_name, spec, where, failures):
        name, _sep, interval = spec.partition(":")
        Model = self.env[model_name]
        field = Model._fields.get(name)
        if field is None:
            failures.append(f"{where}: groups by {spec!r}: no field {name} on {model_name}")
            return
        if not field._description_groupable(self.env):
            failures.append(f"{where}: groups by {spec!r}: {name} cannot be grouped by")
        if field.type in ("date", "datetime"):
            if interval and interval not in WEB_INTERVALS:
                failures.append(
                    f"{where}: groups by {spec!r}: the web client's search view offers "
                    f"{', '.join(sorted(WEB_INTERVALS))} only"
                )
        elif interval:
            failures.append(f"{where}: groups by {spec!r}: {name} is no date")

    def _search_names(self, model_name, view_id=None):
        """The filter and field names of the (combined) search view."""
        arch = self.env[model_name].get_view(view_id or None, "search")["arch"]
        tree = etree.fromstring(arch)
        return {node.get("name") for node in tree.iter("filter", "field") if node.get("name")}

    def test_filters_group_by_what_the_web_client_offers(self):
        failures = []
        checked = 0
        for view in self._suite_records("ir.ui.view").filtered(lambda v: v.type == "search"):
            model = view.model
            for node in etree.fromstring(view.arch_db).iter("filter"):
                group_by = _context_keys(node.get("context")).get("group_by")
                for spec in _group_bys(group_by) if group_by is not None else []:
                    checked += 1
                    where = f"{view.xml_id} filter {node.get('name')!r}"
                    self._check_group_by(model, spec, where, failures)
        self.assertTrue(checked, "the suite's search views have group-by filters")
        self.assertFalse(failures, "\n".join(failures))

    def test_actions_open_their_search_defaults(self):
        failures = []
        checked = 0
        for action in self._suite_records("ir.actions.act_window"):
            model = action.res_model
            if model not in self.env:
                failures.append(f"{action.xml_id}: no model {model}")
                continue
            keys = _context_keys(action.context)
            names = None
            for key, value in keys.items():
                where = f"{action.xml_id} context {key!r}"
                if key == "group_by":
                    for spec in _group_bys(value):
                        checked += 1
                        self._check_group_by(model, spec, where, failures)
                elif key.startswith("search_default_"):
                    checked += 1
                    if names is None:
                        names = self._search_names(model, action.search_view_id.id)
                    name = key.removeprefix("search_default_")
                    if name not in names:
                        failures.append(
                            f"{where}: no filter or field {name!r} in the search view of {model}"
                        )
        self.assertTrue(checked, "the suite's actions have search defaults")
        self.assertFalse(failures, "\n".join(failures))

    def test_python_actions_name_existing_filters(self):
        """The actions the suite's Python code builds: their ``search_default_<name>`` keys
        name a filter or field of a suite search view, their group-bys no unsupported
        interval."""
        names = set()
        for view in self._suite_records("ir.ui.view").filtered(lambda v: v.type == "search"):
            names |= self._search_names(view.model)
        failures = []
        default = re.compile(r"search_default_(\w+)")
        interval = re.compile(r"""["'](\w+):(\w+)["']""")
        for module in SUITE_MODULES:
            root = Path(get_module_path(module))
            for path in root.rglob("*.py"):
                if "tests" in path.relative_to(root).parts:
                    continue
                text = path.read_text(encoding="utf-8")
                for match in default.finditer(text):
                    if match.group(1) not in names:
                        failures.append(
                            f"{module}/{path.relative_to(root)}: search_default_"
                            f"{match.group(1)} names no filter or field of a suite search view"
                        )
                for match in interval.finditer(text):
                    if match.group(2) in {"hour", "minute", "second"}:
                        failures.append(
                            f"{module}/{path.relative_to(root)}: {match.group(0)}: the web "
                            "client does not group by this interval"
                        )
        self.assertFalse(failures, "\n".join(failures))
