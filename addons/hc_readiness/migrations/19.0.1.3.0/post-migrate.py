"""Score rows gained their numerator and headcount (``score_points``, ``people``), which every
grouped readiness figure reads: rebuild the rows of the active programmes once, as the
nightly cron would."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["hc.program"].search([("state", "=", "active")])._recompute_readiness()
