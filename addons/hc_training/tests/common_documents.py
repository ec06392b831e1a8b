import base64

from .common import HcTrainingCommon

SOP_V1 = b"%PDF-1.4 SOP-T-001 Goods receipt v1: paper form GR-1"
SOP_V2 = b"%PDF-1.4 SOP-T-001 Goods receipt v2: receipts validated in Odoo"


class HcDocumentCommon(HcTrainingCommon):
    """An effective SOP (v1) for the stores role, a draft v2, and a published path whose
    acknowledgment step is linked to the SOP, assigned to the stores employees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qc_user = cls._create_user(
            "hc_t_quality", groups="hc_training.group_quality_coordinator", sites=cls.site_a
        )
        cls.qc_other = cls._create_user(
            "hc_t_quality_other",
            groups="hc_training.group_quality_coordinator",
            company=cls.company_other,
        )
        cls.sop = cls._create_document("SOP-T-001", "Goods receipt", roles=cls.role)
        cls.sop_v1 = cls._create_version(cls.sop, "v1", SOP_V1)
        cls.sop_v1._release()
        cls.sop_v2 = cls._create_version(cls.sop, "v2", SOP_V2)
        cls.doc_path = cls._create_path(
            "Stores documents",
            [
                {
                    "name": "Acknowledge SOP-T-001",
                    "kind": "acknowledgment",
                    "document_id": cls.sop.id,
                },
            ],
        )
        cls.doc_path.action_publish()
        cls.step_ack = cls.doc_path.step_ids
        cls.env["hc.training.assignment"]._assign_by_rules(cls.emp | cls.emp_2 | cls.emp_b)

    @classmethod
    def _create_document(cls, code, name, roles=None, departments=None, sites=None, **kw):
        return cls.env["hc.controlled.document"].create(
            dict(
                {
                    "code": code,
                    "name": name,
                    "company_id": cls.company.id,
                    "role_ids": [(6, 0, roles.ids if roles else [])],
                    "department_ids": [(6, 0, departments.ids if departments else [])],
                    "site_ids": [(6, 0, sites.ids if sites else [])],
                },
                **kw,
            )
        )

    @classmethod
    def _create_version(cls, document, name, data=None):
        return cls.env["hc.controlled.document.version"].create(
            {
                "document_id": document.id,
                "name": name,
                "sequence": int(name.strip("v") or 1),
                "file": base64.b64encode(data) if data else False,
                "file_name": f"{document.code}_{name}.pdf",
            }
        )

    def _ack_line(self, employee):
        return self.env["hc.training.completion"].search(
            [("employee_id", "=", employee.id), ("step_id", "=", self.step_ack.id)]
        )
