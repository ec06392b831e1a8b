"""Shared fixtures for the suite's tests: a hospital company with sites, departments, jobs,
employees and role users. Every test builds its own records, so tests pass with or without
demo data."""

from odoo.tests import TransactionCase, new_test_user


class HcCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.company = cls.env["res.company"].create({"name": "Test Health Group"})
        cls.company_other = cls.env["res.company"].create({"name": "Other Health Trust"})
        cls.site_a = cls._create_site("Alpha General Hospital", "TAG")
        cls.site_b = cls._create_site("Beta Community Hospital", "TBC")
        cls.site_other = cls._create_site("Gamma Clinic", "TGC", company=cls.company_other)
        Department = cls.env["hr.department"]
        cls.dep_stores = Department.create(
            {"name": "Test Central Stores", "company_id": cls.company.id}
        )
        cls.dep_biomed = Department.create(
            {"name": "Test Biomedical", "company_id": cls.company.id}
        )
        Job = cls.env["hr.job"]
        cls.job_stores = Job.create(
            {"name": "Test Stores Supervisor", "company_id": cls.company.id}
        )
        cls.job_biomed = Job.create(
            {"name": "Test Biomedical Technician", "company_id": cls.company.id}
        )

    @classmethod
    def _create_site(cls, name, code, company=None):
        return cls.env["hc.site"].create(
            {"name": name, "code": code, "company_id": (company or cls.company).id, "tz": "UTC"}
        )

    @classmethod
    def _create_shifts(cls, site):
        """Day 07-15, evening 15-23 and night 23-07 shifts of ``site`` (UTC site)."""
        Shift = cls.env["hc.shift"]
        return {
            kind: Shift.create(
                {
                    "name": kind.title(),
                    "shift_type": kind,
                    "site_id": site.id,
                    "hour_from": start,
                    "hour_to": end,
                }
            )
            for kind, start, end in (("day", 7, 15), ("evening", 15, 23), ("night", 23, 7))
        }

    @classmethod
    def _create_user(cls, login, groups="base.group_user", sites=None, company=None, **kw):
        company = company or cls.company
        user = new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            **kw,
        )
        if sites:
            user.hc_site_ids = [(6, 0, sites.ids)]
        return user

    @classmethod
    def _create_employee(
        cls, name, site=None, department=None, job=None, user=None, company=None, shift=None
    ):
        vals = {
            "name": name,
            "company_id": (company or cls.company).id,
            "hc_site_id": site.id if site else False,
            "department_id": department.id if department else False,
            "job_id": job.id if job else False,
        }
        if user:
            vals["user_id"] = user.id
        if shift:
            vals["hc_shift_id"] = shift.id
        return cls.env["hr.employee"].create(vals)
