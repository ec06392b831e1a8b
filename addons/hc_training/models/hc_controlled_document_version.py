import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to, scope_allows, workflow_scope

from ..lib.documents import sha256_hex
from .hc_controlled_document import DOCUMENT_STATES


class HcControlledDocumentVersion(models.Model):
    """One version of a controlled document: its file, approval, effectiveness and the
    acknowledgments it collected. The file is frozen once the version leaves draft."""

    _name = "hc.controlled.document.version"
    _description = "Controlled Document Version"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "document_id, sequence desc, id desc"
    _check_company_auto = True

    document_id = fields.Many2one(
        "hc.controlled.document",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    name = fields.Char(string="Version", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="document_id.company_id", store=True, index=True)
    category = fields.Selection(related="document_id.category")
    code = fields.Char(related="document_id.code")
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    checksum = fields.Char(
        string="SHA-256",
        compute="_compute_checksum",
        store=True,
        copy=False,
        help="SHA-256 of the file, computed when the file is set.",
    )
    state = fields.Selection(
        DOCUMENT_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    change_summary = fields.Text(string="What Changed")
    effective_date = fields.Date(tracking=True, copy=False)
    review_date = fields.Date(tracking=True)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)
    approval_date = fields.Datetime(readonly=True, tracking=True, copy=False)
    acknowledgment_ids = fields.One2many(
        "hc.document.acknowledgment", "version_id", string="Acknowledgments"
    )
    acknowledgment_count = fields.Integer(compute="_compute_acknowledgment_count")
    acknowledged_by_me = fields.Boolean(
        compute="_compute_acknowledged_by_me", search="_search_acknowledged_by_me"
    )

    _one_effective = models.UniqueIndex(
        "(document_id) WHERE state = 'effective'",
        "A controlled document has one effective version at most.",
    )
    _name_uniq = models.Constraint(
        "UNIQUE(document_id, name)", "This document already has a version with this label."
    )
    _review_after_effective = models.Constraint(
        "CHECK(review_date IS NULL OR effective_date IS NULL OR review_date >= effective_date)",
        "The review date of a document version cannot be before its effective date.",
    )

    @api.depends("file")
    def _compute_checksum(self):
        for version in self:
            data = version.with_context(bin_size=False).file
            version.checksum = sha256_hex(base64.b64decode(data)) if data else False

    def _compute_acknowledgment_count(self):
        counts = dict(
            self.env["hc.document.acknowledgment"]._read_group(
                [("version_id", "in", self.ids)], ["version_id"], ["__count"]
            )
        )
        for version in self:
            version.acknowledgment_count = counts.get(version, 0)

    def _compute_acknowledged_by_me(self):
        mine = set(self.search([("acknowledged_by_me", "=", True), ("id", "in", self.ids)]).ids)
        for version in self:
            version.acknowledged_by_me = version.id in mine

    def _search_acknowledged_by_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        acks = (
            self.env["hc.document.acknowledgment"]
            .sudo()
            .search([("employee_id", "in", self.env.user.sudo().employee_ids.ids)])
        )
        return Domain("id", "in" if (operator == "=") == value else "not in", acks.version_id.ids)

    @api.depends("document_id", "name")
    def _compute_display_name(self):
        for version in self:
            version.display_name = f"{version.document_id.display_name} – {version.name}"

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        unscoped = {name for name in vals if not scope_allows(self._name, name)}
        if unscoped & {"document_id", "name", "file", "file_name"}:
            # what was reviewed is what stays: the document, the label and the file
            frozen = self.filtered(lambda v: v.state != "draft")
            if frozen:
                raise UserError(
                    self.env._(
                        "Version %(version)s of %(document)s is %(state)s: its file is frozen. "
                        "Create a new version to change it.",
                        version=frozen[0].name,
                        document=frozen[0].document_id.display_name,
                        state=frozen[0].state,
                    )
                )
        if "effective_date" in unscoped:
            released = self.filtered(lambda v: v.state in ("effective", "superseded"))
            if released:
                raise UserError(
                    self.env._(
                        "Version %(version)s of %(document)s is %(state)s: its effective date "
                        "is a date of record.",
                        version=released[0].name,
                        document=released[0].document_id.display_name,
                        state=released[0].state,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        released = self.filtered(lambda v: v.state not in ("draft", "in_review"))
        if released:
            raise UserError(
                self.env._(
                    "Version %(version)s of %(document)s was approved: it is kept as a record.",
                    version=released[0].name,
                    document=released[0].document_id.display_name,
                )
            )

    # --------------------------------------------------------------- actions
    @restricted_to("hc_training.group_quality_coordinator")
    def action_submit(self):
        self._check_state("draft", self.env._("submit for review"))
        self._check_file(self.env._("submitted for review"))
        self._workflow_write({"state": "in_review"})

    @restricted_to("hc_training.group_quality_coordinator")
    def action_back_to_draft(self):
        self._check_state("in_review", self.env._("send back to draft"))
        self._workflow_write({"state": "draft"})

    @restricted_to("hc_training.group_quality_coordinator")
    def action_approve(self):
        """The approver recorded is the acting quality coordinator, now."""
        self._check_state("in_review", self.env._("approve"))
        self._check_file(self.env._("approved"))
        self._workflow_write(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "approval_date": fields.Datetime.now(),
            }
        )

    @restricted_to("hc_training.group_quality_coordinator")
    def action_make_effective(self):
        """Make these approved versions effective: the previous effective version of each
        document is superseded, employees in scope are asked to acknowledge, and the
        acknowledgment steps they had done reopen."""
        self._check_state("approved", self.env._("make effective"))
        self._check_file(self.env._("made effective"))
        documents = self.document_id
        if len(documents) != len(self):
            raise UserError(self.env._("Make one version effective per document at a time."))
        previous = self.search([("document_id", "in", documents.ids), ("state", "=", "effective")])
        previous._supersede()
        today = fields.Date.context_today(self)
        for version in self:
            version._workflow_write(
                {
                    "state": "effective",
                    "effective_date": version.effective_date or today,
                }
            )
        self._reopen_acknowledgment_steps(previous)
        self._request_acknowledgments()
        self.env["hc.document.coverage"]._refresh(documents)

    def action_open_acknowledge(self):
        """Open the version with its file and the confirm button (My Training)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Read & Acknowledge"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("hc_training.hc_controlled_document_version_view_form_ack").id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_acknowledge(self):
        """The employee of the current user acknowledges this version."""
        self.ensure_one()
        employees = self.env.user.sudo().employee_ids
        employee = employees.filtered(lambda e: e.company_id == self.company_id)[:1]
        if not employee:
            raise UserError(
                self.env._(
                    "You have no employee record in %(company)s to acknowledge %(document)s.",
                    company=self.company_id.name,
                    document=self.document_id.display_name,
                )
            )
        self._acknowledge(employee)
        return {"type": "ir.actions.act_window_close"}

    def action_view_acknowledgments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_document_acknowledgment_action"
        )
        action["domain"] = [("version_id", "=", self.id)]
        return action

    # ------------------------------------------------------------- business
    def _check_state(self, state, what):
        wrong = self.filtered(lambda v: v.state != state)
        if wrong:
            raise UserError(
                self.env._(
                    "Cannot %(what)s version %(version)s of %(document)s: it is %(state)s.",
                    what=what,
                    version=wrong[0].name,
                    document=wrong[0].document_id.display_name,
                    state=dict(DOCUMENT_STATES)[wrong[0].state],
                )
            )

    def _check_file(self, what):
        missing = self.filtered(lambda v: not v.checksum)
        if missing:
            raise UserError(
                self.env._(
                    "Version %(version)s of %(document)s has no file: upload the document "
                    "before it is %(what)s.",
                    version=missing[0].name,
                    document=missing[0].document_id.display_name,
                    what=what,
                )
            )

    def _release(self):
        """Review, approve and make effective in one go (data loading, tests)."""
        self.action_submit()
        self.action_approve()
        self.action_make_effective()

    def _supersede(self):
        if not self:
            return
        self._workflow_write({"state": "superseded"})
        self.activity_unlink(["hc_training.mail_activity_document_acknowledge"])

    def _acknowledge(self, employee, when=None):
        """Record that ``employee`` read this version; only the employee's own user may.

        Completes the employee's open acknowledgment steps linked to the document through
        :meth:`hc.training.completion._complete`.
        """
        self.ensure_one()
        user = self.env.user
        if not self.env.su and employee.sudo().user_id != user:
            raise AccessError(
                self.env._(
                    "You cannot acknowledge %(document)s for %(employee)s: only the employee "
                    "can acknowledge, from their own account.",
                    document=self.document_id.display_name,
                    employee=employee.sudo().name,
                )
            )
        if self.state == "superseded":
            current = self.document_id.sudo().current_version_id
            raise UserError(
                self.env._(
                    "Version %(version)s of %(document)s is superseded%(current)s: acknowledge "
                    "the effective version instead.",
                    version=self.name,
                    document=self.document_id.display_name,
                    current=self.env._(" by %(v)s", v=current.name) if current else "",
                )
            )
        if self.state != "effective":
            raise UserError(
                self.env._(
                    "Version %(version)s of %(document)s is not effective yet.",
                    version=self.name,
                    document=self.document_id.display_name,
                )
            )
        Ack = self.env["hc.document.acknowledgment"].sudo()
        if Ack.search_count([("employee_id", "=", employee.id), ("version_id", "=", self.id)]):
            raise UserError(
                self.env._(
                    "%(employee)s already acknowledged version %(version)s of %(document)s.",
                    employee=employee.sudo().name,
                    version=self.name,
                    document=self.document_id.display_name,
                )
            )
        version = self.sudo()
        with workflow_scope(Ack._name, {"user_id", "date", "checksum"}):
            ack = Ack.create(
                {
                    "employee_id": employee.id,
                    "version_id": version.id,
                    "user_id": (user if not self.env.su else employee.sudo().user_id).id,
                    "date": when or fields.Datetime.now(),
                    "checksum": version.checksum,
                }
            )
        lines = (
            self.env["hc.training.completion"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("step_id.document_id", "=", version.document_id.id),
                    ("state", "in", ("todo", "expired")),
                    ("assignment_active", "=", True),
                ]
            )
        )
        lines._complete(
            source="acknowledgment",
            date=fields.Date.context_today(self, ack.date),
            note=self.env._(
                "Acknowledged %(document)s version %(version)s (SHA-256 %(checksum)s).",
                document=version.document_id.display_name,
                version=version.name,
                checksum=version.checksum,
            ),
        )
        if ack.user_id:
            version.activity_feedback(
                ["hc_training.mail_activity_document_acknowledge"],
                user_id=ack.user_id.id,
                feedback=self.env._("Acknowledged."),
            )
        self.env["hc.document.coverage"].sudo().search(
            [("version_id", "=", version.id), ("employee_id", "=", employee.id)]
        ).write(
            {
                "acknowledgment_id": ack.id,
                "is_acknowledged": True,
                "acknowledged_count": 1,
                "missing_count": 0,
                "coverage": 100.0,
            }
        )
        return ack.with_env(self.env)

    def _reopen_acknowledgment_steps(self, previous):
        """Done acknowledgment steps of these documents go back to to-do, with the reason."""
        Completion = self.env["hc.training.completion"].sudo()
        lines = Completion.search(
            [
                ("step_id.document_id", "in", self.document_id.ids),
                ("state", "=", "done"),
            ]
        )
        by_document = {v.document_id: v for v in self}
        for document, doc_lines in lines.grouped(lambda c: c.step_id.document_id).items():
            version = by_document[document]
            old = previous.filtered(lambda v, d=document: v.document_id == d)
            doc_lines._workflow_write(
                {
                    "state": "todo",
                    "date_completed": False,
                    "expires_on": False,
                    "verified_by_id": False,
                    "source": False,
                    "note": self.env._(
                        "Version %(version)s of %(document)s became effective on %(date)s "
                        "(replacing %(old)s): acknowledge the new version.",
                        version=version.name,
                        document=document.display_name,
                        date=version.effective_date,
                        old=old.name or "-",
                    ),
                }
            )

    def _request_acknowledgments(self):
        """An activity and a message for every in-scope employee with a user."""
        activity_type = self.env.ref("hc_training.mail_activity_document_acknowledge")
        scope_map = self.document_id._scope_map()
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        activity_vals = []
        for version in self:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .browse(scope_map.get(version.document_id, {}))
                .filtered("user_id")
            )
            users = employees.user_id
            if not users:
                continue
            summary = self.env._(
                "Read and acknowledge %(document)s %(version)s",
                document=version.document_id.display_name,
                version=version.name,
            )
            activity_vals.extend(
                {
                    "res_model_id": model_id,
                    "res_id": version.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": summary,
                    "date_deadline": deadline,
                    "automated": True,
                }
                for user in users
            )
            version.message_post(
                body=self.env._(
                    "Version %(version)s of %(document)s is effective from %(date)s. Please "
                    "read it and acknowledge it in Training Readiness > My Training > "
                    "Documents to Acknowledge.",
                    version=version.name,
                    document=version.document_id.display_name,
                    date=version.effective_date,
                ),
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        self.env["mail.activity"].create(activity_vals)
