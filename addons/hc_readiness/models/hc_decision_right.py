from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HcDecisionRight(models.Model):
    """One row of the decision-rights (RACI) matrix: for a workflow of a workstream (or of
    the whole programme), which body approves, executes, monitors and escalates. Stage gates
    read it to know who must approve."""

    _name = "hc.decision.right"
    _description = "Decision Right (RACI)"
    _inherit = ["mail.thread"]
    _order = "program_id, workstream_id, sequence, id"
    _check_company_auto = True

    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    workflow = fields.Char(
        required=True, tracking=True, help="The decision or workflow, e.g. Go-live approval."
    )
    workstream_id = fields.Many2one(
        "hc.workstream", tracking=True, help="Empty: the whole programme."
    )
    approve_body_id = fields.Many2one(
        "hc.governance.body", string="Approves (A)", tracking=True, check_company=True
    )
    execute_body_id = fields.Many2one(
        "hc.governance.body", string="Executes (R)", tracking=True, check_company=True
    )
    monitor_body_id = fields.Many2one(
        "hc.governance.body", string="Monitors (C)", tracking=True, check_company=True
    )
    escalate_body_id = fields.Many2one(
        "hc.governance.body", string="Escalates to (I)", tracking=True, check_company=True
    )
    note = fields.Char()

    _workflow_uniq = models.Constraint(
        "UNIQUE(program_id, workflow, workstream_id)",
        "A workflow has one row per workstream in the decision-rights matrix.",
    )

    @api.constrains("approve_body_id", "execute_body_id", "monitor_body_id", "escalate_body_id")
    def _check_bodies_of_program(self):
        for right in self:
            bodies = (
                right.approve_body_id
                | right.execute_body_id
                | right.monitor_body_id
                | right.escalate_body_id
            )
            stray = bodies.filtered(lambda b, r=right: b.program_id != r.program_id)
            if stray:
                raise ValidationError(
                    self.env._(
                        "Decision right %(workflow)s: %(bodies)s belong to another programme.",
                        workflow=right.workflow,
                        bodies=", ".join(stray.mapped("name")),
                    )
                )

    @api.model
    def _approvers(self, program, workflow, workstream=None):
        """The approving body of ``workflow``: the workstream's row, else the programme's.
        Workflows match whatever their case and surrounding spaces ("Migration Readiness"
        in the matrix is the gate type's "Migration readiness")."""
        key = (workflow or "").strip().casefold()
        rows = self.search([("program_id", "=", program.id)]).filtered(
            lambda r: (r.workflow or "").strip().casefold() == key
        )
        row = rows.filtered(lambda r: r.workstream_id == workstream)[:1] if workstream else None
        row = row or rows.filtered(lambda r: not r.workstream_id)[:1]
        return row.approve_body_id
