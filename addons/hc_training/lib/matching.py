"""Which operational roles apply to an employee, and which assignments to create."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RoleRule:
    role_id: int
    job_ids: frozenset = field(default_factory=frozenset)
    department_ids: frozenset = field(default_factory=frozenset)
    site_ids: frozenset = field(default_factory=frozenset)
    company_id: int | None = None


@dataclass(frozen=True)
class EmployeeFacts:
    employee_id: int
    job_id: int | None
    department_id: int | None
    site_id: int | None
    company_id: int | None


def role_applies(rule, emp):
    """A role applies when the employee's job or department is one of the role's, and the
    employee's site is one of the role's sites (no sites: every site) in the same company
    (no company: every company)."""
    if rule.company_id and emp.company_id != rule.company_id:
        return False
    if rule.site_ids and emp.site_id not in rule.site_ids:
        return False
    by_job = bool(rule.job_ids) and emp.job_id in rule.job_ids
    by_department = bool(rule.department_ids) and emp.department_id in rule.department_ids
    return by_job or by_department


def plan_assignments(employees, rules, paths_by_role, existing):
    """Pairs (employee_id, path_id) to create.

    ``paths_by_role`` maps a role id to the ids of its current published paths;
    ``existing`` is the set of (employee_id, path_id) already actively assigned, skipped.
    Rules are indexed by job and department so the work is linear in employees.
    """
    by_job, by_dep = {}, {}
    for rule in rules:
        for job in rule.job_ids:
            by_job.setdefault(job, []).append(rule)
        for dep in rule.department_ids:
            by_dep.setdefault(dep, []).append(rule)
    planned = []
    seen = set(existing)
    for emp in employees:
        candidates = {r.role_id: r for r in by_job.get(emp.job_id, ())}
        candidates.update({r.role_id: r for r in by_dep.get(emp.department_id, ())})
        for role_id in sorted(candidates):
            if not role_applies(candidates[role_id], emp):
                continue
            for path_id in paths_by_role.get(role_id, ()):
                key = (emp.employee_id, path_id)
                if key not in seen:
                    seen.add(key)
                    planned.append(key)
    return planned
