from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hc_gate_type import CRITERION_KINDS, OPERATORS


class HcGateCriterion(models.Model):
    _name = "hc.gate.criterion"
    _description = "Stage Gate Criterion"
    _order = "gate_id, sequence, id"

    gate_id = fields.Many2one("hc.gate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="gate_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    kind = fields.Selection(CRITERION_KINDS, required=True, default="metric")
    metric = fields.Selection(selection="_selection_metric")
    operator = fields.Selection(OPERATORS, default=">=")
    threshold = fields.Float()
    body_type = fields.Selection(selection="_selection_body_type")
    provider_note = fields.Char(string="Provided By")
    value = fields.Float(readonly=True)
    has_value = fields.Boolean(readonly=True)
    passed = fields.Boolean(readonly=True)
    explanation = fields.Text(readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    document_version_id = fields.Many2one(
        "hc.controlled.document.version",
        string="Controlled Document",
        help="A controlled document version as the deliverable: it counts once effective.",
    )

    @api.model
    def _selection_metric(self):
        return self.env["hc.gate"]._metric_selection()

    @api.model
    def _selection_body_type(self):
        return self.env["hc.governance.body"]._fields["body_type"].selection

    def _has_document(self):
        self.ensure_one()
        version = self.document_version_id.sudo()
        return bool(self.attachment_ids) or (bool(version) and version.state == "effective")

    def write(self, vals):
        if not self.env.su and any(c.gate_id.state == "decided" for c in self):
            raise AccessError(self.env._("The criteria of a decided gate are read-only."))
        return super().write(vals)
