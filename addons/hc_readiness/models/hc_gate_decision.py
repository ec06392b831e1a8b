import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hc_base.guards import restricted_to, workflow_scope

from ..lib import gates
from .hc_gate import DECIDED, PMO

GATE_APPROVER = "hc_readiness.group_gate_approver"
# what the decision dialog decides: the PMO's four outcomes and the steering override
OUTCOMES = [
    ("go", "Go"),
    ("conditional", "Conditional go"),
    ("no_go", "No-go"),
    ("recycle", "Recycle"),
    ("override", "Steering override: go"),
]


class HcGate(models.Model):
    """The decision side of a stage gate: who gives a decision for which body, what fails
    and what is missing when the gate is decided, and what a steering override overrides.

    Approval rule: a user gives a decision for a body when they hold the Gate Approver role
    *and* sit on a body that must approve the gate (decision-rights matrix or sign-off
    criterion) and that has not decided yet. The PMO decides the gate itself and does not
    approve it; a body member without the Gate Approver role is not offered *Give My
    Decision* (the gate form warns the PMO when no member of a body that must still approve
    holds the role)."""

    _inherit = "hc.gate"

    failing_criterion_ids = fields.Many2many(
        "hc.gate.criterion", compute="_compute_failing_criterion_ids", string="Failing Criteria"
    )
    my_decision_body_ids = fields.Many2many(
        "hc.governance.body",
        compute="_compute_my_decision",
        string="My Bodies to Decide For",
        help="The bodies that must still approve this gate and on which you sit.",
    )
    can_give_decision = fields.Boolean(compute="_compute_my_decision")
    can_override = fields.Boolean(compute="_compute_my_decision")
    unapprovable_body_ids = fields.Many2many(
        "hc.governance.body",
        compute="_compute_unapprovable_body_ids",
        string="Nobody Can Approve For",
        help="Bodies that must still approve, none of whose members holds the Gate Approver "
        "role.",
    )

    @api.depends("criterion_ids.passed")
    def _compute_failing_criterion_ids(self):
        for gate in self:
            gate.failing_criterion_ids = gate.criterion_ids.filtered(lambda c: not c.passed)

    @api.depends("state", "approval_ids", "gate_type_id", "criterion_ids.body_type")
    @api.depends_context("uid")
    def _compute_my_decision(self):
        user = self.env.user
        may_override = user.has_group(GATE_APPROVER) or user.has_group(PMO)
        for gate in self:
            gate.my_decision_body_ids = gate._my_decision_bodies()
            gate.can_give_decision = bool(gate.my_decision_body_ids)
            gate.can_override = (
                gate.state == "review"
                and may_override
                and bool(gate.missing_body_ids or gate.rejecting_body_ids)
                and user in gate._steering().member_ids
            )

    @api.depends("state", "approval_ids", "gate_type_id", "criterion_ids.body_type")
    def _compute_unapprovable_body_ids(self):
        approvers = self.env.ref(GATE_APPROVER).sudo().all_user_ids
        for gate in self:
            in_review = gate.state == "review"
            gate.unapprovable_body_ids = gate.missing_body_ids.filtered(
                lambda body, review=in_review: review and not body.sudo().member_ids & approvers
            )

    # ------------------------------------------------------------ who decides what
    def _steering(self):
        self.ensure_one()
        return (
            self.env["hc.governance.body"]
            .sudo()
            .search([("program_id", "=", self.program_id.id), ("body_type", "=", "steering")])
        )

    def _my_decision_bodies(self):
        """The bodies the current user may give a decision for on this gate now: the gate is
        in review, the user is a Gate Approver who has not decided it yet, and the body must
        approve it, has not decided yet and counts the user as a member."""
        self.ensure_one()
        user = self.env.user
        if (
            self.state != "review"
            or not user.has_group(GATE_APPROVER)
            or user in self.sudo().approval_ids.user_id
        ):
            return self.env["hc.governance.body"]
        return self.missing_body_ids.filtered(lambda body: user in body.sudo().member_ids)

    def _why_no_decision(self):
        """Why the current user has no body to give a decision for (a business message)."""
        self.ensure_one()
        user = self.env.user
        if self.state != "review":
            return self.env._("%(gate)s is not in review.", gate=self.name)
        if user in self.sudo().approval_ids.user_id:
            return self.env._("You have already given your decision on %(gate)s.", gate=self.name)
        if not self.missing_body_ids:
            return self.env._(
                "Every body that must approve %(gate)s has given its decision.", gate=self.name
            )
        return self.env._(
            "You sit on none of the bodies that must still approve %(gate)s: %(bodies)s.",
            gate=self.name,
            bodies=", ".join(self.missing_body_ids.mapped("name")),
        )

    @restricted_to(GATE_APPROVER)
    def action_open_my_decision(self):
        """*Give My Decision*: the approval dialog, offering only the bodies the user may
        decide for."""
        self.ensure_one()
        bodies = self._my_decision_bodies()
        if not bodies:
            raise UserError(self._why_no_decision())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Give My Decision"),
            "res_model": "hc.gate.approval",
            "view_mode": "form",
            "views": [(self.env.ref("hc_readiness.hc_gate_approval_view_form").id, "form")],
            "target": "new",
            "context": {"default_gate_id": self.id, "default_body_id": bodies[:1].id},
        }

    # ------------------------------------------------------------ the decision dialog
    def _open_dialog(self, outcome):
        self.ensure_one()
        if self.state != "review":
            raise UserError(self.env._("%(gate)s is not in review.", gate=self.name))
        # the dialog shows the evidence as it is now, re-read from live data by the system
        self.sudo().action_evaluate()
        self.invalidate_recordset()
        Wizard = self.env["hc.gate.decision.wizard"]
        wizard = Wizard.create(
            {"gate_id": self.id, "outcome": outcome, "note": self.decision_note or False}
        )
        return {
            "type": "ir.actions.act_window",
            "name": dict(Wizard._fields["outcome"]._description_selection(self.env))[outcome],
            "res_model": "hc.gate.decision.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @restricted_to(PMO)
    def action_open_decision(self):
        """Go, Conditional Go, No-Go or Recycle (``hc_decision`` in the context picks which):
        a dialog showing the failing criteria and the missing approvals before confirming."""
        outcome = self.env.context.get("hc_decision")
        if outcome not in ("go", "conditional", "no_go", "recycle"):
            raise UserError(self.env._("Choose Go, Conditional Go, No-Go or Recycle."))
        return self._open_dialog(outcome)

    @restricted_to(GATE_APPROVER, PMO)
    def action_open_override(self):
        """Steering override: the dialog naming what the override overrides."""
        self.ensure_one()
        self._check_steering_member()
        if self.state == "review" and not (self.missing_body_ids or self.rejecting_body_ids):
            raise UserError(self._nothing_to_override())
        return self._open_dialog("override")

    def _check_steering_member(self):
        if self.env.user not in self._steering().member_ids:
            raise AccessError(
                self.env._("Only a steering committee member overrides missing approvals.")
            )

    def _nothing_to_override(self):
        return self.env._(
            "Every body that must approve %(gate)s has approved: there is nothing to "
            "override, the PMO decides it.",
            gate=self.name,
        )

    # ------------------------------------------------------------ what fails, what is missing
    def _criterion_facts(self, criterion):
        return {
            "name": criterion.name,
            "kind": criterion.kind,
            "value": criterion.value if criterion.has_value else None,
            "operator": criterion.operator if criterion.kind == "metric" else None,
            "threshold": criterion.threshold if criterion.kind == "metric" else None,
        }

    def _open_issues(self):
        """What stands against a go now: failing criteria, bodies whose approval is missing
        and bodies that rejected (as plain data, for the snapshot)."""
        self.ensure_one()
        return {
            "failing_criteria": [self._criterion_facts(c) for c in self.failing_criterion_ids],
            "missing_bodies": self.sudo().missing_body_ids.mapped("name"),
            "rejecting_bodies": self.sudo().rejecting_body_ids.mapped("name"),
        }

    def _describe_criterion(self, facts):
        if facts["kind"] != "metric":
            return self.env._("%(name)s (not met)", name=facts["name"])
        operators = dict(self.env["hc.gate.criterion"]._fields["operator"].selection)
        return self.env._(
            "%(name)s (%(value)s; needs %(operator)s %(threshold)s)",
            name=facts["name"],
            value=self.env._("no value") if facts["value"] is None else f"{facts['value']:g}",
            operator=operators.get(facts["operator"], facts["operator"] or ""),
            threshold=f"{facts['threshold']:g}",
        )

    def _describe_issues(self, issues):
        """One line per kind of open issue, translated, for a reason and the chatter."""
        lines = []
        if issues["failing_criteria"]:
            lines.append(
                self.env._(
                    "Failing criteria (%(count)s of %(total)s): %(criteria)s.",
                    count=len(issues["failing_criteria"]),
                    total=len(self.criterion_ids),
                    criteria="; ".join(
                        self._describe_criterion(f) for f in issues["failing_criteria"]
                    ),
                )
            )
        if issues["missing_bodies"]:
            lines.append(
                self.env._(
                    "Approvals missing from: %(bodies)s.",
                    bodies=", ".join(issues["missing_bodies"]),
                )
            )
        if issues["rejecting_bodies"]:
            lines.append(
                self.env._("Rejected by: %(bodies)s.", bodies=", ".join(issues["rejecting_bodies"]))
            )
        return lines

    # ------------------------------------------------------------ deciding
    def _decide(self, decision, override_reason=None):
        """Decide the gate in review: the role (PMO, or a steering committee member for an
        override) is checked by the public action before this runs."""
        self.ensure_one()
        if self.state != "review":
            raise UserError(self.env._("%(gate)s is not in review.", gate=self.name))
        # the evidence is re-read from live data by the system, whoever decides
        self.sudo().action_evaluate()
        self.invalidate_recordset(
            [
                "missing_body_ids",
                "required_body_ids",
                "rejecting_body_ids",
                "failing_criterion_ids",
            ]
        )
        missing = self.missing_body_ids
        rejected = self.rejecting_body_ids
        if override_reason and not (missing or rejected):
            raise UserError(self._nothing_to_override())
        problem = gates.decision_error(
            decision,
            missing.ids,
            self.condition_ids.filtered(lambda c: c.state == "open").ids,
            override_reason,
            rejected.ids,
        )
        if problem == gates.MISSING_APPROVALS:
            raise UserError(
                self.env._(
                    "%(gate)s cannot be decided: approval missing from %(bodies)s.",
                    gate=self.name,
                    bodies=", ".join(missing.mapped("name")),
                )
            )
        if problem == gates.REJECTED:
            raise UserError(
                self.env._(
                    "%(gate)s cannot go ahead: rejected by %(bodies)s.",
                    gate=self.name,
                    bodies=", ".join(rejected.mapped("name")),
                )
            )
        if problem == gates.NO_CONDITION:
            raise UserError(
                self.env._(
                    "%(gate)s: a conditional go needs at least one condition.", gate=self.name
                )
            )
        issues = self._open_issues()
        described = self._describe_issues(issues)
        override = None
        if override_reason:
            override = {"reason": override_reason, "user": self.env.user.name, **issues}
            # the recorded reason names what the override overrides
            override_reason = "\n".join(
                [self.env._("Reason: %(reason)s", reason=override_reason), *described]
            )
        with workflow_scope(self._name, DECIDED):
            self.sudo().write(
                {
                    "decision": decision,
                    "override_reason": override_reason or False,
                    "decided_by_id": self.env.user.id,
                    "date_decided": fields.Datetime.now(),
                    "state": "decided",
                }
            )
        self._freeze("decision", override=override)
        label = dict(self._fields["decision"]._description_selection(self.env))[decision]
        if override:
            body = self.env._(
                "Steering override: %(decision)s, by %(user)s.",
                decision=label,
                user=self.env.user.name,
            )
            lines = [self.env._("Reason: %(reason)s", reason=override["reason"]), *described]
        else:
            body = self.env._("Decided: %(decision)s.", decision=label)
            lines = described
        self.sudo().message_post(
            body=Markup("<br/>").join([body, *lines]), author_id=self.env.user.partner_id.id
        )

    @restricted_to(PMO)
    def action_decide_go(self):
        self._decide("go")

    @restricted_to(PMO)
    def action_decide_conditional(self):
        self._decide("conditional")

    @restricted_to(PMO)
    def action_decide_no_go(self):
        self._decide("no_go")

    @restricted_to(GATE_APPROVER, PMO)
    def action_override_go(self, reason=None):
        """Steering committee: go despite missing or rejecting approvals (and whatever
        criteria fail), with a reason; the recorded reason, the evidence snapshot and the
        chatter name what is overridden. ``reason`` defaults to the decision note."""
        self.ensure_one()
        self._check_steering_member()
        reason = (reason if isinstance(reason, str) else self.decision_note or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the steering override."))
        self._decide("go", override_reason=reason)

    def _freeze(self, reason, override=None):
        """An immutable snapshot of the evidence as it is now (with, for an override, its
        reason and what it overrides)."""
        self.ensure_one()
        # the system records the evidence as it is, whoever decides (an approver on the
        # steering committee may not read the PMO's attachments)
        gate = self.sudo()
        issues = gate._open_issues()
        content = {
            "gate": gate.name,
            "state": gate.state,
            "decision": gate.decision or None,
            "override_reason": gate.override_reason or None,
            "override": override,
            "failing_criteria": issues["failing_criteria"],
            "missing_approvals": issues["missing_bodies"],
            "rejected_by": issues["rejecting_bodies"],
            "criteria": [
                {
                    "name": c.name,
                    "kind": c.kind,
                    "metric": c.metric or None,
                    "operator": c.operator or None,
                    "threshold": c.threshold,
                    "value": c.value if c.has_value else None,
                    "passed": c.passed,
                    "explanation": c.explanation or None,
                    "attachments": [
                        {"name": a.name, "checksum": a.checksum} for a in c.attachment_ids
                    ],
                    "document_version": {
                        "name": c.document_version_id.display_name,
                        "state": c.document_version_id.state,
                        "sha256": c.document_version_id.checksum,
                    }
                    if c.document_version_id
                    else None,
                }
                for c in gate.criterion_ids
            ],
            "approvals": [
                {
                    "body": a.body_id.name,
                    "user": a.user_id.name,
                    "vote": a.vote,
                    "comment": a.comment or None,
                    "date": fields.Datetime.to_string(a.create_date),
                }
                for a in gate.approval_ids
            ],
            "conditions": [
                {
                    "name": c.name,
                    "owner": c.owner_id.name,
                    "due": fields.Date.to_string(c.date_due),
                    "state": c.state,
                }
                for c in gate.condition_ids
            ],
        }
        values = {
            "gate_id": self.id,
            "reason": reason,
            "user_id": self.env.user.id,
            "content": json.dumps(content, indent=1, default=str),
            "passed": all(c["passed"] for c in content["criteria"]),
        }
        with workflow_scope("hc.gate.snapshot", set(values)):
            return self.env["hc.gate.snapshot"].sudo().create(values)
