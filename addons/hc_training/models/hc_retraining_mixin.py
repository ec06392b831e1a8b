from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import check_groups, workflow_scope

from ..lib.constants import RETRAIN_DAYS


class HcRetrainingMixin(models.AbstractModel):
    """A record that targeted retraining starts from (a floor-support issue, a UAT defect).

    The one retraining path of the suite: the source opens :class:`hc.retraining.wizard`
    with :meth:`_hc_retraining_action`, and the wizard (or server code) calls
    :meth:`_hc_assign_retraining`, which checks the caller's role and right on the source,
    the source's own rules, assigns through ``hc.training.completion._retrain`` (due date,
    no duplicates, retraining assignment) and links the lines back on the source.

    What a source provides:

    - ``_hc_retraining_groups``: the groups (xmlids) that may retrain from it (none by default:
      nobody but the superuser environment);
    - ``_hc_retraining_lines_field``: the many2many field to ``hc.training.completion`` that
      holds the lines (workflow-owned, declared ``readonly``);
    - :meth:`_hc_retraining_defaults`: employees, steps and reason proposed;
    - :meth:`_hc_retraining_allowed_steps`: the steps one may retrain on from it;
    - :meth:`_hc_retraining_check`: its own rules (which employees, which kind of source);
    - :meth:`_hc_retraining_message`: the chatter message once retraining is asked.
    """

    _name = "hc.retraining.mixin"
    _description = "Targeted Retraining Source"

    _hc_retraining_groups = ()
    _hc_retraining_lines_field = None

    # ------------------------------------------------------------ actions
    def _hc_retraining_action(self):
        """The retraining wizard opened on this source."""
        self.ensure_one()
        self._hc_retraining_check_role()
        self._hc_retraining_check_source()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retrain"),
            "res_model": "hc.retraining.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    # ------------------------------------------------------------ hooks
    def _hc_retraining_check_role(self):
        """Raise AccessError unless the user holds a role that retrains from this source."""
        check_groups(self.env, self._hc_retraining_groups, "retrain")

    def _hc_retraining_check_source(self):
        """Raise UserError if retraining does not apply to this source (override)."""

    def _hc_retraining_defaults(self):
        """``{"employees", "steps", "reason"}`` proposed in the wizard (override)."""
        self.ensure_one()
        return {
            "employees": self.env["hr.employee"],
            "steps": self.env["hc.learning.path.step"],
            "reason": self.display_name,
        }

    def _hc_retraining_allowed_steps(self, employees):
        """The learning-path steps ``employees`` may be retrained on from this source."""
        self.ensure_one()
        return self.env["hc.learning.path.step"]

    def _hc_retraining_check(self, employees, steps):
        """Raise UserError if the source's rules refuse ``employees`` or ``steps`` (override
        and call ``super()``): by default the steps must be allowed ones."""
        self.ensure_one()
        outside = steps - self._hc_retraining_allowed_steps(employees).sudo()
        if outside:
            raise UserError(
                self.env._(
                    "%(steps)s is not training of the roles concerned by %(record)s.",
                    steps=", ".join(outside.mapped("name")),
                    record=self.display_name,
                )
            )

    def _hc_retraining_message(self, employees, steps):
        return self.env._(
            "Targeted retraining of %(employees)s on %(steps)s.",
            employees=", ".join(employees.mapped("name")),
            steps=", ".join(steps.mapped("name")),
        )

    def _hc_retraining_link_vals(self, lines):
        """Values written on the source to link the retraining ``lines``."""
        return {self._hc_retraining_lines_field: [(4, line.id) for line in lines]}

    # ------------------------------------------------------------ business
    @api.model
    def _hc_retraining_models(self):
        """Names of the models that retraining starts from."""
        return [
            name
            for name in self.env.registry.descendants([self._name], "_inherit")
            if not self.env[name]._abstract
        ]

    def _hc_assign_retraining(self, employees, steps, reason=None, days=RETRAIN_DAYS):
        """Retrain ``employees`` on ``steps`` from this source: the user's role and right to
        work the source are checked, then the source's rules; the training records are
        written by the system through hc_training's one retraining path and the lines are
        linked on the source. Returns the lines."""
        self.ensure_one()
        self._hc_retraining_check_role()
        self.check_access("write")
        self._hc_retraining_check_source()
        employees, steps = employees.sudo(), steps.sudo()
        if not employees or not steps:
            raise UserError(
                self.env._(
                    "%(record)s: choose the employees and the training steps to retrain.",
                    record=self.display_name,
                )
            )
        self._hc_retraining_check(employees, steps)
        lines = (
            self.env["hc.training.completion"]
            .sudo()
            ._retrain(
                employees,
                steps,
                reason=reason or self.display_name,
                days=RETRAIN_DAYS if days is None else days,
            )
        )
        with workflow_scope(self._name, {self._hc_retraining_lines_field}):
            self.sudo().write(self._hc_retraining_link_vals(lines))
        self.message_post(body=self._hc_retraining_message(employees, steps))
        return lines
