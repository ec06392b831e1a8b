from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import check_groups, guard_active


class HcGateApproval(models.Model):
    """One approver's individual decision on a gate, for one governance body. Immutable.

    The approver (a Gate Approver) gives it in their own name (``user_id`` is the caller,
    set by the server; its date is the record's creation date), once, for a body that must
    approve the gate, has not decided yet and counts them as a member, while the gate is in
    review. The first member's decision is the body's."""

    _name = "hc.gate.approval"
    _description = "Stage Gate Approval"
    _order = "gate_id, create_date, id"

    gate_id = fields.Many2one("hc.gate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="gate_id.company_id", store=True)
    body_id = fields.Many2one("hc.governance.body", required=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    vote = fields.Selection([("approve", "Approve"), ("reject", "Reject")], required=True)
    comment = fields.Text(required=True)
    allowed_body_ids = fields.Many2many(
        "hc.governance.body",
        compute="_compute_allowed_body_ids",
        help="The bodies you may decide for: they must approve the gate, have not decided "
        "yet and count you as a member.",
    )
    gate_failing_criterion_ids = fields.Many2many(
        related="gate_id.failing_criterion_ids", string="Failing Criteria"
    )
    gate_missing_body_ids = fields.Many2many(
        related="gate_id.missing_body_ids", string="Approvals Missing"
    )
    gate_rejecting_body_ids = fields.Many2many(
        related="gate_id.rejecting_body_ids", string="Rejected By"
    )

    _one_vote = models.Constraint("UNIQUE(gate_id, user_id)", "Each approver decides a gate once.")

    @api.depends("gate_id")
    @api.depends_context("uid")
    def _compute_allowed_body_ids(self):
        for approval in self:
            gate = approval.gate_id
            approval.allowed_body_ids = (
                gate._my_decision_bodies() if gate else self.env["hc.governance.body"]
            )

    @api.model
    def default_get(self, fields_list):
        """The body the approver decides for: the first body they may decide for."""
        values = super().default_get(fields_list)
        gate = self.env["hc.gate"].browse(values.get("gate_id") or [])
        if gate and "body_id" in fields_list and not values.get("body_id"):
            values["body_id"] = gate._my_decision_bodies()[:1].id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        guarded = guard_active(self.env)
        if guarded:
            check_groups(self.env, ["hc_readiness.group_gate_approver"], "create")
            if any(vals.get("user_id", self.env.uid) != self.env.uid for vals in vals_list):
                raise AccessError(self.env._("Nobody approves on behalf of another person."))
        approvals = super().create(vals_list)
        for approval in approvals:
            gate = approval.gate_id
            if gate.state != "review":
                raise UserError(self.env._("%(gate)s is not in review.", gate=gate.name))
            if approval.body_id not in gate.required_body_ids:
                raise UserError(
                    self.env._(
                        "%(body)s does not approve %(gate)s.",
                        body=approval.body_id.name,
                        gate=gate.name,
                    )
                )
            if approval.user_id not in approval.body_id.sudo().member_ids:
                raise AccessError(
                    self.env._(
                        "%(user)s is not a member of %(body)s.",
                        user=approval.user_id.name,
                        body=approval.body_id.name,
                    )
                )
            earlier = gate.sudo().approval_ids.filtered(
                lambda a, new=approval: a.body_id == new.body_id and a != new
            )
            if earlier:
                raise UserError(
                    self.env._(
                        "%(body)s has already given its decision on %(gate)s (%(user)s).",
                        body=approval.body_id.name,
                        gate=gate.name,
                        user=earlier[0].user_id.name,
                    )
                )
            # approvers read gates; their vote is logged on the gate in their name
            gate.sudo().message_post(
                author_id=approval.user_id.partner_id.id,
                body=self.env._(
                    "%(user)s (%(body)s): %(vote)s. %(comment)s",
                    user=approval.user_id.name,
                    body=approval.body_id.name,
                    vote=dict(self._fields["vote"].selection)[approval.vote],
                    comment=approval.comment,
                ),
            )
        return approvals

    def write(self, vals):
        if guard_active(self.env):
            raise AccessError(self.env._("An approval cannot be changed once given."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("An approval cannot be deleted."))
