from odoo import models


class SlideChannelPartner(models.Model):
    _inherit = "slide.channel.partner"

    def _post_completion_update_hook(self, completed=True):
        """Finishing a course completes the employee's open eLearning steps of that course."""
        res = super()._post_completion_update_hook(completed)
        done = self.filtered(lambda m: m.member_status == "completed") if completed else None
        if done:
            Completion = self.env["hc.training.completion"].sudo()
            lines = Completion._open_lines_for_partners(
                done.partner_id, [("step_id.channel_id", "in", done.channel_id.ids)]
            )
            finished = {(m.partner_id.id, m.channel_id.id) for m in done}
            lines.filtered(
                lambda c: (c.user_id.partner_id.id, c.step_id.channel_id.id) in finished
            )._complete(source="elearning")
        return res
