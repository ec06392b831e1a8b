from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HcWaveSiteMixin(models.AbstractModel):
    """A record of one wave of a programme at one of the wave's sites (UAT cycles, cutover
    runbooks): the programme, its company, the wave and the site, and the rule that the
    site goes live in the wave."""

    _name = "hc.wave.site.mixin"
    _description = "Wave and Site of a Programme"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    wave_id = fields.Many2one(
        "hc.program.wave",
        required=True,
        index=True,
        tracking=True,
        domain="[('program_id', '=', program_id)]",
    )
    wave_site_ids = fields.Many2many(related="wave_id.site_ids", string="Wave Sites")
    site_id = fields.Many2one(
        "hc.site", required=True, index=True, tracking=True, check_company=True
    )

    @api.constrains("wave_id", "site_id", "program_id")
    def _check_site_in_wave(self):
        for record in self:
            label = f"{record._description} {record.name}"
            if record.wave_id.program_id != record.program_id:
                raise ValidationError(
                    self.env._(
                        "%(record)s: wave %(wave)s is not a wave of %(program)s.",
                        record=label,
                        wave=record.wave_id.name,
                        program=record.program_id.name,
                    )
                )
            if record.site_id not in record.wave_id.site_ids:
                raise ValidationError(
                    self.env._(
                        "%(record)s: site %(site)s does not go live in %(wave)s.",
                        record=label,
                        site=record.site_id.display_name,
                        wave=record.wave_id.name,
                    )
                )
