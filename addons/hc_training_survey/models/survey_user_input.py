from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """Passing a certification survey completes the employee's open assessment steps of
        that survey, with the score and the attempt."""
        res = super()._mark_done()
        passed = self.filtered(lambda i: i.scoring_success and i.partner_id and not i.test_entry)
        if passed:
            Completion = self.env["hc.training.completion"].sudo()
            lines = Completion._open_lines_for_partners(
                passed.partner_id, [("step_id.survey_id", "in", passed.survey_id.ids)]
            )
            for user_input in passed:
                lines.filtered(
                    lambda c, i=user_input: c.user_id.partner_id == i.partner_id
                    and c.step_id.survey_id == i.survey_id
                )._complete(
                    source="survey",
                    score=user_input.scoring_percentage,
                    values={"survey_user_input_id": user_input.id},
                )
        return res
