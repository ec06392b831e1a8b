# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from odoo.addons.hc_base.guards import workflow_scope


class HcTrainingCompletion(models.Model):
    """Completions of steps with a validity record an hr_skills certification."""

    _inherit = "hc.training.completion"

    def _record_certifications(self):
        """Create or extend the hr_skills certification of steps that have a validity."""
        lines = self.filtered(lambda c: c.step_id.skill_id and c.expires_on)
        if not lines:
            return
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        # the one code path that writes the suite's certifications (hr_employee_skill.py)
        with workflow_scope("hr.employee.skill"):
            self._write_certifications(lines, EmployeeSkill)

    @api.model
    def _write_certifications(self, lines, EmployeeSkill):
        level = self.env.ref("hc_training.skill_level_golive_certified")
        existing = EmployeeSkill.search(
            [
                ("employee_id", "in", lines.employee_id.ids),
                ("skill_id", "in", lines.step_id.skill_id.ids),
            ]
        )
        current = {(s.employee_id.id, s.skill_id.id): s for s in existing.sorted("valid_to")}
        to_create = []
        for line in lines:
            skill = line.step_id.skill_id
            cert = current.get((line.employee_id.id, skill.id))
            if cert and cert.valid_to and cert.valid_to >= line.date_completed:
                if cert.valid_to < line.expires_on:
                    cert.valid_to = line.expires_on
            else:
                to_create.append(
                    {
                        "employee_id": line.employee_id.id,
                        "skill_id": skill.id,
                        "skill_type_id": skill.skill_type_id.id,
                        "skill_level_id": level.id,
                        "valid_from": line.date_completed,
                        "valid_to": line.expires_on,
                    }
                )
        if to_create:
            EmployeeSkill.create(to_create)
