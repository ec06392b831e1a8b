from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HcLearningPathStep(models.Model):
    """Acknowledgment steps complete when the employee acknowledges the document."""

    _inherit = "hc.learning.path.step"

    document_id = fields.Many2one(
        "hc.controlled.document",
        string="Controlled Document",
        index="btree_not_null",
        ondelete="restrict",
        domain=[("state", "!=", "superseded")],
        help="Acknowledgment steps: the step completes when the employee acknowledges the "
        "document's effective version, and reopens when a new version becomes effective. "
        "Without a document, a trainer signs the step off.",
    )

    @api.constrains("kind", "document_id")
    def _check_document_kind(self):
        wrong = self.filtered(lambda s: s.document_id and s.kind != "acknowledgment")
        if wrong:
            raise ValidationError(
                self.env._(
                    "Step %(step)s of %(path)s links a controlled document: it must be of "
                    "kind Policy acknowledgment.",
                    step=wrong[0].name,
                    path=wrong[0].path_id.display_name,
                )
            )
