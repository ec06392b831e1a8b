import base64

from odoo import fields, models
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib.matrix_xlsx import build_matrix_workbook
from ..models.hc_learning_path_step import LAYERS


class HcTrainingMatrixExport(models.TransientModel):
    """The training matrix (employees × roles × steps) as an xlsx file for a site manager."""

    _name = "hc.training.matrix.export"
    _description = "Export Training Matrix"

    site_id = fields.Many2one("hc.site")
    department_id = fields.Many2one("hr.department")
    role_id = fields.Many2one("hc.training.role")
    layer = fields.Selection(LAYERS)
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def _domain(self):
        domain = Domain("assignment_active", "=", True)
        if self.site_id:
            domain &= Domain("site_id", "=", self.site_id.id)
        if self.department_id:
            domain &= Domain("department_id", "child_of", self.department_id.id)
        if self.role_id:
            domain &= Domain("role_id", "=", self.role_id.id)
        if self.layer:
            domain &= Domain("layer", "=", self.layer)
        return domain

    def _build(self):
        lines = self.env["hc.training.completion"].search(self._domain())
        layers = dict(LAYERS)
        columns, column_index = [], {}
        for step in lines.step_id.sorted(
            lambda s: (s.role_id.name, s.path_id.id, s.sequence, s.id)
        ):
            column_index[step.id] = len(columns)
            columns.append((step.role_id.name, layers[step.layer], step.name))
        states = dict(self.env["hc.training.completion"]._fields["matrix_state"].selection)
        # the job lives on the employee's version (an HR-officer field): read it from the
        # public profile of the employees whose lines the user may see
        jobs = {
            profile.id: profile.job_id.name or ""
            for profile in self.env["hr.employee.public"].browse(lines.employee_id.ids)
        }
        rows = {}
        for line in lines.sorted(lambda c: (c.site_id.name or "", c.employee_id.name)):
            row = rows.setdefault(
                line.employee_id.id,
                {
                    "employee": line.employee_id.name,
                    "site": line.site_id.name or "",
                    "department": line.department_id.name or "",
                    "job": jobs.get(line.employee_id.id, ""),
                    "cells": [None] * len(columns),
                },
            )
            label = states[line.matrix_state]
            if line.state == "done" and line.date_completed:
                label = f"{label} {line.date_completed}"
                if line.score:
                    label += f" ({line.score:g}%)"
            row["cells"][column_index[line.step_id.id]] = (line.matrix_state, label)
        title = self.env._(
            "Training matrix %(scope)s – %(date)s",
            scope=self.site_id.name or self.env.company.name,
            date=fields.Date.context_today(self),
        )
        legend = list(states.items())
        return build_matrix_workbook(title, columns, list(rows.values()), legend)

    @restricted_to("hc_training.group_trainer")
    def action_export(self):
        self.ensure_one()
        content = self._build()
        scope = (self.site_id.code or "all").lower()
        with workflow_scope(self._name, {"file", "filename"}):
            self.write(
                {
                    "file": base64.b64encode(content),
                    "filename": f"training-matrix-{scope}-{fields.Date.context_today(self)}.xlsx",
                }
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}?download=true",
            "target": "self",
        }
