"""Controlled documents: file fingerprints and who must acknowledge a document."""

import hashlib
from dataclasses import dataclass, field


def sha256_hex(data):
    """Hex SHA-256 of ``data`` (bytes); empty string for no data."""
    if not data:
        return ""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class DocumentScope:
    """Who must acknowledge a document.

    An employee is in scope when they belong to the document's company, hold one of its
    roles OR work in one of its departments (neither listed: every employee), and work at
    one of its sites (none listed: every site).
    """

    company_id: int
    role_ids: frozenset = field(default_factory=frozenset)
    department_ids: frozenset = field(default_factory=frozenset)
    site_ids: frozenset = field(default_factory=frozenset)


def scope_roles(scope, emp, emp_role_ids):
    """The document's roles the employee holds, or None when the employee is out of scope.

    ``emp`` is a :class:`~.matching.EmployeeFacts`; ``emp_role_ids`` the roles the employee
    holds (active assignments or role rules).
    """
    if emp.company_id != scope.company_id:
        return None
    if scope.site_ids and emp.site_id not in scope.site_ids:
        return None
    roles = frozenset(emp_role_ids) & scope.role_ids
    if not scope.role_ids and not scope.department_ids:
        return roles
    if roles or (scope.department_ids and emp.department_id in scope.department_ids):
        return roles
    return None


def employees_in_scope(scope, employees, roles_by_employee):
    """{employee_id: frozenset(role ids of the document held)} of the employees in scope."""
    result = {}
    for emp in employees:
        roles = scope_roles(scope, emp, roles_by_employee.get(emp.employee_id, ()))
        if roles is not None:
            result[emp.employee_id] = roles
    return result
