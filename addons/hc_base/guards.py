"""Workflow-owned fields and role-restricted methods: the suite's server-side guarantees.

**Workflow-owned fields.** A field that only the server's own workflow may set (a state, a
decision and its decider, a date of record, a checksum, a certifier, rollback data, a staged
value, a snapshot's figures, who/when of a signature) is *workflow-owned*:

- on every ``hc.*`` model, every field that an ``hc_*`` module declares ``readonly=True`` (or
  computes without an inverse) is workflow-owned;
- on any model, a field declared with ``workflow_owned=True`` is workflow-owned (and
  ``workflow_owned=False`` opts a readonly ``hc.*`` field out).

``create`` and ``write`` refuse workflow-owned fields from every caller, superuser included
(``create`` lets a field's empty value through: it is what a new record holds anyway), context
defaults (``default_<field>``) for them are ignored, ``copy`` leaves them out, and every form and
list shows them read-only. The workflow sets them inside :func:`workflow_scope`, a Python context
manager that names the model and the fields it may set. The scope lives in a
:class:`contextvars.ContextVar`, so it covers exactly the ``with`` block of server code that
opened it: no context key, RPC argument or anything else in a request can open it. Data files
loaded while a module installs (the registry is not ready yet and no test runs) are trusted.

**Role-restricted methods.** :func:`restricted_to` wraps a public method with a check of the
caller's groups that runs before anything else, even on an empty recordset, so a role that the
README's role table does not give the action gets an :class:`~odoo.exceptions.AccessError`
whatever the records. The superuser environment (crons, and server code after its own check)
passes.
"""

import contextvars
import functools
from contextlib import contextmanager

import odoo.modules.module
from odoo.exceptions import AccessError

# Each entry: (model name, frozenset of field names, or None for every workflow-owned field).
_SCOPE = contextvars.ContextVar("hc_workflow_scope", default=())


@contextmanager
def workflow_scope(model_name, field_names=None):
    """Let the code inside the block set ``model_name``'s workflow-owned ``field_names``
    (all of them when ``None``). Nested models are not covered: each model the workflow
    writes opens its own scope."""
    entry = (model_name, None if field_names is None else frozenset(field_names))
    token = _SCOPE.set((*_SCOPE.get(), entry))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def scope_allows(model_name, field_name):
    """Whether an open :func:`workflow_scope` covers ``model_name.field_name``."""
    for name, names in _SCOPE.get():
        if name == model_name and (names is None or field_name in names):
            return True
    return False


def guard_active(env):
    """False only while a module's data files load (registry not ready, no test running):
    no request can reach a registry before it is ready."""
    return env.registry.ready or bool(odoo.modules.module.current_test)


def restricted_to(*group_xmlids):
    """Decorator: only members of one of ``group_xmlids`` (or the superuser environment) may
    call the method. The check runs first, whatever the records."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            check_groups(self.env, group_xmlids, method.__name__)
            return method(self, *args, **kwargs)

        wrapper._hc_groups = group_xmlids
        return wrapper

    return decorator


def check_groups(env, group_xmlids, action=None):
    """Raise AccessError unless the environment's user is in one of ``group_xmlids``."""
    if env.su or any(env.user.has_group(xmlid) for xmlid in group_xmlids):
        return
    names = []
    for xmlid in group_xmlids:
        group = env.ref(xmlid, raise_if_not_found=False)
        names.append(group.sudo().display_name if group else xmlid)
    raise AccessError(
        env._(
            "%(user)s may not do this (%(action)s): it is reserved to %(groups)s.",
            user=env.user.name,
            action=action or "-",
            groups=", ".join(names),
        )
    )
