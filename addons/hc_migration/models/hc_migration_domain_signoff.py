# pylint: disable=consider-merging-classes-inherited
# (issue #19: hc.migration.run is split into one file per feature)
from odoo import models
from odoo.exceptions import UserError


class HcMigrationDomain(models.Model):
    """Sign-offs guarded by the domain's own reject-rate target."""

    _inherit = "hc.migration.domain"

    def _latest_completed_run(self):
        """The domain's latest completed mock run (staged and validated, or loaded): the run
        the readiness figures (``last_reject_rate``) read too."""
        self.ensure_one()
        done = self.sudo().run_ids.filtered(lambda r: r.state in ("loaded", "validated"))
        return done.sorted("number")[-1:]

    def _reject_target_breach(self):
        """(latest completed run, its reject rate, the target, breached?). A run breaches the
        target when its reject rate is not under it (as ``good_run_count`` counts runs under
        target); a run that rejected nothing never does."""
        self.ensure_one()
        run = self._latest_completed_run()
        rate = run.reject_rate if run else 0.0
        target = self.reject_threshold
        return run, rate, target, bool(run) and rate > 0 and rate >= target

    def _reject_target_check(self, exception_reason=None):
        """The values a sign-off records about the target; refused (UserError naming the
        rate and the target) while the latest completed run breaches it, unless
        ``exception_reason`` says why the owner signs off anyway."""
        run, rate, target, breached = self._reject_target_breach()
        reason = (exception_reason or "").strip()
        if breached and not reason:
            raise UserError(
                self.env._(
                    "%(domain)s cannot be signed off: its latest mock run (%(run)s) rejected "
                    "%(rate)s%% of its rows, against a reject-rate target of %(target)s%%. "
                    "Fix the source and run again, or record an exception with a reason.",
                    domain=self.name,
                    run=run.name,
                    rate=round(rate, 2),
                    target=round(target, 2),
                )
            )
        return {
            "run_id": run.id,
            "reject_rate": rate,
            "reject_threshold": target,
            "target_breached": breached,
            "exception_reason": reason or False,
        }

    def _sign_off_or_ask_exception(self, kind):
        """A sign-off button: signs off ``kind`` and returns True, or, while the latest mock
        run breaches the reject-rate target, opens the exception form (the sign-off is then
        given with the owner's reason)."""
        self.ensure_one()
        self._check_can_sign_off()
        if self._reject_target_breach()[3]:
            return {
                "type": "ir.actions.act_window",
                "res_model": "hc.migration.signoff.exception",
                "view_mode": "form",
                "target": "new",
                "name": self.env._("Sign off with an exception"),
                "context": {"default_domain_id": self.id, "default_kind": kind},
            }
        self.action_sign_off(kind)
        return True
