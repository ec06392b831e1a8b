from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..lib.documents import DocumentScope, employees_in_scope
from ..lib.matching import role_applies

CATEGORIES = [
    ("sop", "Standard Operating Procedure"),
    ("work_instruction", "Work Instruction"),
    ("policy", "Policy"),
]
DOCUMENT_STATES = [
    ("draft", "Draft"),
    ("in_review", "In Review"),
    ("approved", "Approved"),
    ("effective", "Effective"),
    ("superseded", "Superseded"),
]


class HcControlledDocument(models.Model):
    """A controlled document (SOP, work instruction, policy) and who must acknowledge it.

    The document carries the scope; its versions carry the file, the approval and the
    acknowledgments. One version at most is effective.
    """

    _name = "hc.controlled.document"
    _description = "Controlled Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "code, id"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    category = fields.Selection(CATEGORIES, required=True, default="sop", tracking=True)
    owner_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    description = fields.Html()
    version_ids = fields.One2many("hc.controlled.document.version", "document_id", "Versions")
    current_version_id = fields.Many2one(
        "hc.controlled.document.version",
        string="Effective Version",
        compute="_compute_current_version",
        store=True,
        index="btree_not_null",
    )
    state = fields.Selection(
        DOCUMENT_STATES,
        compute="_compute_current_version",
        store=True,
        tracking=True,
        index=True,
        help="The effective version's state, else the state of the latest version.",
    )
    role_ids = fields.Many2many(
        "hc.training.role",
        string="Roles",
        help="Employees holding one of these roles (an active assignment of one of the "
        "role's paths, or the role's job/department rule) must acknowledge.",
    )
    department_ids = fields.Many2many("hr.department", string="Departments", check_company=True)
    site_ids = fields.Many2many(
        "hc.site", string="Sites", check_company=True, help="Leave empty for every site."
    )
    step_ids = fields.One2many("hc.learning.path.step", "document_id", string="Path Steps")
    in_my_scope = fields.Boolean(compute="_compute_in_my_scope", search="_search_in_my_scope")
    version_count = fields.Integer(compute="_compute_version_count")

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)",
        "A controlled document with this code already exists in this company.",
    )

    @api.depends("version_ids.state", "version_ids.sequence")
    def _compute_current_version(self):
        for document in self:
            versions = document.version_ids.sorted(lambda v: (v.sequence, v.id))
            effective = versions.filtered(lambda v: v.state == "effective")[:1]
            document.current_version_id = effective
            document.state = (effective or versions[-1:]).state or "draft"

    def _compute_in_my_scope(self):
        mine = set(self.search([("in_my_scope", "=", True), ("id", "in", self.ids)]).ids)
        for document in self:
            document.in_my_scope = document.id in mine

    def _search_in_my_scope(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        employees = self.env.user.sudo().employee_ids
        documents = self.sudo().search([("company_id", "in", employees.company_id.ids)])
        ids = [doc.id for doc, scope in documents._scope_map(employees).items() if scope]
        return Domain("id", "in" if (operator == "=") == value else "not in", ids)

    def _compute_version_count(self):
        counts = dict(
            self.env["hc.controlled.document.version"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for document in self:
            document.version_count = counts.get(document, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for document in self:
            document.display_name = (
                f"{document.code} {document.name}" if document.code else document.name
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        # its versions go with it (cascade): approved ones are kept as records
        released = self.version_ids.filtered(lambda v: v.state not in ("draft", "in_review"))
        if released:
            raise UserError(
                self.env._(
                    "%(document)s has an approved version (%(version)s): archive the document "
                    "instead of deleting it.",
                    document=released[0].document_id.display_name,
                    version=released[0].name,
                )
            )

    # --------------------------------------------------------------- actions
    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_controlled_document_version_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action

    # ------------------------------------------------------------- business
    def _scope_map(self, employees=None):
        """{document: {employee id: frozenset(role ids)}} of the employees in scope.

        ``employees`` limits the candidates (default: the active employees of the documents'
        companies). Reads everything as superuser: scope is a fact, not a permission.
        """
        documents = self.sudo()
        if employees is None:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("company_id", "in", documents.company_id.ids)])
            )
        employees = employees.sudo().filtered("active")
        if not documents or not employees:
            return {document: {} for document in self}
        facts = employees._hc_match_facts()
        roles_by_employee = self._roles_by_employee(employees, documents.role_ids, facts)
        result = {}
        for document, doc_sudo in zip(self, documents, strict=True):
            scope = DocumentScope(
                company_id=doc_sudo.company_id.id,
                role_ids=frozenset(doc_sudo.role_ids.ids),
                department_ids=frozenset(doc_sudo.department_ids.ids),
                site_ids=frozenset(doc_sudo.site_ids.ids),
            )
            result[document] = employees_in_scope(scope, facts, roles_by_employee)
        return result

    @api.model
    def _roles_by_employee(self, employees, roles, facts):
        """{employee id: set(role ids)}: an employee holds a role when they have an active
        assignment of one of its paths, or when the role's job/department rule applies."""
        held = {}
        if not roles:
            return held
        for employee, role in (
            self.env["hc.training.assignment"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("role_id", "in", roles.ids),
                    ("active", "=", True),
                ],
                ["employee_id", "role_id"],
            )
        ):
            held.setdefault(employee.id, set()).add(role.id)
        rules = roles.sudo()._match_rules()
        for emp in facts:
            for rule in rules:
                if role_applies(rule, emp):
                    held.setdefault(emp.employee_id, set()).add(rule.role_id)
        return held
