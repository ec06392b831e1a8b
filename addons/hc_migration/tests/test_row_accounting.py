"""Migration integrity (issue #17): every row read is in exactly one bucket, rows rejected for a
field still take part in deduplication, matching across domains, sign-offs guarded by the
reject-rate target, bounded reasons."""

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HcMigrationCommon, xlsx


@tagged("post_install", "-at_install")
class TestRowAccounting(HcMigrationCommon):
    def _duplicates_file(self):
        rows = self._rows()
        # rejected for its email only: still compared on its name, VAT and code
        rows.append(["S-008", "Acme Medical Supplies", "BE0477472701", "not-an-email", "", ""])
        rows.append(["S-009", "Borealis Surgical AB", "", "", "", ""])  # same name as S-003
        return xlsx(rows)

    def _accounted(self, run):
        counts = run._bucket_counts()
        self.assertEqual(run.rows_read, sum(counts.values()), counts)
        self.assertTrue(run.rows_accounted)
        return counts

    def test_every_row_in_one_bucket_through_decisions(self):
        run = self._run(self._duplicates_file())
        run.action_stage()
        self.assertEqual(run.rows_read, 10)
        counts = self._accounted(run)
        rows = {r.row_number: r for r in run.row_ids}
        acme = rows[2].cluster_id
        # the row rejected for its email is in the Acme cluster (same VAT), and stays rejected
        self.assertEqual(rows[10].cluster_id, acme)
        self.assertEqual(rows[10].state, "rejected")
        # reasons name the agreeing fields by the target field's label, never technical names
        self.assertIn(self.env["res.partner"]._fields["vat"].string, acme.reasons)
        self.assertNotIn("vat", acme.reasons)
        borealis = rows[4].cluster_id
        self.assertEqual(rows[11].cluster_id, borealis)
        self.assertEqual(counts["rejected"], 4)
        # pending: Acme's two rows without error, Borealis's two, Cygnus (matches Odoo)
        self.assertEqual(counts["pending"], 5)
        self.assertEqual(counts["valid"], 1)  # Evergreen
        self.assertIs(acme.with_user(self.owner).action_merge(), True)
        counts = self._accounted(run)
        self.assertEqual((counts["merged"], counts["pending"], counts["valid"]), (1, 3, 2))
        self.assertEqual(acme.survivor_row_id, rows[2])
        self.assertEqual(rows[10].state, "rejected")  # a duplicate does not hide an error
        self.assertIs(borealis.with_user(self.owner).action_keep_apart(), True)
        counts = self._accounted(run)
        self.assertEqual((counts["apart"], counts["pending"]), (2, 1))
        self.assertIs(rows[5].cluster_id.with_user(self.owner).action_merge(), True)
        counts = self._accounted(run)
        self.assertEqual(counts["pending"], 0)
        run.action_load()
        counts = self._accounted(run)
        self.assertEqual(run.loaded_created + run.loaded_updated, counts["valid"] + counts["apart"])
        run.action_rollback()
        self._accounted(run)

    def test_a_lost_row_is_refused(self):
        run = self._run(self._duplicates_file())
        run.action_stage()
        self.env.cr.execute(
            "DELETE FROM hc_migration_row WHERE id = %s", [run.row_ids.sorted("row_number")[-1].id]
        )
        self.env.invalidate_all()
        with self.assertRaisesRegex(ValidationError, "10 rows read but 9"):
            run._refresh_metrics()

    def test_many_duplicates_all_counted(self):
        # 40 rows, 10 suppliers each four times: every row is in a count
        rows = [
            [f"S-{i % 10:03d}{i // 10}", f"Supplier {chr(65 + i % 10)} Medical", "", "", "", ""]
            for i in range(40)
        ]
        run = self._run(xlsx(rows))
        run.action_stage()
        counts = self._accounted(run)
        self.assertEqual(counts["pending"], 40)
        run.cluster_ids.with_user(self.owner).action_merge()
        counts = self._accounted(run)
        self.assertEqual((counts["valid"], counts["merged"]), (10, 30))

    # ---------------------------------------------------------- across domains
    def test_second_domain_on_the_same_model_matches_records_of_the_first(self):
        rows = [
            ["Q-101", "Halcyon Surgical Ltd", "", "", "", ""],
            ["Q-102", "Ivory Lab Supplies", "", "", "", ""],
        ]
        run = self._run(xlsx(rows))
        run.action_stage()
        run.action_load()
        self.assertEqual(run.loaded_created, 2)
        by_hand = self.env["res.partner"].create({"name": "Juniper Dental", "ref": "Q104"})
        second = self.domain.copy({"code": "SUP2", "name": "Suppliers (second ledger)"})
        second.owner_id = self.owner
        rows = [
            ["Q-101", "Halcyon Surgical", "", "", "", ""],
            ["Q-102", "Ivory Lab Supplies", "", "", "", ""],
            ["Q-104", "Juniper Dental Ltd", "", "", "", ""],
        ]
        other = self._run(xlsx(rows), domain=second)
        other.action_stage()
        first_ids = self.env["res.partner"].search([("ref", "in", ("Q101", "Q102"))])
        matched = {
            ref
            for cluster in other.cluster_ids
            for ref in (cluster.existing_refs or "").split(",")
            if ref
        }
        self.assertEqual(
            matched, {f"res.partner:{i}" for i in first_ids.ids} | {f"res.partner:{by_hand.id}"}
        )
        self.assertFalse(other.row_ids.filtered(lambda r: r.state == "valid"))
        other.cluster_ids.with_user(self.owner).action_merge()
        other.action_load()
        self.assertEqual((other.loaded_created, other.loaded_updated), (0, 3))
        for ref in ("Q101", "Q102", "Q104"):
            self.assertEqual(self.env["res.partner"].search_count([("ref", "=", ref)]), 1, ref)
        # the first domain re-running its file updates its own records, no cluster needed
        again = self._run(xlsx(rows[:2]))
        again.action_stage()
        self.assertFalse(again.cluster_ids.filtered("existing_refs"))

    # ---------------------------------------------------------------- sign-off
    def _breaching_run(self):
        run = self._run(xlsx(self._rows()))
        run.action_stage()  # 3 of 8 rows rejected: 37.5 % against a 1 % target
        self.assertGreater(run.reject_rate, self.domain.reject_threshold)
        return run

    def test_sign_off_refused_while_the_target_is_breached(self):
        run = self._breaching_run()
        with self.assertRaisesRegex(UserError, r"rejected 37\.5% of its rows.*target of 1\.0%"):
            self.domain.with_user(self.owner).action_sign_off("cleansing")
        with self.assertRaisesRegex(UserError, "37.5%"):
            self.env["hc.migration.signoff"].with_user(self.owner).create(
                {"domain_id": self.domain.id, "kind": "cleansing"}
            )
        # the button asks for the exception instead
        action = self.domain.with_user(self.owner).action_sign_off_cleansing()
        self.assertEqual(action["res_model"], "hc.migration.signoff.exception")
        wizard = (
            self.env["hc.migration.signoff.exception"]
            .with_user(self.owner)
            .with_context(**action["context"])
            .create({"reason": "Rejected rows are retired suppliers, not migrated."})
        )
        self.assertEqual((wizard.run_id, wizard.reject_rate), (run, 37.5))
        wizard.action_confirm()
        signoff = self.domain.signoff_ids.filtered(lambda s: s.kind == "cleansing")
        self.assertEqual(len(signoff), 1)
        self.assertEqual(
            (
                signoff.run_id,
                signoff.reject_rate,
                signoff.reject_threshold,
                signoff.target_breached,
            ),
            (run, 37.5, 1.0, True),
        )
        self.assertIn("retired suppliers", signoff.exception_reason)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_migration.report_reconciliation", run.ids
        )
        self.assertIn("retired suppliers", html.decode())
        self.assertIn("Target breached", html.decode())

    def test_second_sign_off_of_a_version_updates(self):
        self.assertIs(self.domain.with_user(self.owner).action_sign_off_dedup(), True)
        first = self.domain.signoff_ids.filtered(lambda s: s.kind == "dedup")
        self.domain.with_user(self.lead).action_sign_off("dedup")
        again = self.domain.signoff_ids.filtered(lambda s: s.kind == "dedup")
        self.assertEqual(again, first)
        self.assertEqual(again.user_id, self.lead)
        # the database refuses a second row for the same version whatever the path
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO hc_migration_signoff (domain_id, kind, rule_version, user_id, date) "
                "VALUES (%s, 'dedup', %s, %s, now())",
                [self.domain.id, self.domain.rule_version, self.owner.id],
            )
        # a new rule version is a new sign-off
        self.domain.rule_ids[:1].arg = "BE"
        self.domain.with_user(self.owner).action_sign_off("dedup")
        self.assertEqual(len(self.domain.signoff_ids.filtered(lambda s: s.kind == "dedup")), 2)

    def test_demo_domain_owners_hold_the_data_owner_role(self):
        owned = self.env["hc.migration.domain"].search([("owner_id", "!=", False)])
        for domain in owned:
            with self.subTest(domain=domain.code):
                self.assertTrue(
                    domain.owner_id.has_group("hc_migration.group_data_owner"),
                    domain.owner_id.login,
                )
