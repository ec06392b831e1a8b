"""Shared helpers of the tours that walk the README as its demo logins.

A mixin for ``HttpCase`` (not a test case itself, so importing it collects no tests): the
demo user of a login, or a skip with the reason when the database has no demo data; and the
checks of the files a walkthrough downloads, fetched over HTTP in the session of the role.
"""

import io
import json

import openpyxl


class DemoTourMixin:
    def demo_user(self, xmlid):
        """The demo user ``xmlid``; the test is skipped without the Northbridge demo data."""
        user = self.env.ref(xmlid, raise_if_not_found=False)
        if not user:
            self.skipTest(
                f"walks the README on the Northbridge demo data, which this database lacks "
                f"({xmlid} is missing: install with demo data)"
            )
        return user

    def assert_pdf_download(self, login, report_name, records):
        """``report_name`` of ``records`` downloads as a PDF in ``login``'s session."""
        # wkhtmltopdf fetches the stylesheets from report.url (else web.base.url): in a test
        # that is this server, which would build the report asset bundles in a read-only
        # request (an ERROR line, then a retry); an address that refuses at once prints
        # unstyled, which is all a download check needs (report_checks prints styled HTML)
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        self.authenticate(login, login)
        ids = ",".join(str(i) for i in records.ids)
        response = self.url_open(
            f"/report/pdf/{report_name}/{ids}",
            params={"context": json.dumps({"force_report_rendering": True})},
            timeout=180,
        )
        self.assertEqual(response.status_code, 200, f"{login} cannot print {report_name}")
        self.assertTrue(
            response.content.startswith(b"%PDF"),
            f"{report_name} printed by {login} is not a PDF: {response.content[:200]!r}",
        )
        return response.content

    def assert_xlsx_download(self, login, url):
        """``url`` downloads, in ``login``'s session, an xlsx workbook with rows."""
        self.authenticate(login, login)
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200, f"{login} cannot download {url}")
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = [r for r in workbook.worksheets[0].iter_rows(values_only=True) if any(r)]
        self.assertGreater(len(rows), 1, f"{url} downloaded by {login} has no rows")
        return workbook
