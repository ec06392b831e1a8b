"""The README's guarantees over Odoo's external API, generated from the registry.

Every call goes through JSON-RPC (``/web/dataset/call_kw``) in a session of one user per role,
logged in with the README's demo logins (created with the README's groups when the demo data is
absent). Nothing here lists fields or models by hand: a new ``hc.*`` model, workflow-owned field
or public action is covered the day it is added. The only hand-kept data is the role table of
public methods in ``role_table.py`` (one place), which a new method must be added to.

1. Workflow-owned fields: ``create`` and ``write`` of each one, alone, are refused for every role,
   and for a role that may create/write the model the refusal is the workflow guard's.
2. Public methods (``action_*``/``button_*`` of the suite): a role outside the table's groups gets
   an AccessError before anything runs (called on no records); a role inside never does.
3. Scope after write: a write of a relational field that would take a record out of the role's
   own write rules is refused.
"""

import inspect
import json
import logging
import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from .role_table import ANY, EDITABLE_WORKFLOW_FIELDS, METHOD_ROLES, ROLE_USERS

_logger = logging.getLogger(__name__)

GUARD_TEXT = "workflow only"
ROLE_ADMIN = "admin"
# names that say the workflow owns a field: states, decisions, deciders and approvers, dates of
# record, checksums, rollback data
WORKFLOW_NAME = re.compile(
    r"^(state|.*_state|decision|checksum|rollback_data|is_closed|is_waived|.*ed_by_id"
    r"|date_\w+ed|approver_id|reporter_id|tester_id)$"
)
REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}
SKIP_TYPES = {"one2many", "properties", "properties_definition", "reference", "json"}


def _suite_models(env):
    """Stored ``hc.*`` models (SQL-view reports excluded), wizards included."""
    return [
        env[name]
        for name, cls in sorted(env.registry.items())
        if name.startswith("hc.") and not cls._abstract and cls._auto
    ]


@tagged("post_install", "-at_install")
class TestRpcGuarantees(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        company = cls.env.ref("base.main_company")
        for login, groups in ROLE_USERS.items():
            user = cls.env["res.users"].search([("login", "=", login)])
            if not user:
                group_ids = [
                    cls.env.ref(xmlid).id
                    for xmlid in groups
                    if cls.env.ref(xmlid, raise_if_not_found=False)
                ]
                user = (
                    cls.env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "name": login.title(),
                            "login": login,
                            "password": login,
                            "company_id": company.id,
                            "company_ids": [(6, 0, company.ids)],
                            "group_ids": [(6, 0, group_ids)],
                        }
                    )
                )
            cls.users[login] = user

    # ------------------------------------------------------------------ RPC
    def _login(self, login):
        self.authenticate(login, login)

    def _rpc(self, model, method, args, kwargs=None):
        """(result, error) of one JSON-RPC call in the current session; error is the
        server's error data (name, message) or None."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload, default=str),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        response.raise_for_status()
        data = response.json()
        if "error" in data:
            return None, data["error"]["data"]
        return data.get("result"), None

    # --------------------------------------------------------------- values
    def _forged_value(self, field):
        """A non-empty value of ``field``'s type, or None when none can be built."""
        if field.type in SKIP_TYPES:
            return None
        if field.type in ("char", "text", "html"):
            return "forged"
        if field.type in ("integer", "float", "monetary"):
            return 42
        if field.type == "boolean":
            return True
        if field.type == "date":
            return "2099-12-31"
        if field.type == "datetime":
            return "2099-12-31 08:00:00"
        if field.type == "binary":
            return "Zm9yZ2Vk"
        if field.type == "selection":
            selection = field._description_selection(self.env)
            return selection[-1][0] if selection else None
        if field.type in ("many2one", "many2many"):
            comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
            record = comodel.search([], limit=1, order="id desc")
            if not record:
                return None
            return record.id if field.type == "many2one" else [(6, 0, record.ids)]
        return None

    def _model_access(self, user, model_name, operation):
        return self.env[model_name].with_user(user).has_access(operation)

    # --------------------------------------------------------------- tests
    def test_fields_named_for_the_workflow_are_workflow_owned(self):
        """A guard removed from a state, decider, date of record... fails here, whatever the
        model: only the fields listed (with the reason) in EDITABLE_WORKFLOW_FIELDS are editable."""
        unguarded = []
        for name, cls in sorted(self.env.registry.items()):
            if not name.startswith("hc.") or cls._abstract:
                continue
            model = self.env[name]
            owned = model._workflow_owned_fields()
            for fname, field in model._fields.items():
                modules = field._modules or (field._module,)
                if not (modules[0] or "").startswith("hc_") or not WORKFLOW_NAME.match(fname):
                    continue
                key = f"{name}.{fname}"
                if fname not in owned and key not in EDITABLE_WORKFLOW_FIELDS:
                    unguarded.append(key)
        self.assertFalse(unguarded, f"workflow fields any writer may set: {unguarded}")

    def test_workflow_owned_fields_refused_for_every_role(self):
        models_ = [m for m in _suite_models(self.env) if m._workflow_owned_fields()]
        owned_total = sum(len(m._workflow_owned_fields()) for m in models_)
        self.assertTrue(owned_total, "the suite declares workflow-owned fields")
        base_vals = {model._name: self._create_vals(model) for model in models_}
        checked = guarded = 0
        failures = []
        for login, user in self.users.items():
            self._login(login)
            for model in models_:
                may_create = self._model_access(user, model._name, "create")
                may_write = self._model_access(user, model._name, "write")
                if not (may_create or may_write):
                    continue  # the ACL refuses every create and write of the model
                vals = base_vals[model._name]
                targets = model.with_user(user).search([], limit=40)._filtered_access("write")
                for fname in sorted(model._workflow_owned_fields()):
                    value = self._forged_value(model._fields[fname])
                    if value is None:
                        continue
                    calls = []
                    if may_create:
                        create_vals = {**vals, fname: value}
                        control = self._works_in_scope(model, user, fname, "create", [create_vals])
                        calls.append(("create", [create_vals], control))
                    if may_write and targets:
                        # a record on which the workflow itself could write the field, if any
                        target = next(
                            (
                                t
                                for t in targets[:5]
                                if self._works_in_scope(
                                    model, user, fname, "write", [t.ids, {fname: value}]
                                )
                            ),
                            None,
                        )
                        control = target is not None
                        target = target or targets[0]
                        calls.append(("write", [target.ids, {fname: value}], control))
                    for method, args, control in calls:
                        with mute_logger("odoo.http"):
                            _res, error = self._rpc(model._name, method, args)
                        checked += 1
                        where = f"{login}: {method} {model._name}.{fname}={value!r}"
                        if error is None:
                            failures.append(f"{where} was accepted")
                        elif GUARD_TEXT in error["message"]:
                            guarded += 1
                        elif control and error["name"] not in REFUSALS:
                            # the same call goes through in the workflow's scope: refused as a
                            # permission or business rule, never by a crash
                            failures.append(f"{where} failed with {error['message']!r}")
        _logger.info(
            "workflow-owned fields: %s on %s models; %s create/write calls refused, "
            "%s of them by the guard itself",
            owned_total,
            len(models_),
            checked,
            guarded,
        )
        self.assertFalse(failures, "\n".join(failures))

    def _create_vals(self, model):
        """Values that create a record of ``model`` (copied from an existing one, without
        its workflow-owned fields), or {} when there is none."""
        sample = model.sudo().with_context(active_test=False).search([], limit=1)
        if not sample:
            return {}
        try:
            vals = sample.copy_data()[0]
        except Exception:  # a model that refuses copies: create from nothing
            return {}
        owned = model._workflow_owned_fields()
        return {k: v for k, v in vals.items() if k not in owned}

    def _works_in_scope(self, model, user, fname, method, args):
        """Whether ``user``'s ``create``/``write`` call goes through when the workflow's scope
        covers ``fname`` (tried in-process in a savepoint, rolled back)."""
        try:
            with (
                self.env.cr.savepoint(),
                mute_logger("odoo.sql_db"),
                workflow_scope(model._name, {fname}),
            ):
                if method == "create":
                    model.with_user(user).create(args[0])
                else:
                    model.with_user(user).browse(args[0]).write(args[1])
                self.env.flush_all()
                raise _Rollback(True)
        except _Rollback:
            return True
        except Exception:  # refused for another reason: the guard is not alone
            return False
        finally:
            self.env.invalidate_all()

    def test_public_methods_follow_the_role_table(self):
        unlisted, mismatches = [], []
        calls = 0
        methods = []
        for model in [*_suite_models(self.env), self.env["hr.employee"]]:
            for name, func in inspect.getmembers(type(model), inspect.isfunction):
                if not name.startswith(("action_", "button_")):
                    continue
                if not func.__module__.startswith("odoo.addons.hc_"):
                    continue
                key = f"{model._name}.{name}"
                if key not in METHOD_ROLES:
                    unlisted.append(key)
                    continue
                methods.append((model, name, func, METHOD_ROLES[key]))
        self.assertFalse(
            unlisted, f"public methods missing from role_table.METHOD_ROLES: {unlisted}"
        )
        for login, user in self.users.items():
            self._login(login)
            for model, name, func, groups in methods:
                if groups is ANY:
                    allowed = None  # navigation: whoever reads the records
                else:
                    allowed = any(user.has_group(g) for g in groups)
                if allowed is None:
                    if not self._model_access(user, model._name, "read"):
                        continue
                    allowed = True
                args = [] if getattr(func, "_api_model", False) else [[]]
                with mute_logger("odoo.http", "odoo.addons.hc_readiness", "odoo.sql_db"):
                    _res, error = self._rpc(model._name, name, args)
                calls += 1
                refused = bool(error) and error["name"] == "odoo.exceptions.AccessError"
                if allowed and refused:
                    mismatches.append(f"{login} refused {model._name}.{name}: {error['message']}")
                elif not allowed and not refused:
                    mismatches.append(
                        f"{login} NOT refused {model._name}.{name}"
                        f" ({error['name'] if error else 'ran'})"
                    )
        _logger.info("role table: %s methods, %s calls", len(methods), calls)
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_writes_never_move_records_out_of_the_writers_scope(self):
        checked = 0
        for model in _suite_models(self.env):
            if model._transient:
                continue
            owned = model._workflow_owned_fields()
            m2o_fields = [
                f
                for name, f in model._fields.items()
                if f.type == "many2one"
                and f.store
                and name not in owned
                and not f.readonly
                and not f.related
            ]
            if not m2o_fields:
                continue
            for login, user in self.users.items():
                if not self._model_access(user, model._name, "write"):
                    continue
                record = model.with_user(user).search([], limit=20)._filtered_access("write")[:1]
                if not record:
                    continue
                record = record.sudo()
                for field in m2o_fields:
                    comodel = self.env[field.comodel_name].sudo()
                    candidates = comodel.search([("id", "!=", record[field.name].id)], limit=4)
                    for candidate in candidates:
                        if not self._moves_out(record, field.name, candidate, user):
                            continue
                        self._login(login)
                        with mute_logger("odoo.http"):
                            _res, error = self._rpc(
                                model._name, "write", [record.ids, {field.name: candidate.id}]
                            )
                        checked += 1
                        self.assertTrue(
                            error and error["name"] == "odoo.exceptions.AccessError",
                            f"{login} moved {model._name} {record.display_name} out of scope "
                            f"by {field.name}={candidate.display_name}: {error}",
                        )
                        break  # one out-of-scope value per field and role is enough
        _logger.info("scope after write: %s out-of-scope writes refused", checked)

    def test_field_domains_hold_on_the_server(self):
        """A many-to-one whose domain ties it to another field of the record (a shift of the
        issue's site, a wave of the gate's programme) refuses a value outside that domain."""
        checked = 0
        for model in _suite_models(self.env):
            for fname, co_name, own_name, or_empty in model._hc_field_links():
                if fname in model._workflow_owned_fields() or model._transient:
                    continue
                record = model.sudo().search(
                    [(fname, "!=", False), (own_name, "!=", False)], limit=1
                )
                if not record:
                    continue
                comodel = self.env[model._fields[fname].comodel_name].sudo()
                own = record[own_name]
                outside = [(co_name, "not in", own.ids if hasattr(own, "ids") else [own])]
                if or_empty:
                    outside.append((co_name, "!=", False))
                foreign = comodel.search(outside, limit=1)
                if not foreign:
                    continue
                self._login(ROLE_ADMIN)
                with mute_logger("odoo.http"):
                    _res, error = self._rpc(model._name, "write", [record.ids, {fname: foreign.id}])
                checked += 1
                self.assertTrue(
                    error and error["name"] in REFUSALS,
                    f"{model._name}.{fname} accepted {foreign.display_name} outside "
                    f"{own_name}={own.display_name}: {error}",
                )
        _logger.info("field domains: %s out-of-domain values refused", checked)

    def _moves_out(self, record, fname, value, user):
        """Whether setting ``fname`` to ``value`` (by the superuser, rolled back) would put
        ``record`` outside ``user``'s write rules; False when the write fails anyway."""
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                record.write({fname: value.id})
                record.flush_recordset()
                inside = bool(record.with_user(user)._filtered_access("write"))
                raise _Rollback(inside)
        except _Rollback as rollback:
            self.env.invalidate_all()
            return not rollback.inside
        except Exception:  # a constraint refused the value: nothing to test
            self.env.invalidate_all()
            return False


class _Rollback(Exception):
    def __init__(self, inside):
        super().__init__()
        self.inside = inside
