from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class HcMigrationCluster(models.Model):
    """Probable duplicates, shown to the data owner to merge into a survivor or keep apart.
    Members are staged rows and, where matched, records already in Odoo."""

    _name = "hc.migration.cluster"
    _description = "Duplicate Cluster"
    _inherit = ["mail.thread"]
    _order = "state, score desc, id"

    run_id = fields.Many2one("hc.migration.run", required=True, index=True, ondelete="cascade")
    domain_id = fields.Many2one(related="run_id.domain_id", store=True, index=True)
    owner_id = fields.Many2one(related="run_id.domain_id.owner_id")
    row_ids = fields.One2many("hc.migration.row", "cluster_id", string="Staged Rows")
    existing_refs = fields.Char(
        string="Existing Records", help="model:id of matching records already in Odoo."
    )
    existing_names = fields.Char(string="Already in Odoo")
    score = fields.Float(string="Similarity (%)")
    reasons = fields.Char()
    state = fields.Selection(
        [("pending", "To decide"), ("merged", "Merged"), ("apart", "Kept apart")],
        default="pending",
        required=True,
        tracking=True,
    )
    survivor_row_id = fields.Many2one("hc.migration.row", string="Survivor", tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    name = fields.Char(compute="_compute_name")

    def _compute_name(self):
        for cluster in self:
            names = [r.summary for r in cluster.row_ids[:3]]
            if cluster.existing_names:
                names.append(cluster.existing_names)
            cluster.name = " / ".join(n for n in names if n) or str(cluster.id)

    def _check_owner(self):
        for cluster in self:
            user = self.env.user
            lead = user.has_group("hc_migration.group_migration_lead")
            if cluster.domain_id.owner_id != user and not lead:
                raise AccessError(
                    self.env._(
                        "Only the data owner of %(domain)s decides its duplicates.",
                        domain=cluster.domain_id.name,
                    )
                )
            if cluster.run_id.state in ("loaded", "rolled_back"):
                raise UserError(
                    self.env._("This run is already loaded: decide in the next mock run.")
                )

    def action_merge(self, survivor=None):
        """Keep one survivor: the other staged rows become duplicates (not loaded); when the
        cluster matched a record already in Odoo, the survivor updates that record."""
        self._check_owner()
        for cluster in self:
            survivor_row = (
                survivor or cluster.survivor_row_id or cluster.row_ids.sorted("row_number")[:1]
            )
            (cluster.row_ids - survivor_row).write({"state": "duplicate"})
            survivor_row.write({"state": "valid" if not survivor_row.errors else "rejected"})
            cluster.write(
                {
                    "state": "merged",
                    "survivor_row_id": survivor_row.id,
                    "decided_by_id": self.env.uid,
                }
            )
        self.run_id.sudo()._refresh_metrics()  # derived counters of the run

    def action_keep_apart(self):
        self._check_owner()
        for cluster in self:
            cluster.row_ids.filtered(lambda r: r.state == "duplicate" and not r.errors).write(
                {"state": "valid"}
            )
            cluster.write({"state": "apart", "decided_by_id": self.env.uid})
        self.run_id.sudo()._refresh_metrics()  # derived counters of the run
