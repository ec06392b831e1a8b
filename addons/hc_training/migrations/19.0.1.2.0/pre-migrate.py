"""19.0.1.2.0: the eLearning, certification-survey and time-off hooks moved to the bridges
hc_training_slides, hc_training_survey and hc_training_holidays.

A database upgraded from an earlier version has the apps they bridge (hc_training used to depend
on website_slides and survey). The bridges are marked for installation in this same run, so that
the fields that moved (a step's course and assessment, a completion's survey answer) are declared
again before Odoo removes what hc_training no longer declares: their columns and data stay. The
demo records that moved keep their rows: their external ids follow them to the bridge.
"""

BRIDGES = ("hc_training_slides", "hc_training_survey", "hc_training_holidays")
MOVED_XMLIDS = {
    "hc_training_slides": ("slide_channel_inventory_demo", "slide_inventory_%_demo"),
    "hc_training_survey": ("survey_stores_%_demo", "survey_stores_certification_demo"),
}


def migrate(cr, version):
    if not version:
        return
    # every dependency installed or being installed/upgraded in this run (hc_training is)
    cr.execute(
        """
        UPDATE ir_module_module m
           SET state = 'to install'
         WHERE m.name IN %s
           AND m.state = 'uninstalled'
           AND NOT EXISTS (
                SELECT 1
                  FROM ir_module_module_dependency d
                  JOIN ir_module_module dep ON dep.name = d.name
                 WHERE d.module_id = m.id
                   AND dep.state NOT IN ('installed', 'to upgrade', 'to install'))
        RETURNING m.name
        """,
        (BRIDGES,),
    )
    marked = {name for (name,) in cr.fetchall()}
    for bridge, patterns in MOVED_XMLIDS.items():
        if bridge not in marked:
            continue
        for pattern in patterns:
            cr.execute(
                """
                UPDATE ir_model_data SET module = %s
                 WHERE module = 'hc_training' AND name LIKE %s
                """,
                (bridge, pattern),
            )
