# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models

from odoo.addons.hc_base.guards import workflow_scope


class HcTrainingSession(models.Model):
    """The calendar mirror of a scheduled session: one ``calendar.event`` in the attendees'
    and trainer's calendars, kept by the session."""

    _inherit = "hc.training.session"

    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, index="btree_not_null"
    )

    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }

    def _sync_calendar_event(self):
        """Create or update the calendar event of scheduled sessions (attendees' and trainer's
        partners). The event is a mirror kept by the session, hence written as superuser:
        a trainer edits the session, never the event directly."""
        Event = self.env["calendar.event"].sudo().with_context(dont_notify=True)
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create = []
        for session in self.filtered(lambda s: s.state == "scheduled"):
            partners = session.attendee_ids.employee_id.user_id.partner_id | (
                session.trainer_id.partner_id
            )
            vals = {
                "name": session.name,
                "start": session.start,
                "stop": session.stop,
                "location": session.location or session.site_id.display_name,
                "user_id": session.trainer_id.id,
                "partner_ids": [(6, 0, partners.ids)],
                "res_model_id": model_id,
                "res_id": session.id,
            }
            if session.calendar_event_id:
                session.calendar_event_id.sudo().with_context(dont_notify=True).write(
                    dict(vals, active=True)
                )
            else:
                to_create.append((session, vals))
        if to_create:
            events = Event.create([vals for _session, vals in to_create])
            with workflow_scope(self._name, {"calendar_event_id"}):
                for (session, _vals), event in zip(to_create, events, strict=True):
                    session.calendar_event_id = event
