from odoo import api, fields, models
from odoo.exceptions import UserError


class HcTrainingSignoff(models.TransientModel):
    """A trainer (or a scenario's observer) signs off steps with score and evidence."""

    _name = "hc.training.signoff"
    _description = "Sign Off Training"

    completion_ids = fields.Many2many("hc.training.completion", string="Steps", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    score = fields.Float(help="Leave 0 for steps that are not scored.")
    is_scored = fields.Boolean(compute="_compute_is_scored")
    evidence_ids = fields.Many2many("ir.attachment")
    note = fields.Text()

    @api.depends("completion_ids")
    def _compute_is_scored(self):
        for wizard in self:
            wizard.is_scored = any(wizard.completion_ids.step_id.mapped("min_score"))

    def action_confirm(self):
        """Open to every employee: the role check is the lines' own (a trainer of the lines'
        site, a training manager, or the scenario's observer; never oneself), done before
        anything is written; the verifier is always the acting user."""
        self.ensure_one()
        lines = self.completion_ids
        lines._check_can_sign_off()
        if self.date > fields.Date.context_today(self):
            raise UserError(self.env._("A sign-off cannot be dated in the future."))
        evidence = self.evidence_ids
        if evidence:
            # only attachments the signer may read go on the record
            evidence.check_access("read")
        # checked above: a trainer, or the observer of the scenario, and never oneself
        lines.sudo()._complete(
            source="signoff",
            date=self.date,
            score=self.score if self.is_scored or self.score else None,
            verified_by=self.env.user,
            evidence=evidence,
            note=self.note,
            enforce=True,
        )
        return {"type": "ir.actions.act_window_close"}
