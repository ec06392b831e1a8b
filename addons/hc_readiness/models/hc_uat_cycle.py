from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope


class HcUatCycle(models.Model):
    """A UAT cycle of a wave at one of its sites: the scenario runs executed there."""

    _name = "hc.uat.cycle"
    _description = "UAT Cycle"
    _inherit = ["hc.wave.site.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    date_start = fields.Date(tracking=True)
    date_end = fields.Date(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    run_ids = fields.One2many("hc.uat.run", "cycle_id", string="Runs")
    defect_ids = fields.One2many("hc.uat.defect", "cycle_id", string="Defects")
    run_count = fields.Integer(compute="_compute_counts")
    passed_count = fields.Integer(compute="_compute_counts")
    open_defect_count = fields.Integer(compute="_compute_counts")

    @api.depends("run_ids.state", "defect_ids.state")
    def _compute_counts(self):
        runs = {
            (cycle.id, state): count
            for cycle, state, count in self.env["hc.uat.run"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id", "state"], ["__count"]
            )
        }
        defects = dict(
            self.env["hc.uat.defect"]._read_group(
                [("cycle_id", "in", self.ids), ("is_open", "=", True)],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.run_count = sum(n for (cid, _s), n in runs.items() if cid == cycle.id)
            cycle.passed_count = runs.get((cycle.id, "passed"), 0)
            cycle.open_defect_count = defects.get(cycle, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_start and cycle.date_end and cycle.date_end < cycle.date_start:
                raise ValidationError(
                    self.env._("UAT cycle %(cycle)s ends before it starts.", cycle=cycle.name)
                )

    def _set_state(self, state):
        with workflow_scope(self._name, {"state"}):
            self.write({"state": state})

    @restricted_to("hc_readiness.group_pmo")
    def action_start(self):
        for cycle in self:
            if cycle.state != "draft":
                raise UserError(self.env._("UAT cycle %(cycle)s is not a draft.", cycle=cycle.name))
        self._set_state("running")

    @restricted_to("hc_readiness.group_pmo")
    def action_close(self):
        """Close the cycle and its runs: their step results are frozen."""
        for cycle in self:
            if cycle.state == "closed":
                raise UserError(
                    self.env._("UAT cycle %(cycle)s is closed already.", cycle=cycle.name)
                )
        self.run_ids.filtered(lambda r: not r.is_closed).action_close()
        self._set_state("closed")

    def action_view_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hc_readiness.hc_uat_run_action")
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"default_cycle_id": self.id}
        return action

    def action_view_defects(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hc_readiness.hc_uat_defect_action")
        action["domain"] = [("cycle_id", "=", self.id)]
        return action
