from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import HcTrainingCommon

D = date(2026, 12, 1)


class HcSuperUserCommon(HcTrainingCommon):
    """Two app areas with a super-user path for the first, shifts at both sites, and
    super-user candidates at site A (three) and site B (one)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["hc.app.area"]
        cls.area_inv = Area.create({"name": "Test Inventory Area", "code": "T-SU-INV"})
        cls.area_pur = Area.create({"name": "Test Purchase Area", "code": "T-SU-PUR"})
        cls.su_role = cls.env["hc.training.role"].create(
            {"name": "Test Super User Inventory", "code": "T-SU-INV", "company_id": cls.company.id}
        )
        cls.su_path = cls._create_path(
            "Super user inventory",
            [
                {"name": "Floor support briefing", "kind": "session", "layer": "process"},
                {"name": "Escalation drill", "kind": "session", "layer": "exception"},
            ],
            role=cls.su_role,
        )
        cls.su_path.action_publish()
        cls.area_inv.super_user_role_id = cls.su_role
        cls.shifts_a = cls._create_shifts(cls.site_a)
        cls.shifts_b = cls._create_shifts(cls.site_b)
        cls.ann = cls._create_employee("Ann Super", site=cls.site_a)
        cls.bob = cls._create_employee("Bob Super", site=cls.site_a)
        cls.cat = cls._create_employee("Cat Super", site=cls.site_a)
        cls.dan = cls._create_employee("Dan Super", site=cls.site_b)
        (cls.ann | cls.bob | cls.cat | cls.dan).write({"work_phone": "+44 20 7946 0001"})
        cls.ann.work_email = "ann.super@example.com"

    @classmethod
    def _super_user(cls, employee, area=None, site=None, backup=None, state="active", **vals):
        su = cls.env["hc.super.user"].create(
            dict(
                {
                    "employee_id": employee.id,
                    "site_id": (site or employee.hc_site_id).id,
                    "app_area_id": (area or cls.area_inv).id,
                    "backup_id": backup.id if backup else False,
                    "date_start": date(2026, 1, 1),
                },
                **vals,
            )
        )
        if state == "active":
            su.override_reason = "test fixture"
            su.action_certify()
        return su

    def _rota(self, su, day, shift, area=None, user=None, site=None):
        Rota = self.env["hc.super.user.rota"]
        if user:
            Rota = Rota.with_user(user)
        return Rota.create(
            {
                "date": day,
                "site_id": (site or shift.site_id).id,
                "shift_id": shift.id,
                "app_area_id": (area or su.app_area_id).id,
                "super_user_id": su.id,
            }
        )


@tagged("post_install", "-at_install")
class TestSuperUser(HcSuperUserCommon):
    def test_nomination_assigns_path_through_single_creation_path(self):
        su = (
            self.env["hc.super.user"]
            .with_user(self.manager_user)
            .create(
                {
                    "employee_id": self.ann.id,
                    "site_id": self.site_a.id,
                    "app_area_id": self.area_inv.id,
                    "backup_id": self.bob.id,
                }
            )
        )
        self.assertEqual(su.state, "nominated")
        self.assertEqual(su.assignment_id.employee_id, self.ann)
        self.assertEqual(su.assignment_id.path_id, self.su_path)
        self.assertEqual(len(su.assignment_id.completion_ids), 2)
        self.assertEqual(su.progress, 0)
        # an area without a super-user role: nomination without a path
        other = self._super_user(self.ann, area=self.area_pur, state="nominated")
        self.assertFalse(other.assignment_id)
        # stepping down and nominating again reuses the active assignment
        su.action_step_down()
        again = self._super_user(self.ann, state="nominated")
        self.assertEqual(again.assignment_id, su.assignment_id)

    def test_constraints(self):
        with self.assertRaisesRegex(ValidationError, "own backup"), self.cr.savepoint():
            self._super_user(self.ann, backup=self.ann, state="nominated")
        with (
            self.assertRaisesRegex(ValidationError, "works at .*TBC.* super users and backups"),
            self.cr.savepoint(),
        ):
            self._super_user(self.dan, site=self.site_a, state="nominated")
        with (
            self.assertRaisesRegex(ValidationError, "Ann Super works at .*cannot be backup"),
            self.cr.savepoint(),
        ):
            self._super_user(self.dan, backup=self.ann, state="nominated")
        su = self._super_user(self.ann, backup=self.bob, state="nominated")
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self._super_user(self.ann, state="nominated")
        # another area, or after stepping down: allowed
        self._super_user(self.ann, area=self.area_pur, state="nominated")
        su.action_step_down()
        self.assertEqual(self._super_user(self.ann, state="nominated").state, "nominated")

    def test_certification_requires_completed_path_or_manager_override(self):
        su = self._super_user(self.ann, state="nominated")
        as_trainer = su.with_user(self.trainer_a)
        as_trainer.action_start_training()
        self.assertEqual(su.state, "training")
        with self.assertRaisesRegex(UserError, "Ann Super cannot be certified .* 0% complete"):
            as_trainer.action_certify()
        # a trainer's reason is not enough: overrides are the training manager's
        as_trainer.override_reason = "Knows the area"
        with self.assertRaisesRegex(UserError, "training manager can certify"):
            as_trainer.action_certify()
        su.with_user(self.manager_user).action_certify()
        self.assertEqual(su.state, "active")
        self.assertTrue(su.is_override)
        self.assertEqual(su.certified_by_id, self.manager_user)
        # stepping down and back: the override does not carry over
        su.action_step_down()
        su.action_renominate()
        self.assertEqual(
            (su.state, su.is_override, su.override_reason), ("nominated", False, False)
        )
        with self.assertRaisesRegex(UserError, "0% complete"):
            su.with_user(self.manager_user).action_certify()

        bob = self._super_user(self.bob, state="nominated")
        bob.assignment_id.completion_ids._complete(source="session", verified_by=self.trainer_a)
        self.assertEqual(bob.assignment_id.state, "completed")
        bob.with_user(self.trainer_a).action_certify()
        self.assertEqual(bob.state, "active")
        self.assertFalse(bob.is_override)
        with self.assertRaisesRegex(UserError, "Cannot certify .* certified / active"):
            bob.action_certify()

    def test_rota_conflicts(self):
        ann = self._super_user(self.ann, backup=self.cat)
        ann_pur = self._super_user(self.ann, area=self.area_pur)
        bob = self._super_user(self.bob, state="nominated")
        self._rota(ann, D, self.shifts_a["day"])
        with (
            self.assertRaisesRegex(ValidationError, "Shift TBC Day is a shift of .*TBC"),
            self.cr.savepoint(),
        ):
            self._rota(ann, D, self.shifts_b["day"], site=self.site_a)
        with (
            self.assertRaisesRegex(ValidationError, "Bob Super is not an active .* super user"),
            self.cr.savepoint(),
        ):
            self._rota(bob, D, self.shifts_a["day"])
        with (
            self.assertRaisesRegex(ValidationError, "not an active Test Purchase Area super user"),
            self.cr.savepoint(),
        ):
            self._rota(ann, D, self.shifts_a["evening"], area=self.area_pur)
        with (
            self.assertRaisesRegex(ValidationError, "Ann Super is already on duty for Test Inv"),
            self.cr.savepoint(),
        ):
            self._rota(ann_pur, D, self.shifts_a["day"])
        # the night before overlaps nothing; the evening right after is allowed by the model
        # (rest is the planner's rule), a second night crossing into the next day is refused
        self._rota(ann_pur, D, self.shifts_a["evening"])
        night = self._rota(ann, D, self.shifts_a["night"])
        self.assertEqual(night.start_at, datetime(2026, 12, 1, 23, 0))
        self.assertEqual(night.end_at, datetime(2026, 12, 2, 7, 0))
        with self.assertRaisesRegex(ValidationError, "already on duty"), self.cr.savepoint():
            self._rota(ann_pur, D, self.shifts_a["night"])
        self.assertEqual(night.backup_id, self.cat)

    def test_on_duty_now_includes_night_shift_after_midnight(self):
        ann = self._super_user(self.ann, backup=self.bob)
        bob = self._super_user(self.bob)
        cat = self._super_user(self.cat)
        night = self._rota(ann, D, self.shifts_a["night"])
        day_next = self._rota(bob, date(2026, 12, 2), self.shifts_a["day"])
        day_before = self._rota(cat, D, self.shifts_a["day"])
        Rota = self.env["hc.super.user.rota"].with_user(self.emp_user)
        mine = [("id", "in", (night | day_next | day_before).ids)]
        with freeze_time("2026-12-02 03:00:00"):
            self.assertEqual(Rota.search([*mine, ("is_on_duty", "=", True)]), night)
            self.assertEqual(
                Rota.search([*mine, ("is_on_duty", "=", False)]), day_next | day_before
            )
            self.assertTrue(night.with_user(self.emp_user).is_on_duty)
            directory = self.env["hc.super.user"].with_user(self.emp_user)
            self.assertEqual(
                directory.search([("is_on_duty", "=", True), ("id", "in", (ann | bob | cat).ids)]),
                ann,
            )
        with freeze_time("2026-12-02 08:00:00"):
            self.assertEqual(Rota.search([*mine, ("is_on_duty", "=", True)]), day_next)
        # explicit moment, same answer: 23:30 on the first day is the night shift too
        domain = Rota._on_duty_domain(datetime(2026, 12, 1, 23, 30))
        self.assertEqual(Rota.search(Domain(mine) & domain), night)

    def test_plan_wizard_balanced_with_gap(self):
        ann = self._super_user(self.ann)
        bob = self._super_user(self.bob)
        pur = self._super_user(self.cat, area=self.area_pur)
        self.site_a.go_live_date = D
        wizard = (
            self.env["hc.super.user.rota.plan"]
            .with_user(self.trainer_a)
            .create({"site_id": self.site_a.id, "days": 2})
        )
        self.assertEqual(wizard.date_start, D)
        self.assertEqual(len(wizard.shift_ids), 3)
        self.assertEqual(wizard.app_area_ids, self.area_inv | self.area_pur)
        wizard.action_propose()
        self.assertEqual(len(wizard.line_ids), 12)
        inv = wizard.line_ids.filtered(lambda line: line.app_area_id == self.area_inv)
        self.assertFalse(inv.filtered(lambda line: not line.super_user_id))
        self.assertEqual(len(inv.filtered(lambda line: line.super_user_id == ann)), 3)
        self.assertEqual(len(inv.filtered(lambda line: line.super_user_id == bob)), 3)
        # one purchase super user cannot cover day and evening back to back
        gaps = wizard.line_ids.filtered(lambda line: not line.super_user_id)
        self.assertTrue(gaps)
        self.assertEqual(gaps.app_area_id, self.area_pur)
        self.assertEqual(set(gaps.mapped("gap_reason")), {"busy"})
        self.assertEqual(wizard.gap_count, len(gaps))
        action = wizard.action_confirm()
        rota = self.env["hc.super.user.rota"].search(action["domain"])
        self.assertEqual(len(rota), 12 - len(gaps))
        self.assertIn(pur, rota.super_user_id)
        # planning again only proposes the gaps left
        again = self.env["hc.super.user.rota.plan"].create({"site_id": self.site_a.id, "days": 2})
        again.action_propose()
        self.assertEqual(len(again.line_ids), len(gaps))
        # a trainer plans the sites they work for only
        elsewhere = (
            self.env["hc.super.user.rota.plan"]
            .with_user(self.trainer_a)
            .create({"site_id": self.site_b.id, "days": 1})
        )
        with self.assertRaisesRegex(UserError, "your own sites only; .*TBC"):
            elsewhere.action_propose()

    def test_step_down_removes_future_duty(self):
        ann = self._super_user(self.ann)
        with freeze_time("2026-12-05 10:00:00"):
            past = self._rota(ann, D, self.shifts_a["day"])
            future = self._rota(ann, date(2026, 12, 9), self.shifts_a["day"])
            ann.action_step_down()
            self.assertEqual(ann.state, "stepped_down")
            self.assertEqual(ann.date_end, date(2026, 12, 5))
            self.assertTrue(past.exists())
            self.assertFalse(future.exists())


@tagged("post_install", "-at_install")
class TestSuperUserAccess(HcSuperUserCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.su_a = cls._super_user(cls.ann, backup=cls.bob)
        cls.su_b = cls._super_user(cls.dan)
        cls.rota_a = cls.env["hc.super.user.rota"].create(
            {
                "date": D,
                "site_id": cls.site_a.id,
                "shift_id": cls.shifts_a["day"].id,
                "app_area_id": cls.area_inv.id,
                "super_user_id": cls.su_a.id,
            }
        )
        cls.other_user = cls._create_user(
            "hc_t_other_mgr",
            groups="hc_training.group_training_manager",
            company=cls.company_other,
            sites=cls.site_other,
        )
        cls.eve = cls._create_employee("Eve Other", site=cls.site_other, company=cls.company_other)
        cls.su_other = cls._super_user(cls.eve)

    def test_manager_manages_network_of_company(self):
        SuperUser = self.env["hc.super.user"].with_user(self.manager_user)
        self.assertEqual(SuperUser.search([]), self.su_a | self.su_b)
        self.su_b.with_user(self.manager_user).backup_id = False
        new = SuperUser.create(
            {"employee_id": self.cat.id, "site_id": self.site_a.id, "app_area_id": self.area_pur.id}
        )
        new.unlink()
        self.rota_a.with_user(self.manager_user).note = "Ward 3 first"

    def test_trainer_reads_all_manages_own_sites(self):
        SuperUser = self.env["hc.super.user"].with_user(self.trainer_a)
        self.assertEqual(SuperUser.search([]), self.su_a | self.su_b)
        SuperUser.browse(self.su_a.id).backup_id = self.cat
        with self.assertRaises(AccessError):
            SuperUser.browse(self.su_b.id).write({"backup_id": False})
        with self.assertRaises(AccessError), self.cr.savepoint():
            SuperUser.create(
                {
                    "employee_id": self.dan.id,
                    "site_id": self.site_b.id,
                    "app_area_id": self.area_pur.id,
                }
            )
        with self.assertRaises(AccessError):
            SuperUser.browse(self.su_a.id).unlink()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._rota(self.su_b, D, self.shifts_b["day"], user=self.trainer_a)
        self.assertTrue(self._rota(self.su_a, D, self.shifts_a["evening"], user=self.trainer_a))

    def test_employee_reads_directory_without_private_data(self):
        SuperUser = self.env["hc.super.user"].with_user(self.emp_user)
        self.assertEqual(SuperUser.search([]), self.su_a | self.su_b)
        row = SuperUser.browse(self.su_a.id).read(
            ["employee_id", "app_area_id", "work_phone", "work_email", "backup_id", "backup_phone"]
        )[0]
        self.assertEqual(row["work_email"], "ann.super@example.com")
        self.assertEqual(row["employee_id"][1], "Ann Super")
        self.assertEqual(row["backup_phone"], "+44 20 7946 0001")
        for fname in ("assignment_id", "progress", "override_reason"):
            with self.assertRaises(AccessError):
                SuperUser.browse(self.su_a.id).read([fname])
        with self.assertRaises(AccessError):
            SuperUser.browse(self.su_a.id).write({"backup_id": False})
        with self.assertRaises(AccessError):
            SuperUser.create(
                {
                    "employee_id": self.cat.id,
                    "site_id": self.site_a.id,
                    "app_area_id": self.area_pur.id,
                }
            )
        Rota = self.env["hc.super.user.rota"].with_user(self.emp_user)
        self.assertEqual(Rota.search([("is_my_site", "=", True)]), self.rota_a)
        self.assertEqual(Rota.browse(self.rota_a.id).work_phone, "+44 20 7946 0001")
        with self.assertRaises(AccessError):
            Rota.browse(self.rota_a.id).write({"note": "mine"})

    def test_other_company_never_leaks(self):
        self.assertNotIn(
            self.su_other, self.env["hc.super.user"].with_user(self.emp_user).search([])
        )
        with self.assertRaises(AccessError):
            self.su_other.with_user(self.emp_user).read(["work_phone"])
        other = self.env["hc.super.user"].with_user(self.other_user)
        self.assertEqual(other.search([]), self.su_other)
        self.assertFalse(self.env["hc.super.user.rota"].with_user(self.other_user).search([]))
