from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.hc_training.tests.session_common import HcSessionCommon


@tagged("post_install", "-at_install")
class TestSessionLeave(HcSessionCommon):
    """An employee on approved time off is not invited to a session at that time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Test annual leave",
                "requires_allocation": False,
                "leave_validation_type": "hr",
                "company_id": cls.company.id,
            }
        )
        # Erin asks for the days around the test night; the request is not approved yet
        cls.leave = cls.env["hr.leave"].create(
            {
                "employee_id": cls.emp.id,
                "holiday_status_id": cls.leave_type.id,
                "request_date_from": cls.night_start.date() - timedelta(days=1),
                "request_date_to": cls.night_start.date() + timedelta(days=1),
            }
        )
        cls.session = cls._session(capacity=5)

    def _trainer_invites(self, employee):
        return (
            self.env["hc.training.session.attendee"]
            .with_user(self.trainer_a)
            .create({"session_id": self.session.id, "employee_id": employee.id})
        )

    def test_approved_leave_refuses_the_invitation(self):
        self.assertNotEqual(self.leave.state, "validate")
        self.leave.action_approve(check_state=False)
        self.assertEqual(self.leave.state, "validate")
        with (
            self.assertRaisesRegex(ValidationError, "Erin Stores .* on approved leave"),
            self.cr.savepoint(),
        ):
            self._trainer_invites(self.emp)
        # Finn works the same night and is not off
        self.assertEqual(self._trainer_invites(self.emp_2).employee_id, self.emp_2)

    def test_leave_not_yet_approved_does_not_block(self):
        self.assertNotEqual(self.leave.state, "validate")
        self.assertEqual(self._trainer_invites(self.emp).employee_id, self.emp)

    def test_invite_missing_leaves_out_who_is_on_leave(self):
        self.leave.action_approve(check_state=False)
        self.session.with_user(self.trainer_a).action_invite_missing()
        self.assertEqual(self.session.attendee_ids.employee_id, self.emp_2)
        self.assertIn("on approved leave", self.session.message_ids[0].body)

    def test_leave_at_another_time_does_not_block(self):
        later = self.env["hr.leave"].create(
            {
                "employee_id": self.emp_2.id,
                "holiday_status_id": self.leave_type.id,
                "request_date_from": self.night_start.date() + timedelta(days=10),
                "request_date_to": self.night_start.date() + timedelta(days=11),
            }
        )
        later.action_approve(check_state=False)
        self.assertEqual(later.state, "validate")
        self.assertEqual(self._trainer_invites(self.emp_2).employee_id, self.emp_2)
