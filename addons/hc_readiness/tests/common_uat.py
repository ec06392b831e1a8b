from datetime import timedelta

from odoo import fields


def create_passed_critical_run(env, program, code="TUAT"):
    """A site, a wave and a UAT cycle for ``program`` with one critical scenario whose run
    passed: the UAT evidence a UAT-exit gate of the programme needs."""
    area = env.ref("hc_base.app_area_inventory")
    site = env["hc.site"].create(
        {"name": f"{code} UAT Hospital", "code": code, "company_id": program.company_id.id}
    )
    program.site_ids |= site
    wave = env["hc.program.wave"].create(
        {
            "program_id": program.id,
            "name": f"{code} UAT wave",
            "sequence": 999,
            "go_live_date": fields.Date.today() + timedelta(days=365),
            "site_ids": [(6, 0, site.ids)],
            "app_area_ids": [(6, 0, area.ids)],
        }
    )
    scenario = env["hc.uat.scenario"].create(
        {
            "name": f"{code} critical chain",
            "code": f"{code}-CRIT",
            "criticality": "critical",
            "step_ids": [
                (0, 0, {"name": "Receive", "app_area_id": area.id, "expected_result": "OK"})
            ],
        }
    )
    cycle = env["hc.uat.cycle"].create(
        {
            "name": f"{code} cycle",
            "program_id": program.id,
            "wave_id": wave.id,
            "site_id": site.id,
        }
    )
    cycle.action_start()
    run = env["hc.uat.run"].create({"cycle_id": cycle.id, "scenario_id": scenario.id})
    run.step_ids.result = "pass"
    return run
