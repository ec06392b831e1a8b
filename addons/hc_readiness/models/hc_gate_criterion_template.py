from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.gates import NOT_A_PERCENTAGE, threshold_error
from .hc_gate_type import CRITERION_KINDS, OPERATORS
from .hc_governance_body import BODY_TYPES


class HcGateCriterionTemplate(models.Model):
    """A criterion every gate of a type starts with."""

    _name = "hc.gate.criterion.template"
    _description = "Stage Gate Criterion Template"
    _order = "gate_type_id, sequence, id"

    gate_type_id = fields.Many2one("hc.gate.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(CRITERION_KINDS, required=True, default="metric")
    metric = fields.Selection(selection="_selection_metric")
    operator = fields.Selection(OPERATORS, default=">=")
    threshold = fields.Float()
    body_type = fields.Selection(BODY_TYPES, help="Sign-off: the body that must approve.")
    provider_note = fields.Char(
        string="Provided By", help="Document: who must provide the deliverable."
    )

    @api.model
    def _selection_metric(self):
        return self.env["hc.gate"]._metric_selection()

    @api.constrains("kind", "metric", "threshold", "body_type")
    def _check_kind_fields(self):
        metrics = self.env["hc.gate"]._metric_providers()
        for line in self:
            if line.kind == "metric":
                if not line.metric:
                    raise ValidationError(
                        self.env._("Criterion %(name)s: choose the metric.", name=line.name)
                    )
                problem = threshold_error(metrics[line.metric]["kind"], line.threshold)
                if problem:
                    what = (
                        self.env._("a percentage between 0 and 100")
                        if problem == NOT_A_PERCENTAGE
                        else self.env._("a whole number of 0 or more")
                    )
                    raise ValidationError(
                        self.env._(
                            "Criterion %(name)s: the threshold of %(metric)s must be %(what)s "
                            "(got %(value)s).",
                            name=line.name,
                            metric=metrics[line.metric]["label"],
                            what=what,
                            value=line.threshold,
                        )
                    )
            if line.kind == "signoff" and not line.body_type:
                raise ValidationError(
                    self.env._("Criterion %(name)s: which body signs off?", name=line.name)
                )
