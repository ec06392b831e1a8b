from odoo import api, fields, models

from odoo.addons.hc_base.guards import restricted_to


class HcDocumentCoverage(models.Model):
    """Acknowledgment coverage: one row per effective document version and employee in its
    scope, acknowledged or missing. Rebuilt for a document when a version becomes effective
    or is acknowledged, and for all documents when the report is opened (employees move)."""

    _name = "hc.document.coverage"
    _description = "Acknowledgment Coverage"
    _order = "document_id, employee_id"
    _rec_name = "employee_id"

    document_id = fields.Many2one(
        "hc.controlled.document", required=True, index=True, ondelete="cascade"
    )
    version_id = fields.Many2one(
        "hc.controlled.document.version", required=True, ondelete="cascade"
    )
    category = fields.Selection(related="document_id.category", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    role_ids = fields.Many2many("hc.training.role", string="Roles")
    company_id = fields.Many2one("res.company", required=True, index=True)
    site_id = fields.Many2one("hc.site")
    department_id = fields.Many2one("hr.department")
    acknowledgment_id = fields.Many2one("hc.document.acknowledgment", ondelete="set null")
    is_acknowledged = fields.Boolean(string="Acknowledged")
    employee_count = fields.Integer(string="In Scope", default=1, aggregator="sum")
    acknowledged_count = fields.Integer(string="Acknowledged #", aggregator="sum")
    missing_count = fields.Integer(string="Missing", aggregator="sum")
    coverage = fields.Float(string="Coverage (%)", aggregator="avg")

    @api.model
    def _refresh(self, documents):
        """Rebuild the rows of ``documents`` from their scope and acknowledgments."""
        documents = documents.sudo()
        self.sudo().search([("document_id", "in", documents.ids)]).unlink()
        effective = documents.filtered("current_version_id")
        if not effective:
            return
        scope_map = effective._scope_map()
        employees = (
            self.env["hr.employee"]
            .sudo()
            .browse({emp_id for scope in scope_map.values() for emp_id in scope})
        )
        site_dep = {
            row["id"]: (row["hc_site_id"] or False, row["department_id"] or False)
            for row in employees.read(["hc_site_id", "department_id"], load="")
        }
        acks = (
            self.env["hc.document.acknowledgment"]
            .sudo()
            .search([("version_id", "in", effective.current_version_id.ids)])
        )
        ack_by_key = {(a.version_id.id, a.employee_id.id): a.id for a in acks}
        vals_list = []
        for document in effective:
            version = document.current_version_id
            for emp_id, role_ids in scope_map[document].items():
                ack_id = ack_by_key.get((version.id, emp_id), False)
                site_id, department_id = site_dep[emp_id]
                vals_list.append(
                    {
                        "document_id": document.id,
                        "version_id": version.id,
                        "employee_id": emp_id,
                        "role_ids": [(6, 0, sorted(role_ids))],
                        "company_id": document.company_id.id,
                        "site_id": site_id,
                        "department_id": department_id,
                        "acknowledgment_id": ack_id,
                        "is_acknowledged": bool(ack_id),
                        "acknowledged_count": 1 if ack_id else 0,
                        "missing_count": 0 if ack_id else 1,
                        "coverage": 100.0 if ack_id else 0.0,
                    }
                )
        self.sudo().create(vals_list)

    @api.model
    @restricted_to("hc_training.group_quality_coordinator", "hc_training.group_training_manager")
    def action_open_coverage(self):
        """Refresh the coverage of the user's documents, then open the report."""
        self._refresh(
            self.env["hc.controlled.document"].search([("current_version_id", "!=", False)])
        )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "hc_training.hc_document_coverage_action"
        )

    @api.model
    def _cron_refresh(self):
        self._refresh(
            self.env["hc.controlled.document"].search([("current_version_id", "!=", False)])
        )
