from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HcReadinessCommon

T0 = datetime(2030, 3, 1, 18, 0)


@tagged("post_install", "-at_install")
class TestCutover(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.super_user_b = cls._create_user(
            "hc_r_su_b", groups="hc_readiness.group_super_user", sites=cls.site_b
        )
        cls.shifts_a = cls._create_shifts(cls.site_a)
        cls.shifts_b = cls._create_shifts(cls.site_b)
        Runbook = cls.env["hc.cutover.runbook"].with_user(cls.pmo_user)
        cls.runbook = Runbook.create(
            {
                "name": "Cutover A",
                "program_id": cls.program.id,
                "wave_id": cls.wave.id,
                "site_id": cls.site_a.id,
                "decision_point": T0 + timedelta(hours=20),
            }
        )
        cls.runbook_b = Runbook.create(
            {
                "name": "Cutover B",
                "program_id": cls.program.id,
                "wave_id": cls.wave.id,
                "site_id": cls.site_b.id,
            }
        )
        cls.freeze = cls._task("Freeze legacy", 0, 2, owner=cls.super_user_a)
        cls.extract = cls._task("Extract", 2, 4, deps=cls.freeze, owner=cls.super_user_a)
        cls.load = cls._task("Load stock", 4, 8, deps=cls.extract, owner=cls.lead_user)

    @classmethod
    def _task(cls, name, start, end, deps=None, owner=None, runbook=None):
        return (
            cls.env["hc.cutover.task"]
            .with_user(cls.pmo_user)
            .create(
                {
                    "runbook_id": (runbook or cls.runbook).id,
                    "name": name,
                    "planned_start": T0 + timedelta(hours=start),
                    "planned_end": T0 + timedelta(hours=end),
                    "depends_on_ids": [(6, 0, deps.ids if deps else [])],
                    "owner_id": (owner or cls.pmo_user).id,
                }
            )
        )

    def test_tasks_timeline_groups_by_site_hour(self):
        """The Tasks Timeline groups by the hour slot of the planned start in the site's time
        zone, in chronological order, for every role that opens it."""
        self.site_a.tz = "Europe/Brussels"  # UTC+1 in March 2030
        self.assertEqual(
            (self.freeze | self.extract | self.load).mapped("planned_hour"),
            ["2030-03-01 19:00", "2030-03-01 21:00", "2030-03-01 23:00"],
        )
        late = self._task("Reconcile", 8, 9, deps=self.load)  # past midnight: the next day
        self.assertEqual(late.planned_hour, "2030-03-02 03:00")
        self.site_a.tz = "America/New_York"  # a new site time zone re-slots the tasks
        self.assertEqual(self.freeze.planned_hour, "2030-03-01 13:00")
        action = self.env.ref("hc_readiness.hc_cutover_task_action")
        context = action._get_action_dict()["context"]
        self.assertIn("search_default_group_hour", str(context))
        for user in (self.pmo_user, self.super_user_a, self.exec_user):
            Task = self.env["hc.cutover.task"].with_user(user)
            if not Task.has_access("read"):
                continue
            arch = Task.get_views([(False, "search")])["views"]["search"]["arch"]
            self.assertIn("'group_by': 'planned_hour'", arch)
            groups = Task.web_read_group([("runbook_id", "=", self.runbook.id)], ["planned_hour"])
            slots = [group["planned_hour"] for group in groups["groups"]]
            self.assertEqual(slots, sorted(slots), "chronological")
            self.assertEqual(slots[0], "2030-03-01 13:00")

    def test_start_waits_for_dependencies(self):
        extract = self.extract.with_user(self.super_user_a)
        self.assertFalse(extract.is_ready)
        with (
            self.assertRaisesRegex(UserError, "Extract cannot start: waiting for Freeze legacy"),
            self.cr.savepoint(),
        ):
            extract.action_start()
        self.freeze.with_user(self.super_user_a).action_start()
        self.assertEqual(self.freeze.state, "running")
        self.assertTrue(self.freeze.actual_start)
        with self.assertRaisesRegex(UserError, "waiting for Freeze legacy"), self.cr.savepoint():
            extract.action_start()
        self.freeze.with_user(self.super_user_a).action_done()
        self.assertTrue(extract.is_ready)
        extract.action_start()
        self.assertEqual(extract.state, "running")
        with self.assertRaisesRegex(UserError, "must be running to be done"), self.cr.savepoint():
            self.load.with_user(self.pmo_user).action_done()

    def test_dependency_rules(self):
        with (
            self.assertRaisesRegex(ValidationError, "circular task dependency through Freeze"),
            self.cr.savepoint(),
        ):
            self.freeze.depends_on_ids = self.load
        # the same loop written from the other side of the relation
        with self.assertRaisesRegex(ValidationError, "circular"), self.cr.savepoint():
            self.load.dependent_ids = self.freeze
        self.assertFalse(self.freeze.depends_on_ids)
        with (
            self.assertRaisesRegex(ValidationError, "planned end is before planned start"),
            self.cr.savepoint(),
        ):
            self._task("Backwards", 5, 4)
        with (
            self.assertRaisesRegex(
                ValidationError, "Reconcile is planned to start before Load stock end"
            ),
            self.cr.savepoint(),
        ):
            self._task("Reconcile", 6, 9, deps=self.load)
        other = self._task("Other book", 0, 1, runbook=self.runbook_b)
        with self.assertRaisesRegex(ValidationError, "of another runbook"), self.cr.savepoint():
            self._task("Cross", 9, 10, deps=other)
        with (
            self.assertRaisesRegex(ValidationError, "Extract is planned to start before"),
            self.cr.savepoint(),
        ):
            self.freeze.planned_end = T0 + timedelta(hours=3)
        ok = self._task("Reconcile", 8, 9, deps=self.load | self.freeze)
        self.assertEqual(ok.depends_on_ids, self.load | self.freeze)

    def test_rollback_triggers_and_gate_metrics(self):
        Criterion = self.env["hc.cutover.rollback.criterion"].with_user(self.pmo_user)
        with self.assertRaisesRegex(ValidationError, "needs a decision point"), self.cr.savepoint():
            Criterion.create(
                {
                    "runbook_id": self.runbook.id,
                    "name": "No point",
                    "measure": "x",
                    "decision_owner_id": self.pmo_user.id,
                }
            )
        criterion = Criterion.create(
            {
                "runbook_id": self.runbook.id,
                "name": "Stock does not reconcile",
                "measure": "Valuation difference > 0.5 %",
                "decision_task_id": self.load.id,
                "decision_owner_id": self.pmo_user.id,
            }
        )
        gate = (
            self.env["hc.gate"]
            .with_user(self.pmo_user)
            .create(
                {
                    "program_id": self.program.id,
                    "wave_id": self.wave.id,
                    "site_id": self.site_a.id,
                    "gate_type_id": self.env.ref("hc_readiness.gate_type_go_live").id,
                }
            )
        )
        self.assertEqual(gate._metric_open_rollback_triggers()[0], 0.0)
        self.assertEqual(gate._metric_runbook_completion()[0], 0.0)
        self.runbook.with_user(self.pmo_user).action_go_live()
        with (
            self.assertRaisesRegex(UserError, "needs a triggered rollback criterion"),
            self.cr.savepoint(),
        ):
            self.runbook.with_user(self.pmo_user).action_roll_back()
        with self.assertRaisesRegex(UserError, "record what was measured"), self.cr.savepoint():
            criterion.action_trigger()
        criterion.triggered_note = "0.9 % difference"
        criterion.action_trigger()
        self.assertEqual(self.runbook.triggered_count, 1)
        self.assertEqual(gate._metric_open_rollback_triggers()[0], 1.0)
        # 1 done + 1 skipped of 4 tasks at site A
        self.freeze.with_user(self.pmo_user).action_start()
        self.freeze.with_user(self.pmo_user).action_done()
        self.extract.with_user(self.pmo_user).action_skip()
        self._task("Open to users", 9, 10, deps=self.load)
        self.assertEqual(gate._metric_runbook_completion()[0], 50.0)
        self.assertEqual(self.runbook.completion, 50.0)
        gate.action_collect_evidence()
        gate.action_evaluate()
        by_metric = {c.metric: c for c in gate.criterion_ids}
        self.assertEqual(by_metric["runbook_completion"].value, 50.0)
        self.assertEqual(by_metric["open_rollback_triggers"].value, 1.0)
        self.assertFalse(by_metric["open_rollback_triggers"].passed)
        criterion.action_resolve()
        self.assertEqual(gate._metric_open_rollback_triggers()[0], 0.0)
        # programme-wide: site B's single task counts too (2 of 5)
        gate_all = (
            self.env["hc.gate"]
            .with_user(self.pmo_user)
            .create(
                {
                    "program_id": self.program.id,
                    "gate_type_id": self.env.ref("hc_readiness.gate_type_go_live").id,
                }
            )
        )
        self._task("B task", 0, 1, runbook=self.runbook_b)
        self.assertEqual(gate_all._metric_runbook_completion()[0], 40.0)
        with self.assertRaisesRegex(UserError, "tasks still open"), self.cr.savepoint():
            self.runbook.with_user(self.pmo_user).action_done()

    def test_roster_by_shift_of_the_site(self):
        Roster = self.env["hc.cutover.roster"].with_user(self.pmo_user)
        line = Roster.create(
            {
                "runbook_id": self.runbook.id,
                "date": T0.date(),
                "shift_id": self.shifts_a["night"].id,
                "cc_role": "deployment_lead",
                "user_id": self.pmo_user.id,
            }
        )
        self.assertEqual(line.site_id, self.site_a)
        with (
            self.assertRaisesRegex(ValidationError, "Roster: shift .* belongs to"),
            self.cr.savepoint(),
        ):
            Roster.create(
                {
                    "runbook_id": self.runbook.id,
                    "date": T0.date(),
                    "shift_id": self.shifts_b["day"].id,
                    "cc_role": "app_lead",
                    "user_id": self.lead_user.id,
                }
            )

    def test_access_by_role(self):
        Runbook = self.env["hc.cutover.runbook"]
        self.assertEqual(Runbook.with_user(self.super_user_a).search([]), self.runbook)
        self.assertEqual(Runbook.with_user(self.super_user_b).search([]), self.runbook_b)
        Roster = self.env["hc.cutover.roster"]
        line = Roster.create(
            {
                "runbook_id": self.runbook.id,
                "date": T0.date(),
                "shift_id": self.shifts_a["day"].id,
                "cc_role": "super_user_coordinator",
                "user_id": self.super_user_a.id,
            }
        )
        self.assertEqual(Roster.with_user(self.super_user_a).search([]), line)
        self.assertFalse(Roster.with_user(self.super_user_b).search([]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.runbook.with_user(self.super_user_a).name = "Mine now"
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._task_as(self.super_user_a)
        # the owner updates their own task; not a task owned by someone else
        with self.assertRaisesRegex(AccessError, "workflow only"), self.cr.savepoint():
            self.freeze.with_user(self.super_user_a).write({"state": "done"})
        self.freeze.with_user(self.super_user_a).action_start()
        self.freeze.with_user(self.super_user_a).action_done()
        self.extract.with_user(self.super_user_a).action_start()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.load.with_user(self.super_user_a).action_block()
        with self.assertRaisesRegex(AccessError, "reserved to"), self.cr.savepoint():
            self.load.with_user(self.super_user_a).action_skip()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.freeze.with_user(self.super_user_b).read(["name"])
        self.assertEqual(
            Runbook.with_user(self.exec_user).search([]), self.runbook | self.runbook_b
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.extract.with_user(self.exec_user).action_done()

    def test_context_flag_does_not_move_progress(self):
        """The context key the server once used internally opens nothing: a super user
        neither skips a task nor writes its progress; only the PMO skips, with the button,
        and nobody writes the progress fields directly."""
        su_freeze = self.freeze.with_user(self.super_user_a)
        forged = su_freeze.with_context(hc_cutover_progress=True)
        with self.assertRaises(AccessError), self.cr.savepoint():
            forged.write({"state": "skipped"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            forged.action_skip()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.cutover.task"].with_user(self.super_user_a).action_skip()
        for vals in (
            {"state": "done"},
            {"actual_start": T0},
            {"actual_end": T0 + timedelta(hours=1)},
        ):
            for user in (self.super_user_a, self.pmo_user):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(AccessError),
                    self.cr.savepoint(),
                ):
                    self.freeze.with_user(user).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._task("Done already", 0, 1).with_user(self.pmo_user).copy({"state": "done"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["hc.cutover.task"].with_user(self.pmo_user).create(
                {
                    "runbook_id": self.runbook.id,
                    "name": "Done already",
                    "planned_start": T0,
                    "planned_end": T0,
                    "state": "done",
                }
            )
        self.freeze.with_user(self.pmo_user).action_skip()
        self.assertEqual(self.freeze.state, "skipped")
        self.assertFalse(self.freeze.actual_start)

    def test_owner_updates_their_own_task_at_their_site(self):
        su_freeze = self.freeze.with_user(self.super_user_a)
        # the owner check names the owner; the record rules agree
        with self.assertRaisesRegex(AccessError, "owned by"), self.cr.savepoint():
            self.load.with_user(self.super_user_a).action_start()
        # the plan is the PMO's: not another site's runbook, another owner, other times or
        # dependencies (which would let a task start early)
        su_extract = self.extract.with_user(self.super_user_a)
        for vals in (
            {"runbook_id": self.runbook_b.id},
            {"owner_id": self.super_user_b.id},
            {"depends_on_ids": [(5, 0, 0)]},
            {"planned_start": T0 - timedelta(hours=1)},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(AccessError, "deployment lead"),
                self.cr.savepoint(),
            ):
                su_extract.write(vals)
        self.assertEqual(self.extract.depends_on_ids, self.freeze)
        # the form shows the plan read-only to the owner, editable to the PMO
        with Form(su_extract) as form:
            form.note = "Extract scripts ready"
            with self.assertRaises(AssertionError):
                form.planned_start = T0
        self.assertEqual(self.extract.note, "Extract scripts ready")
        with Form(self.extract.with_user(self.pmo_user)) as form:
            form.planned_end = T0 + timedelta(hours=3)
        self.assertEqual(self.extract.planned_end, T0 + timedelta(hours=3))
        su_freeze.note = "Legacy frozen at 18:00"
        su_freeze.action_start()
        self.assertEqual(self.freeze.state, "running")

    def test_runbook_and_rollback_states_move_through_pmo_buttons(self):
        criterion = (
            self.env["hc.cutover.rollback.criterion"]
            .with_user(self.pmo_user)
            .create(
                {
                    "runbook_id": self.runbook.id,
                    "name": "Interfaces down",
                    "measure": "HL7 queue > 500",
                    "decision_point": T0 + timedelta(hours=6),
                    "decision_owner_id": self.pmo_user.id,
                    "triggered_note": "Queue at 800",
                }
            )
        )
        pmo_runbook = self.runbook.with_user(self.pmo_user)
        for record, vals in (
            (pmo_runbook, {"state": "live"}),
            (criterion, {"state": "triggered"}),
            (criterion, {"date_triggered": T0}),
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                record.write(vals)
        for record, method in (
            (self.runbook, "action_rehearse"),
            (self.runbook, "action_go_live"),
            (self.runbook, "action_done"),
            (self.runbook, "action_roll_back"),
            (criterion, "action_trigger"),
            (criterion, "action_resolve"),
        ):
            with (
                self.subTest(method=method),
                self.assertRaises(AccessError),
                self.cr.savepoint(),
            ):
                getattr(record.with_user(self.super_user_a), method)()
        pmo_runbook.action_rehearse()
        pmo_runbook.action_go_live()
        criterion.action_trigger()
        self.assertEqual(criterion.state, "triggered")
        self.assertTrue(criterion.date_triggered)
        pmo_runbook.action_roll_back()
        self.assertEqual(self.runbook.state, "rolled_back")

    def _task_as(self, user):
        return (
            self.env["hc.cutover.task"]
            .with_user(user)
            .create(
                {
                    "runbook_id": self.runbook.id,
                    "name": "Sneaky",
                    "planned_start": T0,
                    "planned_end": T0,
                }
            )
        )
