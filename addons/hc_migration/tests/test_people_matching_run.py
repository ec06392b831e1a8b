import json

from odoo.tests import tagged

from .common import HcMigrationCommon, xlsx

HEADER = ("Employee Number", "Given Name", "Surname", "Date of Birth", "Phone")


@tagged("post_install", "-at_install")
class TestPeopleMatchingRun(HcMigrationCommon):
    """People through the workbench: given name, surname and date of birth compared (not
    loaded: *compare only*), typos and transpositions found, a shared name alone never
    merged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = cls.env.ref("hc_migration.domain_employees").copy(
            {"code": "EMPX", "name": "Employees (second HR system)", "owner_id": cls.owner.id}
        )
        cls.people.mapping_ids.unlink()
        cls.people.rule_ids.unlink()
        cls.people.write(
            {
                "mapping_ids": [
                    (0, 0, dict(source_column=col, target_field=field, transform=tr, **extra))
                    for col, field, tr, extra in (
                        ("Employee Number", "barcode", "code", {"is_key": True}),
                        (
                            "Given Name",
                            "name",
                            "join",
                            {"join_columns": "Surname", "join_separator": " "},
                        ),
                        (
                            "Given Name",
                            "given_name",
                            "trim",
                            {"dedup_role": "given_name", "compare_only": True},
                        ),
                        (
                            "Surname",
                            "surname",
                            "trim",
                            {"dedup_role": "surname", "compare_only": True},
                        ),
                        (
                            "Date of Birth",
                            "birth_date",
                            "date",
                            {
                                "transform_arg": "%d/%m/%Y",
                                "dedup_role": "birth_date",
                                "compare_only": True,
                            },
                        ),
                        ("Phone", "mobile_phone", "trim", {"dedup_role": "phone"}),
                    )
                ]
            }
        )

    def test_people_found_through_typos_never_by_name_alone(self):
        self.assertEqual(self.people.match_kind, "person")
        rows = [
            ["E-1", "Katherine", "Okonkwo", "14/02/1984", "+44 7700 900001"],
            ["E-2", "Catherine", "Okonkwo", "14/02/1984", ""],  # typo in the first letter
            ["E-3", "Marcus", "Feldmann", "03/11/1979", ""],
            ["E-4", "Marcus", "Feldman", "11/03/1979", ""],  # day and month transposed
            ["E-5", "Ana", "Silva", "01/01/1990", "+44 7700 900009"],
            ["E-6", "Ana", "Silva", "22/07/1961", ""],  # same name, another person
            ["E-7", "Tomasz", "Wright", "05/05/1975", "+44 7700 900009"],  # same phone as E-5
        ]
        run = self._run(xlsx(rows, header=HEADER), domain=self.people)
        run.action_stage()
        self.assertEqual(run.rows_rejected, 0, run.reason_summary)
        by_key = {r.source_key: r for r in run.row_ids}
        linked = {
            frozenset(c.row_ids.mapped("source_key"))
            for c in run.cluster_ids
            if c.certainty == "link"
        }
        self.assertIn(frozenset({"E1", "E2"}), linked)
        self.assertIn(frozenset({"E3", "E4"}), linked)
        self.assertFalse(any({"E5", "E6"} <= group for group in linked), linked)
        self.assertFalse(by_key["E7"].cluster_id, "a shared phone is no evidence")
        # explained in the owner's words: a compare-only value shows the mapping's label
        pair = by_key["E3"].cluster_id.pair_ids[:1]
        levels = {label: level for label, level, _w in json.loads(pair.explanation)}
        self.assertEqual(levels["Date of Birth"], "close")  # the mapping's column
        self.assertEqual(levels["Given Name"], "same")
        self.assertNotIn("National id", levels, "a value neither has is not shown")
        # the compared values are never loaded
        self.assertNotIn("given_name", self.people._loadable_fields())
        self.assertTrue(run.rows_accounted)
