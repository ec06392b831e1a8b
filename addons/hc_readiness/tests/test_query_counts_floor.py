from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestQueryCountsFloor(HcReadinessCommon):
    """The hourly SLA cron of floor issues costs the same number of queries whatever the
    number of open issues: two searches and one write each way (3 queries), after a warm-up call."""

    def _log_open_issues(self, count, moment):
        """``count`` open issues logged at ``moment`` with a 2-hour SLA (the PMO sets it)."""
        with freeze_time(moment):
            return (
                self.env["hc.floor.issue"]
                .with_user(self.pmo_user)
                .create(
                    [
                        {
                            "site_id": self.site_a.id,
                            "app_area_id": self.inventory.id,
                            "category": "howto",
                            "severity": "medium",
                            "description": f"Query count issue {count}-{i}",
                            "sla_hours": 2,
                        }
                        for i in range(count)
                    ]
                )
            )

    def test_sla_cron_budget_does_not_grow_with_open_issues(self):
        Issue = self.env["hc.floor.issue"]  # the cron's superuser environment
        start = datetime(2026, 3, 2, 9, 0)
        for day, size in enumerate((5, 50)):
            logged = start + timedelta(days=day)
            issues = self._log_open_issues(size, logged)
            self.env.flush_all()
            # warm-up: within the SLA, nothing of the new issues is late yet
            with freeze_time(logged + timedelta(hours=1)):
                self.assertFalse(Issue._cron_refresh_sla() & issues)
            self.env.invalidate_all()  # a new cron run
            # past the deadline: the new issues are flagged in one write
            with freeze_time(logged + timedelta(hours=3)), self.assertQueryCount(3):
                late = Issue._cron_refresh_sla()
            self.assertEqual(late & issues, issues)
            self.assertTrue(all(issues.mapped("sla_breached")))
            # the PMO widens their SLA (recomputed at the real date: still breached); the
            # next run unflags them, at the same cost
            issues.with_user(self.pmo_user).write({"sla_hours": 48})
            self.env.flush_all()
            self.assertTrue(all(issues.mapped("sla_breached")))
            self.env.invalidate_all()
            with freeze_time(logged + timedelta(hours=4)), self.assertQueryCount(3):
                Issue._cron_refresh_sla()
            self.assertFalse(any(issues.mapped("sla_breached")))
