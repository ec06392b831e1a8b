from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import guard_active, restricted_to, scope_allows, workflow_scope
from odoo.addons.hc_training.lib.constants import RETRAIN_DAYS

from ..lib import floor
from ..lib.constants import SEVERITIES
from .hc_floor_triage_rule import CATEGORIES

STATES = [
    ("new", "New"),
    ("triaged", "Triaged"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
]
RESOLUTIONS = [
    ("howto", "Answered on the spot (how-to)"),
    ("retrain", "Retraining"),
    ("data_fix", "Data fix"),
    ("capa", "Corrective action"),
    ("maintenance", "Maintenance request"),
    ("raid", "Escalated to RAID"),
]
MAINTENANCE_PRIORITY = {"low": "0", "medium": "1", "high": "2", "critical": "3"}
# Hypercare gate metrics. The state, the resolution date, the triage rule, the reporter, the
# date logged and the resolution links that the actions create are workflow-owned (hc_base):
# they move through the action methods, triage and the SLA cron only. The SLA hours come
# from triage; the PMO (command center) may also change them by hand.
SLA_FIELD = "sla_hours"
TRIAGE_FIELDS = {"triage_rule_id", "sla_hours", "team", "user_id", "state"}


class HcFloorIssue(models.Model):
    """A floor-support issue logged by a super user during go-live and hypercare: what went
    wrong, where, on which shift and to whom; triaged to a team with an SLA and resolved by
    one recorded action (an answer on the spot, retraining, a data fix, a corrective action,
    a maintenance request or a RAID escalation)."""

    _name = "hc.floor.issue"
    _description = "Floor-Support Issue"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.mixin"]
    _order = "date_logged desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False)
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True)
    site_id = fields.Many2one(
        "hc.site",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_site_id(),
    )
    program_id = fields.Many2one(
        "hc.program",
        string="Programme",
        compute="_compute_program_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    shift_id = fields.Many2one(
        "hc.shift",
        compute="_compute_shift_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('site_id', '=', site_id)]",
        check_company=True,
    )
    app_area_id = fields.Many2one("hc.app.area", required=True, tracking=True)
    category = fields.Selection(CATEGORIES, required=True, default="howto", tracking=True)
    severity = fields.Selection(SEVERITIES, required=True, default="medium", tracking=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Affected Employees",
        check_company=True,
        help="The people the issue happened to: they are retrained and see the issue.",
    )
    description = fields.Text(required=True)
    photo = fields.Image(max_width=1920, max_height=1920, attachment=True)
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        index="btree_not_null",
        check_company=True,
        domain="[('hc_site_id', 'in', [site_id, False])]",
        help="Equipment issues raise a maintenance request on this equipment.",
    )
    reporter_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, string="Logged By"
    )
    date_logged = fields.Datetime(
        string="Logged On", required=True, default=fields.Datetime.now, readonly=True
    )
    triage_rule_id = fields.Many2one("hc.floor.triage.rule", readonly=True, copy=False)
    team = fields.Char(tracking=True)
    user_id = fields.Many2one("res.users", string="Assignee", tracking=True, check_company=True)
    sla_hours = fields.Float(string="SLA (hours)", tracking=True)
    user_is_pmo = fields.Boolean(compute="_compute_user_is_pmo")
    sla_deadline = fields.Datetime(
        string="SLA Deadline", compute="_compute_sla_deadline", store=True
    )
    sla_breached = fields.Boolean(
        string="SLA Breached",
        compute="_compute_sla_breached",
        store=True,
        help="Resolved after the SLA deadline, or open past it (refreshed every hour).",
    )
    state = fields.Selection(
        STATES, default="new", required=True, readonly=True, tracking=True, index=True
    )
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    resolution_type = fields.Selection(
        RESOLUTIONS,
        compute="_compute_resolution_type",
        store=True,
        readonly=False,
        tracking=True,
    )
    resolution_note = fields.Text(tracking=True)
    retrain_line_ids = fields.Many2many(
        "hc.training.completion",
        string="Retraining",
        readonly=True,
        copy=False,
        help="The training steps reopened or assigned to the affected employees.",
    )
    retrain_open_count = fields.Integer(compute="_compute_retrain_counts")
    retrain_done_count = fields.Integer(compute="_compute_retrain_counts")
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
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    time_to_resolve = fields.Float(
        string="Time to Resolve (h)",
        compute="_compute_time_to_resolve",
        store=True,
        aggregator="avg",
    )
    in_daily_review = fields.Boolean(
        compute="_compute_in_daily_review",
        search="_search_in_daily_review",
        help="Open, or resolved in the last 24 hours.",
    )

    def _default_site_id(self):
        user = self.env.user
        site = user.sudo().employee_id.hc_site_id
        if site and site in user.hc_site_ids:
            return site
        return user.hc_site_ids if len(user.hc_site_ids) == 1 else False

    @api.depends("site_id")
    def _compute_program_id(self):
        sites = self.site_id
        programs = self.env["hc.program"].search(
            [("site_ids", "in", sites.ids), ("state", "!=", "closed")], order="date_start desc, id"
        )
        for issue in self:
            issue.program_id = programs.filtered(lambda p, s=issue.site_id: s in p.site_ids)[:1]

    @api.depends("site_id", "date_logged")
    def _compute_shift_id(self):
        """The shift that was running at the site when the issue was logged."""
        shifts = self.env["hc.shift"].search([("site_id", "in", self.site_id.ids)])
        for issue in self:
            if issue.shift_id and issue.shift_id.site_id == issue.site_id:
                continue
            moment = issue.date_logged or fields.Datetime.now()
            issue.shift_id = shifts.filtered(
                lambda s, i=issue, m=moment: s.site_id == i.site_id and s._is_on(m)
            )[:1]

    @api.depends_context("uid")
    def _compute_user_is_pmo(self):
        self.user_is_pmo = self.env.user.has_group("hc_readiness.group_pmo")

    @api.depends("date_logged", "sla_hours")
    def _compute_sla_deadline(self):
        for issue in self:
            issue.sla_deadline = floor.sla_deadline(issue.date_logged, issue.sla_hours)

    @api.depends("sla_deadline", "date_resolved", "state")
    def _compute_sla_breached(self):
        now = fields.Datetime.now()
        for issue in self:
            issue.sla_breached = floor.is_breached(issue.sla_deadline, now, issue.date_resolved)

    @api.depends("state")
    def _compute_is_open(self):
        for issue in self:
            issue.is_open = issue.state in floor.OPEN_STATES

    @api.depends(
        "retrain_line_ids",
        "migration_domain_id",
        "corrective_action_id",
        "maintenance_request_id",
        "raid_item_id",
    )
    def _compute_resolution_type(self):
        for issue in self:
            if issue.resolution_type:
                continue
            links = issue._resolution_links()
            issue.resolution_type = next(
                (kind for kind, link in floor.RESOLUTION_LINKS.items() if link and links[link]),
                False,
            )

    @api.depends("retrain_line_ids.state")
    def _compute_retrain_counts(self):
        for issue in self:
            lines = issue.sudo().retrain_line_ids
            issue.retrain_done_count = len(lines.filtered(lambda c: c.state == "done"))
            issue.retrain_open_count = len(lines.filtered(lambda c: c.state in ("todo", "expired")))

    @api.depends("date_logged", "date_resolved")
    def _compute_time_to_resolve(self):
        for issue in self:
            issue.time_to_resolve = floor.hours_between(issue.date_logged, issue.date_resolved)

    def _compute_in_daily_review(self):
        since = fields.Datetime.now() - timedelta(hours=24)
        for issue in self:
            issue.in_daily_review = issue.is_open or bool(
                issue.date_resolved and issue.date_resolved >= since
            )

    def _search_in_daily_review(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        since = fields.Datetime.now() - timedelta(hours=24)
        domain = Domain("is_open", "=", True) | Domain("date_resolved", ">=", since)
        return domain if (operator == "in") == (True in value) else ~domain

    @api.depends("name", "description")
    def _compute_display_name(self):
        for issue in self:
            if not issue.name:  # not saved yet: the reference comes from the sequence
                issue.display_name = self.env._("New floor issue")
                continue
            first = (issue.description or "").strip().split("\n")[0]
            short = first if len(first) <= 60 else first[:57] + "..."
            issue.display_name = f"{issue.name} {short}".strip() if short else issue.name

    @api.constrains("category", "equipment_id")
    def _check_equipment(self):
        for issue in self:
            if issue.category == "equipment" and not issue.equipment_id:
                raise ValidationError(
                    self.env._(
                        "Equipment issue %(issue)s at %(site)s: choose the equipment, so that a "
                        "maintenance request is raised on it.",
                        issue=issue.name,
                        site=issue.site_id.code or issue.site_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        """The reference, the reporter, the date logged and the state are the server's:
        a client's values for them are refused (hc_base), the SLA hours too unless the
        user is the PMO; triage then sets team, assignee and SLA."""
        if guard_active(self.env):
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
                if vals.get(SLA_FIELD):
                    self._check_sla_change(vals.get("name") or self.env._("a new issue"))
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") in ("/", False):
                vals["name"] = sequence.next_by_code("hc.floor.issue") or "/"
        with workflow_scope(self._name, {"name"}):
            issues = super().create(vals_list)
        issues._triage()
        issues.filtered(
            lambda i: i.category == "equipment" and not i.maintenance_request_id
        )._create_maintenance_requests()
        return issues

    def write(self, vals):
        """The state, the resolution date and the links the actions create are
        workflow-owned (hc_base); the SLA hours change by triage or by the PMO's hand."""
        if SLA_FIELD in vals and guard_active(self.env):
            self[:1]._check_sla_change(self[:1].name)
        return super().write(vals)

    # ------------------------------------------------------------ actions
    def _set_state(self, vals):
        with workflow_scope(self._name, {"state", "date_resolved"}):
            return self.write(vals)

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_start(self):
        for issue in self:
            if issue.state not in ("new", "triaged"):
                raise UserError(
                    self.env._("%(issue)s is not waiting to be worked on.", issue=issue.name)
                )
        self.filtered(lambda i: not i.user_id).user_id = self.env.user
        self._set_state({"state": "in_progress"})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_resolve(self):
        self._check_resolution()
        for issue in self:
            if issue.state not in floor.OPEN_STATES:
                raise UserError(self.env._("%(issue)s is not open.", issue=issue.name))
        self._set_state({"state": "resolved", "date_resolved": fields.Datetime.now()})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_close(self):
        self._check_resolution()
        for issue in self:
            if issue.state == "closed":
                raise UserError(self.env._("%(issue)s is closed already.", issue=issue.name))
        self.filtered(lambda i: not i.date_resolved)._set_state(
            {"date_resolved": fields.Datetime.now()}
        )
        self._set_state({"state": "closed"})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_reopen(self):
        for issue in self:
            if issue.state not in ("resolved", "closed"):
                raise UserError(self.env._("%(issue)s is not resolved.", issue=issue.name))
        self._set_state({"state": "in_progress", "date_resolved": False})

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_answer_howto(self):
        """Answered on the floor: the resolution note says what was explained."""
        self.ensure_one()
        if not (self.resolution_note or "").strip():
            raise UserError(
                self.env._(
                    "Write in the resolution note how %(issue)s was answered on the spot.",
                    issue=self.name,
                )
            )
        self.resolution_type = "howto"
        self.action_resolve()

    @restricted_to("hc_readiness.group_super_user", "hc_readiness.group_pmo")
    def action_retrain(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retrain"),
            "res_model": "hc.floor.retrain.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_issue_id": self.id},
        }

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

    def _open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------ business
    def _check_sla_change(self, name):
        """The SLA hours come from triage; only the PMO changes them by hand."""
        if (
            self.env.su
            or scope_allows(self._name, SLA_FIELD)
            or self.env.user.has_group("hc_readiness.group_pmo")
        ):
            return
        raise AccessError(
            self.env._(
                "Only the PMO changes the SLA of %(issue)s directly; triage sets it.",
                issue=name,
            )
        )

    def _resolution_links(self):
        self.ensure_one()
        return {
            link: bool(self[link]) for link in floor.RESOLUTION_LINKS.values() if link is not None
        }

    def _check_resolution(self):
        for issue in self:
            problem = floor.resolution_problem(
                issue.resolution_type, issue._resolution_links(), issue.resolution_note
            )
            if problem:
                raise UserError(
                    self.env._(
                        "Record how %(issue)s was resolved: retraining, data fix, corrective "
                        "action, maintenance request, RAID escalation or a how-to answer "
                        "(with a resolution note).",
                        issue=issue.name,
                    )
                )

    def _triage(self):
        """Apply the most specific triage rule: team, assignee and SLA. One write (and one
        subscription of the rule's assignee) per group of issues getting the same values."""
        matches = self.env["hc.floor.triage.rule"]._match(self)
        groups = defaultdict(list)
        for issue, rule in matches.items():
            if not rule:
                continue
            rule = rule.sudo()
            vals = {"triage_rule_id": rule.id, "sla_hours": rule.sla_hours}
            if not issue.team:
                vals["team"] = rule.team
            if not issue.user_id and rule.user_id:
                vals["user_id"] = rule.user_id.id
            if issue.state == "new":
                vals["state"] = "triaged"
            groups[tuple(sorted(vals.items()))].append(issue.id)
        Rule = self.env["hc.floor.triage.rule"].sudo()
        for key, issue_ids in groups.items():
            vals = dict(key)
            issues = self.browse(issue_ids)
            with workflow_scope(self._name, TRIAGE_FIELDS):
                issues.write(vals)
            assignee = Rule.browse(vals["triage_rule_id"]).user_id
            if assignee:
                issues.message_subscribe(partner_ids=assignee.partner_id.ids)

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

    def _retrain(self, employees, steps, *, reason=None, days=RETRAIN_DAYS):
        """Retrain ``employees`` on ``steps`` through hc_training's one retraining path and
        link the lines back on the issue. The caller's right to work the issue is checked;
        the training records are then written by the system."""
        self.ensure_one()
        self.check_access("write")
        Completion = self.env["hc.training.completion"].sudo()
        lines = Completion._retrain(
            employees.sudo(), steps.sudo(), reason=reason or self.display_name, days=days
        )
        with workflow_scope(self._name, {"retrain_line_ids"}):
            self.sudo().write(
                {
                    "retrain_line_ids": [(4, line.id) for line in lines],
                    "resolution_type": self.resolution_type or "retrain",
                }
            )
        self.message_post(
            body=self.env._(
                "Retraining asked of %(employees)s: %(steps)s.",
                employees=", ".join(employees.mapped("name")),
                steps=", ".join(steps.mapped("name")),
            )
        )
        return lines

    def _demo_retrain(self, employee_ids, step_ids):
        """Demo data: retrain as the issue's reporter would."""
        for issue in self:
            issue._retrain(
                self.env["hr.employee"].browse(employee_ids),
                self.env["hc.learning.path.step"].browse(step_ids),
            )

    @api.model
    def _cron_refresh_sla(self):
        """Flag the open issues whose SLA deadline passed since the last run, and unflag the
        open ones no longer past it: one write each."""
        now = fields.Datetime.now()
        late = self.search(
            [("is_open", "=", True), ("sla_breached", "=", False), ("sla_deadline", "<", now)]
        )
        recovered = self.search(
            Domain("is_open", "=", True)
            & Domain("sla_breached", "=", True)
            & (Domain("sla_deadline", "=", False) | Domain("sla_deadline", ">=", now))
        )
        with workflow_scope(self._name, {"sla_breached"}):
            late.write({"sla_breached": True})
            recovered.write({"sla_breached": False})
        return late

    @api.model
    def _adoption_figures(self, domain, today=None, days=7):
        """Adoption monitoring of the issues in ``domain``: counts by day and category,
        employees and job positions named on repeat issues, retraining done vs open,
        average time to resolve and the issue rate of the last ``days`` days."""
        today = today or fields.Date.context_today(self)
        issues = self.search(domain)
        by_day_category = {
            (day.date() if hasattr(day, "date") else day, category): count
            for day, category, count in self._read_group(
                domain, ["date_logged:day", "category"], ["__count"]
            )
        }
        day_counts = {}
        for (day, _category), count in by_day_category.items():
            day_counts[day] = day_counts.get(day, 0) + count
        employee_pairs = [(e.id, i.id) for i in issues for e in i.employee_ids]
        job_pairs = [(e.job_id.id, i.id) for i in issues for e in i.employee_ids if e.job_id]
        retrain = dict(
            self.env["hc.training.completion"]
            .sudo()
            ._read_group([("id", "in", issues.sudo().retrain_line_ids.ids)], ["state"], ["__count"])
        )
        resolved = self._read_group(
            Domain.AND([domain, [("date_resolved", "!=", False)]]), [], ["time_to_resolve:avg"]
        )
        return {
            "by_day_category": by_day_category,
            "issue_rate": floor.issue_rate(day_counts, today, days),
            "repeat_employees": floor.repeat_counts(employee_pairs),
            "repeat_jobs": floor.repeat_counts(job_pairs),
            "retrain_done": retrain.get("done", 0),
            "retrain_open": retrain.get("todo", 0) + retrain.get("expired", 0),
            "avg_time_to_resolve": round(resolved[0][0] or 0.0, 2) if resolved else 0.0,
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self.filtered(lambda r: r.state != "new"),
            self.env._(
                "an issue that was triaged or worked is hypercare evidence; close it instead."
            ),
        )
