from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .session_common import HcSessionCommon


@tagged("post_install", "-at_install")
class TestTrainingSession(HcSessionCommon):
    def test_defaults_shift_from_start_and_stop_from_duration(self):
        session = self._session(stop=False)
        self.assertEqual(session.shift_id, self.night)
        self.assertEqual(session.stop, self.night_start + timedelta(hours=1, minutes=30))
        self.assertEqual(session.name, self.step_session.name)
        self.assertEqual(session.state, "draft")
        day_session = self._session(start=self.day_start)
        self.assertEqual(day_session.shift_id, self.day)
        # the shift follows a move of the start; the length is kept
        day_session.write({"start": self.night_start + timedelta(days=1)})
        self.assertEqual(day_session.shift_id, self.night)
        self.assertEqual(day_session.stop, self.night_start + timedelta(days=1, hours=1.5))

    def test_only_session_steps(self):
        with self.assertRaisesRegex(ValidationError, "not an instructor-led step"):
            self._session(step_id=self.step_scenario.id)

    def test_end_before_start_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._session(stop=self.night_start - timedelta(hours=1))

    def test_trainer_double_booked(self):
        first = self._session()
        with self.assertRaisesRegex(ValidationError, "already teaching"), self.cr.savepoint():
            self._session(start=self.night_start + timedelta(minutes=30))
        # another trainer at the same time, or the same trainer right after: fine
        self._session(trainer=self.trainer_a2)
        self._session(start=first.stop)
        # a cancelled session frees the trainer
        first.action_cancel()
        self._session(
            start=self.night_start + timedelta(minutes=15),
            stop=self.night_start + timedelta(minutes=75),
            trainer=self.trainer_a,
        )

    def test_attendee_double_booked(self):
        first = self._session()
        self._invite(first, self.emp)
        other = self._session(trainer=self.trainer_a2, start=self.night_start + timedelta(hours=1))
        with self.assertRaisesRegex(ValidationError, "already booked on"), self.cr.savepoint():
            self._invite(other, self.emp)
        # excused from the first session: free again
        first.action_schedule()
        first.attendee_ids.action_mark_excused()
        self._invite(other, self.emp)

    def test_outside_shift_needs_exception_with_reason(self):
        day_session = self._session(start=self.day_start)
        with (
            self.assertRaisesRegex(ValidationError, "works the TAG Night shift"),
            self.cr.savepoint(),
        ):
            self._invite(day_session, self.emp)
        with self.assertRaisesRegex(ValidationError, "Say why"), self.cr.savepoint():
            self._invite(day_session, self.emp, outside_shift=True)
        attendee = self._invite(
            day_session, self.emp, outside_shift=True, outside_shift_reason="Agreed overtime"
        )
        self.assertTrue(attendee.outside_shift)
        # moving a session out of an attendee's shift is refused too
        night_session = self._session(trainer=self.trainer_a2)
        self._invite(night_session, self.emp_2)
        with (
            self.assertRaisesRegex(ValidationError, "Finn Stores cannot attend"),
            self.cr.savepoint(),
        ):
            night_session.write(
                {
                    "start": self.day_start + timedelta(hours=2),
                    "stop": self.day_start + timedelta(hours=3),
                }
            )

    def test_capacity(self):
        session = self._session(capacity=1)
        self._invite(session, self.emp)
        with (
            self.assertRaisesRegex(ValidationError, "2 attendees for 1 seats"),
            self.cr.savepoint(),
        ):
            self._invite(session, self.emp_2)
        session.capacity = 2
        self._invite(session, self.emp_2)
        self.assertEqual(session.seats_left, 0)
        with self.assertRaisesRegex(ValidationError, "raise the capacity"), self.cr.savepoint():
            session.capacity = 1
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._session(start=self.night_start + timedelta(days=5), capacity=0)

    def test_invite_missing_respects_shift_capacity_and_bookings(self):
        session = self._session(capacity=5)
        session.action_invite_missing()
        # Erin and Finn work nights; Iris works days; Gail is at site B
        self.assertEqual(session.attendee_ids.employee_id, self.emp | self.emp_2)
        self.assertEqual(
            session.attendee_ids.completion_id,
            self._line(self._assignment(self.emp), self.step_session)
            | self._line(self._assignment(self.emp_2), self.step_session),
        )
        self.assertIn("Iris Stores", session.message_ids[:1].body)
        # already booked: a second session invites nobody again
        second = self._session(trainer=self.trainer_a2, start=self.night_start + timedelta(days=1))
        second.action_invite_missing()
        self.assertFalse(second.attendee_ids)
        # capacity: one seat
        session.action_cancel()
        third = self._session(start=self.night_start + timedelta(days=2), capacity=1)
        third.action_invite_missing()
        self.assertEqual(len(third.attendee_ids), 1)

    def test_present_completes_step_and_progresses_assignment(self):
        assignment = self._assignment(self.emp)
        self.assertEqual(assignment.progress, 0.0)
        session = self._session()
        session.action_invite_missing()
        with self.assertRaisesRegex(UserError, "Schedule session"), self.cr.savepoint():
            session.attendee_ids[:1].action_mark_present()
        session.action_schedule()
        erin = session.attendee_ids.filtered(lambda a: a.employee_id == self.emp)
        finn = session.attendee_ids - erin
        with self.assertRaisesRegex(UserError, "Record the attendance of"), self.cr.savepoint():
            session.action_mark_done()
        erin.with_user(self.trainer_a).action_mark_present()
        finn.with_user(self.trainer_a).action_mark_absent()
        line = self._line(assignment, self.step_session)
        self.assertEqual(line.state, "done")
        self.assertEqual(line.source, "session")
        self.assertEqual(line.verified_by_id, self.trainer_a)
        self.assertEqual(line.date_completed, self.night_start.date())
        self.assertEqual(assignment.progress, 50.0)
        self.assertEqual(assignment.state, "in_progress")
        self.assertEqual(self._line(self._assignment(self.emp_2), self.step_session).state, "todo")
        session.with_user(self.trainer_a).action_mark_done()
        self.assertEqual(session.state, "done")

    def test_calendar_event_follows_the_session(self):
        session = self._session()
        self._invite(session, self.emp)
        self.assertFalse(session.calendar_event_id)
        session.action_schedule()
        event = session.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.partner_ids, self.emp_user.partner_id | self.trainer_a.partner_id)
        self.assertEqual((event.start, event.stop), (session.start, session.stop))
        self.assertEqual(event.user_id, self.trainer_a)
        # a new attendee and a new time reach the event
        self._invite(session, self.emp_2)
        self.assertIn(self.emp_user_2.partner_id, event.partner_ids)
        session.write({"start": self.night_start + timedelta(days=1)})
        self.assertEqual(event.start, self.night_start + timedelta(days=1))
        # the employee sees it in their calendar
        mine = (
            self.env["calendar.event"]
            .with_user(self.emp_user)
            .search([("partner_ids", "in", self.emp_user.partner_id.id)])
        )
        self.assertIn(event, mine)
        session.action_cancel()
        self.assertFalse(event.active)
        self.assertEqual(session.state, "cancelled")

    def test_cancel_and_delete_guards(self):
        session = self._session()
        session.action_schedule()
        with self.assertRaisesRegex(UserError, "Cancel a scheduled session"), self.cr.savepoint():
            session.unlink()
        session.action_cancel()
        session.unlink()
        done = self._session()
        done.action_schedule()
        done.action_mark_done()
        with self.assertRaisesRegex(UserError, "cannot be cancelled"), self.cr.savepoint():
            done.action_cancel()
