import lxml.html

from odoo import models
from odoo.tools import pdf

from odoo.addons.base.models.ir_actions_report import _wkhtml

# the suite's modules: their reports print one document (one ``article``) per record
SUITE_MODULES = ("hc_base", "hc_training", "hc_migration", "hc_readiness")


def _has_class(node, klass):
    return klass in (node.get("class") or "").split()


class IrActionsReport(models.Model):
    """The suite's reports with the wkhtmltopdf most distributions ship (Debian's
    ``wkhtmltopdf`` package is built against an unpatched Qt): such a build converts one input
    document per run and ignores ``--header-html``/``--footer-html``.

    Odoo passes every record's body to one wkhtmltopdf run (refused: "does not support more
    than one input document") and moves the layout's header and footer to separate files
    (dropped). For the suite's reports, each record being its own ``article`` with
    ``data-oe-model``/``data-oe-id``, an unpatched build instead converts each body alone
    and merges the PDFs in record order, with the company header and footer of
    ``web.external_layout`` kept inside each record's page. A patched build keeps Odoo's
    single run (running headers, footers and outlines)."""

    _inherit = "ir.actions.report"

    def _hc_unpatched_suite_report(self, report_ref=False):
        report = self._get_report(report_ref) if report_ref else self
        return (
            len(report) == 1
            and report.report_name.split(".")[0] in SUITE_MODULES
            and not _wkhtml().is_patched_qt
        )

    def _prepare_html(self, html, report_model=False):
        if self._hc_unpatched_suite_report() and html:
            html = self._hc_inline_header_footer(html)
        return super()._prepare_html(html, report_model=report_model)

    def _hc_inline_header_footer(self, html):
        """Move each record's layout header and footer into its ``article`` (renamed, so
        that Odoo does not take them out again); the page counter is dropped, nobody fills
        it without a footer file."""
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        for article in root.xpath("//div[contains(concat(' ', @class, ' '), ' article ')]"):
            header = article.getprevious()
            while header is not None and not _has_class(header, "header"):
                header = header.getprevious()
            footer = article.getnext()
            while footer is not None and not _has_class(footer, "footer"):
                footer = footer.getnext()
            if header is not None:
                header.set("class", header.get("class").replace("header", "o_hc_header mb-3", 1))
                article.insert(0, header)
            if footer is not None:
                footer.set("class", footer.get("class").replace("footer", "o_hc_footer mt-4", 1))
                for counter in footer.xpath(".//span[@class='page']/.."):
                    counter.getparent().remove(counter)
                article.append(footer)
        return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")

    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        bodies = list(bodies)
        if len(bodies) < 2 or not self._hc_unpatched_suite_report(report_ref):
            return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)
        return pdf.merge_pdf(
            [
                super(IrActionsReport, self)._run_wkhtmltopdf(
                    [body], report_ref=report_ref, **kwargs
                )
                for body in bodies
            ]
        )
