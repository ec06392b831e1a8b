from odoo import api, fields, models
from odoo.exceptions import ValidationError

RESOLUTION_PATHS = [
    ("config", "Standard configuration"),
    ("data_cleansing", "Data cleansing"),
    ("training", "Training"),
    ("extension", "Governed extension"),
]
GAP_STATES = [
    ("identified", "Identified"),
    ("agreed", "Resolution agreed"),
    ("in_progress", "In progress"),
    ("resolved", "Resolved"),
]


class HcProcessGap(models.Model):
    """A gap between how a workflow runs today and the target state, and how it is
    closed: standard configuration, data cleansing (a migration domain), training (a
    role's learning path) or a governed extension (a customization request)."""

    _name = "hc.process.gap"
    _description = "Process Gap"
    _inherit = ["hc.discovery.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state_sequence, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    workflow_id = fields.Many2one(
        "hc.process.workflow", index=True, ondelete="restrict", tracking=True
    )
    workstream_id = fields.Many2one(
        "hc.workstream",
        compute="_compute_workstream_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    current_state = fields.Text()
    target_state = fields.Text()
    resolution_path = fields.Selection(RESOLUTION_PATHS, tracking=True, group_expand=True)
    configuration_note = fields.Text(
        string="Configuration", help="Standard configuration: what is configured, where."
    )
    migration_domain_id = fields.Many2one(
        "hc.migration.domain", index="btree_not_null", tracking=True, check_company=True
    )
    role_id = fields.Many2one(
        "hc.training.role", string="Training Role", tracking=True, check_company=True
    )
    learning_path_id = fields.Many2one(
        "hc.learning.path",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('role_id', '=?', role_id)]",
    )
    customization_request_id = fields.Many2one(
        "hc.customization.request",
        index="btree_not_null",
        tracking=True,
        domain="[('program_id', '=', program_id)]",
    )
    resolution_link = fields.Char(
        compute="_compute_resolution_link",
        compute_sudo=True,
        help="What closes the gap: the configuration, migration domain, learning path or role, "
        "or customization request.",
    )
    owner_id = fields.Many2one("res.users", tracking=True)
    state = fields.Selection(GAP_STATES, default="identified", required=True, tracking=True)
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    color = fields.Integer()

    @api.depends("workflow_id")
    def _compute_workstream_id(self):
        for gap in self.filtered("workflow_id"):
            gap.workstream_id = gap.workflow_id.workstream_id

    @api.depends(
        "resolution_path",
        "configuration_note",
        "migration_domain_id",
        "learning_path_id",
        "role_id",
        "customization_request_id",
    )
    def _compute_resolution_link(self):
        for gap in self:
            links = {
                "config": gap.configuration_note,
                "data_cleansing": gap.migration_domain_id.display_name,
                "training": (gap.learning_path_id or gap.role_id).display_name,
                "extension": gap.customization_request_id.display_name,
            }
            gap.resolution_link = links.get(gap.resolution_path) or False

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {key: i for i, (key, _label) in enumerate(GAP_STATES)}
        for gap in self:
            gap.state_sequence = order[gap.state]

    @api.onchange("learning_path_id")
    def _onchange_learning_path_id(self):
        if self.learning_path_id:
            self.role_id = self.learning_path_id.role_id

    def _missing_link(self):
        """What the gap's resolution path still lacks, or None."""
        self.ensure_one()
        path = self.resolution_path
        if not path:
            return self.env._("a resolution path")
        if path == "config" and not (self.configuration_note or "").strip():
            return self.env._("the description of the standard configuration")
        if path == "data_cleansing" and not self.migration_domain_id:
            return self.env._("the migration domain that cleanses the data")
        if path == "training" and not (self.learning_path_id or self.role_id):
            return self.env._("the role or learning path that trains it")
        if path == "extension" and not self.customization_request_id:
            return self.env._("the customization request of the extension")
        return None

    @api.constrains(
        "state",
        "resolution_path",
        "configuration_note",
        "migration_domain_id",
        "learning_path_id",
        "role_id",
        "customization_request_id",
    )
    def _check_resolution_link(self):
        for gap in self.filtered(lambda g: g.state != "identified"):
            missing = gap._missing_link()
            if missing:
                raise ValidationError(
                    self.env._(
                        "Gap %(gap)s of %(program)s is marked %(state)s without its "
                        "resolution link: give %(missing)s.",
                        gap=gap.name,
                        program=gap.program_id.name,
                        state=dict(GAP_STATES)[gap.state],
                        missing=missing,
                    )
                )
        for gap in self.filtered(
            lambda g: g.customization_request_id
            and g.customization_request_id.program_id != g.program_id
        ):
            raise ValidationError(
                self.env._(
                    "Gap %(gap)s: customization request %(req)s belongs to another programme.",
                    gap=gap.name,
                    req=gap.customization_request_id.display_name,
                )
            )
