"""Print a report the way the web client does, as a given user, and check what comes out.

Used by the report tests of every module of the suite: each record of a print is its own
``article`` of ``web.external_layout`` (``data-oe-model``/``data-oe-id``, which Odoo relies on to
split a print per record), and, when wkhtmltopdf is installed, a print of several records is one
PDF with at least a page per record, also with the wkhtmltopdf Debian ships (unpatched Qt)."""

import io
import unittest

from lxml import html as lxml_html

from odoo.tools import pdf as pdf_tools

ARTICLE = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"


class ReportChecks:
    """Mixin for TransactionCase / HttpCase classes."""

    def _wkhtmltopdf_ok(self):
        return self.env["ir.actions.report"].get_wkhtmltopdf_state() in ("ok", "upgrade")

    def assertPrintsAs(self, user, report_ref, records, texts=(), pdf=True):
        """Print ``records`` with ``report_ref`` as ``user``; return the PDF bytes (the HTML
        with ``pdf=False`` or when wkhtmltopdf is missing). Values cached by the fixtures are
        dropped first, so that every field is read with the user's rights, as in a browser."""
        self.env.invalidate_all()
        reports = self.env(user=user)["ir.actions.report"]
        report = reports._get_report(report_ref)
        html, _kind = reports._render_qweb_html(report_ref, records.ids)
        articles = lxml_html.fromstring(html).xpath(ARTICLE)
        self.assertEqual(
            [(a.get("data-oe-model"), int(a.get("data-oe-id") or 0)) for a in articles],
            [(report.model, record_id) for record_id in records.ids],
            f"{report.report_name}: one external-layout article per record",
        )
        text = html.decode()
        for expected in texts:
            self.assertIn(expected, text)
        if not (pdf and self._wkhtmltopdf_ok()):
            return html
        # wkhtmltopdf fetches the stylesheets from report.url (else web.base.url): in a test,
        # that is this very server, waiting for the test to finish; an address that refuses
        # at once prints unstyled, which is all the page count needs
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        try:
            content, kind = reports.with_context(force_report_rendering=True)._render_qweb_pdf(
                report_ref, records.ids
            )
        except unittest.SkipTest as skip:  # Odoo skips, in tests, what an unpatched Qt refuses
            self.fail(f"{report.report_name}: {skip}")
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"), f"{report.report_name}: a PDF")
        pages = pdf_tools.PdfFileReader(io.BytesIO(content)).getNumPages()
        self.assertGreaterEqual(pages, len(records), f"{report.report_name}: a page per record")
        return content
