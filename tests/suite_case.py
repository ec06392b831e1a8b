"""Base class for the cross-module tests in this folder, run by pytest-odoo.

Odoo tags its test classes only when they live in an addon (``odoo.addons.<module>``); these
live outside any addon, so the tags Odoo's TestCase expects are given here.
"""

from odoo.tests import TransactionCase


class SuiteTransactionCase(TransactionCase):
    test_tags = frozenset({"standard", "at_install"})
    test_module = "hc_suite"
