from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.hc_base.guards import workflow_scope

from ..lib.scoring import Tally, grid_readiness_rows, rag, role_shares, row_counts


class HcReadinessRollup(models.AbstractModel):
    """The readiness roll-up of a programme (``hc.program`` inherits it): every stored
    readiness figure (score rows, waves, workstream lines, lenses, today's snapshots) comes
    from here, as points (the sum of the people's readiness) over headcount."""

    _name = "hc.readiness.rollup"
    _description = "Readiness Roll-up"

    def _recompute_readiness(self):
        """Recompute every score row and lens of these programmes (one engine)."""
        now = fields.Datetime.now()
        for program in self:
            settings = program._settings()
            score_row = program._score_row_factory(now)
            score_rows = []
            wave_tallies = {}
            workstream_tallies = defaultdict(Tally)
            site_tallies = defaultdict(Tally)  # a site across the waves it is in
            cells_by_wave = program._program_cells(settings)
            for wave in program.wave_ids:
                role_rows, facts = cells_by_wave[wave.id]
                _per_role, emp_scores, _counts = grid_readiness_rows(role_rows, settings)
                shares = role_shares(role_rows, settings, emp_scores)
                # an employee's steps are those of the roles their readiness is made of
                emp_counts = defaultdict(lambda: [0, 0, 0, 0])
                roles = {r.id: r for r in wave.role_ids}
                role_tallies = defaultdict(Tally)
                dep_tallies = defaultdict(Tally)
                wave_site_tallies = defaultdict(Tally)
                wave_tally = Tally()
                for row in role_rows:
                    emp_id, role_id = row[0], row[1]
                    if (emp_id, role_id) in shares:
                        points, share = shares[emp_id, role_id]
                        counts = row_counts(row)
                        role_tallies[facts[emp_id][0], role_id].add(points, share, emp_id, counts)
                        for i, value in enumerate(counts):
                            emp_counts[emp_id][i] += value
                for emp_id, score in emp_scores.items():
                    if score is None:
                        continue
                    site_id, dep_id = facts[emp_id]
                    counts = emp_counts[emp_id]
                    employee = Tally()
                    employee.add(score, 1.0, emp_id, counts)
                    for tally in (dep_tallies[site_id, dep_id], wave_site_tallies[site_id]):
                        tally.add(score, 1.0, emp_id, counts)
                    wave_tally.add(score, 1.0, emp_id, counts)
                    score_rows.append(
                        score_row(
                            wave,
                            "employee",
                            employee,
                            employee_id=emp_id,
                            site_id=site_id,
                            department_id=dep_id,
                        )
                    )
                for (site_id, role_id), tally in role_tallies.items():
                    workstream = roles[role_id].workstream_id
                    score_rows.append(
                        score_row(
                            wave,
                            "role",
                            tally,
                            role_id=role_id,
                            site_id=site_id,
                            workstream_id=workstream.id,
                        )
                    )
                    if workstream:
                        ws_tally = workstream_tallies[workstream.id]
                        ws_tally.add(tally.points, tally.people, None, tally.counts)
                        ws_tally.members |= {(wave.id, m) for m in tally.members}
                for (site_id, dep_id), tally in dep_tallies.items():
                    score_rows.append(
                        score_row(wave, "department", tally, site_id=site_id, department_id=dep_id)
                    )
                for site_id, tally in wave_site_tallies.items():
                    score_rows.append(score_row(wave, "site", tally, site_id=site_id))
                    site_tallies[site_id].add(tally.points, tally.people, None, tally.counts)
                wave_tallies[wave.id] = wave_tally
                score_rows.append(score_row(wave, "wave", wave_tally))
                with workflow_scope("hc.program.wave", {"score", "rag", "headcount"}):
                    wave.write(
                        {
                            "score": wave_tally.score or 0.0,
                            "rag": rag(
                                wave_tally.score, program.threshold_amber, program.threshold_green
                            ),
                            "headcount": len(wave_tally.members),
                        }
                    )
            for ws_id, tally in workstream_tallies.items():
                score_rows.append(score_row(False, "workstream", tally, workstream_id=ws_id))
            for line in program.workstream_ids:
                tally = workstream_tallies.get(line.workstream_id.id)
                line._apply_score(tally.score if tally else None, tally.people if tally else 0.0)
            program_tally = Tally()
            for tally in wave_tallies.values():
                program_tally.add(tally.points, tally.people, None, tally.counts)
            program_tally.members = {  # an employee in two waves counts in each
                (wave_id, m) for wave_id, t in wave_tallies.items() for m in t.members
            }
            score_rows.append(score_row(False, "program", program_tally))
            program._store_scores(score_rows)
            program._store_lenses(
                program_tally.score,
                {s: t.score for s, t in site_tallies.items()},
                [t.score for t in wave_tallies.values()],
                now,
            )
            program._refresh_todays_snapshots()
        with workflow_scope(self._name, {"date_computed"}):
            self.write({"date_computed": now})

    def _refresh_todays_snapshots(self):
        """Today's trend point follows the day's last recompute (earlier days are immutable
        history): a snapshot already taken today takes the lenses' new values."""
        self.ensure_one()
        self.env["hc.readiness.lens"].flush_model()
        self.env["hc.readiness.snapshot"].flush_model()
        self.env.cr.execute(
            SQL(
                "UPDATE hc_readiness_snapshot s "
                "SET value = l.value, has_evidence = l.has_evidence, rag = l.rag "
                "FROM hc_readiness_lens l "
                "WHERE s.program_id = %s AND s.date = %s AND l.program_id = s.program_id "
                "AND l.lens = s.lens AND COALESCE(l.site_id, 0) = COALESCE(s.site_id, 0)",
                self.id,
                fields.Date.context_today(self),
            )
        )
        self.env["hc.readiness.snapshot"].invalidate_model(["value", "has_evidence", "rag"])
