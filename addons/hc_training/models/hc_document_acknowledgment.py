from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HcDocumentAcknowledgment(models.Model):
    """An employee read a version of a controlled document: who clicked, when, and the
    SHA-256 of the exact file. Created only by
    :meth:`hc.controlled.document.version._acknowledge`; kept as history when a new
    version comes, editable by training managers only (tracked)."""

    _name = "hc.document.acknowledgment"
    _description = "Document Acknowledgment"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict", tracking=True
    )
    version_id = fields.Many2one(
        "hc.controlled.document.version",
        string="Document Version",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    document_id = fields.Many2one(related="version_id.document_id", store=True, index=True)
    version_state = fields.Selection(related="version_id.state", string="Version State")
    company_id = fields.Many2one(related="version_id.company_id", store=True, index=True)
    site_id = fields.Many2one(related="employee_id.hc_site_id", store=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Acknowledged By",
        index="btree_not_null",
        readonly=True,
        tracking=True,
        help="The user who clicked: always the employee's own user.",
    )
    # who/when/what of the acknowledgment: set by the Read & Acknowledge button only
    date = fields.Datetime(string="Acknowledged On", required=True, readonly=True, tracking=True)
    checksum = fields.Char(
        string="SHA-256",
        required=True,
        readonly=True,
        tracking=True,
        help="SHA-256 of the file acknowledged.",
    )
    note = fields.Text(tracking=True)

    _employee_version_uniq = models.Constraint(
        "UNIQUE(employee_id, version_id)",
        "An employee acknowledges a document version once.",
    )

    @api.depends("employee_id", "version_id")
    def _compute_display_name(self):
        for ack in self:
            ack.display_name = f"{ack.employee_id.name} – {ack.version_id.display_name}"

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Acknowledgments are recorded by the employee's own Read & Acknowledge "
                    "button."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("hc_training.group_training_manager"):
            raise AccessError(self.env._("Only a training manager can correct an acknowledgment."))
        if {"employee_id", "version_id"} & set(vals):
            raise UserError(
                self.env._(
                    "An acknowledgment cannot be moved to another employee or version; "
                    "the employee acknowledges again."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Acknowledgments are kept as history and cannot be deleted."))
