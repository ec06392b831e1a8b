from datetime import timedelta

from odoo import fields

from odoo.addons.hc_training.tests.common import HcTrainingCommon


class HcReadinessCommon(HcTrainingCommon):
    """A programme over sites A and B with one wave needing the stores role (Inventory)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inventory = cls.env.ref("hc_base.app_area_inventory")
        cls.role.app_area_ids = cls.inventory
        cls.role.workstream_id = cls.env.ref("hc_training.workstream_stores")
        cls.pmo_user = cls._create_user("hc_r_pmo", groups="hc_readiness.group_pmo")
        cls.exec_user = cls._create_user("hc_r_exec", groups="hc_readiness.group_executive")
        cls.super_user_a = cls._create_user(
            "hc_r_su_a", groups="hc_readiness.group_super_user", sites=cls.site_a
        )
        cls.lead_user = cls._create_user("hc_r_lead")
        cls.program = cls.env["hc.program"].create(
            {
                "name": "Test go-live",
                "company_id": cls.company.id,
                "site_ids": [(6, 0, (cls.site_a | cls.site_b).ids)],
                "weight_process": 50.0,
                "weight_system": 0.0,
                "weight_exception": 50.0,
                "threshold_amber": 50.0,
                "threshold_green": 90.0,
                "workstream_ids": [
                    (
                        0,
                        0,
                        {
                            "workstream_id": cls.env.ref("hc_training.workstream_stores").id,
                            "lead_id": cls.lead_user.id,
                        },
                    )
                ],
            }
        )
        cls.wave = cls.env["hc.program.wave"].create(
            {
                "program_id": cls.program.id,
                "name": "Wave A+B",
                "go_live_date": fields.Date.today() + timedelta(days=30),
                "site_ids": [(6, 0, (cls.site_a | cls.site_b).ids)],
                "app_area_ids": [(6, 0, cls.inventory.ids)],
            }
        )

    def _score(self, level, **keys):
        domain = [("program_id", "=", self.program.id), ("level", "=", level)]
        domain += [(k, "=", v.id) for k, v in keys.items()]
        return self.env["hc.readiness.score"].search(domain)
