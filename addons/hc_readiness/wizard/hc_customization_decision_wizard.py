from odoo import api, fields, models

from odoo.addons.hc_base.guards import restricted_to

from ..models.hc_customization_request import DECIDERS, DECISIONS


class HcCustomizationDecisionWizard(models.TransientModel):
    """The design authority's decision dialog on a customization request: the member types
    the rationale here (the request's decision fields are the workflow's), and the request
    records the decision after checking the member's seat on the programme's design
    authority."""

    _name = "hc.customization.decision.wizard"
    _description = "Customization Request Decision"

    request_id = fields.Many2one("hc.customization.request", required=True, ondelete="cascade")
    outcome = fields.Selection(DECISIONS, string="Decision", required=True)
    rationale = fields.Text(
        required=True, help="The design authority's rationale, recorded on the request."
    )
    standard_alternative = fields.Html(
        related="request_id.standard_alternative", string="Fit-to-Standard Alternative"
    )
    priority_score = fields.Integer(related="request_id.priority_score")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        request = self.env["hc.customization.request"].browse(values.get("request_id"))
        if "rationale" in fields_list and not values.get("rationale") and request.exists():
            values["rationale"] = request.rationale
        return values

    @restricted_to(*DECIDERS)
    def action_confirm(self):
        """Record the decision with its rationale (the request checks the seat and state)."""
        self.ensure_one()
        self.request_id._decide(self.outcome, self.rationale)
        return {"type": "ir.actions.act_window_close"}
