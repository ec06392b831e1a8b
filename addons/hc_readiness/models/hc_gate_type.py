from odoo import fields, models

OPERATORS = [(">=", "at least"), ("<=", "at most"), ("=", "exactly")]
CRITERION_KINDS = [
    ("metric", "Metric from live data"),
    ("document", "Document / deliverable"),
    ("signoff", "Sign-off by a body"),
]


class HcGateType(models.Model):
    """A stage-gate type (discovery sign-off ... hypercare closure) and its criteria template,
    which the PMO edits."""

    _name = "hc.gate.type"
    _description = "Stage Gate Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    workflow = fields.Char(
        required=True, help="The workflow of the decision-rights matrix whose body approves."
    )
    description = fields.Html(translate=True)
    template_ids = fields.One2many("hc.gate.criterion.template", "gate_type_id", string="Criteria")
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "A gate type code must be unique.")
