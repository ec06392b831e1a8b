from lxml import etree

from odoo import fields
from odoo.tests import tagged

from odoo.addons.hc_base.guards import workflow_scope

from .common import HcReadinessCommon


@tagged("post_install", "-at_install")
class TestQueryCounts(HcReadinessCommon):
    """The hot paths of readiness cost the same number of queries whatever the number of
    people or sites: each budget is measured at two sizes, after a warm-up call."""

    def _add_stores_employees(self, count, sites):
        """``count`` more stores employees spread over ``sites``: the role rule assigns
        them the stores path, so each brings two mandatory training lines."""
        return self.env["hr.employee"].create(
            [
                {
                    "name": f"Query count employee {len(sites)}-{i}",
                    "company_id": self.company.id,
                    "hc_site_id": sites[i % len(sites)].id,
                    "department_id": self.dep_stores.id,
                    "job_id": self.job_stores.id,
                }
                for i in range(count)
            ]
        )

    def _stores_employee_count(self):
        return self.env["hr.employee"].search_count(
            [("company_id", "=", self.company.id), ("job_id", "=", self.job_stores.id)]
        )

    def _complete_session_step(self):
        """Every open line of the path's session step done: the readiness of every employee
        who had one changes, so the recompute updates their score rows."""
        lines = self.env["hc.training.completion"].search(
            [("step_id", "=", self.step_session.id), ("state", "!=", "done")]
        )
        with workflow_scope("hc.training.completion", {"state", "date_completed"}):
            lines.write({"state": "done", "date_completed": fields.Date.today()})
        return lines

    def _employee_rows(self):
        return self.env["hc.readiness.score"].search_count(
            [("program_id", "=", self.program.id), ("level", "=", "employee")]
        )

    # ------------------------------------------------------------ recompute
    def test_recompute_budget_does_not_grow_with_headcount(self):
        """The readiness recompute (the PMO's button and the cron's engine): one aggregate
        query, bulk writes of the score rows, lenses and waves, at 10 and at 50 people."""
        program = self.program.with_user(self.pmo_user)
        sites = self.site_a | self.site_b
        for size in (10, 50):
            self._add_stores_employees(size - self._stores_employee_count(), sites)
            program.action_recompute_readiness()  # warm-up; stores the new people's rows
            self.assertTrue(self._complete_session_step(), "a change to recompute")
            self.env.invalidate_all()  # a new request
            with self.assertQueryCount(46):
                program.action_recompute_readiness()
            self.assertEqual(self._employee_rows(), size)
            # nothing changed since: no row is written
            self.env.invalidate_all()
            with self.assertQueryCount(44):
                program.action_recompute_readiness()

    # ------------------------------------------------------------ dashboard
    def _read_spec(self, node, model):
        """The ``web_read`` specification the web client builds from a view's arch: its
        fields, the fields of inline x2many lists, and the display name (and tag colour) of
        related records."""
        spec = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag != "field":
                for name, sub in self._read_spec(child, model).items():
                    spec.setdefault(name, sub)
                continue
            field = self.env[model]._fields[child.get("name")]
            if field.type in ("one2many", "many2many") and child.find("list") is not None:
                spec[field.name] = {
                    "fields": self._read_spec(child.find("list"), field.comodel_name)
                }
            elif field.relational:
                related = {"display_name": {}}
                if "color_field" in (child.get("options") or ""):
                    related["color"] = {}
                spec[field.name] = {"fields": related}
            else:
                spec.setdefault(field.name, {})
        return spec

    def _view_spec(self, model, view_type):
        views = self.env[model].with_user(self.pmo_user).get_views([(False, view_type)])
        arch = etree.fromstring(views["views"][view_type]["arch"])
        spec = self._read_spec(arch, model)
        if arch.get("highlight_color"):
            spec[arch.get("highlight_color")] = {}
        return spec

    def _open_dashboard_and_programme(self, form_spec, kanban_spec, domain):
        """What the PMO's screens read: the programme form (figures, lenses, waves,
        workstreams) and its dashboard (the wave and site rows, grouped by wave; the
        action itself is loaded by a request of its own)."""
        self.program.with_user(self.pmo_user).web_read(form_spec)
        Score = self.env["hc.readiness.score"].with_user(self.pmo_user)
        return Score.web_read_group(
            domain,
            ["wave_id"],
            auto_unfold=True,
            unfold_read_specification=kanban_spec,
            unfold_read_default_limit=40,
        )

    def test_dashboard_read_budget_does_not_grow_with_sites(self):
        """Opening the programme and its dashboard as the PMO costs the same with 2 sites
        (2 site rows, 8 site lenses) as with 10 (10 site rows, 40 site lenses)."""
        form_spec = self._view_spec("hc.program", "form")
        kanban_spec = self._view_spec("hc.readiness.score", "kanban")
        self.assertIn("site_lens_ids", form_spec)
        self.assertIn("site_id", kanban_spec)
        sites = self.site_a | self.site_b
        for size in (2, 10):
            while len(sites) < size:
                sites |= self._create_site(f"Query count site {len(sites)}", f"QC{len(sites)}")
            self.program.site_ids = sites
            self.wave.site_ids = sites
            self._add_stores_employees(2 * size, sites)
            program = self.program.with_user(self.pmo_user)
            program.action_recompute_readiness()
            domain = program.action_open_dashboard()["domain"]
            self._open_dashboard_and_programme(form_spec, kanban_spec, domain)  # warm-up
            self.env.invalidate_all()  # a new request
            with self.assertQueryCount(30):
                result = self._open_dashboard_and_programme(form_spec, kanban_spec, domain)
            (group,) = result["groups"]
            self.assertEqual(len(group["__records"]), size + 1, "the wave row and a row per site")
