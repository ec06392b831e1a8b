from odoo import api, fields, models
from odoo.exceptions import UserError


class HcTrainingCompletion(models.Model):
    """A step linked to a controlled document completes only from the employee's own
    acknowledgment: nobody signs it off for them. A line created for an employee who has
    already acknowledged the effective version completes at once."""

    _inherit = "hc.training.completion"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._complete_from_acknowledgments()
        return lines

    def _sign_off_refusal(self):
        if self.sudo().step_id.document_id:
            return UserError, self.env._(
                "%(step)s completes when %(employee)s acknowledges %(document)s in My "
                "Training; it cannot be signed off.",
                step=self.name,
                employee=self.sudo().employee_id.name,
                document=self.sudo().step_id.document_id.display_name,
            )
        return super()._sign_off_refusal()

    def _source_action(self):
        version = self.step_id.document_id.sudo().current_version_id
        if self.kind == "acknowledgment" and version:
            return version.with_env(self.env).action_open_acknowledge()
        return super()._source_action()

    def _complete_from_acknowledgments(self):
        """Complete the open lines whose employee acknowledged the document's effective
        version already (one search, one completion per acknowledgment date)."""
        lines = self.sudo().filtered(
            lambda c: c.state == "todo" and c.step_id.document_id.current_version_id
        )
        if not lines:
            return
        versions = lines.step_id.document_id.current_version_id
        acks = (
            self.env["hc.document.acknowledgment"]
            .sudo()
            .search(
                [("version_id", "in", versions.ids), ("employee_id", "in", lines.employee_id.ids)]
            )
        )
        by_key = {(a.employee_id.id, a.version_id.id): a for a in acks}
        by_ack = {}
        for line in lines:
            ack = by_key.get((line.employee_id.id, line.step_id.document_id.current_version_id.id))
            if ack:
                by_ack[ack] = by_ack.get(ack, line.browse()) | line
        for ack, ack_lines in by_ack.items():
            ack_lines._complete(
                source="acknowledgment",
                date=fields.Date.context_today(self, ack.date),
                note=self.env._(
                    "Acknowledged %(version)s on %(date)s (SHA-256 %(checksum)s).",
                    version=ack.version_id.display_name,
                    date=fields.Date.context_today(self, ack.date),
                    checksum=ack.checksum,
                ),
            )
