from odoo import api, fields, models

from odoo.addons.hc_base.guards import workflow_scope

from ..lib.scoring import rag


class HcProgramWorkstream(models.Model):
    """A workstream of the programme with its business lead."""

    _name = "hc.program.workstream"
    _description = "Programme Workstream"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "program_id, sequence, id"

    program_id = fields.Many2one(
        "hc.program", string="Programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    workstream_id = fields.Many2one("hc.workstream", required=True, index=True)
    name = fields.Char(related="workstream_id.name")
    sequence = fields.Integer(related="workstream_id.sequence", store=True)
    lead_id = fields.Many2one("res.users", string="Business Lead", tracking=True)
    project_id = fields.Many2one("project.project", help="Implementation tasks of this workstream.")
    score = fields.Float(readonly=True, help="User readiness of the workstream's roles.")
    rag = fields.Selection(
        [("none", "No evidence"), ("red", "Red"), ("amber", "Amber"), ("green", "Green")],
        string="RAG",
        default="none",
        readonly=True,
        tracking=True,
    )
    headcount = fields.Float(
        readonly=True,
        digits=(16, 1),
        help="People in the workstream's roles, each split over the roles they hold.",
    )

    _workstream_uniq = models.Constraint(
        "UNIQUE(program_id, workstream_id)", "A workstream appears once in a programme."
    )

    def _apply_score(self, score, headcount):
        """Store the new score; a crossing into red warns the lead once."""
        self.ensure_one()
        program = self.program_id
        new_rag = rag(score, program.threshold_amber, program.threshold_green)
        crossed = new_rag == "red" and self.rag != "red"
        with workflow_scope(self._name, {"score", "rag", "headcount"}):
            self.write({"score": score or 0.0, "rag": new_rag, "headcount": headcount})
        if crossed and self.lead_id:
            self.activity_schedule(
                "hc_readiness.mail_activity_readiness_red",
                user_id=self.lead_id.id,
                summary=self.env._(
                    "%(workstream)s readiness is red (%(score)s%%)",
                    workstream=self.name,
                    score=round(score or 0.0, 1),
                ),
            )

    @api.depends("workstream_id", "program_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.workstream_id.name or ""
