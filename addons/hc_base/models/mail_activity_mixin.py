from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _hc_schedule_once(self, activity_type, user, deadline, summary):
        """Schedule an activity of ``activity_type`` on each of these records that has none
        yet: the one path of the suite's reminder crons, which run daily and must not repeat
        themselves. ``user``, ``deadline`` and ``summary`` are functions of the record."""
        if not self:
            return self
        already = {
            activity.res_id
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        todo = self.filtered(lambda record: record.id not in already)
        for record in todo:
            record.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user(record).id,
                date_deadline=deadline(record),
                summary=summary(record),
            )
        return todo
