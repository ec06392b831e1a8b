# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models

from odoo.addons.hc_base.guards import workflow_scope

from ..lib.discovery import combine_standardization
from ..lib.governance import governance_lens, standardization_lens
from ..lib.scoring import rag, scalability_lens, weighted_mean
from .hc_program import LENSES

# what the engine sets on a lens and on a readiness snapshot
LENS_FIELDS = {
    "program_id",
    "lens",
    "site_id",
    "value",
    "has_evidence",
    "rag",
    "explanation",
    "date_computed",
}
SNAPSHOT_FIELDS = {"program_id", "date", "lens", "site_id", "value", "has_evidence", "rag"}


class HcProgram(models.Model):
    """The programme's five readiness lenses (overall and per site), the overall score
    weighted from them, and their daily snapshots (the trend)."""

    _inherit = "hc.program"

    # ---------------------------------------------------------------- lenses
    def _store_lenses(self, program_score, site_scores, wave_scores, now):
        """Compute the five lenses for the programme and per site, and store them."""
        self.ensure_one()
        values = []
        context = {
            "program_score": program_score,
            "site_scores": site_scores,
            "wave_scores": wave_scores,
        }
        for key, _label in LENSES:
            value, explanation = getattr(self, f"_lens_{key}")(context, site=None)
            values.append(
                {"lens": key, "site_id": False, "value": value, "explanation": explanation}
            )
            for site in self.site_ids:
                site_value, site_explanation = getattr(self, f"_lens_{key}")(context, site=site)
                if site_value is not None or key != "scalability":
                    values.append(
                        {
                            "lens": key,
                            "site_id": site.id,
                            "value": site_value,
                            "explanation": site_explanation,
                        }
                    )
        Lens = self.env["hc.readiness.lens"].sudo()
        Lens.search([("program_id", "=", self.id)]).unlink()
        with workflow_scope(Lens._name, LENS_FIELDS):
            Lens.create(
                [
                    {
                        "program_id": self.id,
                        "lens": v["lens"],
                        "site_id": v["site_id"],
                        "value": v["value"] or 0.0,
                        "has_evidence": v["value"] is not None,
                        "rag": rag(v["value"], self.threshold_amber, self.threshold_green),
                        "explanation": v["explanation"],
                        "date_computed": now,
                    }
                    for v in values
                ]
            )
        program_lenses = [v for v in values if not v["site_id"]]
        overall = weighted_mean(
            (v["value"], self[f"lens_weight_{v['lens']}"])
            for v in program_lenses
            if v["value"] is not None
        )
        with workflow_scope(self._name, {"overall_score", "overall_rag"}):
            self.write(
                {
                    "overall_score": overall or 0.0,
                    "overall_rag": rag(overall, self.threshold_amber, self.threshold_green),
                }
            )

    def _lens_user_readiness(self, context, site=None):
        if site:
            value = context["site_scores"].get(site.id)
            if value is None:
                return None, self.env._(
                    "No evidence: no mandatory training of the waves' roles at this site yet."
                )
            return value, self.env._(
                "Headcount-weighted readiness of the site's employees in the roles its waves need."
            )
        value = context["program_score"]
        if value is None:
            return None, self.env._("No evidence: no mandatory training of the waves' roles yet.")
        return value, self.env._(
            "Mean readiness of the waves' people (each counted once per wave): the "
            "headcount-weighted mean of the waves and of their sites; an employee's readiness "
            "is the layer-weighted share of their in-date mandatory steps."
        )

    def _lens_scalability(self, context, site=None):
        if site:
            return None, False
        value = scalability_lens(list(context["site_scores"].values()), context["wave_scores"])
        if value is None:
            return None, self.env._("No evidence: no site readiness yet.")
        return value, self.env._(
            "50% evenness across sites (100 minus the spread between the best and worst site) "
            "plus 50% mean wave readiness."
        )

    def _lens_data_trust(self, context, site=None):
        """Data trust from the migration workbench: for each operational migration domain,
        70% (100 - reject rate of its latest completed mock run) + 30% share of its three
        owner sign-offs valid for the current rules; a domain without a completed run counts
        0. Weighted by criticality (high 3, medium 2, low 1). Programme-level only."""
        if site:
            return None, self.env._("Data trust is measured for the programme, not per site.")
        domains = (
            self.env["hc.migration.domain"]
            .sudo()
            .search(
                [("scope", "=", "operational"), ("company_id", "in", [self.company_id.id, False])]
            )
        )
        figures = domains._migration_readiness()
        if not any(f["completed_runs"] for f in figures.values()):
            return None, self.env._("No evidence: no migration run has been recorded.")
        weights = {"high": 3.0, "medium": 2.0, "low": 1.0}
        pairs = []
        for f in figures.values():
            trust = (
                0.7 * (100.0 - min(f["last_reject_rate"], 100.0))
                + 0.3 * (100.0 * f["signoffs"] / 3)
                if f["completed_runs"]
                else 0.0
            )
            pairs.append((trust, weights[f["criticality"]]))
        tested = sum(1 for f in figures.values() if f["completed_runs"])
        return weighted_mean(pairs), self.env._(
            "%(tested)s of %(total)s operational migration domains have completed mock runs. Per "
            "domain: 70%% (100 - latest reject rate) + 30%% valid owner sign-offs; untested "
            "domains count 0; weighted by criticality.",
            tested=tested,
            total=len(figures),
        )

    def _lens_governance(self, context, site=None):
        """Governance maturity from the RAID log (stage gates extend it): share of the open
        high risks and high/critical issues that have an owner, a governance body and a
        mitigation and are not overdue. See ``lib/governance.py``."""
        if site:
            return None, self.env._("Governance maturity is measured for the programme.")
        items = self.env["hc.raid.item"].sudo().search([("program_id", "=", self.id)])
        value, relevant, governed = governance_lens(item._fact() for item in items)
        if value is None:
            return None, self.env._("No evidence: no stage gate or RAID item has been recorded.")
        return value, self.env._(
            "%(governed)s of %(relevant)s open high risks and high/critical issues are governed "
            "(owner, governance body, mitigation, not overdue); %(total)s RAID items in all.",
            governed=governed,
            relevant=relevant,
            total=len(items),
        )

    def _lens_standardization(self, context, site=None):
        """Operating-model standardization: the criticality-weighted share of classified
        site variants that are enterprise standard, less the penalty of open workarounds,
        combined 70/30 with the share of the design authority's decided customization
        requests resolved by standard configuration (rejected with a fit-to-standard
        alternative); one part alone counts fully. Per site: the site's variants only.
        See ``lib/discovery.py`` and ``lib/governance.py``."""
        variant_value, variant_note = self._variant_standardization(site)
        if site:
            if variant_value is None:
                return None, self.env._("No evidence: no classified site variant at this site.")
            return variant_value, variant_note
        requests = (
            self.env["hc.customization.request"].sudo().search([("program_id", "=", self.id)])
        )
        value, decided, standard = standardization_lens(
            (
                r.state,
                bool(r.standard_alternative and r.standard_alternative.striptags().strip()),
            )
            for r in requests
        )
        combined = combine_standardization(variant_value, value)
        if combined is None:
            return None, self.env._(
                "No evidence: no classified site variant, customization request or "
                "fit-to-standard decision recorded."
            )
        request_note = (
            self.env._(
                "%(standard)s of %(decided)s decided customization requests were resolved by "
                "standard configuration (rejected with a fit-to-standard alternative).",
                standard=standard,
                decided=decided,
            )
            if value is not None
            else ""
        )
        if variant_value is not None and value is not None:
            return combined, self.env._(
                "70%% site variants, 30%% customization requests. %(variants)s %(requests)s",
                variants=variant_note,
                requests=request_note,
            )
        return combined, variant_note or request_note

    # ------------------------------------------------------------- snapshots
    def _take_snapshots(self):
        """One immutable snapshot per programme, lens and site and day."""
        today = fields.Date.context_today(self)
        Snapshot = self.env["hc.readiness.snapshot"]
        done = {
            (s.program_id.id, s.lens, s.site_id.id)
            for s in Snapshot.search([("program_id", "in", self.ids), ("date", "=", today)])
        }
        vals = []
        for program in self:
            for lens in program.lens_ids | program.site_lens_ids:
                key = (program.id, lens.lens, lens.site_id.id)
                if key in done:
                    continue
                vals.append(
                    {
                        "program_id": program.id,
                        "date": today,
                        "lens": lens.lens,
                        "site_id": lens.site_id.id,
                        "value": lens.value,
                        "has_evidence": lens.has_evidence,
                        "rag": lens.rag,
                    }
                )
        with workflow_scope(Snapshot._name, SNAPSHOT_FIELDS):
            return Snapshot.sudo().create(vals)
