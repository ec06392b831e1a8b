"""The quick form a super user logs a floor issue with, on a phone (issue #16): a meaningful
title before saving, and once saved, where the issue went (team, assignee, SLA deadline)."""

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import HcReadinessCommon

QUICK_FORM = "hc_readiness.hc_floor_issue_view_form_quick"


@tagged("post_install", "-at_install")
class TestFloorQuickForm(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["hc.floor.triage.rule"].create(
            {
                "company_id": cls.company.id,
                "category": "howto",
                "app_area_id": cls.inventory.id,
                "team": "Stores leads",
                "user_id": cls.lead_user.id,
                "sla_hours": 2,
            }
        )

    def _quick_form(self, category="howto"):
        Issue = self.env["hc.floor.issue"].with_user(self.super_user_a)
        form = Form(Issue, view=QUICK_FORM)
        self.assertFalse(form.name, "the reference comes with the save")
        # the title of the unsaved record (breadcrumb, dialog), not "/"
        self.assertEqual(Issue.new(Issue.default_get(["name"])).display_name, "New floor issue")
        form.category = category
        form.app_area_id = self.inventory
        form.description = "Cannot find the cycle count screen"
        form.site_id = self.site_a
        return form

    def test_saved_issue_says_where_it_went(self):
        with freeze_time("2026-03-02 09:30:00"):
            issue = self._quick_form().save()
        self.assertRegex(issue.name, r"^FI-\d+")
        self.assertTrue(issue.display_name.startswith(issue.name))
        summary = issue.with_user(self.super_user_a).routing_summary
        for text in (issue.name, "Stores leads", self.lead_user.name, "Answer due by", "2 h"):
            self.assertIn(text, summary)

    def test_unrouted_issue_says_who_routes_it(self):
        issue = self._quick_form(category="quality").save()
        self.assertFalse(issue.team)
        self.assertIn("the PMO routes it", issue.with_user(self.super_user_a).routing_summary)

    def test_quick_form_shows_the_confirmation_once_saved(self):
        arch = self.env.ref(QUICK_FORM).arch
        self.assertIn('placeholder="New floor issue"', arch)
        self.assertRegex(arch, r'<div class="alert alert-success"[^>]*invisible="not id"')
        self.assertIn('name="routing_summary"', arch)
