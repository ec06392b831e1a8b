from odoo import api, models
from odoo.exceptions import UserError


class ReportTrainingTranscript(models.AbstractModel):
    """The training transcript of employees, for whoever may see their training.

    The employee's header (name, job, department, site) is read from
    ``hr.employee.public``: the job and department live on the employee's version, an
    HR-officer field that trainers and training managers may not read. The assignments
    are searched as the user, so the site rules of a trainer apply to the lines too."""

    _name = "report.hc_training.report_training_transcript"
    _description = "Training Transcript"

    @api.model
    def _transcript_scope(self, employees):
        """The employees of ``employees`` whose transcript the user may print: those whose
        training the user may read (the assignment rules of the user's roles: a trainer's
        sites, a training manager's companies, one's own...), an HR officer any, a trainer
        also those of their sites with no training yet."""
        user = self.env.user
        if self.env.su or user.has_group("hr.group_hr_user"):
            return employees
        public = self.env["hr.employee.public"].browse(employees.ids)
        allowed = public.filtered(lambda e: e.user_id == user)
        if user.has_group("hc_training.group_training_manager"):
            allowed |= public.filtered(lambda e: e.company_id in user.company_ids)
        elif user.has_group("hc_training.group_trainer"):
            allowed |= public.filtered(lambda e: e.hc_site_id in user.hc_site_ids)
        assignments = (
            self.env["hc.training.assignment"]
            .with_context(active_test=False)
            .search([("employee_id", "in", (public - allowed).ids)])
        )
        return employees.browse(allowed.ids + assignments.employee_id.ids)

    @api.model
    def _get_report_values(self, docids, data=None):
        employees = self.env["hr.employee"].browse(docids)
        allowed = self._transcript_scope(employees)
        refused = self.env["hr.employee.public"].browse((employees - allowed).ids)
        if refused:
            raise UserError(
                self.env._(
                    "You can print the training transcript of the employees whose training "
                    "you follow (your own, your sites'), not of %(employees)s.",
                    employees=", ".join(refused.mapped("name")),
                )
            )
        Assignment = self.env["hc.training.assignment"].with_context(active_test=False)
        assignments = Assignment.search(
            [("employee_id", "in", employees.ids)], order="active desc, date_assigned desc"
        )
        return {
            "doc_ids": employees.ids,
            "doc_model": "hr.employee",
            "docs": employees,
            "employee_profiles": {
                p.id: p for p in self.env["hr.employee.public"].browse(employees.ids)
            },
            "assignments_by_employee": {
                e.id: assignments.filtered(lambda a, e=e: a.employee_id == e) for e in employees
            },
        }
