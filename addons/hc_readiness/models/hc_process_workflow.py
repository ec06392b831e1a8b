from odoo import api, fields, models
from odoo.exceptions import ValidationError

CRITICALITY = [("high", "High"), ("medium", "Medium"), ("low", "Low")]
POLICIES = [
    ("central", "Central standard"),
    ("local_flex", "Local flexibility"),
]


class HcProcessWorkflow(models.Model):
    """An end-to-end support workflow of the process catalog (a template shared by the
    programmes): who owns it, the Odoo apps it runs in, the roles around it and the
    workflows it depends on."""

    _name = "hc.process.workflow"
    _description = "Process Workflow"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    workstream_id = fields.Many2one("hc.workstream", required=True, index=True, tracking=True)
    owner_id = fields.Many2one("res.users", string="Process Owner", tracking=True)
    app_area_ids = fields.Many2many("hc.app.area", string="Odoo App Areas")
    criticality = fields.Selection(
        CRITICALITY,
        required=True,
        default="medium",
        tracking=True,
        help="Weight in the standardization lens: high 3, medium 2, low 1.",
    )
    policy = fields.Selection(
        POLICIES,
        string="Standardization Policy",
        required=True,
        default="central",
        tracking=True,
        help="Central: every site runs the enterprise standard; a local exception is "
        "exceptional, needs a review date and the design authority's approval. Local "
        "flexibility: sites may keep approved local variants (e.g. their own queues).",
    )
    description = fields.Html()
    role_line_ids = fields.One2many("hc.process.workflow.role", "workflow_id", string="Roles")
    dependency_ids = fields.Many2many(
        "hc.process.workflow",
        "hc_process_workflow_dependency_rel",
        "workflow_id",
        "depends_on_id",
        string="Depends On",
        help="Workflows whose delays or errors affect this one.",
    )
    dependency_impact = fields.Text(
        help="How the workflows it depends on affect this one, e.g. a purchasing delay "
        "lowers stock availability."
    )
    variant_count = fields.Integer(compute="_compute_variant_count")

    _code_uniq = models.Constraint("UNIQUE(code)", "A workflow code must be unique.")

    def _compute_variant_count(self):
        counts = dict(
            self.env["hc.process.variant"]._read_group(
                [("workflow_id", "in", self.ids)], ["workflow_id"], ["__count"]
            )
        )
        for workflow in self:
            workflow.variant_count = counts.get(workflow, 0)

    @api.constrains("dependency_ids")
    def _check_dependencies(self):
        for workflow in self:
            if workflow in workflow.dependency_ids:
                raise ValidationError(
                    self.env._("Workflow %(wf)s cannot depend on itself.", wf=workflow.name)
                )
        if self._has_cycle("dependency_ids"):
            raise ValidationError(
                self.env._(
                    "The dependencies of %(wfs)s form a cycle: a workflow cannot depend, "
                    "directly or through others, on itself.",
                    wfs=", ".join(self.mapped("name")),
                )
            )

    def action_open_variants(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_readiness.hc_process_variant_action"
        )
        action["domain"] = [("workflow_id", "=", self.id)]
        action["context"] = {"default_workflow_id": self.id}
        return action
