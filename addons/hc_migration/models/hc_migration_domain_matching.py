# pylint: disable=consider-merging-classes-inherited
# (one file per feature of hc.migration.domain: this one is its matching settings)
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import matching

MATCH_KINDS = [
    ("organisation", "Organisations"),
    ("item", "Items"),
    ("person", "People"),
]
KIND_OF_MODEL = {
    "res.partner": "organisation",
    "hr.employee": "person",
    "product.template": "item",
    "product.product": "item",
    "maintenance.equipment": "item",
}
# changing one of these changes what deduplication finds: the dedup sign-off is void
MATCHING_FIELDS = ("match_kind", "link_weight", "review_weight", "match_params")


class HcMigrationDomain(models.Model):
    """How a domain finds duplicates: the kind of records it holds (the matching engine's
    field comparisons and blocking), the two thresholds on the match weight, and optionally
    m/u probabilities fixed for the domain instead of estimated from each file."""

    _inherit = "hc.migration.domain"

    match_kind = fields.Selection(
        MATCH_KINDS,
        string="Records Are",
        compute="_compute_match_kind",
        store=True,
        readonly=False,
        help="Which comparisons find duplicates: organisations (name, VAT with check digits, "
        "address, phone), items (description, codes, manufacturer) or people (names, date of "
        "birth, national id, address).",
    )
    link_weight = fields.Float(
        string="Link Threshold",
        help="Match weight (sum of the field weights, log2 units) from which two records are "
        "the same. 0: the kind's default.",
    )
    review_weight = fields.Float(
        string="Review Threshold",
        help="Match weight from which a pair is shown to the data owner to decide. 0: the "
        "kind's default.",
    )
    match_params = fields.Text(
        string="Fixed Field Weights",
        groups="hc_migration.group_migration_lead",
        help="m/u probabilities per field (JSON, as a run records them): when set, every run "
        "uses them instead of estimating them from its file.",
    )

    @api.depends("target_model")
    def _compute_match_kind(self):
        for domain in self:
            if not domain.match_kind:
                domain.match_kind = KIND_OF_MODEL.get(domain.target_model or "", "organisation")

    @api.constrains("link_weight", "review_weight", "match_params")
    def _check_matching(self):
        for domain in self:
            if domain.link_weight and domain.review_weight > domain.link_weight:
                raise ValidationError(
                    self.env._(
                        "%(domain)s: the review threshold (%(review)s) must not be above the "
                        "link threshold (%(link)s).",
                        domain=domain.name,
                        review=domain.review_weight,
                        link=domain.link_weight,
                    )
                )
            if domain.sudo().match_params:
                try:
                    matching.Matcher(domain._match_kind(), json.loads(domain.sudo().match_params))
                except (ValueError, TypeError, KeyError) as exc:
                    raise ValidationError(
                        self.env._(
                            "%(domain)s: the fixed field weights are not valid (%(error)s).",
                            domain=domain.name,
                            error=exc,
                        )
                    ) from exc

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in MATCHING_FIELDS):
            self._bump_rule_version()
        return res

    def _match_kind(self):
        self.ensure_one()
        return matching.KINDS.get(self.match_kind or "organisation")

    def _dedup_roles(self):
        """{dedup role: target field} of the mapping."""
        self.ensure_one()
        return {m.dedup_role: m.target_field for m in self.mapping_ids if m.dedup_role}

    def _matcher(self, kind):
        """The matching engine of the domain: its kind, its thresholds, its fixed weights."""
        self.ensure_one()
        params = self.sudo().match_params
        return matching.Matcher(
            kind,
            json.loads(params) if params else None,
            link_weight=self.link_weight or None,
            review_weight=self.review_weight or None,
        )

    def _dedup_labels(self):
        """{dedup role: label} in the data owner's words: the label of the target field the
        mapping fills with it (translated), else the mapping's column."""
        self.ensure_one()
        model_fields = self._target_fields() or {}
        labels = {}
        for line in self.mapping_ids.filtered("dedup_role"):
            field = None if line.compare_only else model_fields.get(line.target_field)
            labels[line.dedup_role] = (
                field._description_string(self.env) if field is not None else line.source_column
            )
        return labels
