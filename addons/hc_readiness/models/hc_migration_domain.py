from odoo import fields, models


class HcMigrationDomain(models.Model):
    _inherit = "hc.migration.domain"

    uat_defect_ids = fields.One2many(
        "hc.uat.defect", "migration_domain_id", string="UAT Defects", readonly=True
    )
    uat_open_defect_count = fields.Integer(
        compute="_compute_uat_open_defect_count", string="Open UAT Defects"
    )

    def _compute_uat_open_defect_count(self):
        counts = dict(
            self.env["hc.uat.defect"]
            .sudo()
            ._read_group(
                [("migration_domain_id", "in", self.ids), ("is_open", "=", True)],
                ["migration_domain_id"],
                ["__count"],
            )
        )
        for domain in self:
            domain.uat_open_defect_count = counts.get(domain, 0)

    def action_view_uat_defects(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hc_readiness.hc_uat_defect_action")
        action["domain"] = [("migration_domain_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action
