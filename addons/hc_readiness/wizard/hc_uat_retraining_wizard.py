from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to
from odoo.addons.hc_training.lib.constants import RETRAIN_DAYS


class HcUatRetrainingWizard(models.TransientModel):
    """Proposes targeted retraining for a training-gap UAT defect: prefilled with the
    training step behind the failing scenario step and the people who failed it."""

    _name = "hc.uat.retraining.wizard"
    _description = "Propose Retraining for a UAT Defect"

    defect_id = fields.Many2one("hc.uat.defect", required=True, ondelete="cascade")
    role_id = fields.Many2one(related="defect_id.role_id")
    step_ids = fields.Many2many(
        "hc.learning.path.step",
        string="Training Steps",
        required=True,
        domain="[('path_id.state', '=', 'published')]",
    )
    site_id = fields.Many2one(related="defect_id.site_id")
    employee_ids = fields.Many2many(
        "hr.employee.public",
        string="Employees",
        required=True,
        domain="[('hc_site_id', '=', site_id)]",
        help="Employees of the cycle's site.",
    )
    reason = fields.Text(required=True)
    days = fields.Integer(string="Due In (days)", default=RETRAIN_DAYS, required=True)

    @api.constrains("days")
    def _check_days(self):
        if any(wizard.days < 0 for wizard in self):
            raise ValidationError(self.env._("Retraining cannot be due before it is assigned."))

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        defect = self.env["hc.uat.defect"].browse(res.get("defect_id"))
        if defect:
            defect._check_training_gap()
            employees, steps = defect._retraining_defaults()
            res.setdefault("employee_ids", [(6, 0, employees.ids)])
            res.setdefault("step_ids", [(6, 0, steps.ids)])
            res.setdefault(
                "reason",
                self.env._(
                    "UAT defect %(code)s in %(run)s: %(defect)s",
                    code=defect.code,
                    run=defect.run_id.name,
                    defect=defect.name,
                ),
            )
        return res

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_confirm(self):
        self.ensure_one()
        # only the training behind the defect: its scenario step's training step, or the
        # published steps of the defect's role (never any path of the site)
        _employees, proposed = self.defect_id._retraining_defaults()
        allowed = proposed | self.defect_id.run_step_id.training_step_id
        foreign = self.step_ids - allowed
        if foreign:
            raise UserError(
                self.env._(
                    "%(step)s is not training of the role concerned by %(defect)s.",
                    step=foreign[0].display_name,
                    defect=self.defect_id.display_name,
                )
            )
        employees = self.env["hr.employee"].sudo().browse(self.employee_ids.ids)
        self.defect_id._apply_retraining(
            employees, self.step_ids, reason=self.reason, days=self.days
        )
        return {"type": "ir.actions.act_window_close"}
