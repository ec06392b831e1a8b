from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingSessionTour(HttpCase):
    def test_trainer_schedules_night_session_from_calendar(self):
        site = self.env["hc.site"].create({"name": "Tour Night Site", "code": "TNS", "tz": "UTC"})
        Shift = self.env["hc.shift"]
        night = Shift.create(
            {
                "name": "Night",
                "shift_type": "night",
                "site_id": site.id,
                "hour_from": 23,
                "hour_to": 7,
            }
        )
        Shift.create(
            {"name": "Day", "shift_type": "day", "site_id": site.id, "hour_from": 7, "hour_to": 15}
        )
        trainer = new_test_user(
            self.env, login="hc_tour_session_trainer", groups="hc_training.group_trainer", tz="UTC"
        )
        trainer.hc_site_ids = site
        nora_user = new_test_user(self.env, login="hc_tour_nora", groups="base.group_user")
        role = self.env["hc.training.role"].create({"name": "Tour Night Role", "code": "TOUR-NGT"})
        path = self.env["hc.learning.path"].create(
            {
                "name": "Tour night path",
                "role_id": role.id,
                "step_ids": [
                    (0, 0, {"name": "Tour night receiving", "kind": "session", "sequence": 1}),
                    (0, 0, {"name": "Tour night policy", "kind": "acknowledgment", "sequence": 2}),
                ],
            }
        )
        path.action_publish()
        nora = self.env["hr.employee"].create(
            {
                "name": "Tour Nora Night",
                "hc_site_id": site.id,
                "hc_shift_id": night.id,
                "user_id": nora_user.id,
            }
        )
        assignment = self.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": nora.id, "path_id": path.id}]
        )
        self.assertEqual(assignment.progress, 0.0)

        self.start_tour("/odoo", "hc_training_session_tour", login="hc_tour_session_trainer")

        session = self.env["hc.training.session"].search([("site_id", "=", site.id)])
        self.assertEqual(len(session), 1)
        self.assertEqual(session.state, "done")
        self.assertEqual(session.shift_id, night)
        self.assertEqual(session.trainer_id, trainer)
        self.assertEqual(session.attendee_ids.employee_id, nora)
        self.assertEqual(session.attendee_ids.attendance, "present")
        line = assignment.completion_ids.filtered(lambda c: c.kind == "session")
        self.assertEqual(line.state, "done")
        self.assertEqual(line.source, "session")
        self.assertEqual(line.verified_by_id, trainer)
        self.assertEqual(assignment.progress, 50.0)
        self.assertIn(nora_user.partner_id, session.calendar_event_id.partner_ids)
