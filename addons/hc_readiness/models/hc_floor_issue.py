from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import guard_active, restricted_to, workflow_scope

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


class HcFloorIssue(models.Model):
    """A floor-support issue logged by a super user during go-live and hypercare: what went
    wrong, where, on which shift and to whom; triaged to a team with an SLA and resolved by
    one recorded action (an answer on the spot, retraining, a data fix, a corrective action,
    a maintenance request or a RAID escalation).

    This file: logging and the issue's life cycle. Features: ``_sla`` (triage, SLA, the
    hourly cron), ``_escalation`` (data fix, maintenance request, CAPA, RAID),
    ``_retraining`` (hc_training's retraining mixin), ``_routing`` (the quick form's summary).
    The state, the resolution date, the reporter, the date logged and the links the actions
    create are workflow-owned (hc_base): they move through the action methods only."""

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
        a client's values for them are refused (hc_base). Triage (``_sla``) and the
        maintenance request of equipment issues (``_escalation``) follow."""
        if guard_active(self.env):
            for vals in vals_list:
                self._hc_check_workflow_vals(vals, create=True)
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") in ("/", False):
                vals["name"] = sequence.next_by_code("hc.floor.issue") or "/"
        with workflow_scope(self._name, {"name"}):
            return super().create(vals_list)

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

    def _open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------ business
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
