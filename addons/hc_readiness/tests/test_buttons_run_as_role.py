"""A button shown is a button allowed: every button a role sees works for that role.

Generated from the views and the records, nothing listed by hand. For each README role
(``role_table.ROLE_USERS``: the demo logins, or users created with the README's groups when the
demo data is absent) and each primary form and list view of the suite's ``hc.*`` models (plus the
roots of the other models' forms the suite adds buttons to):

1. the view is rendered as the role (``get_views``: the nodes whose ``groups`` the role lacks are
   gone), on a bounded sample of the records the role can read, one per value of the view's
   status bar field and one the role is linked to (its own training, its own tasks);
2. the record is opened as the web client does (``web_read`` of the view's fields);
3. each button left whose ``invisible`` expression (and its parents') is false for the record,
   evaluated like the web client does over the record's values, ``context``, ``uid`` and
   ``parent``, is run as the role in a savepoint: an object method with the button's context, an
   action loaded and opened; what the button returns is followed (a list or record opened, a
   report rendered, a wizard opened with its context and confirmed with its defaults and a
   dummy text in its required text fields — a rationale, a reason — whose visible buttons are
   run in turn).

A button may succeed or refuse with a business ``UserError`` / ``ValidationError`` that explains
the state; an ``AccessError`` (the role was shown a button it may not use) or any other error
fails. One assertion names every (role, model, record, button) that fails.
"""

import ast
import logging
from collections import Counter
from contextlib import closing
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import (
    AccessError,
    MissingError,
    RedirectWarning,
    UserError,
    ValidationError,
)
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import HcReadinessCommon
from .role_table import ROLE_USERS

_logger = logging.getLogger(__name__)

SUITE_MODULES = ("hc_base", "hc_training", "hc_migration", "hc_readiness")
# records per (role, model): one per status-bar value, capped, and one the role is linked to
MAX_STATES = 6
# how deep returned actions are followed (a wizard's buttons, the action they return)
MAX_DEPTH = 2
LINK_FIELDS = ("user_id", "employee_id", "owner_id", "responsible_id", "assigned_to_id")


class _Parent:
    """``parent`` in a subview's expressions: the parent record's values as attributes."""

    def __init__(self, values):
        self.__dict__.update(values)


def _expr_names(expr):
    return {
        node.id
        for node in ast.walk(ast.parse(expr.strip(), mode="eval"))
        if isinstance(node, ast.Name)
    }


def _in_subview(node, root):
    """Whether ``node`` sits in an x2many field's embedded view rather than in ``root``."""
    parent = node.getparent()
    while parent is not None and parent is not root:
        if parent.tag == "field":
            return True
        parent = parent.getparent()
    return False


@tagged("post_install", "-at_install")
class TestButtonsRunAsRole(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        demo = cls.env["res.users"].search([("login", "in", list(ROLE_USERS))])
        by_login = {user.login: user for user in demo}
        for login, groups in ROLE_USERS.items():
            user = by_login.get(login)
            if not user:
                # no demo data: the README's groups, at the fixture's sites, with a job whose
                # role assigns training (their own training records to look at)
                user = cls._create_user(
                    f"{login}_run_buttons",
                    groups=",".join(groups),
                    sites=cls.site_a | cls.site_b,
                    name=login.title(),
                )
                cls._create_employee(
                    login.title(),
                    site=cls.site_a,
                    department=cls.dep_stores,
                    job=cls.job_stores,
                    user=user,
                )
            cls.users[login] = user
        if not demo:
            cls._build_records()

    @classmethod
    def _build_records(cls):
        """Without demo data: records whose buttons depend on who looks (an owner, a body's
        members), owned by one role and seen by the others."""
        users = cls.users
        cls.env["hc.governance.body"].create(
            {
                "name": "Design authority",
                "body_type": "design_authority",
                "program_id": cls.program.id,
                "member_ids": [(6, 0, users["grace"].ids)],
            }
        )
        request = cls.env["hc.customization.request"].create(
            {"name": "Supplier portal", "program_id": cls.program.id, "description": "<p>x</p>"}
        )
        request.action_submit()
        for owner in (users["priya"], users["sofia"]):
            cls.env["hc.corrective.action"].create(
                {
                    "name": f"Label printer queue ({owner.name})",
                    "owner_id": owner.id,
                    "date_due": date.today(),
                    "company_id": cls.company.id,
                }
            )

    # ------------------------------------------------------------------ views
    def _views(self):
        """(view, button names to check or None for all): the suite's primary form and list
        views, and the root form of each other model a suite view adds buttons to."""
        Views = self.env["ir.ui.view"]
        result = [
            (view, None)
            for view in Views.search(
                [
                    ("model", "=like", "hc.%"),
                    ("type", "in", ("form", "list")),
                    ("mode", "=", "primary"),
                ]
            )
            if not self.env[view.model]._transient
        ]
        extensions = Views.search(
            [("model", "not like", "hc.%"), ("inherit_id", "!=", False), ("type", "=", "form")]
        )
        names_by_root = {}
        for ext in extensions:
            if ext.xml_id.split(".")[0] not in SUITE_MODULES:
                continue
            names = {b.get("name") for b in etree.fromstring(ext.arch_db).iter("button")}
            if names - {None}:
                root = ext
                while root.mode != "primary" and root.inherit_id:
                    root = root.inherit_id
                names_by_root.setdefault(root, set()).update(names - {None})
        result += list(names_by_root.items())
        return result

    def _form_reached(self, Model, view):
        """Whether the role gets this model's forms: a model may send a role to another
        model's form (``hr.employee`` sends everyone but HR officers to the public profile)."""
        target = self.env["ir.ui.view"].browse(Model.get_formview_id())
        return not target or target.model == view.model

    # ---------------------------------------------------------------- records
    def _status_field(self, Model, tree):
        for node in tree.iter("field"):
            if node.get("widget") == "statusbar" and not _in_subview(node, tree):
                return node.get("name")
        return "state" if "state" in Model._fields else None

    def _sample(self, Model, tree):
        """Records the role can read: one per status value, and one linked to the role."""
        records = Model.browse()
        status = self._status_field(Model, tree)
        field = Model._fields.get(status) if status else None
        if field and field.store:
            for (value,) in Model._read_group([], [status], order=status)[:MAX_STATES]:
                records |= Model.search([(status, "=", value)], limit=1)
        else:
            records |= Model.search([], limit=1)
        user = Model.env.user
        for name in LINK_FIELDS:
            field = Model._fields.get(name)
            if not field or field.type != "many2one" or not field.store:
                continue
            if field.comodel_name == "res.users":
                records |= Model.search([(name, "=", user.id)], limit=1)
            elif field.comodel_name == "hr.employee" and user.employee_ids:
                records |= Model.search([(name, "in", user.employee_ids.ids)], limit=1)
        return records

    # ------------------------------------------------------------- evaluation
    def _eval_context(self, record, names, parent=None, context=None):
        """The web client's evaluation context of ``record`` for ``names``."""
        env = record.env
        values = {
            "id": record.id or False,
            "uid": env.uid,
            "context": dict(context or env.context),
            "allowed_company_ids": env.companies.ids,
            "current_company_id": env.company.id,
            "context_today": lambda: date.today(),
            "today": date.today().isoformat(),
            "datetime": datetime,
            "relativedelta": relativedelta,
            "True": True,
            "False": False,
            "None": None,
        }
        if parent is not None:
            values["parent"] = _Parent(parent)
        for name in names - set(values):
            field = record._fields.get(name)
            if field is None:
                continue
            value = record[name]
            if field.type == "many2one":
                value = value.id or False
            elif field.type in ("one2many", "many2many"):
                value = value.ids
            elif field.type == "date" and value:
                value = value.isoformat()
            elif field.type == "datetime" and value:
                value = value.strftime("%Y-%m-%d %H:%M:%S")
            elif field.type in ("char", "text", "html") and value is None:
                value = False
            values[name] = value
        return values

    def _attr_true(self, node, attr, record, parent=None):
        expr = node.get(attr)
        if not expr:
            return False
        if expr.strip() in ("1", "True", "true"):
            return True
        if expr.strip() in ("0", "False", "false"):
            return False
        return bool(safe_eval(expr, self._eval_context(record, _expr_names(expr), parent=parent)))

    def _visible(self, node, root, record, parent=None):
        """The button and all its ancestors up to ``root`` are visible for ``record``."""
        while node is not None and node is not root:
            if self._attr_true(node, "invisible", record, parent):
                return False
            if parent is not None and self._attr_true(node, "column_invisible", record, parent):
                return False
            node = node.getparent()
        return True

    def _fields_spec(self, tree):
        """What the web client reads to show a form: its fields and the record's name."""
        spec = {
            node.get("name"): {}
            for node in tree.iter("field")
            if node.get("name") and not _in_subview(node, tree)
        }
        spec["display_name"] = {}
        return spec

    # ------------------------------------------------------------- running
    def _where(self, login, record, label):
        name = record.sudo().display_name
        return f"{login} / {record._name} / {name!r} (id {record.id}) / {label}"

    def _run(self, failures, where, func):
        """Run ``func`` in a savepoint that is always rolled back; a business refusal passes."""
        try:
            with closing(self.env.cr.savepoint()), mute_logger("odoo.sql_db"):
                func()
                self.env.flush_all()
        except (AccessError, MissingError) as error:
            failures.append(f"{where}: {type(error).__name__}: {str(error).splitlines()[0]}")
        except (UserError, ValidationError, RedirectWarning) as refusal:
            # a business refusal that explains the state: the button is allowed
            _logger.debug("%s: refused: %s", where, refusal)
        except Exception as error:
            _logger.info("%s", where, exc_info=True)
            failures.append(f"{where}: {type(error).__name__}: {str(error)[:200]}")

    def _button_label(self, button):
        return f"{button.get('string') or button.get('title') or ''} [{button.get('name')}]"

    def _press(self, button, record, parent, depth):
        """What the web client does on a click of ``button`` of ``record`` (as its user)."""
        context = dict(record.env.context)
        if button.get("context"):
            expr = button.get("context")
            context.update(
                safe_eval(expr, self._eval_context(record, _expr_names(expr), parent=parent))
            )
        if button.get("type") == "object":
            name = button.get("name")
            if name.startswith("_") or not callable(getattr(record, name, None)):
                raise ValueError(f"no public method {name} on {record._name}")
            result = getattr(record.with_context(**context), name)()
        else:
            action_ref = button.get("name")
            action = (
                self.env["ir.actions.actions"].browse(int(action_ref))
                if action_ref.isdigit()
                else self.env.ref(action_ref)
            )
            action = self.env[action.type].browse(action.id)
            result = (
                action._get_action_dict()
                if hasattr(action, "_get_action_dict")
                else (action.read()[0])
            )
            context.update(active_id=record.id, active_ids=record.ids, active_model=record._name)
        self._follow(result, record, context, depth)

    def _eval_action_value(self, value, record, context):
        if not isinstance(value, str):
            return value
        return safe_eval(
            value,
            {
                "active_id": record.id,
                "active_ids": record.ids,
                "active_model": record._name,
                "uid": record.env.uid,
                "context": context,
                "context_today": lambda: date.today(),
                "datetime": datetime,
                "relativedelta": relativedelta,
                "allowed_company_ids": record.env.companies.ids,
            },
        )

    def _follow(self, action, record, context, depth):
        """Open what a button returned, as the user: a list, a record, a report, a wizard."""
        if not isinstance(action, dict) or depth >= MAX_DEPTH:
            return
        env = record.env
        action_type = action.get("type")
        if action_type == "ir.actions.act_window" and action.get("res_model"):
            ctx = dict(context)
            ctx.update(self._eval_action_value(action.get("context") or {}, record, context))
            Target = env[action["res_model"]].with_context(**ctx)
            Target.check_access("read")
            if action.get("res_id"):
                Target.browse(action["res_id"]).check_access("read")
                Target.browse(action["res_id"]).read(["display_name"])
            elif action.get("target") == "new" or Target._transient:
                self._open_wizard(Target, action, depth)
            else:
                domain = self._eval_action_value(action.get("domain") or [], record, context)
                Target.search(domain, limit=5).read(["display_name"])
        elif action_type == "ir.actions.report" and action.get("report_name"):
            docids = (action.get("context") or {}).get("active_ids") or record.ids
            env["ir.actions.report"]._render_qweb_html(
                action["report_name"], docids, data=action.get("data")
            )

    def _open_wizard(self, Wizard, action, depth):
        """Open a wizard as the web client does (its form, its defaults and onchanges), then
        confirm it with its defaults and run its visible buttons."""
        view_id = action.get("view_id")
        if isinstance(view_id, list | tuple):
            view_id = view_id[0]
        views = Wizard.get_views([(view_id or False, "form")])
        tree = etree.fromstring(views["views"]["form"]["arch"])
        spec = self._fields_spec(tree)
        Wizard.onchange({}, [], spec)
        defaults = Wizard.default_get(list(spec))
        # what the user types in: the required text fields of the dialog (a rationale, a
        # reason), so that its confirm runs past "give a reason" to the decision itself
        typed = {
            node.get("name"): f"Typed by {Wizard.env.user.login} in the dialog."
            for node in tree.iter("field")
            if not _in_subview(node, tree)
            and Wizard._fields.get(node.get("name"))
            and Wizard._fields[node.get("name")].type in ("char", "text", "html")
            and (Wizard._fields[node.get("name")].required or node.get("required") in ("1", "True"))
            and not defaults.get(node.get("name"))
            and node.get("readonly") not in ("1", "True")
        }
        missing = [
            name
            for name in spec
            if Wizard._fields[name].required and not defaults.get(name) and name not in typed
        ]
        if missing:
            return  # the user picks these: nothing to confirm with defaults only
        wizard = Wizard.create(typed)
        for button in tree.iter("button"):
            if button.get("type") not in ("object", "action") or _in_subview(button, tree):
                continue
            if not self._visible(button, tree, wizard):
                continue
            self._press(button, wizard, None, depth + 1)

    # ---------------------------------------------------------------- checks
    def _check_record(self, failures, login, tree, record, names, view_type):
        where = self._where(login, record, "open")
        spec = self._fields_spec(tree)
        try:
            with closing(self.env.cr.savepoint()):
                record.web_read(spec)
        except Exception as error:
            failures.append(f"{where}: {type(error).__name__}: {str(error).splitlines()[0]}")
            return 0
        pressed = 0
        for button in tree.iter("button"):
            if button.get("type") not in ("object", "action") or not button.get("name"):
                continue
            if names is not None and button.get("name") not in names:
                continue
            if _in_subview(button, tree):
                continue
            if not self._visible(button, tree, record, parent={} if view_type == "list" else None):
                continue
            pressed += 1
            self._run(
                failures,
                self._where(login, record, self._button_label(button)),
                lambda b=button: self._press(b, record, None, 0),
            )
        # buttons of the lines embedded in a form (a step's Sign off in an assignment)
        for field_node in tree.iter("field"):
            sub = next((c for c in field_node if c.tag == "list"), None)
            field = record._fields.get(field_node.get("name"))
            if sub is None or field is None or field.type not in ("one2many", "many2many"):
                continue
            if _in_subview(field_node, tree) or not self._visible(field_node, tree, record):
                continue
            buttons = [
                b
                for b in sub.iter("button")
                if b.get("type") in ("object", "action") and b.get("name")
            ]
            if not buttons:
                continue
            parent = self._eval_context(record, set(spec))
            lines = record[field.name][:MAX_STATES]
            for line in lines:
                for button in buttons:
                    if not self._visible(button, sub, line, parent=parent):
                        continue
                    pressed += 1
                    self._run(
                        failures,
                        self._where(login, line, self._button_label(button)),
                        lambda b=button, ln=line, p=parent: self._press(b, ln, p, 0),
                    )
        return pressed

    def _check_menu_wizards(self, failures, login, user):
        """The suite's wizards a role opens from its menus: opened, confirmed with their
        defaults, their visible buttons run."""
        Menus = self.env["ir.ui.menu"]
        opened = 0
        for menu in Menus.browse(Menus.with_user(user)._visible_menu_ids()):
            action = menu.action
            if not action or action._name != "ir.actions.act_window":
                continue
            model = action.res_model
            if not model.startswith("hc.") or not self.env[model]._transient:
                continue
            opened += 1
            empty = self.env[model].with_user(user)
            self._run(
                failures,
                f"{login} / {model} / menu {menu.complete_name!r} / open",
                lambda a=action, e=empty: self._follow(
                    a._get_action_dict(), e, dict(e.env.context), 0
                ),
            )
        return opened

    def test_every_button_a_role_sees_runs_for_that_role(self):
        failures = []
        pressed = Counter()
        samples = {}
        for view, names in self._views():
            for login, user in self.users.items():
                Model = self.env[view.model].with_user(user)
                if not Model.has_access("read"):
                    continue
                if view.type == "form" and not self._form_reached(Model, view):
                    continue
                arch = Model.get_views([(view.id, view.type)])["views"][view.type]["arch"]
                tree = etree.fromstring(arch)
                if not any(b.get("type") in ("object", "action") for b in tree.iter("button")):
                    continue
                key = (view.model, login, self._status_field(Model, tree))
                if key not in samples:
                    samples[key] = self._sample(Model, tree)
                for record in samples[key]:
                    pressed[login] += self._check_record(
                        failures, login, tree, record, names, view.type
                    )
        for login, user in self.users.items():
            pressed[login] += self._check_menu_wizards(failures, login, user)
        _logger.info("buttons run as their roles: %s", dict(sorted(pressed.items())))
        self.assertTrue(sum(pressed.values()), "the roles see buttons on the suite's records")
        failures = sorted(set(failures))
        if failures:
            self.fail(
                f"{len(failures)} button(s) shown to a role fail for it "
                "(role / model / record / button: error):\n" + "\n".join(failures)
            )
