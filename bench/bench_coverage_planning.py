"""Coverage planning of instructor-led sessions for one site before go-live.

One site, 1,500 employees missing one instructor-led step, spread over the site's three
shifts (day, evening, night), six trainers of the site, go-live in 21 days. Prints the
seconds and SQL queries of the wizard's proposal (``action_propose``), the number of
sessions proposed and of employees left unplaced, then the cost of confirming the proposal
(scheduled sessions with their attendees and calendar events).

    bash scripts/bench.sh bench/bench_coverage_planning.py [--sizes 1500]
"""

from datetime import date, timedelta

from common import Meter, employee_pool, environment, parse_args

TRAINERS = 6


def build(env, company_id, n_employees):
    env = env(context=dict(env.context, allowed_company_ids=[company_id]))
    site = env["hc.site"].search([("company_id", "=", company_id)], order="id", limit=1)
    site.write({"tz": "Europe/London", "go_live_date": date.today() + timedelta(days=21)})
    Shift = env["hc.shift"]
    shifts = Shift.search([("site_id", "=", site.id)], order="hour_from")
    if len(shifts) < 3:
        shifts = Shift.create(
            [
                {
                    "name": f"Bench {kind}",
                    "shift_type": kind,
                    "site_id": site.id,
                    "hour_from": start,
                    "hour_to": end,
                }
                for kind, start, end in (("day", 7, 15), ("evening", 15, 23), ("night", 23, 7))
            ]
        )
    employees = env["hr.employee"].search(
        [("company_id", "=", company_id)], order="id", limit=n_employees * 3
    )
    employees = employees.filtered(lambda e: e.hc_site_id == site)[:n_employees]
    for i, shift in enumerate(shifts):
        employees.filtered(lambda e, i=i: e.id % 3 == i).write({"hc_shift_id": shift.id})
    role = env["hc.training.role"].create(
        {"name": "Bench session role", "code": f"BSR-{n_employees}"}
    )
    path = env["hc.learning.path"].create(
        {
            "name": "Bench session path",
            "role_id": role.id,
            "step_ids": [(0, 0, {"name": "Bench go-live walk-through", "kind": "session"})],
        }
    )
    path.action_publish()
    env["hc.training.assignment"]._create_assignments(
        [{"employee_id": e.id, "path_id": path.id} for e in employees]
    )
    group = env.ref("hc_training.group_trainer")
    trainers = env["res.users"].create(
        [
            {
                "name": f"Bench trainer {i}",
                "login": f"bench_session_trainer_{n_employees}_{i}",
                "company_id": company_id,
                "company_ids": [(6, 0, [company_id])],
                "group_ids": [(6, 0, group.ids)],
                "hc_site_ids": [(6, 0, site.ids)],
            }
            for i in range(TRAINERS)
        ]
    )
    return env, site, path, trainers, employees


def run(env, company_id, n_employees):
    env, site, path, trainers, employees = build(env, company_id, n_employees)
    wizard = env["hc.training.coverage.plan"].create(
        {
            "site_id": site.id,
            "step_ids": [(6, 0, path.step_ids.ids)],
            "capacity": 12,
            "max_per_trainer_day": 3,
        }
    )
    wizard.trainer_ids = trainers
    with Meter(env) as meter:
        wizard.action_propose()
    placed = sum(len(line.employee_ids) for line in wizard.line_ids)
    unplaced = sum(len(gap.employee_ids) for gap in wizard.gap_ids)
    assert placed + unplaced == len(employees), (placed, unplaced, len(employees))
    with Meter(env) as confirm:
        action = wizard.action_confirm()
    sessions = env["hc.training.session"].search(action["domain"])
    assert len(sessions.attendee_ids) == placed, (len(sessions.attendee_ids), placed)
    return meter, confirm, len(wizard.line_ids), placed, unplaced


def main():
    args = parse_args(__doc__)
    sizes = [int(s) for s in (args.sizes or "1500").split(",")]
    # the pool spreads employees over 3 sites: take three times the size
    company_id = employee_pool(args.db, max(sizes) * 3)
    for size in sizes:
        with environment(args.db) as env:
            meter, confirm, n_sessions, placed, unplaced = run(env, company_id, size)
        print(
            f"employees={size:>6} trainers={TRAINERS} | proposal: {meter.queries:>5} queries "
            f"{meter.seconds:7.2f}s | sessions proposed={n_sessions} placed={placed} "
            f"unplaced={unplaced} | confirm (sessions, attendees, calendar events): "
            f"{confirm.queries:>5} queries {confirm.seconds:7.2f}s"
        )


if __name__ == "__main__":
    main()
