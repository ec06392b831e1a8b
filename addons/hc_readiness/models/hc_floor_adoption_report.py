from odoo import fields, models, tools
from odoo.tools import SQL

from ..lib.constants import SEVERITIES
from .hc_floor_triage_rule import CATEGORIES


class HcFloorAdoptionReport(models.Model):
    """One row per (floor issue, affected employee): repeat issues per employee and job
    position, and the retraining they got from those issues, done or open."""

    _name = "hc.floor.adoption.report"
    _description = "Floor Issues per Employee"
    _auto = False
    _order = "date_logged desc"

    issue_id = fields.Many2one("hc.floor.issue", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    site_id = fields.Many2one("hc.site", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    app_area_id = fields.Many2one("hc.app.area", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    severity = fields.Selection(SEVERITIES, readonly=True)
    is_open = fields.Boolean(readonly=True)
    date_logged = fields.Datetime(readonly=True)
    issue_count = fields.Integer(string="Issues", readonly=True, aggregator="sum")
    retrain_open = fields.Integer(string="Retraining Open", readonly=True, aggregator="sum")
    retrain_done = fields.Integer(string="Retraining Done", readonly=True, aggregator="sum")
    time_to_resolve = fields.Float(string="Time to Resolve (h)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT ROW_NUMBER() OVER (ORDER BY i.id, e.id) AS id,
                           i.id AS issue_id,
                           e.id AS employee_id,
                           v.job_id AS job_id,
                           i.site_id,
                           i.company_id,
                           i.app_area_id,
                           i.category,
                           i.severity,
                           i.is_open,
                           i.date_logged,
                           1 AS issue_count,
                           CASE WHEN i.date_resolved IS NOT NULL
                                THEN i.time_to_resolve END AS time_to_resolve,
                           COALESCE(r.open_count, 0) AS retrain_open,
                           COALESCE(r.done_count, 0) AS retrain_done
                      FROM hc_floor_issue i
                      JOIN hc_floor_issue_hr_employee_rel rel ON rel.hc_floor_issue_id = i.id
                      JOIN hr_employee e ON e.id = rel.hr_employee_id
                 LEFT JOIN hr_version v ON v.id = e.current_version_id
                 LEFT JOIN (
                        SELECT lr.hc_floor_issue_id AS issue_id,
                               c.employee_id,
                               COUNT(*) FILTER (WHERE c.state IN ('todo', 'expired')) AS open_count,
                               COUNT(*) FILTER (WHERE c.state = 'done') AS done_count
                          FROM hc_floor_issue_hc_training_completion_rel lr
                          JOIN hc_training_completion c ON c.id = lr.hc_training_completion_id
                      GROUP BY lr.hc_floor_issue_id, c.employee_id
                    ) r ON r.issue_id = i.id AND r.employee_id = e.id
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
