from odoo import models
from odoo.exceptions import AccessError

from ..guards import guard_active


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_post(self, **kwargs):
        """On the suite's records the chatter is part of the evidence (votes, sign-offs,
        escalations are logged there): a user posts in their own name only."""
        author_id = kwargs.get("author_id")
        if (
            author_id
            and self._name.startswith("hc.")
            and not self.env.su
            and guard_active(self.env)
            and author_id != self.env.user.partner_id.id
        ):
            raise AccessError(
                self.env._("%(user)s posts in their own name only.", user=self.env.user.name)
            )
        return super().message_post(**kwargs)
