from odoo.tests import BaseCase, tagged

from ..lib.documents import DocumentScope, employees_in_scope, scope_roles, sha256_hex
from ..lib.matching import EmployeeFacts


@tagged("post_install", "-at_install")
class TestDocumentsLib(BaseCase):
    def test_sha256_of_bytes(self):
        # the FIPS 180-2 test vector, not a recomputation of the function's body
        self.assertEqual(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        )
        self.assertNotEqual(sha256_hex(b"abc"), sha256_hex(b"abc "))
        self.assertEqual(sha256_hex(b""), "")

    def test_scope_roles_or_departments_within_sites(self):
        def emp(i, dep=None, site=None, company=1):
            return EmployeeFacts(i, None, dep, site, company)

        scope = DocumentScope(
            company_id=1,
            role_ids=frozenset({10}),
            department_ids=frozenset({20}),
            site_ids=frozenset({30, 31}),
        )
        self.assertEqual(scope_roles(scope, emp(1, site=30), {10, 11}), frozenset({10}))
        self.assertEqual(scope_roles(scope, emp(2, dep=20, site=31), ()), frozenset())
        # neither the role nor the department
        self.assertIsNone(scope_roles(scope, emp(3, dep=21, site=30), {11}))
        # the role, but at another site
        self.assertIsNone(scope_roles(scope, emp(4, site=32), {10}))
        # another company
        self.assertIsNone(scope_roles(scope, emp(5, site=30, company=2), {10}))

    def test_scope_without_roles_or_departments_is_everyone_at_the_sites(self):
        scope = DocumentScope(company_id=1, site_ids=frozenset({30}))
        employees = [
            EmployeeFacts(1, None, None, 30, 1),
            EmployeeFacts(2, None, 20, 31, 1),
            EmployeeFacts(3, None, None, 30, 2),
        ]
        self.assertEqual(employees_in_scope(scope, employees, {}), {1: frozenset()})
        everyone = DocumentScope(company_id=1)
        self.assertEqual(set(employees_in_scope(everyone, employees, {})), {1, 2})
