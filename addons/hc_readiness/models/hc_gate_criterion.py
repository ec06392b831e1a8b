from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hc_base.guards import guard_active

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
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("pending", "Not evaluated")],
        compute="_compute_result",
        help="Pass or fail as last evaluated; not evaluated while the gate is a draft.",
    )
    explanation = fields.Text(readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    document_version_id = fields.Many2one(
        "hc.controlled.document.version",
        string="Controlled Document",
        help="A controlled document version as the deliverable: it counts once effective.",
    )

    @api.depends("passed", "gate_id.state")
    def _compute_result(self):
        for criterion in self:
            if criterion.passed:
                criterion.result = "pass"
            else:
                criterion.result = "pending" if criterion.gate_id.state == "draft" else "fail"

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

    def _check_gate_open(self, gates):
        """The criteria of a gate in review or decided are its frozen evidence: only the
        gate's own evaluation updates their results (recycle the gate to change them)."""
        if guard_active(self.env) and any(g.state in ("review", "decided") for g in gates):
            raise AccessError(
                self.env._(
                    "The criteria of a gate in review or decided are read-only: recycle the "
                    "gate to change them."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        gate_ids = {vals.get("gate_id") for vals in vals_list if vals.get("gate_id")}
        self._check_gate_open(self.env["hc.gate"].browse(gate_ids).sudo())
        return super().create(vals_list)

    def write(self, vals):
        gates = self.sudo().gate_id
        if "gate_id" in vals:
            gates |= self.env["hc.gate"].browse(vals["gate_id"]).sudo()
        if set(vals) - self._workflow_owned_fields():
            self._check_gate_open(gates)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self._check_gate_open(self.sudo().gate_id)
