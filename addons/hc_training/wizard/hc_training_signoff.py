from odoo import api, fields, models


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
        self.ensure_one()
        self.completion_ids._check_can_sign_off()
        # checked above: a trainer, or the observer of the scenario, and never oneself
        self.completion_ids.sudo()._complete(
            source="signoff",
            date=self.date,
            score=self.score if self.is_scored or self.score else None,
            verified_by=self.env.user,
            evidence=self.evidence_ids,
            note=self.note,
            enforce=True,
        )
        return {"type": "ir.actions.act_window_close"}
