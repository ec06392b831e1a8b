"""The suite's server-side guarantees (hc_base/guards.py): workflow-owned fields, the one
bypass a client cannot reach, role-restricted methods and scope after write."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..guards import check_groups, restricted_to, scope_allows, workflow_scope
from .common import HcCommon


@tagged("post_install", "-at_install")
class TestWorkflowOwnedFields(HcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shift = cls.env["hc.shift"].create(
            {"name": "Day", "shift_type": "day", "site_id": cls.site_a.id}
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Forged calendar", "company_id": cls.company.id}
        )

    def test_owned_fields_are_the_readonly_and_flagged_ones(self):
        owned = self.env["hc.shift"]._workflow_owned_fields()
        # declared readonly by hc_base, and a stored related (computed, no inverse)
        self.assertIn("resource_calendar_id", owned)
        self.assertIn("company_id", owned)
        # editable fields, magic columns and fields of other modules are not
        for name in ("name", "hour_from", "site_id", "id", "write_date", "display_name"):
            self.assertNotIn(name, owned)
        # outside hc.* models only an explicit flag counts
        self.assertFalse(self.env["res.partner"]._workflow_owned_fields())

    def test_write_refused_for_every_caller_superuser_included(self):
        for env in (self.env, self.env(su=True), self.env(user=self.env.ref("base.user_admin"))):
            with self.subTest(uid=env.uid, su=env.su), self.assertRaises(AccessError):
                self.shift.with_env(env).write({"resource_calendar_id": self.calendar.id})
        self.assertNotEqual(self.shift.resource_calendar_id, self.calendar)
        # a context key is no permission
        with self.assertRaises(AccessError):
            self.shift.with_context(hc_workflow_scope=True, install_mode=True).write(
                {"resource_calendar_id": self.calendar.id}
            )

    def test_create_refuses_a_value_but_lets_the_empty_value_through(self):
        with self.assertRaises(AccessError):
            self.env["hc.shift"].create(
                {
                    "name": "Evening",
                    "site_id": self.site_a.id,
                    "resource_calendar_id": self.calendar.id,
                }
            )
        shift = self.env["hc.shift"].create(
            {"name": "Evening", "site_id": self.site_a.id, "resource_calendar_id": False}
        )
        # the workflow (create's calendar sync) set the field itself
        self.assertTrue(shift.resource_calendar_id)
        self.assertNotEqual(shift.resource_calendar_id, self.calendar)

    def test_context_defaults_of_owned_fields_are_ignored(self):
        shift = (
            self.env["hc.shift"]
            .with_context(default_resource_calendar_id=self.calendar.id, default_hour_from=8.0)
            .create({"name": "Late", "site_id": self.site_a.id})
        )
        self.assertNotEqual(shift.resource_calendar_id, self.calendar)
        self.assertEqual(shift.hour_from, 8.0, "defaults of editable fields still apply")

    def test_copy_leaves_owned_fields_to_the_workflow(self):
        copy = self.shift.copy({"name": "Day (copy)"})
        self.assertTrue(copy.resource_calendar_id)
        self.assertNotEqual(copy.resource_calendar_id, self.shift.resource_calendar_id)
        with self.assertRaises(AccessError):
            self.shift.copy({"name": "Day 2", "resource_calendar_id": self.calendar.id})

    def test_scope_covers_its_model_and_fields_only(self):
        self.assertFalse(scope_allows("hc.shift", "resource_calendar_id"))
        with workflow_scope("hc.shift", {"resource_calendar_id"}):
            self.assertTrue(scope_allows("hc.shift", "resource_calendar_id"))
            self.assertFalse(scope_allows("hc.shift", "company_id"))
            self.assertFalse(scope_allows("hc.site", "resource_calendar_id"))
            self.shift.write({"resource_calendar_id": self.calendar.id})
            with self.assertRaises(AccessError):
                self.shift.write({"company_id": self.company_other.id})
        self.assertEqual(self.shift.resource_calendar_id, self.calendar)
        self.assertFalse(scope_allows("hc.shift", "resource_calendar_id"), "closed on exit")
        with workflow_scope("hc.shift"):
            self.assertTrue(scope_allows("hc.shift", "company_id"))

    def test_forms_show_owned_fields_read_only(self):
        arch = self.env["hc.shift"].get_view(view_type="form")["arch"]
        self.assertRegex(arch, r'<field name="resource_calendar_id"[^>]*readonly="1"')
        self.assertNotRegex(arch, r'<field name="hour_from"[^>]*readonly="1"')


@tagged("post_install", "-at_install")
class TestRolesAndScope(HcCommon):
    def test_restricted_to_checks_the_role_first_even_on_no_records(self):
        calls = []

        @restricted_to("base.group_system")
        def action_probe(records):
            calls.append(records)
            return True

        employee = self._create_user("hc_guard_emp")
        admin = self._create_user("hc_guard_sys", groups="base.group_user,base.group_system")
        with self.assertRaises(AccessError):
            action_probe(self.env["hc.site"].with_user(employee))
        self.assertFalse(calls, "the method body never ran")
        self.assertTrue(action_probe(self.env["hc.site"].with_user(admin)))
        self.assertTrue(action_probe(self.env["hc.site"].with_user(employee).sudo()))
        self.assertEqual(action_probe._hc_groups, ("base.group_system",))
        with self.assertRaises(AccessError):
            check_groups(self.env(user=employee), ["base.group_system"], "probe")

    def test_a_write_cannot_move_a_record_out_of_the_writers_scope(self):
        manager = self._create_user("hc_guard_mgr", groups="base.group_user,base.group_system")
        site = self.site_a.with_user(manager)
        site.write({"name": "Alpha General Hospital (renamed)"})
        with self.assertRaises(AccessError):
            site.write({"company_id": self.company_other.id})
        # the same write by someone who may edit both companies goes through
        self.site_b.write({"company_id": self.company_other.id})
        self.assertEqual(self.site_b.company_id, self.company_other)

    def test_chatter_posts_in_ones_own_name_only(self):
        manager = self._create_user("hc_guard_poster", groups="base.group_user,base.group_system")
        site = self.site_a.with_user(manager)
        with self.assertRaises(AccessError):
            site.message_post(body="Approved.", author_id=self.env.ref("base.partner_admin").id)
        message = site.message_post(body="Checked.", author_id=manager.partner_id.id)
        self.assertEqual(message.author_id, manager.partner_id)
        self.assertEqual(site.message_post(body="Noted.").author_id, manager.partner_id)
