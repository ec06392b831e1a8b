from markupsafe import Markup, escape

from odoo import api, fields, models

from odoo.addons.hc_base.guards import restricted_to

from ..lib.discovery import penalized, variant_standardization, workaround_penalty
from .hc_process_variant import APPROVAL_STATES, CLASSIFICATIONS

MATRIX_CLASSES = {
    "standard": "text-bg-success",
    "exception": "text-bg-warning",
    "retire": "text-bg-danger",
    "unclassified": "text-bg-light",
}


class HcProgram(models.Model):
    """Discovery on the programme: its process baseline (site variants of the catalog
    workflows), workarounds and gaps, the workflow x site matrix and the variant part of
    the standardization lens."""

    _inherit = "hc.program"

    variant_ids = fields.One2many("hc.process.variant", "program_id", string="Site Variants")
    variant_count = fields.Integer(
        compute="_compute_discovery_counts", groups="hc_readiness.group_executive"
    )
    open_workaround_count = fields.Integer(
        compute="_compute_discovery_counts", groups="hc_readiness.group_executive"
    )
    gap_count = fields.Integer(
        compute="_compute_discovery_counts", groups="hc_readiness.group_executive"
    )
    discovery_matrix = fields.Html(
        string="Workflow x Site Matrix",
        compute="_compute_discovery_matrix",
        sanitize=False,
        groups="hc_readiness.group_executive",
    )

    def _compute_discovery_counts(self):
        def counts(model, domain):
            return dict(
                self.env[model]._read_group(
                    [("program_id", "in", self.ids), *domain], ["program_id"], ["__count"]
                )
            )

        variants = counts("hc.process.variant", [])
        workarounds = counts("hc.process.workaround", [("state", "=", "open")])
        gaps = counts("hc.process.gap", [])
        for program in self:
            program.variant_count = variants.get(program, 0)
            program.open_workaround_count = workarounds.get(program, 0)
            program.gap_count = gaps.get(program, 0)

    @api.depends(
        "site_ids",
        "variant_ids.classification",
        "variant_ids.approval_state",
        "variant_ids.is_documented",
        "variant_ids.workflow_id",
        "variant_ids.site_id",
        "site_ids.code",
    )
    def _compute_discovery_matrix(self):
        labels = dict(CLASSIFICATIONS)
        approvals = dict(APPROVAL_STATES)
        variants = self.env["hc.process.variant"].search([("program_id", "in", self.ids)])
        by_program = {}
        for variant in variants:
            by_program.setdefault(variant.program_id, []).append(variant)
        for program in self:
            rows = by_program.get(program, [])
            if not rows:
                program.discovery_matrix = False
                continue
            cells = {(v.workflow_id, v.site_id): v for v in rows}
            workflows = sorted({v.workflow_id for v in rows}, key=lambda w: (w.sequence, w.id))
            sites = program.site_ids
            head = Markup("").join(
                Markup('<th class="text-center">%s</th>') % (site.code or site.name)
                for site in sites
            )
            body = []
            for workflow in workflows:
                tds = []
                for site in sites:
                    variant = cells.get((workflow, site))
                    if not variant:
                        tds.append(Markup('<td class="text-center text-muted">-</td>'))
                        continue
                    label = labels[variant.classification]
                    if variant.classification == "exception":
                        label = f"{label} ({approvals[variant.approval_state].lower()})"
                    if not variant.is_documented:
                        label = f"{label} *"
                    tds.append(
                        Markup(
                            '<td class="text-center %s o_hc_matrix_%s" data-site="%s">'
                            '<a class="text-reset" href="/odoo/action-hc_readiness.'
                            'hc_process_variant_action/%s">%s</a></td>'
                        )
                        % (
                            MATRIX_CLASSES[variant.classification],
                            variant.classification,
                            site.code or site.id,
                            variant.id,
                            label,
                        )
                    )
                body.append(
                    Markup('<tr><th>%s <small class="text-muted">(%s)</small></th>%s</tr>')
                    % (
                        workflow.name,
                        dict(workflow._fields["policy"].selection)[workflow.policy],
                        Markup("").join(tds),
                    )
                )
            program.discovery_matrix = Markup(
                '<table class="table table-sm table-bordered o_hc_discovery_matrix">'
                "<thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody></table>"
                '<p class="text-muted small">%s</p>'
            ) % (
                self.env._("Workflow"),
                head,
                Markup("").join(body),
                escape(self.env._("* current practice not documented yet")),
            )

    # ------------------------------------------------------------- actions
    @restricted_to("hc_readiness.group_business_analyst", "hc_readiness.group_pmo")
    def action_generate_baseline(self):
        """One unclassified site variant for every active catalog workflow at every site
        of the programme; existing ones are kept."""
        self.ensure_one()
        Variant = self.env["hc.process.variant"]
        workflows = self.env["hc.process.workflow"].search([("active", "=", True)])
        existing = {
            (v.workflow_id.id, v.site_id.id) for v in Variant.search([("program_id", "=", self.id)])
        }
        Variant.create(
            [
                {"program_id": self.id, "workflow_id": workflow.id, "site_id": site.id}
                for workflow in workflows
                for site in self.site_ids
                if (workflow.id, site.id) not in existing
            ]
        )
        return self.action_open_variants()

    def action_open_variants(self):
        return self._action_for_program("hc_readiness.hc_process_variant_action")

    def action_open_workarounds(self):
        return self._action_for_program(
            "hc_readiness.hc_process_workaround_action", search_default_open=1
        )

    def action_open_gaps(self):
        return self._action_for_program("hc_readiness.hc_process_gap_action")

    # ------------------------------------------------------------- lens
    def _variant_standardization(self, site=None):
        """The variant part of the standardization lens, with its workaround penalty:
        (value or None, explanation). See ``lib/discovery.py``."""
        self.ensure_one()
        domain = [("program_id", "=", self.id)]
        if site:
            domain += [("site_id", "=", site.id)]
        groups = (
            self.env["hc.process.variant"]
            .sudo()
            ._read_group(domain, ["classification", "criticality"], ["__count"])
        )
        facts = [(c, crit) for c, crit, count in groups for _i in range(count)]
        value, classified, standard = variant_standardization(facts)
        risks = self.env["hc.process.workaround"]._open_risks_by_site(self)
        if site:
            penalty = workaround_penalty(risks.get(site, []))
            open_count = len(risks.get(site, []))
        else:
            penalties = [workaround_penalty(risks.get(s, [])) for s in self.site_ids]
            penalty = round(sum(penalties) / len(penalties), 2) if penalties else 0.0
            open_count = sum(len(r) for r in risks.values())
        if value is None:
            return None, ""
        return penalized(value, penalty), self.env._(
            "%(standard)s of %(classified)s classified site variants are enterprise standard "
            "(%(value)s%% weighted by workflow criticality 3/2/1), less %(penalty)s points "
            "for %(open)s open workarounds.",
            standard=standard,
            classified=classified,
            value=value,
            penalty=penalty,
            open=open_count,
        )

    # ------------------------------------------------------------- report
    def action_print_process_baseline(self):
        """The process baseline PDF of every workstream of the programme, for sign-off."""
        self.ensure_one()
        return self.env.ref("hc_readiness.action_report_process_baseline").report_action(
            self.workstream_ids
        )

    def _process_baseline_data(self, workstream):
        """Workflows of ``workstream`` with the programme's variants, workarounds and gaps,
        read in three searches, for the process baseline PDF."""
        self.ensure_one()
        workflows = self.env["hc.process.workflow"].search([("workstream_id", "=", workstream.id)])
        domain = [("program_id", "=", self.id), ("workflow_id", "in", workflows.ids)]
        variants = self.env["hc.process.variant"].search(domain)
        workarounds = self.env["hc.process.workaround"].search(domain)
        gaps = self.env["hc.process.gap"].search(
            [("program_id", "=", self.id), ("workstream_id", "=", workstream.id)]
        )
        return {
            "workflows": [
                {
                    "workflow": workflow,
                    "variants": variants.filtered(lambda v, w=workflow: v.workflow_id == w),
                    "workarounds": workarounds.filtered(lambda v, w=workflow: v.workflow_id == w),
                }
                for workflow in workflows
            ],
            "gaps": gaps,
        }
