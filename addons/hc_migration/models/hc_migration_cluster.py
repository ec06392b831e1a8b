from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

# set by deduplication when it creates a cluster
PIPELINE_FIELDS = frozenset(
    {"run_id", "score", "reasons", "existing_refs", "existing_names", "certainty", "pair_ids"}
)
MATCH_FIELDS = frozenset({"member_a", "member_b", "weight", "decision", "explanation"})
DECISION_FIELDS = frozenset({"state", "survivor_row_id", "decided_by_id", "date_decided"})


class HcMigrationCluster(models.Model):
    """Probable duplicates, shown to the data owner to merge into a survivor or keep apart.
    Members are staged rows and, where matched, records already in Odoo."""

    _name = "hc.migration.cluster"
    _description = "Duplicate Cluster"
    _inherit = ["mail.thread"]
    _order = "state, score desc, id"

    # everything on a cluster is the workflow's: deduplication finds it, the data owner's
    # decision (merge / keep apart) records who decided what and when
    run_id = fields.Many2one(
        "hc.migration.run", required=True, index=True, ondelete="cascade", readonly=True
    )
    domain_id = fields.Many2one(related="run_id.domain_id", store=True, index=True)
    owner_id = fields.Many2one(related="run_id.domain_id.owner_id")
    row_ids = fields.One2many("hc.migration.row", "cluster_id", string="Staged Rows")
    existing_refs = fields.Char(
        string="Existing Records",
        readonly=True,
        help="model:id of matching records already in Odoo.",
    )
    existing_names = fields.Char(string="Already in Odoo", readonly=True)
    score = fields.Float(
        string="Match (%)",
        readonly=True,
        help="Probability that the best pair of the cluster is one record, from its match weight.",
    )
    reasons = fields.Char(string="Agreeing Fields", readonly=True)
    certainty = fields.Selection(
        [("link", "Same record"), ("review", "To review")],
        default="link",
        readonly=True,
        help="Same record: every pair is above the link threshold, the first row stands in for "
        "the cluster until the data owner decides. To review: a pair between the review and "
        "link thresholds, or a link split off a chain; none of its rows is loaded before the "
        "decision.",
    )
    pair_ids = fields.One2many(
        "hc.migration.match", "cluster_id", string="Compared Pairs", readonly=True
    )
    state = fields.Selection(
        [("pending", "To decide"), ("merged", "Merged"), ("apart", "Kept apart")],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
    )
    survivor_row_id = fields.Many2one(
        "hc.migration.row", string="Survivor", readonly=True, tracking=True
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_decided = fields.Datetime(string="Decided On", readonly=True)
    name = fields.Char(compute="_compute_name")

    def _compute_name(self):
        for cluster in self:
            names = [r.summary for r in cluster.row_ids[:3]]
            if cluster.existing_names:
                names.append(cluster.existing_names)
            cluster.name = " / ".join(n for n in names if n) or str(cluster.id)

    def _check_owner(self):
        """The data owner of the cluster's domain or a migration lead decides, once, before
        the run is loaded."""
        user = self.env.user
        lead = self.env.su or user.has_group("hc_migration.group_migration_lead")
        for cluster in self:
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
            if cluster.state != "pending":
                raise UserError(
                    self.env._(
                        "%(cluster)s is already decided (%(state)s).",
                        cluster=cluster.name,
                        state=dict(cluster._fields["state"]._description_selection(self.env))[
                            cluster.state
                        ],
                    )
                )

    def _decide(self, vals):
        with workflow_scope(self._name, DECISION_FIELDS):
            self.write(
                {
                    **vals,
                    "decided_by_id": self.env.uid,
                    "date_decided": fields.Datetime.now(),
                }
            )

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_merge(self, survivor=None):
        """Keep one survivor: the other staged rows without error are merged into it (not
        loaded); when the cluster matched a record already in Odoo, the survivor updates that
        record. ``survivor``: a staged row of the cluster (record or id); by default the first
        row without a validation error. Returns True (the run's buckets are checked)."""
        self._check_owner()
        Row = self.env["hc.migration.row"]
        if survivor is not None and not isinstance(survivor, models.BaseModel):
            if not isinstance(survivor, int) or isinstance(survivor, bool):
                raise UserError(self.env._("The survivor must be a staged row of the cluster."))
            survivor = Row.browse(survivor)
        for cluster in self:
            # by default the first row of the file without a validation error
            ordered = cluster.row_ids.sorted("row_number")
            survivor_row = survivor or (ordered.filtered(lambda r: not r.errors) or ordered)[:1]
            if survivor_row and (len(survivor_row) != 1 or survivor_row not in cluster.row_ids):
                raise UserError(
                    self.env._(
                        "The survivor must be one of the staged rows of %(cluster)s.",
                        cluster=cluster.name,
                    )
                )
            # a row with a validation error stays rejected (a duplicate does not hide an
            # error); the others are merged into the survivor and never loaded
            with workflow_scope(Row._name, {"state"}):
                (cluster.row_ids - survivor_row).filtered(lambda r: not r.errors).write(
                    {"state": "duplicate"}
                )
                survivor_row.write({"state": "valid" if not survivor_row.errors else "rejected"})
            cluster._decide({"state": "merged", "survivor_row_id": survivor_row.id})
        self.run_id.sudo()._refresh_metrics()  # derived counters of the run
        return True

    @restricted_to("hc_migration.group_data_owner", "hc_migration.group_migration_lead")
    def action_keep_apart(self):
        """The rows are different records: each valid one is loaded."""
        self._check_owner()
        for cluster in self:
            with workflow_scope("hc.migration.row", {"state"}):
                cluster.row_ids.filtered(lambda r: r.state == "duplicate" and not r.errors).write(
                    {"state": "valid"}
                )
            cluster._decide({"state": "apart"})
        self.run_id.sudo()._refresh_metrics()  # derived counters of the run
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self,
            self.env._("a duplicate cluster is the record of what was merged or kept apart."),
        )
