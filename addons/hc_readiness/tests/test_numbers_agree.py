"""One number, one source: the readiness of a site and of a wave is the same on every screen
and in the executive scorecard, read the way each screen reads it."""

import ast
import base64
import json
from collections import defaultdict

from lxml import etree, html

from odoo.fields import Domain
from odoo.tests import tagged

from .common import HcReadinessCommon

# stored scores are rounded to 2 decimals; a grouped figure is computed unrounded
DELTA = 0.006


@tagged("post_install", "-at_install")
class TestNumbersAgree(HcReadinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a second role in another workstream, held by Erin only: Erin counts once in her
        # site's headcount, split over her two roles
        cls.role_2 = cls.env["hc.training.role"].create(
            {
                "name": "Test Purchasing Clerk",
                "code": "T-PUR",
                "company_id": cls.company.id,
                "app_area_ids": [(6, 0, cls.inventory.ids)],
                "workstream_id": cls.env.ref("hc_training.workstream_procurement").id,
            }
        )
        cls.path_2 = cls._create_path(
            "Purchasing go-live",
            [
                {"name": "Requisition process", "kind": "session", "layer": "process"},
                {"name": "Requisition in Odoo", "kind": "session", "layer": "system"},
            ],
            role=cls.role_2,
        )
        cls.path_2.action_publish()
        cls.env["hc.training.assignment"]._create_assignments(
            [{"employee_id": cls.emp.id, "path_id": cls.path_2.id}]
        )
        # site B gets more people than site A: a plain mean of the two sites is not the wave
        cls.emp_c = cls._create_employee(
            "Cleo Stores", site=cls.site_b, department=cls.dep_stores, job=cls.job_stores
        )
        cls.emp_d = cls._create_employee(
            "Dan Stores", site=cls.site_b, department=cls.dep_stores, job=cls.job_stores
        )
        program = cls.program.with_user(cls.pmo_user)
        program.write({"weight_process": 30.0, "weight_system": 40.0, "weight_exception": 30.0})
        done = cls.env["hc.training.completion"]
        for employee, path, steps in (
            (cls.emp, cls.path, [cls.step_session]),
            (cls.emp, cls.path_2, cls.path_2.step_ids[:1]),
            (cls.emp_b, cls.path, [cls.step_session, cls.step_scenario]),
            (cls.emp_c, cls.path, [cls.step_session]),
        ):
            assignment = cls._assignment(employee, path)
            done |= assignment.completion_ids.filtered(lambda c, s=steps: c.step_id in s)
        done._complete(source="signoff", score=85)
        program.action_recompute_readiness()
        program._take_snapshots()

    # ------------------------------------------------------------- expected
    def _expected(self, program):
        """The engine's stored figures: per (wave, site), per wave, per site across its
        waves (the site lens), and the programme."""
        Score = self.env["hc.readiness.score"]
        rows = Score.search(
            [("program_id", "=", program.id), ("level", "in", ("site", "wave", "program"))]
        )
        expected = {}
        for row in rows:
            key = {"site": (row.wave_id.id, row.site_id.id), "wave": (row.wave_id.id, None)}.get(
                row.level, (None, None)
            )
            expected[key] = (row.score, row.weight)
        site_lenses = program.site_lens_ids.filtered(lambda x: x.lens == "user_readiness")
        for lens in site_lenses.filtered("has_evidence"):
            people = sum(rows.filtered(lambda r, s=lens.site_id: r.site_id == s).mapped("people"))
            expected[None, lens.site_id.id] = (lens.value, people)
        return expected

    def _assert_group(self, expected, key, score, people, where):
        self.assertIn(key, expected, f"{where}: a group the engine did not store: {key}")
        want_score, want_people = expected[key]
        self.assertAlmostEqual(score, want_score, delta=DELTA, msg=f"{where} {key}: readiness")
        self.assertAlmostEqual(people, want_people, places=6, msg=f"{where} {key}: headcount")

    def _read_groups(self, model, domain, groupbys, measures, expected, where):
        """read_group the way a pivot/graph does for each prefix of its groupbys, and compare
        the groups that are a wave, a site or the programme."""
        Model = self.env[model]
        specs = [f"{m}:{Model._fields[m].aggregator}" for m in measures]
        people_spec = next((s for s in specs if s.startswith(("people:", "weight:"))), None)
        for depth in range(len(groupbys) + 1):
            groupby = groupbys[:depth]
            if not set(groupby) <= {"wave_id", "site_id"}:
                continue
            for group in Model.formatted_read_group(domain, groupby, specs):
                wave = group.get("wave_id") and group["wave_id"][0]
                site = group.get("site_id") and group["site_id"][0]
                key = (wave or None, site or None)
                if "wave_id" not in groupby and "site_id" not in groupby:
                    key = (None, None)
                self._assert_group(
                    expected,
                    key,
                    group["score:avg"],
                    group[people_spec] if people_spec else expected.get(key, (0, 0))[1],
                    f"{where} grouped by {groupby}",
                )

    # ---------------------------------------------------------------- screens
    def _assert_numbers_agree(self, program):
        expected = self._expected(program)
        Score = self.env["hc.readiness.score"]
        in_program = Domain("program_id", "=", program.id)
        self.assertTrue(expected)
        # programme and lens list: the programme row and the user-readiness lens
        lens = program.lens_ids.filtered(lambda x: x.lens == "user_readiness")
        self.assertAlmostEqual(lens.value, expected[None, None][0], delta=DELTA)
        for (wave_id, site_id), (score, people) in expected.items():
            if wave_id and not site_id:  # the wave form
                wave = self.env["hc.program.wave"].browse(wave_id)
                self.assertAlmostEqual(wave.score, score, delta=DELTA, msg=wave.name)
                self.assertEqual(wave.headcount, people, wave.name)

        # PMO dashboard (kanban): the stored wave and site rows it lists
        action = self.env.ref("hc_readiness.hc_readiness_dashboard_action")
        domain = Domain(ast.literal_eval(action.domain))
        for row in Score.search(domain & in_program):
            key = (row.wave_id.id, row.site_id.id or None)
            self._assert_group(expected, key, row.score, row.weight, "dashboard")

        # pivots of the score model, with the measures of the pivot view
        arch = etree.fromstring(self.env.ref("hc_readiness.hc_readiness_score_view_pivot").arch)
        measures = [f.get("name") for f in arch.iter("field") if f.get("type") == "measure"]
        self.assertEqual(set(measures), {"score", "people"})
        # the site x workstream pivot (Readiness Scores opens on the same role rows)
        action = self.env.ref("hc_readiness.hc_readiness_pivot_action")
        pivot_domain = Domain(ast.literal_eval(action.domain)) & in_program
        for groupbys in (["wave_id", "site_id"], ["site_id"]):
            self._read_groups(
                "hc.readiness.score", pivot_domain, groupbys, measures, expected, "pivot"
            )

        # spreadsheet dashboard: its pivots, list and charts on the same stored fields
        dashboard = self.env.ref("hc_readiness.spreadsheet_dashboard_go_live_readiness")
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        checked = 0
        for pivot in data["pivots"].values():
            if pivot["model"] != "hc.readiness.score":
                continue
            rows = [r["fieldName"] for r in pivot["rows"]]
            measures = [m["fieldName"] for m in pivot["measures"]]
            self._read_groups(
                pivot["model"],
                Domain(pivot["domain"]) & in_program,
                rows,
                measures,
                expected,
                f"spreadsheet pivot {pivot['name']}",
            )
            checked += 1
        self.assertGreaterEqual(checked, 2)
        for pivot in data["pivots"].values():
            if pivot["model"] == "hc.readiness.lens":
                groups = self.env["hc.readiness.lens"].formatted_read_group(
                    Domain(pivot["domain"]) & in_program & Domain("lens", "=", "user_readiness"),
                    [],
                    ["value:avg"],
                )
                self.assertAlmostEqual(groups[0]["value:avg"], expected[None, None][0], delta=DELTA)
        for spreadsheet_list in data["lists"].values():
            records = self.env[spreadsheet_list["model"]].search(
                Domain(spreadsheet_list["domain"]) & in_program
            )
            self.assertTrue({"score", "weight", "rag"} <= set(spreadsheet_list["columns"]))
            for row in records:
                key = (row.wave_id.id, row.site_id.id or None)
                self._assert_group(expected, key, row.score, row.weight, "spreadsheet list")
        for figure in data["sheets"][0]["figures"]:
            meta = figure["data"].get("metaData", {})
            if meta.get("resModel") == "hc.readiness.score":
                self._read_groups(
                    meta["resModel"],
                    Domain(figure["data"]["searchParams"]["domain"]) & in_program,
                    [g.split(":")[0] for g in meta["groupBy"]],
                    [meta["measure"], "people"],
                    expected,
                    f"spreadsheet chart {figure['id']}",
                )

        # "By role" from each site card: the role rows add up to the site, each with steps
        for site_row in Score.search(in_program & Domain("level", "=", "site")):
            role_domain = Domain(site_row.action_open_children()["domain"])
            roles = Score.search(role_domain)
            self.assertTrue(roles)
            for role in roles:
                self.assertTrue(role.has_score)
                self.assertGreater(role.lines_total, 0, f"{role.display_name}: no steps")
                self.assertLessEqual(role.lines_done, role.lines_total)
            (group,) = Score.formatted_read_group(role_domain, [], ["score:avg", "people:sum"])
            self._assert_group(
                expected,
                (site_row.wave_id.id, site_row.site_id.id),
                group["score:avg"],
                group["people:sum"],
                "by role",
            )
            self.assertEqual(
                sum(roles.mapped("lines_total")),
                site_row.lines_total,
                "the roles' steps are the site's steps",
            )

        # lens list and trend: the site lens and its snapshot of today
        snapshots = self.env["hc.readiness.snapshot"].search(
            [("program_id", "=", program.id), ("lens", "=", "user_readiness")]
        )
        latest = {}
        for snapshot in snapshots.sorted("date"):
            latest[snapshot.site_id.id or None] = snapshot
        lenses = {
            lens.site_id.id or None: lens
            for lens in (program.lens_ids | program.site_lens_ids)
            if lens.lens == "user_readiness"
        }
        for site_id, snapshot in latest.items():
            lens = lenses[site_id]
            self.assertEqual(snapshot.has_evidence, lens.has_evidence)
            self.assertAlmostEqual(snapshot.value, lens.value, delta=DELTA)
            if snapshot.has_evidence:
                self.assertAlmostEqual(snapshot.value, expected[None, site_id][0], delta=DELTA)

        # executive scorecard PDF (its HTML): wave and site rows
        report_html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hc_readiness.report_executive_scorecard", program.ids
        )
        tree = html.fromstring(report_html)
        printed = 0
        for tr in tree.xpath("//tr[@data-hc-score]"):
            wave_id, site_id = (int(x) for x in tr.get("data-hc-score").split("-"))
            score, people = expected[wave_id, site_id or None]
            self.assertEqual(
                tr.xpath(".//*[hasclass('o_hc_score')]")[0].text_content().strip(),
                f"{score:.0f}",
            )
            self.assertEqual(
                tr.xpath(".//*[hasclass('o_hc_headcount')]")[0].text_content().strip(),
                str(int(people)),
            )
            printed += 1
        self.assertEqual(printed, len([k for k in expected if k[0]]))

    def test_numbers_agree_on_every_screen(self):
        self._assert_numbers_agree(self.program)
        # the fixture is built to catch a plain mean of percentages: sites of different
        # headcounts and an employee holding two roles in two workstreams
        site_a = self._score("site", site_id=self.site_a)
        site_b = self._score("site", site_id=self.site_b)
        self.assertNotEqual(site_a.weight, site_b.weight)
        wave = self._score("wave", wave_id=self.wave)
        self.assertNotAlmostEqual(wave.score, (site_a.score + site_b.score) / 2, places=1)
        roles_a = self._score("role", site_id=self.site_a)
        self.assertEqual(len(roles_a), 2)
        self.assertGreater(sum(roles_a.mapped("weight")), site_a.weight)
        self.assertAlmostEqual(sum(roles_a.mapped("people")), site_a.weight, places=6)

    def test_demo_programme_numbers_agree(self):
        program = self.env.ref("hc_readiness.program_northbridge_demo", raise_if_not_found=False)
        if not program:
            self.skipTest("no demo data: the programme of the fixture is checked above")
        program._recompute_readiness()
        program._take_snapshots()
        self._assert_numbers_agree(program)

    def test_workstreams_add_up(self):
        """The programme's workstream lines, the workstream rows and the site x workstream
        pivot's columns are one figure."""
        Score = self.env["hc.readiness.score"]
        groups = Score.formatted_read_group(
            [("program_id", "=", self.program.id), ("level", "=", "role")],
            ["workstream_id"],
            ["score:avg", "people:sum"],
        )
        by_workstream = {g["workstream_id"][0]: g for g in groups if g["workstream_id"]}
        for line in self.program.workstream_ids:
            row = self._score("workstream", workstream_id=line.workstream_id)
            group = by_workstream[line.workstream_id.id]
            self.assertAlmostEqual(row.score, group["score:avg"], delta=DELTA)
            self.assertAlmostEqual(line.score, row.score, delta=DELTA)
            self.assertAlmostEqual(row.people, group["people:sum"], places=6)
            self.assertAlmostEqual(line.headcount, round(row.people, 1), places=6)

    def test_no_mandatory_training_shows_no_percentage(self):
        """People whose mandatory steps carry no weight have no score, not a made-up 0 %,
        and count nowhere: only the purchasing path has a system-execution step."""
        self.program.with_user(self.pmo_user).write(
            {"weight_process": 0.0, "weight_system": 100.0, "weight_exception": 0.0}
        )
        self.program.with_user(self.pmo_user).action_recompute_readiness()
        Score = self.env["hc.readiness.score"]
        rows = Score.search([("program_id", "=", self.program.id)])
        roles = rows.filtered(lambda r: r.level == "role")
        self.assertEqual(roles.role_id, self.role_2)
        self.assertEqual(rows.filtered(lambda r: r.level == "employee").employee_id, self.emp)
        self.assertFalse(rows.filtered(lambda r: r.level == "site" and r.site_id == self.site_b))
        self.assertTrue(all(rows.mapped("has_score")))
        self.assertEqual(
            (self.wave.headcount, self._score("wave", wave_id=self.wave).weight), (1, 1)
        )
        self._assert_numbers_agree(self.program)


@tagged("post_install", "-at_install")
class TestChartsDoNotMislead(HcReadinessCommon):
    def test_percentages_over_time_are_line_charts_not_stacked(self):
        for xmlid in (
            "hc_readiness.hc_readiness_snapshot_view_graph",
            "hc_migration.hc_migration_run_view_graph",
        ):
            graph = etree.fromstring(self.env.ref(xmlid).arch)
            self.assertEqual((graph.get("type"), graph.get("stacked")), ("line", "0"), xmlid)

    def test_spreadsheet_dashboard_has_charts_and_rag(self):
        dashboard = self.env.ref("hc_readiness.spreadsheet_dashboard_go_live_readiness")
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        sheet = data["sheets"][0]
        charts = [f for f in sheet["figures"] if f["tag"] == "chart"]
        self.assertTrue(charts)
        for chart in charts:
            self.assertFalse(chart["data"].get("stacked"), chart["id"])
            meta = chart["data"]["metaData"]
            model = self.env[meta["resModel"]]
            self.assertIn(meta["measure"], model._fields)
            for groupby in meta["groupBy"]:
                self.assertIn(groupby.split(":")[0], model._fields)
        self.assertIn("odoo_line", {c["data"]["type"] for c in charts})
        colours = {
            cf["rule"]["values"][0]: cf["rule"]["style"]["fillColor"]
            for cf in sheet["conditionalFormats"]
        }
        labels = dict(self.env["hc.readiness.score"]._fields["rag"].selection)
        self.assertEqual(set(colours), {labels["red"], labels["amber"], labels["green"]})

    def test_risk_heat_map(self):
        Raid = self.env["hc.raid.item"]
        for impact, likelihood, state in (
            ("5", "4", "open"),
            ("5", "4", "mitigating"),
            ("1", "2", "open"),
            ("3", "3", "closed"),
        ):
            Raid.create(
                {
                    "name": f"Risk {impact}x{likelihood}",
                    "raid_type": "risk",
                    "program_id": self.program.id,
                    "impact": impact,
                    "likelihood": likelihood,
                    "state": state,
                }
            )
        domain = [("program_id", "=", self.program.id), ("state", "in", ("open", "mitigating"))]
        heat = Raid.with_user(self.exec_user).get_risk_heat_map(domain)
        self.assertEqual([row["impact"] for row in heat["rows"]], ["5", "4", "3", "2", "1"])
        cells = {(c["impact"], c["likelihood"]): c for r in heat["rows"] for c in r["cells"]}
        self.assertEqual(len(cells), 25)
        self.assertEqual((cells["5", "4"]["count"], cells["5", "4"]["band"]), (2, "high"))
        self.assertEqual((cells["1", "2"]["count"], cells["1", "2"]["band"]), (1, "low"))
        self.assertEqual((cells["3", "3"]["count"], cells["3", "3"]["band"]), (0, "medium"))
        self.assertEqual(heat["total"], 3)
        counts = defaultdict(int)
        for cell in cells.values():
            self.assertEqual(cell["score"], int(cell["impact"]) * int(cell["likelihood"]))
            counts[cell["band"]] += 1
            self.assertEqual(Raid.search_count(cell["domain"]), cell["count"])
        self.assertEqual(dict(counts), {"high": 6, "medium": 9, "low": 10})
        action = self.env.ref("hc_readiness.hc_readiness_menu_heatmap").action
        self.assertEqual(
            (action._name, action.tag), ("ir.actions.client", "hc_readiness.risk_heat_map")
        )
