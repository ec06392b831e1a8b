# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

MAINTENANCE_PRIORITY = {"low": "0", "medium": "1", "high": "2", "critical": "3"}


class HcFloorIssue(models.Model):
    """Resolutions of a floor issue that leave the floor: a data fix in a migration domain,
    a maintenance request on the equipment, a corrective action (CAPA) or a RAID issue."""

    _inherit = "hc.floor.issue"

    migration_domain_id = fields.Many2one(
        "hc.migration.domain", string="Data Fix In", tracking=True, copy=False, check_company=True
    )
    corrective_action_id = fields.Many2one(
        "hc.corrective.action", readonly=True, tracking=True, copy=False, index="btree_not_null"
    )
    maintenance_request_id = fields.Many2one(
        "maintenance.request", readonly=True, tracking=True, copy=False, index="btree_not_null"
    )
    raid_item_id = fields.Many2one(
        "hc.raid.item",
        string="RAID Issue",
        readonly=True,
        tracking=True,
        copy=False,
        index="btree_not_null",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """An equipment issue raises its maintenance request once triaged (the assignee
        follows it)."""
        issues = super().create(vals_list)
        issues.filtered(
            lambda i: i.category == "equipment" and not i.maintenance_request_id
        )._create_maintenance_requests()
        return issues

    # ------------------------------------------------------------ actions
    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_create_maintenance_request(self):
        self.ensure_one()
        if self.maintenance_request_id:
            raise UserError(
                self.env._("%(issue)s already has a maintenance request.", issue=self.name)
            )
        if not self.equipment_id:
            raise UserError(
                self.env._(
                    "Choose the equipment of %(issue)s before raising a maintenance request.",
                    issue=self.name,
                )
            )
        self._create_maintenance_requests()
        return self._open(self.maintenance_request_id)

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_raise_corrective_action(self):
        """A corrective action (CAPA) owned by the user, the issue as its origin."""
        self.ensure_one()
        if self.corrective_action_id:
            return self._open(self.corrective_action_id)
        self.check_access("write")
        action = self.env["hc.corrective.action"].create(
            {
                "name": self.env._(
                    "%(issue)s: %(what)s",
                    issue=self.name,
                    what=self.display_name[len(self.name) :].strip(),
                ),
                "company_id": self.company_id.id,
                "owner_id": self.env.user.id,
                "date_due": fields.Date.context_today(self) + timedelta(days=14),
            }
        )
        with workflow_scope(self._name, {"corrective_action_id"}):
            self.corrective_action_id = action
        return self._open(action)

    @restricted_to("hc_readiness.group_pmo")
    def action_escalate_raid(self):
        """The command center (PMO) escalates the issue to a RAID issue of the programme."""
        self.ensure_one()
        if self.raid_item_id:
            return self._open(self.raid_item_id)
        if not self.program_id:
            raise UserError(
                self.env._(
                    "%(issue)s has no programme: set the programme of site %(site)s first.",
                    issue=self.name,
                    site=self.site_id.name,
                )
            )
        item = self.env["hc.raid.item"].create(
            {
                "name": self.display_name,
                "raid_type": "issue",
                "severity": self.severity,
                "program_id": self.program_id.id,
                "owner_id": self.env.user.id,
                "site_ids": [(6, 0, self.site_id.ids)],
                "description": self.description,
                "date_due": fields.Date.context_today(self) + timedelta(days=7),
            }
        )
        with workflow_scope(self._name, {"raid_item_id"}):
            self.raid_item_id = item
        return self._open(item)

    # ------------------------------------------------------------ business
    def _create_maintenance_requests(self):
        """A real maintenance request per equipment issue. Maintenance managers create it as
        themselves; for anyone else (maintenance's rules let a plain user create only a
        request they already own or follow) the system creates it once the user's right on
        the issue is checked, and subscribes the user, so that maintenance's own rules let
        them (and the assignee from triage) follow it and nothing more."""
        self.check_access("write")
        as_user = self.env.user.has_group("maintenance.group_equipment_manager")
        Request = self.env["maintenance.request"]
        if not as_user:
            Request = Request.sudo()
        for issue in self:
            if not issue.equipment_id:
                raise UserError(
                    self.env._("Equipment issue %(issue)s needs its equipment.", issue=issue.name)
                )
            request = Request.create(
                {
                    "name": issue.display_name,
                    "equipment_id": issue.equipment_id.id,
                    "company_id": issue.equipment_id.company_id.id or issue.company_id.id,
                    "description": issue.description,
                    "priority": MAINTENANCE_PRIORITY.get(issue.severity, "1"),
                    "maintenance_type": "corrective",
                    "request_date": fields.Date.context_today(issue),
                }
            )
            if not as_user:
                followers = self.env.user.partner_id | issue.user_id.partner_id
                request.message_subscribe(partner_ids=followers.ids)
            with workflow_scope(self._name, {"maintenance_request_id"}):
                issue.maintenance_request_id = request.with_env(self.env)
