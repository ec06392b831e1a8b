from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HcDiscoveryMixin(models.AbstractModel):
    """What the discovery records (site variants, workarounds, gaps) share: the programme
    and its company, the workflow's workstream and that workstream's business lead in the
    programme (who may edit them), and the check that a site is in the programme."""

    _name = "hc.discovery.mixin"
    _description = "Discovery Record"

    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    workstream_id = fields.Many2one("hc.workstream", index=True)
    program_site_ids = fields.Many2many(related="program_id.site_ids", string="Programme Sites")
    lead_id = fields.Many2one(
        "res.users",
        string="Workstream Lead",
        compute="_compute_lead_id",
        store=True,
        index="btree_not_null",
        help="The programme's business lead of the workstream: edits this record.",
    )

    @api.depends(
        "workstream_id",
        "program_id.workstream_ids.lead_id",
        "program_id.workstream_ids.workstream_id",
    )
    def _compute_lead_id(self):
        for record in self:
            line = record.program_id.workstream_ids.filtered(
                lambda w, r=record: w.workstream_id == r.workstream_id
            )[:1]
            record.lead_id = line.lead_id

    def _check_site_in_program(self):
        for record in self.filtered("site_id"):
            if record.site_id not in record.program_id.site_ids:
                raise ValidationError(
                    self.env._(
                        "Site %(site)s is not in the scope of programme %(program)s: add it "
                        "to the programme's sites first (%(record)s).",
                        site=record.site_id.display_name,
                        program=record.program_id.name,
                        record=record.display_name,
                    )
                )
