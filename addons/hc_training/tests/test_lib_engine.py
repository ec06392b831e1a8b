from datetime import date

from odoo.tests import BaseCase, tagged

from ..lib import progress as p
from ..lib.matching import EmployeeFacts, RoleRule, plan_assignments, role_applies


@tagged("post_install", "-at_install")
class TestProgressEngine(BaseCase):
    def test_progress_counts_mandatory_weight(self):
        lines = [
            p.Line(p.DONE, True, 2.0),
            p.Line(p.TO_DO, True, 1.0),
            p.Line(p.TO_DO, False, 5.0),
            p.Line(p.WAIVED, True, 1.0),
        ]
        self.assertEqual(p.compute_progress(lines), 75.0)
        self.assertEqual(p.compute_progress([p.Line(p.DONE, False)]), 100.0)
        self.assertEqual(p.compute_progress([]), 0.0)

    def test_state_precedence(self):
        today = date(2026, 6, 1)
        due_past, due_future = date(2026, 5, 1), date(2026, 7, 1)
        done, todo, expired = p.Line(p.DONE), p.Line(p.TO_DO), p.Line(p.EXPIRED)
        optional = p.Line(p.TO_DO, mandatory=False)
        state = p.compute_state
        self.assertEqual(state([todo], today=today, date_due=due_future), p.ASSIGNED)
        self.assertEqual(state([done, todo], today=today, date_due=due_future), p.IN_PROGRESS)
        self.assertEqual(state([done, todo], today=today, date_due=due_past), p.OVERDUE)
        self.assertEqual(state([done, optional], today=today, date_due=due_past), p.COMPLETED)
        self.assertEqual(state([done, expired], today=today, date_due=due_future), p.STATE_EXPIRED)
        self.assertEqual(
            state([expired], today=today, date_due=due_past, waived=True), p.STATE_WAIVED
        )

    def test_due_dates_and_expiry(self):
        assigned = date(2026, 3, 1)
        self.assertEqual(
            p.step_due_date(date_assigned=assigned, offset_days=10, reference="assignment"),
            date(2026, 3, 11),
        )
        self.assertEqual(
            p.step_due_date(
                date_assigned=assigned,
                offset_days=7,
                reference="golive",
                go_live_date=date(2026, 4, 1),
            ),
            date(2026, 3, 25),
        )
        # never before the assignment, and go-live without a date falls back to assignment
        self.assertEqual(
            p.step_due_date(
                date_assigned=assigned,
                offset_days=60,
                reference="golive",
                go_live_date=date(2026, 4, 1),
            ),
            assigned,
        )
        self.assertEqual(
            p.step_due_date(date_assigned=assigned, offset_days=5, reference="golive"),
            date(2026, 3, 6),
        )
        self.assertEqual(p.expiry_date(date(2026, 1, 31), 1), date(2026, 2, 28))
        self.assertIsNone(p.expiry_date(date(2026, 1, 31), 0))
        self.assertTrue(p.is_expired(date(2026, 1, 1), date(2026, 1, 2)))
        self.assertFalse(p.is_expired(None, date(2026, 1, 2)))


@tagged("post_install", "-at_install")
class TestMatching(BaseCase):
    def test_role_applies(self):
        rule = RoleRule(1, job_ids=frozenset({10}), site_ids=frozenset({7}), company_id=1)
        self.assertTrue(role_applies(rule, EmployeeFacts(1, 10, None, 7, 1)))
        self.assertFalse(role_applies(rule, EmployeeFacts(1, 10, None, 8, 1)))  # other site
        self.assertFalse(role_applies(rule, EmployeeFacts(1, 10, None, 7, 2)))  # other company
        self.assertFalse(role_applies(rule, EmployeeFacts(1, 11, None, 7, 1)))  # other job
        by_dep = RoleRule(2, department_ids=frozenset({5}))
        self.assertTrue(role_applies(by_dep, EmployeeFacts(1, None, 5, None, 3)))

    def test_plan_skips_existing_and_duplicates(self):
        rules = [
            RoleRule(1, job_ids=frozenset({10})),
            RoleRule(2, department_ids=frozenset({5})),
        ]
        employees = [EmployeeFacts(100, 10, 5, 1, 1), EmployeeFacts(101, 10, 6, 1, 1)]
        planned = plan_assignments(employees, rules, {1: [1000], 2: [2000]}, {(101, 1000)})
        self.assertEqual(planned, [(100, 1000), (100, 2000)])
