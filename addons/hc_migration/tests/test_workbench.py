import base64
import io
import json

import psycopg2
from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcMigrationCommon, xlsx


@tagged("post_install", "-at_install")
class TestWorkbench(HcMigrationCommon):
    def test_stage_validate_reasons_and_clusters(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        self.assertEqual(run.rows_read, 8)
        rows = {r.row_number: r for r in run.row_ids}
        self.assertEqual(rows[6].state, "rejected")
        self.assertIn("Sheet 'Suppliers', row 6, column 'Name': is required", rows[6].errors)
        self.assertIn("row 7, column 'VAT'", rows[7].errors)
        self.assertIn("'S006' also on row 8", rows[7].errors)
        self.assertIn("'S006' also on row 7", rows[8].errors)
        self.assertIn("column 'Email': 'not-an-email' is not an email address", rows[8].errors)
        self.assertEqual(json.loads(rows[2].raw_values)["City"], "brussels", "raw values kept")
        self.assertEqual(json.loads(rows[2].mapped_values)["city"], "Brussels")
        self.assertEqual(run.rows_rejected, 3)
        self.assertEqual(run.reject_rate, round(100 * 3 / 8, 2))
        reasons = json.loads(run.rejected_by_reason)
        self.assertEqual(reasons["ref: duplicate key in file"], 2)
        # clusters: Acme twice (same VAT), Cygnus against the partner already in Odoo, and
        # the two Delta rows (same code; rejected, they still take part in deduplication)
        self.assertEqual(len(run.cluster_ids), 3)
        acme = rows[2].cluster_id
        self.assertEqual(set(acme.row_ids.mapped("row_number")), {2, 3})
        self.assertEqual(set(rows[7].cluster_id.row_ids.mapped("row_number")), {7, 8})
        self.assertEqual((rows[7].state, rows[8].state), ("rejected", "rejected"))
        cygnus = run.cluster_ids.filtered("existing_refs")
        self.assertEqual(cygnus.existing_refs, f"res.partner:{self.existing.id}")
        self.assertIn("Name", cygnus.reasons)
        # the data owner sees why: each compared pair with the agreement and weight per field,
        # in field labels; the pair's weight is the sum of its field weights
        pair = cygnus.pair_ids
        self.assertEqual(len(pair), 1)
        explanation = json.loads(pair.explanation)
        self.assertAlmostEqual(sum(w for _l, _a, w in explanation), pair.weight, delta=0.05)
        self.assertIn("Name", [label for label, _a, w in explanation if w > 0])
        self.assertIn("<table", str(pair.explanation_html))

    def test_only_rows_sharing_a_block_are_compared(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        rows = {r.row_number: r for r in run.row_ids}
        # the two Acme rows share their VAT block (normalised: same number however written)
        vat_blocks = [
            {b for b in rows[n].dedup_blocks.split("\x1f") if b.startswith("vat:")} for n in (2, 3)
        ]
        self.assertTrue(vat_blocks[0] and vat_blocks[0] == vat_blocks[1], vat_blocks)
        # as before clustering: every row that passed validation is valid (a fixture: staged
        # rows are the workflow's)
        with workflow_scope("hc.migration.row", {"state"}):
            run.row_ids.filtered(lambda r: r.state == "duplicate").state = "valid"
        self.env.flush_all()
        kind = run.domain_id._match_kind()
        run._dedup_tables([], len(kind.sort_keys))
        run._dedup_pairs(kind)
        self.env.cr.execute("SELECT a, b FROM hc_dedup_pair")
        pairs = {tuple(sorted(p)) for p in self.env.cr.fetchall()}
        self.assertIn(tuple(sorted((rows[2].id, rows[3].id))), pairs)
        # the row without dedup inputs (no name, nothing else) is never compared
        self.assertFalse({rows[6].id} & {i for p in pairs for i in p})

    def test_pairs_stay_linear_with_one_code_on_every_row(self):
        """A placeholder code on every row puts every row in one block: a large block is
        compared only within a window of its sort order, so the candidate pairs grow
        linearly with the file, not with its square."""
        counts = {}
        for size in (200, 800):
            rows = [
                [f"X-{i}", f"Supplier {i:04d} {'abcdefghij'[i % 10]}", "", "", "", ""]
                for i in range(size)
            ]
            for row in rows:
                row[0] = "ZZ-0"
            run = self._run(xlsx(rows))
            run.action_stage()
            counts[size] = run.dedup_pairs
            self.assertTrue(run.rows_accounted)
        self.assertLess(counts[800], 800 * 60)
        self.assertLess(counts[800] / counts[200], 4 * 1.5)

    def test_owner_resolves_duplicates_and_load_is_idempotent(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        acme = run.row_ids.filtered(lambda r: r.row_number == 2).cluster_id
        cygnus = run.cluster_ids.filtered("existing_refs")
        acme.with_user(self.owner).action_merge()
        cygnus.with_user(self.owner).action_merge()
        with self.assertRaises(AccessError):
            acme.with_user(self.other_owner).action_keep_apart()
        run.action_load()
        self.assertEqual(run.state, "loaded")
        self.assertEqual(run.loaded_created, 3)  # Acme, Borealis, Evergreen
        self.assertEqual(run.loaded_updated, 1)  # Cygnus updated the existing partner
        self.assertEqual(self.existing.ref, "S004")
        partner = self.env.ref("__hc_migration__.sup_s001")
        self.assertEqual(
            (partner.name, partner.vat, partner.city),
            ("Acme Medical Supplies Ltd", "BE0477472701", "Brussels"),
        )
        # a second mock run of the same file updates instead of duplicating
        second = self._run(xlsx(self._rows()))
        second.action_stage()
        second.cluster_ids.with_user(self.owner).action_merge()
        second.action_load()
        self.assertEqual(second.number, run.number + 1)
        self.assertEqual(second.loaded_created, 0)
        self.assertEqual(second.loaded_updated, 4)
        self.assertEqual(self.env["res.partner"].search_count([("ref", "=", "S001")]), 1)

    def test_probable_match_waits_for_the_owner(self):
        """Same VAT, another name: a probable match (to review), never merged or loaded
        before the data owner decides; a phone shared with an unrelated supplier links
        nothing."""
        acme = self.env["res.partner"].create(
            {"name": "Acme Medical Supplies", "vat": "BE0477472701", "is_company": True}
        )
        rows = [
            ["Z-1", "Zephyr Linen Services", "BE0477472701", "", "", "Ghent"],
            ["Z-2", "Quartz Surgical", "", "", "+44 20 7946 0000", "York"],
        ]
        run = self._run(xlsx(rows))
        run.action_stage()
        zephyr = run.row_ids.filtered(lambda r: r.row_number == 2)
        quartz = run.row_ids.filtered(lambda r: r.row_number == 3)
        cluster = zephyr.cluster_id
        self.assertEqual(cluster.certainty, "review")
        self.assertEqual(cluster.existing_refs, f"res.partner:{acme.id}")
        self.assertFalse(quartz.cluster_id, "the same phone alone is no evidence")
        pair = cluster.pair_ids
        explanation = {label: (level, w) for label, level, w in json.loads(pair.explanation)}
        vat_label = self.env["res.partner"]._fields["vat"].string
        self.assertTrue(explanation[vat_label][0].startswith("same"), explanation)
        self.assertGreater(explanation[vat_label][1], 0)
        self.assertLess(explanation["Name"][1], 0)
        run.action_load()
        self.assertFalse(zephyr.res_id, "not loaded before the owner decides")
        self.assertTrue(quartz.res_id)
        self.assertEqual(acme.name, "Acme Medical Supplies")
        self.assertEqual(run._bucket_counts()["pending"], 1)
        self.assertTrue(run.rows_accounted)

    def test_runs_created_together_get_their_own_numbers(self):
        content = base64.b64encode(xlsx(self._rows()))
        first = self._run(xlsx(self._rows()))
        items = self.env.ref("hc_migration.domain_items")
        runs = (
            self.env["hc.migration.run"]
            .with_user(self.lead)
            .create(
                [
                    {"domain_id": self.domain.id, "file": content, "filename": "a.xlsx"},
                    {"domain_id": self.domain.id, "file": content, "filename": "b.xlsx"},
                    {"domain_id": items.id, "file": content, "filename": "c.xlsx"},
                ]
            )
        )
        self.assertEqual(runs[:2].mapped("number"), [first.number + 1, first.number + 2])
        self.assertEqual(len(set(runs.mapped("name"))), 3)
        # the database refuses a number given twice, whoever writes it
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"):
            with workflow_scope("hc.migration.run", {"number"}):
                runs[1].number = runs[0].number
            self.env.flush_all()

    def test_failing_chunk_is_rolled_back_alone(self):
        rows = [[f"S-{i:03d}", f"Supplier {i:03d} Ltd", "", "", "", ""] for i in range(1, 7)]
        run = self._run(xlsx(rows))
        run.action_stage()
        bad = run.row_ids.filtered(lambda r: r.row_number == 5)  # 4th row: second chunk of 3
        values = bad.values()
        values["name"] = False  # a contact without a name: the database refuses the chunk
        # a fixture: staged values are the pipeline's, so the test opens the workflow's scope
        with workflow_scope("hc.migration.row", {"mapped_values"}):
            bad.mapped_values = json.dumps(values)
        # chunks of 3 rows (the background load's chunk size, a system parameter)
        self.env["ir.config_parameter"].sudo().set_param("hc_migration.job_chunk_rows", "3")
        with mute_logger("odoo.sql_db"):
            run.action_load()
        states = {r.row_number: r.state for r in run.row_ids}
        self.assertEqual([states[n] for n in (2, 3, 4)], ["loaded"] * 3)
        self.assertEqual([states[n] for n in (5, 6, 7)], ["error"] * 3)
        self.assertIn("Load failed", run.row_ids.filtered(lambda r: r.row_number == 6).errors)
        self.assertEqual(run.loaded_created, 3)
        self.assertEqual(run.load_errors, 3)
        self.assertFalse(self.env["res.partner"].search([("ref", "=", "S005")]))

    def test_defaults_shared_only_when_stable(self):
        Run = self.env["hc.migration.run"]
        Partner = self.env["res.partner"]
        filled = Run._with_stable_defaults(
            Partner, [{"name": "A"}, {"name": "B", "ref": "X"}, {"name": "C"}]
        )
        self.assertEqual([v["name"] for v in filled], ["A", "B", "C"])
        self.assertTrue(all(v["active"] is True and v["type"] == "contact" for v in filled))
        self.assertEqual(filled[1]["ref"], "X")
        self.assertNotIn("ref", filled[0])  # no default: left to create
        # a default drawn per record (a guest's access token is a new uuid each time) is
        # not shared: create draws it per record, so the records do not share one token
        Guest = self.env["mail.guest"].sudo()
        filled = Run._with_stable_defaults(Guest, [{"name": "A"}, {"name": "B"}])
        self.assertNotIn("access_token", filled[0])
        self.assertNotIn("access_token", filled[1])
        guests = Guest.create(filled)
        self.assertEqual(len(set(guests.mapped("access_token"))), 2)

    def test_stable_computed_values_only_when_no_given_field_feeds_them(self):
        Partner = self.env["res.partner"].sudo()
        Run = self.env["hc.migration.run"]
        filled = Run._with_stable_defaults(Partner, [{"name": "A"}, {"name": "B"}])
        # the salesperson (editable, precomputed) follows the parent company; no row names
        # one, so every row gets what Odoo computes without a parent
        self.assertIn("user_id", filled[0])
        self.assertFalse(filled[1]["user_id"])
        # a row that names its parent: its salesperson is the parent's, left to create
        with_parent = Run._with_stable_defaults(Partner, [{"name": "A", "parent_id": 1}])
        self.assertNotIn("user_id", with_parent[0])
        # read-only computed fields are never given (create would recompute them anyway)
        self.assertNotIn("commercial_partner_id", filled[0])
        self.assertNotIn("complete_name", filled[0])

    def test_shared_values_give_the_records_a_plain_create_gives(self):
        """What the load shares is what Odoo's own defaults and computes give each record:
        for rows of the load's target models (with the related and parent fields that feed
        computes), every shared field of a record created from the shared values equals the
        record a plain ``create`` makes of the row."""
        Run = self.env["hc.migration.run"]
        parent = self.env["res.partner"].create({"name": "Parent Co", "is_company": True})
        parent.user_id = self.lead
        category = self.env["maintenance.equipment.category"].create({"name": "Pumps"})
        rows = {
            "res.partner": [
                {"name": "Plain Supplier"},
                {"name": "Child Contact", "parent_id": parent.id, "email": "c@example.com"},
                {"name": "Company", "is_company": True, "vat": "BE0477472701"},
            ],
            "product.template": [{"name": "Gloves", "default_code": "GL-1"}],
            "maintenance.equipment": [
                {"name": "Infusion pump", "category_id": category.id},
                {"name": "Monitor", "model": "MON-1"},
            ],
            "hr.employee": [{"name": "Nia Nurse", "work_email": "nia@example.com"}],
        }
        for model, vals_list in rows.items():
            Model = self.env[model].sudo()
            for vals in vals_list:
                filled = Run._with_stable_defaults(Model, [dict(vals)])[0]
                shared = set(filled) - set(vals)
                self.assertTrue(shared, model)
                plain, from_shared = Model.create(dict(vals)), Model.create(filled)
                for fname in shared:
                    field = Model._fields[fname]
                    if not field.store or field.type == "one2many":
                        continue
                    self.assertEqual(plain[fname], from_shared[fname], f"{model}.{fname}")

    def test_fields_of_one_compute_are_shared_together_or_not_at_all(self):
        Equipment = self.env["maintenance.equipment"].sudo()
        Run = self.env["hc.migration.run"]
        group = {"employee_id", "department_id", "assign_date"}  # _compute_equipment_assign
        # a row naming the employee: create protects the whole group, none of it is shared
        employee = self.env["hr.employee"].create({"name": "Asset Keeper"})
        vals = {"name": "Infusion pump", "employee_id": employee.id}
        filled = Run._with_stable_defaults(Equipment, [dict(vals)])[0]
        self.assertFalse(group & set(filled) - set(vals))
        # and the record is what a plain create gives
        plain, shared = Equipment.create(dict(vals)), Equipment.create(filled)
        for fname in ("employee_id", "department_id", "assign_date", "maintenance_team_id"):
            self.assertEqual(plain[fname], shared[fname], fname)
        # a row naming none of them: the group is given whole, as Odoo computes it
        filled = Run._with_stable_defaults(Equipment, [{"name": "Monitor"}])[0]
        self.assertLessEqual(group, set(filled))
        plain = Equipment.create({"name": "Monitor"})
        shared = Equipment.create(filled)
        for fname in group:
            self.assertEqual(plain[fname], shared[fname], fname)

    def test_loaded_records_are_traced_by_the_run_not_one_note_each(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        run.cluster_ids.with_user(self.owner).action_merge()
        # as from the button: the chatter is live (the test class switches it off)
        run.with_context(tracking_disable=False, mail_notrack=False).action_load()
        created = self.env["res.partner"].search([("ref", "in", ("S001", "S003", "S007"))])
        self.assertEqual(len(created), 3)
        self.assertFalse(created.message_ids, "no 'created' note per migrated record")
        self.assertFalse(created.message_partner_ids, "the lead follows none of them")
        summary = run.message_ids.filtered(lambda m: "Loaded into res.partner" in (m.body or ""))
        self.assertEqual(len(summary), 1)
        self.assertIn("3 created, 1 updated", summary.body)

    def test_rollback_of_a_mock_run(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        run.cluster_ids.with_user(self.owner).action_merge()
        run.action_load()
        created = self.env["res.partner"].search([("ref", "in", ("S001", "S003", "S007"))])
        self.assertEqual(len(created), 3)
        run.action_rollback()
        self.assertFalse(created.exists())
        self.assertFalse(self.existing.ref, "the updated partner is restored")
        self.assertEqual(self.existing.name, "Cygnus Diagnostics Ltd")
        self.assertEqual(run.state, "rolled_back")
        self.env["ir.config_parameter"].set_param("hc_migration.production", "1")
        again = self._run(xlsx(self._rows()[:1]))
        again.action_stage()
        again.action_load()
        with self.assertRaisesRegex(UserError, "production"):
            again.action_rollback()

    def test_signoff_voided_by_rule_change(self):
        self.assertIs(self.domain.with_user(self.owner).action_sign_off_cleansing(), True)
        signoff = self.domain.signoff_ids.filtered(lambda s: s.kind == "cleansing")
        self.assertTrue(signoff.is_valid)
        self.assertEqual(self.domain.signoff_state, "partial")
        with self.assertRaises(AccessError):
            self.domain.with_user(self.other_owner).action_sign_off_dedup()
        self.domain.rule_ids[:1].arg = "BE"
        self.assertFalse(signoff.is_valid)
        self.assertEqual(self.domain.signoff_state, "none")
        for kind in ("cleansing", "dedup", "cutover"):
            self.domain.with_user(self.owner).action_sign_off(kind)
        self.assertEqual(self.domain.signoff_state, "done")

    def test_access_by_role(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        Run = self.env["hc.migration.run"]
        self.assertIn(run, Run.with_user(self.owner).search([]))
        self.assertNotIn(run, Run.with_user(self.other_owner).search([]))
        with self.assertRaises(AccessError):
            run.row_ids.with_user(self.employee).read(["raw_values"])
        with self.assertRaises(AccessError):
            run.with_user(self.owner).action_load()
        self.assertEqual(
            self.env["hc.migration.domain"].with_user(self.owner).search([]), self.domain
        )

    def test_security_validation_recorded(self):
        domain = self.env.ref("hc_migration.domain_employees")
        content = xlsx(
            [["E-1", "Ada Byte", "", "ada@example.com"]],
            header=["Employee Number", "Full Name", "Department", "Work Email"],
        )
        run = self._run(content, filename="employees.xlsx", domain=domain)
        run.action_stage()
        run.action_load()
        # employees are HR content: any suite role outside HR that can read them is flagged
        self.assertIn("Data Migration / Data Owner: cannot read", run.security_result)
        # without other suite modules no role reads employees (their roles may)
        baseline = run.security_ok
        self.assertEqual(baseline, "NOT ALLOWED" not in run.security_result)
        # a suite role (under the suite's category) that is given read access to employees
        # (as a training module's trainers are) is a leak until the domain allows it
        privilege = self.env["res.groups.privilege"].create(
            {
                "name": "Floor Coaching",
                "category_id": self.env.ref("hc_base.module_category_hc_readiness_suite").id,
            }
        )
        coach = self.env["res.groups"].create({"name": "Coach", "privilege_id": privilege.id})
        self.env["ir.model.access"].create(
            {
                "name": "hr.employee coach",
                "model_id": self.env["ir.model"]._get_id("hr.employee"),
                "group_id": coach.id,
                "perm_read": True,
            }
        )
        run._security_check()
        self.assertIn("Floor Coaching / Coach: can read  <- NOT ALLOWED", run.security_result)
        self.assertFalse(run.security_ok)
        # the programme accepts that coaches read work information: recorded as allowed
        domain.restricted_group_ids |= coach
        run._security_check()
        self.assertIn("Floor Coaching / Coach: can read\n", run.security_result + "\n")
        self.assertEqual(run.security_ok, baseline, run.security_result)

    def test_lookups_by_name_and_external_id(self):
        domain = self.env.ref("hc_migration.domain_employees")
        self.env["hc.migration.mapping"].create(
            {
                "domain_id": domain.id,
                "source_column": "Job",
                "target_field": "job_id",
                "transform": "lookup",
                "transform_arg": "hr.job:xmlid",
            }
        )
        job = self.env["hr.job"].create({"name": "Lookup Planner"})
        self.env["ir.model.data"].create(
            {"module": "hc_test", "name": "lookup_planner", "model": "hr.job", "res_id": job.id}
        )
        job_xmlid = "hc_test.lookup_planner"
        content = xlsx(
            [
                ["E-7", "Lee Look", "Test Central Stores", "", job_xmlid],
                ["E-8", "Max Miss", "No Such Dept", "", ""],
            ],
            header=["Employee Number", "Full Name", "Department", "Work Email", "Job"],
        )
        run = self._run(content, filename="employees.xlsx", domain=domain)
        run.action_stage()
        ok, missing = run.row_ids.sorted("row_number")
        self.assertEqual(ok.values()["department_id"], self.dep_stores.id)
        self.assertEqual(ok.values()["job_id"], job.id)
        self.assertIn(
            "column 'Department': 'No Such Dept' not found in hr.department", missing.errors
        )

    def test_archive_scope_is_never_loaded(self):
        domain = self.env.ref("hc_migration.domain_po_history")
        content = xlsx([["PO-1"], ["PO-2"]], header=["PO Number"])
        run = self._run(content, filename="po.xlsx", domain=domain)
        run.action_stage()
        self.assertEqual(run.archived, 2)
        archive = self.env["hc.migration.archive"].search([("run_id", "=", run.id)])
        self.assertEqual(len(archive), 2)
        self.assertIn("PO-2", archive[1].content)
        with self.assertRaisesRegex(UserError, "staged and validated only"):
            run.action_load()

    def test_reconciliation_and_rejects_export(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()
        run.cluster_ids.with_user(self.owner).action_merge()
        run.action_load()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_migration.report_reconciliation", run.ids
        )
        self.assertIn("Rows read", html.decode())
        # reasons in the owner's words: the mapping's column, not the field's technical name
        self.assertIn("Supplier Code: duplicate key in file", html.decode())
        self.assertNotIn("ref: duplicate key in file", html.decode())
        action = run.action_export_rejects()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )

        sheet = load_workbook(io.BytesIO(attachment.raw))["Rejected rows"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Sheet", "Row", "Reasons"))
        self.assertEqual(len(rows), 4)


@tagged("post_install", "-at_install")
class TestMatchingLabelsTranslatable(HcMigrationCommon):
    def test_every_kind_label_and_level_is_translatable(self):
        """Generated over the matching engine's kinds: each field label and agreement level
        the review screen may show is a translatable term (a kind gaining a field cannot
        show an untranslated label), and each kind is reachable from a domain."""
        from ..lib import matching
        from ..models.hc_migration_domain_matching import MATCH_KINDS
        from ..models.hc_migration_match import FIELD_LABELS, LEVELS

        self.assertEqual(set(matching.KINDS), {key for key, _label in MATCH_KINDS})
        for kind in matching.KINDS.values():
            for spec in kind.fields:
                self.assertIn(spec.label, FIELD_LABELS, f"{kind.name}.{spec.key}")
                for level in spec.level_labels:
                    self.assertIn(level, LEVELS, f"{kind.name}.{spec.key}: {level}")


@tagged("post_install", "-at_install")
class TestLibraryMessagesTranslatable(HcMigrationCommon):
    def test_refusals_and_file_rejections_carry_their_template(self):
        """The library's messages (a refused mapping, a refused file) are shown through the
        translation function with their template and parameters, not as English text."""
        from ..lib import reader, reasons, targets

        french = {
            "the target model has no field '%(field)s'": "le modèle cible n'a pas de champ "
            "'%(field)s'",
            "'%(file)s' is neither an .xlsx workbook nor a .csv file.": "'%(file)s' n'est ni "
            "un classeur .xlsx ni un fichier .csv.",
        }

        def gettext(template, **params):
            return french[template] % params

        refusal = targets.field_refusal(self.env["res.partner"]._fields, "no_such_field")
        self.assertEqual(
            reasons.translate(gettext, refusal), "le modèle cible n'a pas de champ 'no_such_field'"
        )
        with self.assertRaises(reader.FileRejected) as caught:
            reader.read_file("notes.txt", b"plain text")
        self.assertIn("'notes.txt' is neither", str(caught.exception))
        self.assertEqual(
            reasons.translate(gettext, caught.exception),
            "'notes.txt' n'est ni un classeur .xlsx ni un fichier .csv.",
        )
        # what the user sees: a mapping refused in the model's words and the library's
        with self.assertRaisesRegex(
            ValidationError, "the target model has no field 'no_such_field'"
        ):
            self.env["hc.migration.mapping"].create(
                {
                    "domain_id": self.domain.id,
                    "source_column": "Nowhere",
                    "target_field": "no_such_field",
                }
            )
