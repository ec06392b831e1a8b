"""Rule-based assignment of 20 learning paths and progress recompute, at two employee counts.

Prints, for each size, the SQL queries and seconds of (1) assigning by role rules and (2)
recomputing progress after half of the steps are completed in one batch, then the ratio of
queries between the sizes: batched code keeps it near 1 (growth only from batch splits),
per-record code would make it the size ratio (10).

    bash scripts/bench.sh bench/bench_training_assignment.py [--sizes 500,5000]
"""

from common import Meter, employee_pool, environment, parse_args

PATHS = 20
STEPS = 5


def build(env, company_id, n_employees):
    env = env(context=dict(env.context, allowed_company_ids=[company_id]))
    jobs = env["hr.job"].search([("company_id", "=", company_id)], order="id")
    roles = env["hc.training.role"].create(
        [
            {
                "name": f"Bench role {i}",
                "code": f"BR{n_employees}-{i}",
                "job_ids": [(6, 0, jobs[i % 10].ids)],
            }
            for i in range(PATHS)
        ]
    )
    paths = env["hc.learning.path"].create(
        [
            {
                "name": f"Bench path {i}",
                "role_id": role.id,
                "step_ids": [
                    (0, 0, {"name": f"Step {s}", "kind": "session", "sequence": s})
                    for s in range(STEPS)
                ],
            }
            for i, role in enumerate(roles)
        ]
    )
    paths.action_publish()
    employees = env["hr.employee"].search(
        [("company_id", "=", company_id)], order="id", limit=n_employees
    )
    return env, employees


def run(env, company_id, n_employees):
    env, employees = build(env, company_id, n_employees)
    Assignment = env["hc.training.assignment"]
    with Meter(env) as assign:
        assignments = Assignment._assign_by_rules(employees)
    lines = assignments.completion_ids
    half = lines.filtered(lambda c: c.step_id.sequence < 3)
    with Meter(env) as progress:
        half.write({"state": "done", "source": "signoff"})
        assignments._refresh_states()
    assert len(assignments) == 2 * n_employees, len(assignments)
    assert set(assignments.mapped("progress")) == {60.0}, set(assignments.mapped("progress"))
    return assign, progress, len(assignments), len(lines)


def main():
    args = parse_args(__doc__)
    sizes = [int(s) for s in (args.sizes or "500,5000").split(",")]
    company_id = employee_pool(args.db, max(sizes))
    results = {}
    for size in sizes:
        with environment(args.db) as env:
            assign, progress, n_assign, n_lines = run(env, company_id, size)
        results[size] = (assign, progress)
        per_k = 1000 / n_assign
        print(
            f"employees={size:>6} assignments={n_assign:>6} lines={n_lines:>7} | "
            f"assign: {assign.queries:>5} queries {assign.seconds:7.2f}s "
            f"({assign.queries * per_k:.0f} per 1,000 assignments) | "
            f"progress recompute: {progress.queries:>5} queries {progress.seconds:7.2f}s "
            f"({progress.queries * per_k:.0f} per 1,000)"
        )
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        qa = results[large][0].queries / max(results[small][0].queries, 1)
        qp = results[large][1].queries / max(results[small][1].queries, 1)
        print(
            f"query ratio {large}/{small} employees (size ratio {large / small:g}): "
            f"assign {qa:.2f}, progress {qp:.2f}; the growth is the ORM's batches of 1,000 "
            "records (prefetch), the queries per batch stay constant"
        )


if __name__ == "__main__":
    main()
