from odoo import fields, models


class HcWorkstream(models.Model):
    """A clinical support area: the Odoo apps it runs on and what its people must learn."""

    _name = "hc.workstream"
    _description = "Clinical Support Workstream"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    app_area_ids = fields.Many2many("hc.app.area", string="Odoo Apps")
    training_focus = fields.Text(translate=True)
    role_ids = fields.One2many("hc.training.role", "workstream_id", string="Roles")

    _code_uniq = models.Constraint("UNIQUE(code)", "A workstream code must be unique.")
