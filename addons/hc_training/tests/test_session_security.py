from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .session_common import HcSessionCommon


@tagged("post_install", "-at_install")
class TestTrainingSessionSecurity(HcSessionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session_a = cls._session()
        cls.attendee_erin = cls._invite(cls.session_a, cls.emp)
        cls.attendee_finn = cls._invite(cls.session_a, cls.emp_2)
        cls.session_b = cls._session(site=cls.site_b, trainer=cls.trainer_b)
        cls._invite(cls.session_b, cls.emp_b)

    def test_trainer_manages_sessions_of_own_sites_only(self):
        Session = self.env["hc.training.session"].with_user(self.trainer_a)
        self.assertEqual(Session.search([]), self.session_a)
        with self.assertRaises(AccessError):
            self.session_b.with_user(self.trainer_a).read(["name"])
        with self.assertRaises(AccessError):
            self.session_b.attendee_ids.with_user(self.trainer_a).read(["attendance"])
        with self.assertRaises(AccessError):
            Session.create(
                {
                    "step_id": self.step_session.id,
                    "site_id": self.site_b.id,
                    "trainer_id": self.trainer_a.id,
                    "start": self.night_start + timedelta(days=3),
                }
            )
        mine = Session.create(
            {
                "step_id": self.step_session.id,
                "site_id": self.site_a.id,
                "start": self.night_start + timedelta(days=3),
            }
        )
        self.assertEqual(mine.trainer_id, self.trainer_a)
        self.assertEqual(mine.shift_id, self.night)
        mine.action_invite_missing()
        mine.action_schedule()
        self.assertTrue(mine.calendar_event_id)

    def test_manager_sees_every_site_of_company(self):
        visible = self.env["hc.training.session"].with_user(self.manager_user).search([])
        self.assertEqual(visible, self.session_a | self.session_b)

    def test_employee_reads_own_invitations_only(self):
        Attendee = self.env["hc.training.session.attendee"].with_user(self.emp_user)
        self.assertEqual(Attendee.search([]), self.attendee_erin)
        with self.assertRaises(AccessError):
            self.attendee_finn.with_user(self.emp_user).read(["attendance"])
        with self.assertRaises(AccessError):
            self.attendee_erin.with_user(self.emp_user).write({"attendance": "present"})
        self.assertEqual(
            self.env["hc.training.session"].with_user(self.emp_user).search([]), self.session_a
        )
        with self.assertRaises(AccessError):
            self.session_b.with_user(self.emp_user).read(["name"])
        with self.assertRaises(AccessError):
            self.session_a.with_user(self.emp_user).write({"location": "Canteen"})
        # Iris (day shift) has no invitation: she sees no session
        self.assertFalse(self.env["hc.training.session"].with_user(self.emp_user_3).search([]))

    def test_multi_company_isolation(self):
        other_trainer = self._create_user(
            "hc_t_other_trainer",
            groups="hc_training.group_training_manager",
            sites=self.site_other,
            company=self.company_other,
        )
        self.assertFalse(self.env["hc.training.session"].with_user(other_trainer).search([]))
        with self.assertRaises(AccessError):
            self.session_a.with_user(other_trainer).read(["name"])
        self.assertFalse(
            self.env["hc.training.session.attendee"].with_user(other_trainer).search([])
        )
        # nobody of another company can be invited
        olga = self._create_employee("Olga Other", site=self.site_other, company=self.company_other)
        with self.assertRaisesRegex(UserError, "Olga Other"), self.cr.savepoint():
            self._invite(self.session_a, olga)

    def test_attendance_locked_after_done_except_manager_and_tracked(self):
        self.session_a.action_schedule()
        # as after a commit: records created in the same transaction are not tracked
        self.env.flush_all()
        self.env.cr.precommit.run()
        env = self.env(context=dict(self.env.context, tracking_disable=False, mail_notrack=False))
        attendee = self.attendee_erin.with_env(env)
        attendee.with_user(self.trainer_a).action_mark_present()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        self.attendee_finn.with_user(self.trainer_a).action_mark_absent()
        self.session_a.with_user(self.trainer_a).action_mark_done()
        with self.assertRaisesRegex(AccessError, "only a training manager"), self.cr.savepoint():
            attendee.with_user(self.trainer_a).write({"attendance": "absent"})
        with self.assertRaisesRegex(AccessError, "only a training manager"), self.cr.savepoint():
            attendee.with_user(self.trainer_a).unlink()
        attendee.with_user(self.manager_user).write({"attendance": "excused"})
        self.assertEqual(attendee.attendance, "excused")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        messages = self.env["mail.message"].search(
            [("model", "=", attendee._name), ("res_id", "=", attendee.id)]
        )
        tracked = messages.tracking_value_ids.filtered(lambda t: t.field_id.name == "attendance")
        self.assertEqual(sorted(tracked.mapped("new_value_char")), ["Excused", "Present"])
