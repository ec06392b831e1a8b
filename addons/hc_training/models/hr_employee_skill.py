from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.hc_base.guards import guard_active, scope_allows

CERTIFICATION_TYPE = "hc_training.skill_type_golive_certification"


class HrEmployeeSkill(models.Model):
    """The suite's go-live certifications are training records: only the training
    completion code path (``hc.training.completion._record_certifications``, inside
    ``workflow_scope("hr.employee.skill")``) creates, extends or removes them. hr_skills lets
    employees edit their own skills; this one is not theirs to edit, nor anyone else's."""

    _inherit = "hr.employee.skill"

    @api.model
    def _hc_certification_type(self):
        return self.env.ref(CERTIFICATION_TYPE, raise_if_not_found=False)

    @api.model
    def _hc_check_certification(self, skill_types):
        """Refuse unless the training workflow is writing the suite's certifications."""
        if not guard_active(self.env) or scope_allows(self._name, "skill_type_id"):
            return
        cert_type = self._hc_certification_type()
        if cert_type and cert_type in skill_types:
            raise AccessError(
                self.env._(
                    "%(type)s records are written by the training completions only: complete "
                    "the training to be certified.",
                    type=cert_type.sudo().display_name,
                )
            )

    @api.model
    def _hc_types_of_vals(self, vals):
        types = self.env["hr.skill.type"]
        if vals.get("skill_type_id"):
            types |= types.browse(vals["skill_type_id"])
        if vals.get("skill_id"):
            types |= self.env["hr.skill"].sudo().browse(vals["skill_id"]).skill_type_id
        if vals.get("skill_level_id"):
            types |= self.env["hr.skill.level"].sudo().browse(vals["skill_level_id"]).skill_type_id
        return types.sudo()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._hc_check_certification(self._hc_types_of_vals(vals))
        return super().create(vals_list)

    def write(self, vals):
        self._hc_check_certification(
            self.sudo().skill_type_id
            | self.sudo().skill_id.skill_type_id
            | self._hc_types_of_vals(vals)
        )
        return super().write(vals)

    def unlink(self):
        self._hc_check_certification(self.sudo().skill_type_id | self.sudo().skill_id.skill_type_id)
        return super().unlink()
