# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.hc_base.guards import restricted_to

from .hc_training_session import ACTIVE_STATES


class HcTrainingSession(models.Model):
    """Inviting to a session: the open completion lines that need its step at its site, the
    employees who can attend (shift, other sessions, leave) up to the free seats."""

    _inherit = "hc.training.session"

    @restricted_to("hc_training.group_trainer")
    def action_invite_missing(self):
        invited, skipped = self._invite_missing()
        if skipped:
            for session in self:
                lines = skipped.get(session.id)
                if lines:
                    session.message_post(
                        body=self.env._("Not invited: %(lines)s", lines="; ".join(lines))
                    )
        message = self.env._(
            "%(count)s employee(s) invited, %(skipped)s left out (see the chatter).",
            count=len(invited),
            skipped=sum(len(v) for v in skipped.values()),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if invited else "warning",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _candidate_lines(self):
        """Open lines needing the steps of these sessions at their sites."""
        return self._open_session_lines(self.step_id, self.site_id)

    @api.model
    def _open_session_lines(self, steps, sites):
        """Open completion lines of active, not waived assignments for ``steps`` at ``sites``
        that are not already booked (invited or present) on a draft or scheduled session."""
        Completion = self.env["hc.training.completion"]
        if not steps or not sites:
            return Completion
        lines = Completion.search(
            [
                ("step_id", "in", steps.ids),
                ("site_id", "in", sites.ids),
                ("state", "in", ("todo", "expired")),
                ("assignment_active", "=", True),
                ("assignment_waived", "=", False),
            ]
        )
        booked = self.env["hc.training.session.attendee"].search(
            [
                ("completion_id", "in", lines.ids),
                ("session_state", "in", ("draft", "scheduled")),
                ("attendance", "in", ("invited", "present")),
            ]
        )
        return lines - booked.completion_id

    def _invite_missing(self):
        """Invite, up to the free seats, the employees who need the step and can attend.

        Returns (created attendees, {session id: [reason per skipped employee]}): an employee
        outside the session's shift, busy in another session, or on approved leave is left
        out (a trainer may still add them by hand, marking a shift exception)."""
        Attendee = self.env["hc.training.session.attendee"]
        created = Attendee
        skipped = {}
        candidates = self._candidate_lines()
        for session in self:
            if session.state not in ("draft", "scheduled"):
                raise UserError(
                    self.env._(
                        "Session %(session)s is %(state)s: nobody can be invited any more.",
                        session=session.name,
                        state=session.state,
                    )
                )
            lines = candidates.filtered(
                lambda c, s=session: c.step_id == s.step_id and c.site_id == s.site_id
            )
            lines = lines.filtered(
                lambda c, s=session: c.employee_id not in s.attendee_ids.employee_id
            )
            problems = Attendee._conflicts_for(session, lines.employee_id)
            vals_list, reasons = [], []
            seats = session.capacity - len(session.attendee_ids)
            for line in lines.sorted(lambda c: (c.date_due or fields.Date.today(), c.id)):
                problem = problems.get(line.employee_id.id)
                if problem:
                    reasons.append(f"{line.employee_id.name} ({problem})")
                    continue
                if seats <= 0:
                    reasons.append(
                        self.env._("%(name)s (session full)", name=line.employee_id.name)
                    )
                    continue
                vals_list.append(
                    {
                        "session_id": session.id,
                        "employee_id": line.employee_id.id,
                        "completion_id": line.id,
                    }
                )
                seats -= 1
            created |= Attendee.create(vals_list)
            candidates -= lines
            if reasons:
                skipped[session.id] = reasons
        return created, skipped

    @api.model
    def _busy_domain(self, start, stop):
        return Domain([("state", "in", ACTIVE_STATES), ("start", "<", stop), ("stop", ">", start)])
