import base64

from odoo.addons.hc_base.tests.common import HcCommon

from .files import HEADER, xlsx  # noqa: F401 (the tests import them from here too)


class HcMigrationCommon(HcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._create_user("hc_m_lead", groups="hc_migration.group_migration_lead")
        cls.owner = cls._create_user("hc_m_owner", groups="hc_migration.group_data_owner")
        cls.other_owner = cls._create_user("hc_m_owner2", groups="hc_migration.group_data_owner")
        cls.employee = cls._create_user("hc_m_emp")
        cls.domain = cls.env.ref("hc_migration.domain_suppliers")
        cls.domain.owner_id = cls.owner
        cls.env.ref("hc_migration.domain_items").owner_id = cls.other_owner
        cls.existing = cls.env["res.partner"].create(
            {"name": "Cygnus Diagnostics Ltd", "phone": "+44 20 7946 0000", "is_company": True}
        )

    def _run(self, content, filename="suppliers.xlsx", domain=None, user=None):
        return (
            self.env["hc.migration.run"]
            .with_user(user or self.lead)
            .create(
                {
                    "domain_id": (domain or self.domain).id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                }
            )
        )

    def _rows(self):
        return [
            [
                "S-001",
                "Acme Medical Supplies Ltd",
                "BE0477472701",
                "orders@acme-med.example",
                "",
                "brussels",
            ],
            ["S-002", "ACME Medical Supplies", "BE 0477.472.701", "", "", "Brussels"],  # same VAT
            ["S-003", "Borealis Surgical", "", "sales@borealis.example", "", "oslo"],
            ["S-004", "Cygnus Diagnostic", "", "", "020 7946 0000", "london"],  # matches Odoo
            ["S-005", "", "", "", "", ""],  # name missing
            ["S-006", "Delta Sterile Services", "BE0477472700", "", "", ""],  # bad VAT
            [
                "S-006",
                "Delta Sterile Services bis",
                "",
                "not-an-email",
                "",
                "",
            ],  # dup key, bad email
            ["S-007", "Evergreen Linen", "", "", "", "ghent"],
        ]
