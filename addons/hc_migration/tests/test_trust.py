"""Trust at the model layer: what a migration lead or a data owner can send over RPC (values,
context, calls of any public method) cannot reach beyond the workflow and the role table."""

import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.hc_base.guards import workflow_scope

from ..lib import targets
from .common import HcMigrationCommon, xlsx


@tagged("post_install", "-at_install")
class TestMigrationTrust(HcMigrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_user = cls.env.ref("base.user_admin")

    def _staged(self, rows=None):
        run = self._run(xlsx(rows or self._rows()))
        run.action_stage()
        return run

    def _loaded(self):
        run = self._staged()
        run.cluster_ids.with_user(self.owner).action_merge()
        run.action_load()
        return run

    def test_a_staged_or_loaded_run_is_never_deleted(self):
        """Deleting a bad mock run would improve the data trust figures and drop the rollback
        data of a load: runs are kept once staged."""
        for run in (self._staged(), self._loaded()):
            with self.subTest(state=run.state), self.assertRaisesRegex(UserError, "deleted"):
                run.with_user(self.lead).unlink()
            self.assertTrue(run.exists())
        draft = self._run(xlsx(self._rows()))
        draft.with_user(self.lead).unlink()
        self.assertFalse(draft.exists())
        # nor the rows and clusters that hold what was read, merged and loaded
        loaded = run
        for records in (loaded.row_ids[:1], loaded.cluster_ids[:1]):
            with self.subTest(model=records._name), self.assertRaisesRegex(UserError, "deleted"):
                records.with_user(self.lead).unlink()

    # ------------------------------------------------------------ targets
    def test_domain_targets_master_data_only(self):
        Domain = self.env["hc.migration.domain"].with_user(self.lead)
        for model in ("res.users", "res.groups", "ir.config_parameter", "res.company", "ir.rule"):
            with self.subTest(model=model), self.assertRaises(ValidationError):
                Domain.create({"name": f"Hostile {model}", "code": model, "target_model": model})
        with self.assertRaises(ValidationError):
            self.domain.with_user(self.lead).target_model = "res.users"
        department = Domain.create(
            {"name": "Departments", "code": "DEP", "target_model": "hr.department"}
        )
        self.assertTrue(department.target_installed)
        # every domain shipped (and the demo's) loads into a model of the list
        for domain in self.env["hc.migration.domain"].with_context(active_test=False).search([]):
            self.assertTrue(targets.target_allowed(domain.target_model), domain.name)

    def test_mapping_fills_only_loadable_fields(self):
        Mapping = self.env["hc.migration.mapping"].with_user(self.lead)
        base = {"domain_id": self.domain.id, "source_column": "X", "transform": "trim"}
        for vals in (
            {"target_field": "user_id"},  # salesperson: a user
            {"target_field": "company_id"},
            {"target_field": "id"},
            {"target_field": "create_uid"},
            {"target_field": "no_such_field"},
            {"target_field": "category_id"},  # many2many
            {"target_field": "parent_id", "transform": "int"},  # a relation by raw id
            {
                "target_field": "parent_id",
                "transform": "lookup",
                "transform_arg": "res.users:login",
            },
            {"target_field": "ref", "transform": "lookup", "transform_arg": "res.users:login"},
            {
                "target_field": "ref",
                "transform": "lookup",
                "transform_arg": "ir.config_parameter:value",
            },
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Mapping.create({**base, **vals})
        line = Mapping.create(
            {
                **base,
                "target_field": "parent_id",
                "transform": "lookup",
                "transform_arg": "res.partner:ref",
            }
        )
        with self.assertRaises(ValidationError):
            line.target_field = "user_id"
        with self.assertRaises(ValidationError):
            self.env["hc.migration.rule"].with_user(self.lead).create(
                {
                    "domain_id": self.domain.id,
                    "field_name": "ref",
                    "kind": "lookup",
                    "arg": "res.users:login",
                }
            )

    def test_load_writes_only_mapped_fields_and_ignores_the_context(self):
        run = self._staged()
        run.cluster_ids.with_user(self.owner).action_merge()
        row = run.row_ids.filtered(lambda r: r.row_number == 4)  # S-003 Borealis, created
        # staged values that the pipeline did not produce (a fixture: nobody can write them)
        values = row.values()
        values.update(
            user_id=self.admin_user.id, company_id=self.company_other.id, comment="<b>x</b>"
        )
        with workflow_scope("hc.migration.row", {"mapped_values"}):
            row.mapped_values = json.dumps(values)
        run.with_context(
            default_user_id=self.admin_user.id, default_company_id=self.company_other.id
        ).action_load()
        partner = self.env.ref("__hc_migration__.sup_s003")
        self.assertEqual(partner.name, "Borealis Surgical")
        self.assertFalse(partner.user_id)
        self.assertNotEqual(partner.company_id, self.company_other)
        self.assertFalse(partner.comment)
        self.assertFalse(self.env.ref("__hc_migration__.sup_s001").user_id)

    # -------------------------------------------------- workflow-owned fields
    def test_run_workflow_fields_are_owned(self):
        run = self._staged()
        as_lead = run.with_user(self.lead)
        for vals in (
            {"state": "loaded"},
            {"rollback_data": json.dumps({"created": [self.lead.id]})},
            {"rows_read": 1},
            {"number": 99},
            {"security_ok": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_lead.write(vals)
        Run = self.env["hc.migration.run"].with_user(self.lead)
        for vals in ({"state": "loaded"}, {"rollback_data": "{}"}, {"number": 7}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Run.create({"domain_id": self.domain.id, **vals})
        # a staged run keeps its domain and file
        with self.assertRaises(UserError):
            as_lead.domain_id = self.env.ref("hc_migration.domain_items")
        with self.assertRaises(UserError):
            as_lead.filename = "other.xlsx"
        self.assertEqual(run.state, "validated")
        draft = Run.create({"domain_id": self.domain.id, "filename": "a.xlsx"})
        self.assertEqual((draft.number, draft.state), (run.number + 1, "draft"))
        draft.filename = "b.xlsx"  # a draft is still the lead's to prepare

    def test_staged_rows_and_clusters_are_owned(self):
        run = self._staged()
        row = run.row_ids[:1]
        cluster = run.cluster_ids[:1]
        for user in (self.owner, self.lead):
            for vals in (
                {"raw_values": "{}"},
                {"mapped_values": json.dumps({"name": "Forged"})},
                {"state": "valid"},
                {"errors": False},
                {"res_id": self.lead.id},
                {"cluster_id": False},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    row.with_user(user).write(vals)
            for vals in (
                {"state": "merged"},
                {"decided_by_id": user.id},
                {"survivor_row_id": row.id},
                {"existing_refs": f"res.partner:{self.admin_user.partner_id.id}"},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    cluster.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.env["hc.migration.cluster"].with_user(self.lead).create({"run_id": run.id})

    # ------------------------------------------------------------ duplicates
    def test_decisions_by_owner_or_lead_recorded_by_the_server(self):
        run = self._staged()
        acme = run.row_ids.filtered(lambda r: r.row_number == 2).cluster_id
        cygnus = run.cluster_ids.filtered("existing_refs")
        with self.assertRaises(AccessError):
            acme.with_user(self.employee).action_merge()
        with self.assertRaises(AccessError):
            self.env["hc.migration.cluster"].with_user(self.employee).action_keep_apart()
        with self.assertRaises(AccessError):
            acme.with_user(self.other_owner).action_merge()
        # the survivor is a row of the cluster, nothing else
        with self.assertRaises(UserError):
            acme.with_user(self.owner).action_merge(survivor=cygnus.row_ids[:1].id)
        survivor = acme.row_ids.sorted("row_number")[-1]
        self.assertIs(acme.with_user(self.owner).action_merge(survivor=survivor.id), True)
        self.assertEqual(
            (acme.state, acme.survivor_row_id, acme.decided_by_id), ("merged", survivor, self.owner)
        )
        self.assertTrue(acme.date_decided)
        with self.assertRaises(UserError):
            acme.with_user(self.owner).action_keep_apart()  # decided once
        self.assertIs(cygnus.with_user(self.lead).action_keep_apart(), True)
        self.assertEqual((cygnus.state, cygnus.decided_by_id), ("apart", self.lead))

    # --------------------------------------------------------------- sign-off
    def test_sign_off_by_owner_or_lead_as_oneself_now(self):
        Signoff = self.env["hc.migration.signoff"]
        with self.assertRaises(AccessError):
            self.domain.with_user(self.employee).action_sign_off_cleansing()
        with self.assertRaises(AccessError):
            self.domain.with_user(self.other_owner).action_sign_off("cleansing")
        with self.assertRaises(AccessError):
            Signoff.with_user(self.other_owner).create(
                {"domain_id": self.domain.id, "kind": "dedup"}
            )
        for vals in (
            {"user_id": self.other_owner.id},
            {"date": "2020-01-01 00:00:00"},
            {"rule_version": 99},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Signoff.with_user(self.owner).create(
                    {"domain_id": self.domain.id, "kind": "dedup", **vals}
                )
        self.assertIs(self.domain.with_user(self.owner).action_sign_off_dedup(), True)
        mine = self.domain.signoff_ids.filtered(lambda s: s.kind == "dedup")
        self.assertEqual((mine.user_id, mine.rule_version), (self.owner, self.domain.rule_version))
        self.assertGreater(mine.date.year, 2020)
        self.domain.with_user(self.lead).action_sign_off_cutover()
        lead = self.domain.signoff_ids.filtered(lambda s: s.kind == "cutover")
        self.assertEqual(lead.user_id, self.lead)
        with self.assertRaises(AccessError):
            mine.with_user(self.lead).write({"date": "2020-01-01 00:00:00"})
        with self.assertRaises(UserError):
            self.domain.with_user(self.owner).action_sign_off("everything")

    # ----------------------------------------------------------------- roles
    def test_lead_only_actions(self):
        run = self._staged()
        Run = self.env["hc.migration.run"]
        for user in (self.owner, self.employee):
            for method in ("action_stage", "action_load", "action_rollback"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(Run.with_user(user), method)()
            with self.assertRaises(AccessError):
                self.domain.with_user(user).action_new_run()
        with self.assertRaises(AccessError):
            run.with_user(self.owner).action_load()
        with self.assertRaises(AccessError):
            run.with_user(self.employee).action_export_rejects()
        self.assertEqual(
            self.domain.with_user(self.lead).action_new_run()["res_model"], "hc.migration.run"
        )
        # the data owner exports the rejected rows of their run
        action = (
            run.with_user(self.owner)
            .with_context(default_public=True, default_res_model="res.users")
            .action_export_rejects()
        )
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual((attachment.public, attachment.res_id), (False, run.id))
        self.assertEqual(attachment.res_model, "hc.migration.run")

    # -------------------------------------------------------------- rollback
    def test_rollback_touches_only_what_the_load_recorded(self):
        run = self._loaded()
        recorded = run.rollback_data
        data = json.loads(recorded)
        self.assertEqual(data["model"], "res.partner")
        admin_partner = self.admin_user.partner_id
        other = self.env["res.partner"].create({"name": "Not Loaded Ltd"})
        for tampered in (
            {**data, "created": [*data["created"], other.id]},
            {**data, "model": "res.users", "created": [self.admin_user.id]},
            {**data, "updated": [{"id": admin_partner.id, "old": {"name": "Hijacked"}}]},
            {**data, "updated": [{"id": self.existing.id, "old": {"user_id": self.lead.id}}]},
        ):
            # rollback data the load did not record (a fixture: nobody can write it)
            with workflow_scope("hc.migration.run", {"rollback_data"}):
                run.rollback_data = json.dumps(tampered)
            with self.subTest(tampered=tampered), self.assertRaises(UserError):
                run.action_rollback()
        self.assertTrue(other.exists())
        self.assertNotEqual(admin_partner.name, "Hijacked")
        self.assertEqual(run.state, "loaded")
        with workflow_scope("hc.migration.run", {"rollback_data"}):
            run.rollback_data = recorded
        # the domain's target changed after the load: nothing of the new model is touched
        self.domain.target_model = False
        with self.assertRaises(UserError):
            run.action_rollback()
        self.domain.target_model = "res.partner"
        created = self.env["res.partner"].browse(data["created"])
        run.action_rollback()
        self.assertFalse(created.exists())
        self.assertEqual(run.state, "rolled_back")

    # ------------------------------------------------------------ scope
    def test_write_out_of_scope_refused(self):
        # the lead works in the test company: moving a domain to another company would
        # take it out of what they may edit
        domain = self.env["hc.migration.domain"].with_user(self.lead)
        domain = domain.create({"name": "Scoped", "code": "SCP", "company_id": self.company.id})
        with self.assertRaises(AccessError):
            domain.company_id = self.company_other
        domain.owner_id = self.owner  # within scope
        self.assertEqual(domain.owner_id, self.owner)
