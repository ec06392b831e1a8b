from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HcCommon


@tagged("post_install", "-at_install")
class TestSite(HcCommon):
    def test_display_name_carries_code(self):
        self.assertEqual(self.site_a.display_name, "[TAG] Alpha General Hospital")

    def test_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._create_site("Duplicate", "TAG")
        # the same code in another company is a different site
        other = self._create_site("Alpha Clinic", "TAG", company=self.company_other)
        self.assertEqual(other.code, "TAG")

    def test_employee_count_and_open_employees(self):
        self._create_employee("Ann Stores", site=self.site_a)
        self._create_employee("Bob Stores", site=self.site_a)
        self._create_employee("Cy Biomed", site=self.site_b)
        self.assertEqual((self.site_a | self.site_b).mapped("employee_count"), [2, 1])
        action = self.site_a.action_open_employees()
        self.assertEqual(self.env["hr.employee"].search_count(action["domain"]), 2)

    def test_employee_site_must_match_company(self):
        with self.assertRaises(ValidationError):
            self._create_employee("Wrong Company", site=self.site_other)

    def test_employee_user_sees_site_on_public_profile(self):
        user = self._create_user("hc_emp_pub", sites=self.site_a)
        employee = self._create_employee("Pub Lic", site=self.site_a, user=user)
        public = self.env["hr.employee.public"].with_user(user).browse(employee.id)
        self.assertEqual(public.hc_site_id, self.site_a)

    def test_sites_do_not_leak_across_companies(self):
        user = self._create_user("hc_site_reader")
        Site = self.env["hc.site"].with_user(user)
        visible = Site.search([("id", "in", (self.site_a | self.site_other).ids)])
        self.assertEqual(visible, self.site_a)
        with self.assertRaises(AccessError):
            self.site_other.with_user(user).read(["name"])

    def test_only_administrators_edit_sites(self):
        user = self._create_user("hc_site_plain")
        with self.assertRaises(AccessError):
            self.site_a.with_user(user).write({"name": "Renamed"})
        admin = self._create_user("hc_site_admin", groups="base.group_system")
        self.site_a.with_user(admin).write({"name": "Renamed"})
        self.assertEqual(self.site_a.name, "Renamed")

    def test_app_areas_seeded(self):
        areas = self.env["hc.app.area"].search([])
        codes = set(areas.mapped("code"))
        self.assertLessEqual(
            {"PUR", "INV", "MNT", "ACC", "HLP", "DOC", "QLT", "HR", "PLN", "PRJ"}, codes
        )
        hr_area = self.env.ref("hc_base.app_area_hr")
        self.assertTrue(hr_area.is_installed)
        self.assertFalse(self.env.ref("hc_base.app_area_helpdesk").community_available)

    def test_internal_user_reads_site_list_with_counts(self):
        user = self._create_user("hc_site_counter")
        self._create_employee("Dee Count", site=self.site_a)
        sites = (
            self.env["hc.site"]
            .with_user(user)
            .search_read([("id", "=", self.site_a.id)], ["employee_count"])
        )
        self.assertEqual(sites[0]["employee_count"], 1)
