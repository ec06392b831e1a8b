from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFloorIssueTour(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_super_user_logs_on_a_phone_and_pmo_reviews(self):
        site = self.env["hc.site"].create({"name": "Tour Floor Hospital", "code": "TFH"})
        new_test_user(
            self.env,
            login="hc_tour_floor_su",
            groups="hc_readiness.group_super_user",
            hc_site_ids=[(6, 0, site.ids)],
        )
        new_test_user(self.env, login="hc_tour_floor_pmo", groups="hc_readiness.group_pmo")
        self.start_tour(
            "/odoo/action-hc_readiness.hc_floor_issue_action_quick",
            "hc_floor_issue_log_tour",
            login="hc_tour_floor_su",
        )
        issue = self.env["hc.floor.issue"].search(
            [("description", "=", "Tour scanner freezes on goods receipt")]
        )
        self.assertEqual(len(issue), 1)
        self.assertEqual(
            (issue.site_id, issue.category, issue.severity, issue.app_area_id),
            (site, "defect", "critical", self.env.ref("hc_base.app_area_inventory")),
        )
        self.assertEqual(issue.reporter_id.login, "hc_tour_floor_su")
        self.assertTrue(issue.in_daily_review)
        self.start_tour(
            "/odoo/action-hc_readiness.hc_floor_issue_action_review",
            "hc_floor_issue_review_tour",
            login="hc_tour_floor_pmo",
        )
