from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestFloorIssues(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.maintenance_area = cls.env.ref("hc_base.app_area_maintenance")
        cls.shifts_a = cls._create_shifts(cls.site_a)
        cls.super_user_b = cls._create_user(
            "hc_f_su_b", groups="hc_readiness.group_super_user", sites=cls.site_b
        )
        cls.biomed_user = cls._create_user("hc_f_biomed")
        Rule = cls.env["hc.floor.triage.rule"]
        cls.rule_any = Rule.create(
            {"company_id": cls.company.id, "category": "howto", "team": "Floor", "sla_hours": 24}
        )
        cls.rule_inventory = Rule.create(
            {
                "company_id": cls.company.id,
                "category": "howto",
                "app_area_id": cls.inventory.id,
                "team": "Stores trainers",
                "sla_hours": 8,
            }
        )
        cls.rule_critical = Rule.create(
            {
                "company_id": cls.company.id,
                "category": "howto",
                "app_area_id": cls.inventory.id,
                "severity": "critical",
                "team": "Stores leads",
                "user_id": cls.lead_user.id,
                "sla_hours": 2,
            }
        )
        cls.rule_equipment = Rule.create(
            {
                "company_id": cls.company.id,
                "category": "equipment",
                "team": "Biomedical",
                "user_id": cls.biomed_user.id,
                "sla_hours": 4,
            }
        )
        cls.team = cls.env["maintenance.team"].create(
            {"name": "Test Biomed A", "company_id": cls.company.id}
        )
        cls.pump = cls.env["maintenance.equipment"].create(
            {
                "name": "Test infusion pump",
                "company_id": cls.company.id,
                "hc_site_id": cls.site_a.id,
                "maintenance_team_id": cls.team.id,
            }
        )

    def _log(self, user=None, **vals):
        values = {
            "site_id": self.site_a.id,
            "app_area_id": self.inventory.id,
            "category": "howto",
            "severity": "medium",
            "description": "Cannot find the cycle count screen",
        }
        values.update(vals)
        return self.env["hc.floor.issue"].with_user(user or self.super_user_a).create(values)

    def test_triage_applies_the_most_specific_rule_and_sla(self):
        with freeze_time("2026-03-02 09:30:00"):
            issue = self._log(severity="critical", employee_ids=[(6, 0, self.emp.ids)])
            self.assertRegex(issue.name, r"^FI-\d{4}$")
            self.assertEqual(issue.triage_rule_id, self.rule_critical)
            self.assertEqual((issue.team, issue.user_id), ("Stores leads", self.lead_user))
            self.assertEqual(issue.state, "triaged")
            self.assertEqual(issue.sla_deadline, datetime(2026, 3, 2, 11, 30))
            self.assertFalse(issue.sla_breached)
            self.assertEqual(issue.shift_id, self.shifts_a["day"], "the shift running now")
            self.assertEqual(issue.program_id, self.program, "the programme of the site")
            other = self._log(app_area_id=self.maintenance_area.id, severity="low")
            self.assertEqual((other.triage_rule_id, other.sla_hours), (self.rule_any, 24))
            low = self._log(severity="low")
            self.assertEqual(low.triage_rule_id, self.rule_inventory)
            untriaged = self._log(category="quality")
            self.assertEqual((untriaged.state, untriaged.triage_rule_id.id), ("new", False))
        with freeze_time("2026-03-02 12:00:00"):
            late = self.env["hc.floor.issue"]._cron_refresh_sla()
            self.assertEqual(
                late.filtered(lambda i: i.company_id == self.company),
                issue,
                "only the critical issue is past its 2 h SLA",
            )
            self.assertTrue(issue.sla_breached)
            review = (
                self.env["hc.floor.issue"]
                .with_user(self.pmo_user)
                .search([("in_daily_review", "=", True), ("sla_breached", "=", True)])
            )
            self.assertEqual(review, issue)

    def test_conflicting_triage_rules_are_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "Triage rules conflict"),
            self.cr.savepoint(),
        ):
            self.env["hc.floor.triage.rule"].with_user(self.pmo_user).create(
                {
                    "company_id": self.company.id,
                    "category": "howto",
                    "app_area_id": self.inventory.id,
                    "team": "Someone else",
                    "sla_hours": 4,
                }
            )
        # archived rules, other severities and other companies do not conflict
        self.rule_inventory.action_archive()
        Rule = self.env["hc.floor.triage.rule"]
        Rule.create(
            {
                "company_id": self.company.id,
                "category": "howto",
                "app_area_id": self.inventory.id,
                "team": "New stores trainers",
                "sla_hours": 6,
            }
        )
        Rule.create(
            {
                "company_id": self.company_other.id,
                "category": "howto",
                "app_area_id": self.inventory.id,
                "team": "Other trust",
                "sla_hours": 6,
            }
        )
        with self.assertRaisesRegex(ValidationError, "Triage rules conflict"), self.cr.savepoint():
            self.rule_inventory.action_unarchive()
        with self.assertRaises(AccessError), self.cr.savepoint():
            Rule.with_user(self.super_user_a).create(
                {"company_id": self.company.id, "category": "data", "team": "x", "sla_hours": 1}
            )

    def test_equipment_issue_creates_a_maintenance_request(self):
        with self.assertRaisesRegex(ValidationError, "choose the equipment"), self.cr.savepoint():
            self._log(category="equipment", app_area_id=self.maintenance_area.id)
        issue = self._log(
            category="equipment",
            app_area_id=self.maintenance_area.id,
            severity="high",
            equipment_id=self.pump.id,
            description="Pump shows the wrong drug library after go-live",
        )
        request = issue.maintenance_request_id
        self.assertTrue(request)
        self.assertEqual(request.equipment_id, self.pump)
        self.assertEqual(request.maintenance_team_id, self.team)
        # created by the system for a plain super user, who follows it
        self.assertIn(self.super_user_a.partner_id, request.message_partner_ids)
        self.assertIn(self.biomed_user.partner_id, request.message_partner_ids, "the assignee")
        self.assertEqual(request.priority, "2")
        self.assertIn(issue.name, request.name)
        self.assertEqual(issue.team, "Biomedical")
        self.assertEqual(issue.resolution_type, "maintenance")
        # the super user reads their request through maintenance's own rules; the super user
        # of site B does not
        self.assertEqual(request.with_user(self.super_user_a).name, request.name)
        with self.assertRaises(AccessError):
            request.with_user(self.super_user_b).check_access("read")
        issue.with_user(self.super_user_a).action_resolve()
        self.assertEqual(issue.state, "resolved")
        with self.assertRaisesRegex(UserError, "already has a maintenance request"):
            issue.with_user(self.super_user_a).action_create_maintenance_request()

    def test_retrain_action_reopens_or_assigns_the_step(self):
        assignment = self._assignment(self.emp)
        line = self._line(assignment, self.step_session)
        line._complete(source="signoff")
        self.assertEqual(line.state, "done")
        issue = self._log(employee_ids=[(6, 0, (self.emp | self.emp_biomed).ids)])
        action = issue.with_user(self.super_user_a).action_retrain()
        self.assertEqual(action["res_model"], "hc.retraining.wizard")
        Wizard = self.env[action["res_model"]].with_user(self.super_user_a)
        with Form(Wizard.with_context(**action["context"])) as form:
            self.assertEqual(form.employee_ids[:], self.emp | self.emp_biomed)
            self.assertIn(self.step_session, form.allowed_step_ids[:])
            form.step_ids.add(self.step_session)
        form.record.action_confirm()
        self.assertEqual(line.state, "todo", "the done step is reopened")
        self.assertIn(line, issue.retrain_line_ids)
        biomed_line = issue.retrain_line_ids - line
        self.assertEqual(biomed_line.employee_id, self.emp_biomed)
        self.assertEqual(biomed_line.assignment_id.source, "retraining")
        self.assertEqual(biomed_line.step_id, self.step_session)
        self.assertEqual(issue.resolution_type, "retrain")
        self.assertEqual((issue.retrain_open_count, issue.retrain_done_count), (2, 0))
        issue.with_user(self.super_user_a).action_resolve()
        self.assertEqual(issue.state, "resolved")
        # a step outside the roles concerned is refused
        other_path = self._unrelated_published_path()
        wizard = Wizard.create(
            {
                "res_model": issue._name,
                "res_id": issue.id,
                "step_ids": [(6, 0, other_path.step_ids.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "not training of the roles concerned"):
            wizard.action_confirm()
        # retraining is never due before it is assigned
        with self.assertRaisesRegex(ValidationError, "due before"):
            Wizard.create({"res_model": issue._name, "res_id": issue.id, "days": -3})

    def test_resolution_is_required_to_resolve_and_close(self):
        issue = self._log()
        su_issue = issue.with_user(self.super_user_a)
        with self.assertRaisesRegex(UserError, f"Record how {issue.name} was resolved"):
            su_issue.action_resolve()
        with self.assertRaisesRegex(UserError, f"Record how {issue.name} was resolved"):
            su_issue.action_close()
        with self.assertRaisesRegex(UserError, "how .* was answered on the spot"):
            su_issue.action_answer_howto()
        su_issue.resolution_note = "Showed Erin the Inventory > Operations > Physical count menu."
        su_issue.action_answer_howto()
        self.assertEqual((issue.state, issue.resolution_type), ("resolved", "howto"))
        self.assertTrue(issue.date_resolved)
        su_issue.action_close()
        self.assertEqual(issue.state, "closed")
        # a worked issue is hypercare evidence: not even the PMO deletes it
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            issue.with_user(self.pmo_user).unlink()
        self.assertTrue(issue.exists())
        # the daily review keeps what was resolved in the last 24 hours only
        review = [("in_daily_review", "=", True), ("id", "=", issue.id)]
        self.assertTrue(self.env["hc.floor.issue"].search(review))
        with workflow_scope("hc.floor.issue", {"date_resolved"}):  # fixture: a day ago
            issue.date_resolved = fields.Datetime.now() - timedelta(hours=25)
        self.assertFalse(self.env["hc.floor.issue"].search(review))
        self.assertFalse(issue.in_daily_review)
        started = self._log()
        started.with_user(self.super_user_a).action_start()
        self.assertEqual((started.state, started.user_id), ("in_progress", self.super_user_a))
        data_issue = self._log(category="data")
        domain = self.env["hc.migration.domain"].create(
            {"name": "Test items", "code": "T-ITEMS", "company_id": self.company.id}
        )
        data_issue.with_user(self.super_user_a).migration_domain_id = domain
        self.assertEqual(data_issue.resolution_type, "data_fix")
        data_issue.with_user(self.super_user_a).action_resolve()
        self.assertEqual(data_issue.state, "resolved")

    def test_corrective_action_and_raid_escalation(self):
        issue = self._log(category="process", severity="high")
        action = issue.with_user(self.super_user_a).action_raise_corrective_action()
        capa = self.env["hc.corrective.action"].browse(action["res_id"])
        self.assertEqual(issue.corrective_action_id, capa)
        self.assertEqual((capa.owner_id, capa.site_ids), (self.super_user_a, self.site_a))
        self.assertRegex(capa.code, r"^CAPA-\d{4}$")
        self.assertEqual(issue.resolution_type, "capa")
        su_capa = capa.with_user(self.super_user_a)
        with self.assertRaisesRegex(UserError, "action plan"):
            su_capa.action_done()
        su_capa.action_plan = "<p>Print labels per ward</p>"
        su_capa.action_done()
        with self.assertRaisesRegex(UserError, "effectiveness check"):
            su_capa.action_verify()
        su_capa.effectiveness_check = "<p>No repeat in 7 days</p>"
        su_capa.action_verify()
        self.assertEqual(capa.state, "verified")
        # the super user of site B neither reads it nor the issue
        with self.assertRaises(AccessError):
            capa.with_user(self.super_user_b).check_access("read")
        capa.with_user(self.exec_user).check_access("read")
        with self.assertRaises(AccessError):
            capa.with_user(self.exec_user).check_access("write")
        # RAID escalation: the command center only
        with self.assertRaisesRegex(AccessError, "reserved to"):
            issue.with_user(self.super_user_a).action_escalate_raid()
        issue.with_user(self.pmo_user).action_escalate_raid()
        item = issue.raid_item_id
        self.assertEqual((item.raid_type, item.severity), ("issue", "high"))
        self.assertEqual((item.program_id, item.site_ids), (self.program, self.site_a))

    def test_access_by_role(self):
        issue_a = self._log(employee_ids=[(6, 0, self.emp.ids)])
        issue_b = self._log(user=self.super_user_b, site_id=self.site_b.id)
        other_company = self.env["hc.floor.issue"].create(
            {
                "site_id": self.site_other.id,
                "app_area_id": self.inventory.id,
                "description": "Other trust",
            }
        )
        Issue = self.env["hc.floor.issue"]
        # super users: their sites, read and write
        self.assertEqual(Issue.with_user(self.super_user_a).search([]), issue_a)
        with Form(issue_a.with_user(self.super_user_a)) as form:
            form.description = "Updated on the floor"
        self.assertEqual(issue_a.description, "Updated on the floor")
        quick = self.env.ref("hc_readiness.hc_floor_issue_view_form_quick")
        with Form(Issue.with_user(self.super_user_a), view=quick) as form:
            self.assertEqual(form.site_id, self.site_a, "the super user's site by default")
            form.app_area_id = self.inventory
            form.description = "Logged from the quick form"
        quick_issue = form.record
        self.assertEqual(quick_issue.reporter_id, self.super_user_a)
        self.assertEqual(Issue.with_user(self.super_user_a).search([]), issue_a | quick_issue)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._log(site_id=self.site_b.id)
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue_b.with_user(self.super_user_a).check_access("read")
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue_a.with_user(self.super_user_a).unlink()
        # employees: only the issues that name them, read-only; the form opens for them
        self.assertEqual(Issue.with_user(self.emp_user).search([]), issue_a)
        form = Form(issue_a.with_user(self.emp_user))
        self.assertEqual(form.employee_ids[:], self.emp)
        self.assertFalse(Issue.with_user(self.emp_user_2).search([]))
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue_a.with_user(self.emp_user).write({"description": "mine"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            Issue.with_user(self.emp_user).create(
                {"site_id": self.site_a.id, "app_area_id": self.inventory.id, "description": "x"}
            )
        # executives read all of their companies, change nothing; the PMO manages
        everything = issue_a | issue_b | quick_issue
        self.assertEqual(Issue.with_user(self.exec_user).search([]), everything)
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue_a.with_user(self.exec_user).write({"severity": "low"})
        self.assertEqual(Issue.with_user(self.pmo_user).search([]), everything)
        issue_b.with_user(self.pmo_user).severity = "high"
        self.assertNotIn(other_company, Issue.with_user(self.pmo_user).search([]))
        # scope after write: a super user cannot move an issue of their site to another one
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue_a.with_user(self.super_user_a).site_id = self.site_b
        self.assertEqual(issue_a.site_id, self.site_a)
        issue_a.with_user(self.pmo_user).site_id = self.site_b

    def test_hypercare_metrics_and_adoption(self):
        today = datetime(2026, 3, 9, 10, 0)
        Issue = self.env["hc.floor.issue"]
        # fixtures: issues logged over the last days (date_logged is the server's)
        with freeze_time(today), workflow_scope("hc.floor.issue", {"date_logged", "date_resolved"}):
            for days, severity in ((0, "critical"), (1, "medium"), (1, "low"), (3, "high")):
                self._log(
                    severity=severity,
                    date_logged=today - timedelta(days=days),
                    employee_ids=[(6, 0, self.emp.ids)],
                )
            resolved = self._log(
                category="process",
                date_logged=today - timedelta(days=2, hours=5),
                resolution_type="howto",
                resolution_note="Explained",
                employee_ids=[(6, 0, self.emp_2.ids)],
            )
            self._log(date_logged=today - timedelta(days=9))  # outside the 7-day window
            self._log(site_id=self.site_b.id, user=self.super_user_b, severity="critical")
            Issue.browse(resolved.id).write({"date_resolved": today - timedelta(days=2)})
            figures = Issue._adoption_figures(
                [("site_id", "=", self.site_a.id)], today=today.date()
            )
            self.assertEqual(figures["issue_rate"], 0.71)
            self.assertEqual(figures["by_day_category"][(today.date(), "howto")], 1)
            self.assertEqual(
                figures["by_day_category"][((today - timedelta(days=2)).date(), "process")], 1
            )
            self.assertEqual(figures["repeat_employees"], {self.emp.id: 4})
            self.assertEqual(figures["repeat_jobs"], {self.job_stores.id: 5})
            self.assertEqual(figures["avg_time_to_resolve"], 5.0)
            # the per-employee report: repeat issues per employee and job, as the super user
            self.env.flush_all()
            Report = self.env["hc.floor.adoption.report"].with_user(self.super_user_a)
            per_job = dict(
                Report._read_group(
                    [("site_id", "=", self.site_a.id)], ["job_id"], ["issue_count:sum"]
                )
            )
            self.assertEqual(per_job, {self.job_stores: 5})
            self.assertFalse(Report.search([("site_id", "=", self.site_b.id)]))

            gate = self.env["hc.gate"].create(
                {
                    "program_id": self.program.id,
                    "site_id": self.site_a.id,
                    "gate_type_id": self.env.ref("hc_readiness.gate_type_hypercare").id,
                }
            )
            gate.with_user(self.pmo_user).action_collect_evidence()
            gate.with_user(self.pmo_user).action_evaluate()
            by_metric = {c.metric: c for c in gate.criterion_ids}
            critical = by_metric["hypercare_open_critical"]
            self.assertEqual((critical.value, critical.passed), (1.0, False), "site A only")
            rate = by_metric["hypercare_issue_rate"]
            self.assertEqual((rate.value, rate.passed), (0.71, True))
            breaches = by_metric["hypercare_sla_breaches"]
            # the 8 h inventory SLA: the open issues of 1, 3 and 9 days ago are past it
            self.assertEqual((breaches.value, breaches.passed), (4.0, False))

    def _spy_writes(self, model):
        """Patch ``model.write`` to record the values of each call."""
        calls = []
        cls = type(self.env[model])
        write = cls.write

        def spy(records, vals):
            calls.append((records.ids, dict(vals)))
            return write(records, vals)

        return patch.object(cls, "write", spy), calls

    def test_triage_and_sla_cron_write_in_batches(self):
        Issue = self.env["hc.floor.issue"].with_user(self.super_user_a)
        values = {
            "site_id": self.site_a.id,
            "app_area_id": self.inventory.id,
            "category": "howto",
            "description": "Batch",
        }
        spy, calls = self._spy_writes("hc.floor.issue")
        with freeze_time("2026-03-02 09:00:00"), spy:
            issues = Issue.create(
                [
                    dict(values, severity="medium"),
                    dict(values, severity="low"),
                    dict(values, severity="critical"),
                    dict(values, severity="critical"),
                ]
            )
            self.env.flush_all()
        triage_writes = [vals for _ids, vals in calls if "triage_rule_id" in vals]
        self.assertEqual(len(triage_writes), 2, "one write per rule and values")
        self.assertEqual(issues.mapped("triage_rule_id"), self.rule_inventory | self.rule_critical)
        self.assertEqual(set(issues.mapped("state")), {"triaged"})
        critical = issues.filtered(lambda i: i.severity == "critical")
        self.assertEqual(set(critical.mapped("user_id")), {self.lead_user})
        for issue in critical:
            self.assertIn(self.lead_user.partner_id, issue.message_partner_ids)
        # the hourly cron: one write for the late issues, one for the recovered
        spy, calls = self._spy_writes("hc.floor.issue")
        with freeze_time("2026-03-02 18:00:00"), spy:
            late = self.env["hc.floor.issue"]._cron_refresh_sla()
        self.assertEqual(late & issues, issues, "past the 2 h and 8 h SLAs")
        self.assertTrue(all(issues.mapped("sla_breached")))
        self.assertEqual(len([v for ids, v in calls if ids and v.get("sla_breached")]), 1)
        # the PMO widens the SLA of one issue: the cron unflags it
        issues[0].with_user(self.pmo_user).sla_hours = 48
        self.env.flush_all()  # recomputed at the real date: still breached
        self.assertTrue(issues[0].sla_breached)
        with freeze_time("2026-03-02 19:00:00"):
            self.env["hc.floor.issue"]._cron_refresh_sla()
        self.assertFalse(issues[0].sla_breached)
        self.assertTrue(issues[1].sla_breached)

    def test_gate_metrics_change_through_the_actions_only(self):
        issue = self._log()
        su_issue = issue.with_user(self.super_user_a)
        for vals in (
            {"state": "closed"},
            {"state": "resolved", "resolution_type": "howto", "resolution_note": "x"},
            {"sla_hours": 1000},
            {"date_resolved": fields.Datetime.now()},
            {"sla_breached": False},
            {"sla_deadline": fields.Datetime.now() + timedelta(days=30)},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                su_issue.write(vals)
        # a context flag sent over RPC does not open the door
        with self.assertRaises(AccessError), self.cr.savepoint():
            su_issue.with_context(hc_floor_internal=True).write({"state": "closed"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._log(state="closed", resolution_type="howto", resolution_note="x")
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._log(sla_hours=1000)
        # the form: the SLA is read-only for the super user, not for the PMO
        with Form(su_issue) as form, self.assertRaises(AssertionError):
            form.sla_hours = 1000
        self.assertEqual(issue.sla_hours, 8)
        with Form(issue.with_user(self.pmo_user)) as form:
            form.sla_hours = 12
        self.assertEqual(issue.sla_hours, 12)
        # the buttons still work for the super user
        su_issue.action_start()
        su_issue.resolution_note = "Showed the count screen."
        su_issue.action_answer_howto()
        self.assertEqual(issue.state, "resolved")
        self.assertTrue(issue.date_resolved)
        su_issue.action_close()
        su_issue.action_reopen()
        self.assertEqual((issue.state, issue.date_resolved), ("in_progress", False))
        # the PMO too moves the state with the buttons only, and resolves only what has a
        # resolution
        other = self._log().with_user(self.pmo_user)
        for vals in (
            {"state": "closed"},
            {"state": "closed", "resolution_type": "howto", "resolution_note": "Explained."},
            {"date_resolved": fields.Datetime.now()},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                other.write(vals)
        with self.assertRaisesRegex(UserError, "Record how"), self.cr.savepoint():
            other.action_close()
        other.write({"resolution_type": "howto", "resolution_note": "Explained."})
        other.action_close()
        self.assertEqual(other.state, "closed")
        self.assertTrue(other.date_resolved)

    def test_migration_domain_of_another_company_is_refused(self):
        issue = self._log(category="data")
        domain = self.env["hc.migration.domain"].create(
            {"name": "Other items", "code": "T-OITEMS", "company_id": self.company_other.id}
        )
        with self.assertRaisesRegex(UserError, "company inconsistencies"), self.cr.savepoint():
            issue.write({"migration_domain_id": domain.id})

    def test_retrain_refuses_employees_outside_the_issue(self):
        issue = self._log(employee_ids=[(6, 0, self.emp.ids)])
        emp_other = self._create_employee(
            "Olga Other", site=self.site_other, company=self.company_other
        )

        def confirm(user, employees, companies=self.company):
            wizard = (
                self.env["hc.retraining.wizard"]
                .with_user(user)
                .with_context(allowed_company_ids=companies.ids)
                .create(
                    {
                        "res_model": issue._name,
                        "res_id": issue.id,
                        "employee_ids": [(6, 0, employees.ids)],
                        "step_ids": [(6, 0, self.step_session.ids)],
                    }
                )
            )
            return wizard.action_confirm()

        # a super user: the issue's employees and those of its site, nobody else
        with (
            self.assertRaisesRegex(UserError, "Gail Stores cannot be retrained"),
            self.cr.savepoint(),
        ):
            confirm(self.super_user_a, self.emp | self.emp_b)
        self.assertFalse(issue.retrain_line_ids)
        confirm(self.super_user_a, self.emp | self.emp_2)
        self.assertEqual(issue.retrain_line_ids.employee_id, self.emp | self.emp_2)
        # the PMO: anyone of the issue's company, not of another company (even one of theirs)
        confirm(self.pmo_user, self.emp_b)
        self.assertIn(self.emp_b, issue.retrain_line_ids.employee_id)
        self.pmo_user.company_ids |= self.company_other
        with self.assertRaisesRegex(UserError, "Olga Other"), self.cr.savepoint():
            confirm(self.pmo_user, emp_other, companies=self.company | self.company_other)

    def test_retraining_wizard_rechecks_the_issue_role_on_confirm(self):
        """The one retraining wizard re-checks, on the server, the role of the source: an
        executive (who reads the issue) and a trainer are refused, whatever they send."""
        issue = self._log(employee_ids=[(6, 0, self.emp.ids)])
        vals = {
            "res_model": issue._name,
            "res_id": issue.id,
            "employee_ids": [(6, 0, self.emp.ids)],
            "step_ids": [(6, 0, self.step_session.ids)],
        }
        for user in (self.exec_user, self.trainer_a):
            wizard = self.env["hc.retraining.wizard"].with_user(user).create(vals)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.action_confirm()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                issue.with_user(user).action_retrain()
        self.assertFalse(issue.retrain_line_ids)
        # the super user of the site retrains through the same wizard
        wizard = self.env["hc.retraining.wizard"].with_user(self.super_user_a).create(vals)
        wizard.action_confirm()
        self.assertEqual(issue.retrain_line_ids.employee_id, self.emp)
        self.assertEqual(issue.retrain_line_ids.date_due, date.today() + timedelta(days=14))
        self.assertIn("Targeted retraining of", issue.message_ids[0].body)

    def test_corrective_action_state_moves_through_its_buttons(self):
        sequence = self.env.ref("hc_readiness.seq_hc_corrective_action")
        sequence.number_next = 9000
        issue = self._log(category="process")
        action = issue.with_user(self.super_user_a).action_raise_corrective_action()
        capa = self.env["hc.corrective.action"].browse(action["res_id"])
        self.assertEqual(capa.code, "CAPA-9000", "numbered by the sequence")
        su_capa = capa.with_user(self.super_user_a)
        for user in (self.super_user_a, self.pmo_user):
            for vals in (
                {"state": "verified"},
                {"date_done": fields.Date.today()},
                {"verified_by_id": self.pmo_user.id},
                {"code": "CAPA-0001"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(AccessError, "workflow only"),
                    self.cr.savepoint(),
                ):
                    capa.with_user(user).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            su_capa.with_context(hc_capa_internal=True).write({"state": "verified"})
        with self.assertRaisesRegex(AccessError, "workflow only"), self.cr.savepoint():
            self.env["hc.corrective.action"].with_user(self.super_user_a).create(
                {"name": "Done already", "date_due": fields.Date.today(), "state": "verified"}
            )
        # the owner or the PMO moves it; not another super user, not an executive
        for user in (self.super_user_b, self.exec_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                capa.with_user(user).action_start()
        su_capa.action_start()
        with self.assertRaisesRegex(UserError, "is not open"), self.cr.savepoint():
            su_capa.action_start()
        su_capa.write({"action_plan": "<p>Plan</p>", "effectiveness_check": "<p>Held</p>"})
        su_capa.action_done()
        su_capa.action_verify()
        self.assertEqual(capa.state, "verified")
        self.assertEqual(
            (capa.verified_by_id, capa.date_verified), (self.super_user_a, fields.Date.today())
        )
        for method in ("action_cancel", "action_start", "action_done"):
            with self.subTest(method=method), self.assertRaises(UserError), self.cr.savepoint():
                getattr(su_capa, method)()
        self.assertEqual(capa.state, "verified")
        other = (
            self.env["hc.corrective.action"]
            .with_user(self.pmo_user)
            .create(
                {"name": "Other", "company_id": self.company.id, "date_due": fields.Date.today()}
            )
        )
        self.assertEqual(other.code, "CAPA-9001")
        other.action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled already"), self.cr.savepoint():
            other.action_cancel()

    def test_reporter_and_date_logged_are_the_servers(self):
        """Who logged the issue and when (the start of the SLA clock) are set by the server
        at creation: a client's values are refused, on create and on write."""
        last_week = fields.Datetime.now() - timedelta(days=7)
        for vals in (
            {"reporter_id": self.pmo_user.id},
            {"date_logged": last_week},
            {"name": "FI-0001"},
            {"triage_rule_id": self.rule_any.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                self._log(**vals)
        issue = self._log()
        self.assertEqual(issue.reporter_id, self.super_user_a)
        self.assertTrue(issue.date_logged)
        su_issue = issue.with_user(self.super_user_a)
        for vals in (
            {"reporter_id": self.pmo_user.id},
            {"date_logged": last_week},
            {"triage_rule_id": self.rule_critical.id},
            {"retrain_line_ids": [(6, 0, [])]},
            {"raid_item_id": False},
        ):
            for user in (self.super_user_a, self.pmo_user):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(AccessError),
                    self.cr.savepoint(),
                ):
                    issue.with_user(user).write(vals)
        # context defaults for them are ignored
        forged = (
            self.env["hc.floor.issue"]
            .with_user(self.super_user_a)
            .with_context(default_reporter_id=self.pmo_user.id, default_date_logged=last_week)
            .create(
                {
                    "site_id": self.site_a.id,
                    "app_area_id": self.inventory.id,
                    "description": "Defaults",
                }
            )
        )
        self.assertEqual(forged.reporter_id, self.super_user_a)
        self.assertGreater(forged.date_logged, last_week)
        # the quick-log form still works, and shows nothing of the server's to type
        quick = self.env.ref("hc_readiness.hc_floor_issue_view_form_quick")
        with Form(self.env["hc.floor.issue"].with_user(self.super_user_a), view=quick) as form:
            form.app_area_id = self.inventory
            form.category = "defect"
            form.severity = "critical"
            form.description = "Scanner freezes"
        self.assertEqual(form.record.reporter_id, self.super_user_a)
        self.assertEqual(su_issue.state, "triaged")

    def test_actions_are_reserved_to_super_users_and_the_pmo(self):
        issue = self._log(employee_ids=[(6, 0, self.emp.ids)])
        for method in (
            "action_start",
            "action_resolve",
            "action_close",
            "action_reopen",
            "action_answer_howto",
            "action_retrain",
            "action_create_maintenance_request",
            "action_raise_corrective_action",
            "action_escalate_raid",
        ):
            for user in (self.emp_user, self.exec_user):
                with (
                    self.subTest(method=method, user=user.login),
                    self.assertRaisesRegex(AccessError, "reserved to"),
                    self.cr.savepoint(),
                ):
                    getattr(issue.with_user(user), method)()
            # even on no record at all
            with self.assertRaises(AccessError), self.cr.savepoint():
                getattr(self.env["hc.floor.issue"].with_user(self.emp_user), method)()
        # the super user of another site is stopped by the record rules
        with self.assertRaises(AccessError), self.cr.savepoint():
            issue.with_user(self.super_user_b).action_start()
        issue.with_user(self.super_user_a).action_start()
        self.assertEqual(issue.state, "in_progress")
