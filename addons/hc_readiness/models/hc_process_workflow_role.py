from odoo import fields, models

RESPONSIBILITIES = [
    ("approve", "Approves"),
    ("execute", "Executes"),
    ("monitor", "Monitors"),
    ("escalate", "Escalates"),
]


class HcProcessWorkflowRole(models.Model):
    """Who approves, executes, monitors or escalates in a workflow, by training role."""

    _name = "hc.process.workflow.role"
    _description = "Process Workflow Role"
    _order = "workflow_id, responsibility, id"

    workflow_id = fields.Many2one(
        "hc.process.workflow", required=True, index=True, ondelete="cascade"
    )
    role_id = fields.Many2one("hc.training.role", required=True, ondelete="cascade")
    responsibility = fields.Selection(RESPONSIBILITIES, required=True, default="execute")
    note = fields.Char()

    _role_uniq = models.Constraint(
        "UNIQUE(workflow_id, role_id, responsibility)",
        "A role holds a responsibility once in a workflow.",
    )
