from odoo import api, fields, models


class HcAppArea(models.Model):
    """An Odoo application area a role transacts in or a wave deploys.

    A tag rather than a link to ``ir.module.module``: several areas (Helpdesk, Documents,
    Quality, Planning) are Enterprise apps that a Community database does not have, yet the
    programme still trains, tests and goes live by area.
    """

    _name = "hc.app.area"
    _description = "Odoo App Area"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    module_name = fields.Char(
        string="Odoo Module",
        help="Technical name of the Odoo app that implements this area (e.g. purchase).",
    )
    community_available = fields.Boolean(
        help="The app exists in Odoo Community; otherwise the area is tracked for training "
        "and governance only.",
    )
    is_installed = fields.Boolean(
        compute="_compute_is_installed",
        help="The implementing Odoo app is installed in this database.",
    )
    description = fields.Text(translate=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "An app area code must be unique.")

    @api.depends("module_name")
    def _compute_is_installed(self):
        names = {n for n in self.mapped("module_name") if n}
        installed = set(
            self.env["ir.module.module"]
            .sudo()
            .search([("name", "in", list(names)), ("state", "=", "installed")])
            .mapped("name")
        )
        for area in self:
            area.is_installed = area.module_name in installed
