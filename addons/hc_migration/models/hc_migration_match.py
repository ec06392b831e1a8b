# pylint: disable=prefer-env-translation
# (module-level labels: no environment at import time; they are translated when shown)
import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

DECISIONS = [("link", "Same record"), ("review", "To review")]
# the matching engine's agreement levels, in the data owner's words
LEVELS = {
    "close": _lt("close"),
    "different": _lt("different"),
    "near": _lt("near"),
    "one typo": _lt("one typo"),
    "same": _lt("same"),
    "same (unchecked)": _lt("same (unchecked)"),
    "same (valid)": _lt("same (valid)"),
    "same area": _lt("same area"),
    "same city": _lt("same city"),
    "same postcode": _lt("same postcode"),
    "similar": _lt("similar"),
    "two typos": _lt("two typos"),
    "missing": _lt("missing"),
}

# the matching engine's field labels (lib/matching kinds), translatable; a mapped field shows
# its target field's own label instead
FIELD_LABELS = {
    "Address line 2": _lt("Address line 2"),
    "Barcode": _lt("Barcode"),
    "Code / reference": _lt("Code / reference"),
    "Date of birth": _lt("Date of birth"),
    "Description": _lt("Description"),
    "Email": _lt("Email"),
    "Email / web domain": _lt("Email / web domain"),
    "Given name": _lt("Given name"),
    "Internal code": _lt("Internal code"),
    "Manufacturer": _lt("Manufacturer"),
    "Manufacturer's reference": _lt("Manufacturer's reference"),
    "Name": _lt("Name"),
    "National id": _lt("National id"),
    "Phone": _lt("Phone"),
    "Postcode": _lt("Postcode"),
    "Postcode / city": _lt("Postcode / city"),
    "State": _lt("State"),
    "Street": _lt("Street"),
    "Street number": _lt("Street number"),
    "Suburb / city": _lt("Suburb / city"),
    "Surname": _lt("Surname"),
    "Unit of measure": _lt("Unit of measure"),
    "VAT number": _lt("VAT number"),
}


class HcMigrationMatch(models.Model):
    """One compared pair of a duplicate cluster, with the matching engine's explanation: the
    agreement of each field and its weight in the pair's match weight (Fellegi–Sunter: the
    weights add up to the pair's weight). Written by deduplication only."""

    _name = "hc.migration.match"
    _description = "Duplicate Pair"
    _order = "cluster_id, weight desc, id"

    cluster_id = fields.Many2one(
        "hc.migration.cluster", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_a = fields.Char(string="Record", readonly=True)
    member_b = fields.Char(string="Compared With", readonly=True)
    weight = fields.Float(
        string="Match Weight",
        readonly=True,
        digits=(16, 2),
        help="Sum of the field weights: above the domain's link threshold the records are the "
        "same, between the review and link thresholds the data owner decides.",
    )
    decision = fields.Selection(DECISIONS, readonly=True)
    explanation = fields.Text(readonly=True, help="Per field: label, agreement, weight (JSON).")
    explanation_html = fields.Html(
        string="Why", compute="_compute_explanation_html", sanitize=False
    )

    @api.depends("explanation")
    def _compute_explanation_html(self):
        head = Markup(
            "<table class='table table-sm o_hc_match_explanation mb-0'><thead><tr>"
            "<th>%s</th><th>%s</th><th class='text-end'>%s</th></tr></thead><tbody>"
        ) % (self.env._("Field"), self.env._("Agreement"), self.env._("Weight"))
        for match in self:
            rows = []
            for label, level, weight in json.loads(match.explanation or "[]"):
                css = (
                    "text-success" if weight > 0 else "text-danger" if weight < 0 else "text-muted"
                )
                rows.append(
                    Markup("<tr><td>%s</td><td>%s</td><td class='text-end %s'>%s</td></tr>")
                    % (label, str(LEVELS.get(level, level)), css, f"{weight:+.2f}")
                )
            match.explanation_html = head + Markup("").join(rows) + Markup("</tbody></table>")

    def _explanation_text(self):
        """One line per field, for the chatter and exports."""
        self.ensure_one()
        return "; ".join(
            f"{label}: {LEVELS.get(level, level)} ({weight:+.2f})"
            for label, level, weight in json.loads(self.explanation or "[]")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        self._hc_keep_evidence(
            self, self.env._("a compared pair is the record of why rows were grouped.")
        )
