"""The README's role table as data: who may call each public method of the suite.

One place: ``test_rpc_guarantees`` calls every public ``action_*``/``button_*`` method of every
``hc.*`` model (and the suite's methods on ``hr.employee``) as each user below and fails for a
method missing here. A method lists the groups allowed to call it (implied groups count: a
training manager is a trainer, a PMO an executive, a migration lead a data owner); ``ANY`` marks
navigation (open a list, print, view) that is left to the record rules of whoever reads.
"""

ANY = object()

EMPLOYEE = "base.group_user"
TRAINER = "hc_training.group_trainer"
TRAINING_MANAGER = "hc_training.group_training_manager"
QUALITY = "hc_training.group_quality_coordinator"
EXECUTIVE = "hc_readiness.group_executive"
PMO = "hc_readiness.group_pmo"
GATE_APPROVER = "hc_readiness.group_gate_approver"
SUPER_USER = "hc_readiness.group_super_user"
ANALYST = "hc_readiness.group_business_analyst"
WORKSTREAM_LEAD = "hc_readiness.group_workstream_lead"
DATA_OWNER = "hc_migration.group_data_owner"
MIGRATION_LEAD = "hc_migration.group_migration_lead"

# The README's demo logins, one per role, with the groups they are created with when the demo
# data is absent (with demo data the users' own groups count).
ROLE_USERS = {
    "maya": [TRAINING_MANAGER],
    "tomas": [TRAINER],
    "quentin": [QUALITY],
    "priya": [PMO],
    "daniel": [EXECUTIVE],
    "grace": [GATE_APPROVER],
    "sofia": [SUPER_USER],
    "ines": [ANALYST],
    "ravi": [DATA_OWNER, WORKSTREAM_LEAD],
    "marcus": [MIGRATION_LEAD],
    "nadia": [EMPLOYEE],
}

METHOD_ROLES = {
    # ----------------------------------------------------- hc_base
    "hc.site.action_open_employees": ANY,
    # ------------------------------------------------- hc_training
    "hc.controlled.document.action_view_versions": ANY,
    "hc.controlled.document.version.action_acknowledge": (EMPLOYEE,),  # own only
    "hc.controlled.document.version.action_approve": (QUALITY,),
    "hc.controlled.document.version.action_back_to_draft": (QUALITY,),
    "hc.controlled.document.version.action_make_effective": (QUALITY,),
    "hc.controlled.document.version.action_open_acknowledge": ANY,
    "hc.controlled.document.version.action_submit": (QUALITY,),
    "hc.controlled.document.version.action_view_acknowledgments": ANY,
    "hc.document.coverage.action_open_coverage": (QUALITY, TRAINING_MANAGER),
    "hc.learning.path.action_open_bulk_assign": ANY,
    "hc.learning.path.action_publish": (TRAINER,),
    "hc.learning.path.action_revise": (TRAINER,),
    "hc.learning.path.action_view_assignments": ANY,
    "hc.super.user.action_certify": (TRAINER,),
    "hc.super.user.action_renominate": (TRAINER,),
    "hc.super.user.action_start_training": (TRAINER,),
    "hc.super.user.action_step_down": (TRAINER,),
    "hc.super.user.action_view_assignment": ANY,
    "hc.super.user.rota.plan.action_confirm": (TRAINER,),
    "hc.super.user.rota.plan.action_propose": (TRAINER,),
    "hc.training.assignment.action_print_transcript": ANY,
    "hc.training.assignment.action_unwaive": (TRAINER,),
    "hc.training.assignment.action_waive": (TRAINER,),
    "hc.training.bulk.assign.action_confirm": (TRAINER,),
    "hc.training.bulk.assign.action_preview": (TRAINER,),
    "hc.training.completion.action_open_source": ANY,
    "hc.training.completion.action_reopen": (TRAINING_MANAGER,),
    "hc.training.completion.action_sign_off": ANY,
    "hc.training.coverage.plan.action_confirm": (TRAINER,),
    "hc.training.coverage.plan.action_propose": (TRAINER,),
    "hc.training.matrix.export.action_export": (TRAINER,),
    "hc.training.role.action_view_paths": ANY,
    "hc.training.session.action_cancel": (TRAINER,),
    "hc.training.session.action_invite_missing": (TRAINER,),
    "hc.training.session.action_mark_done": (TRAINER,),
    "hc.training.session.action_open_calendar_event": ANY,
    "hc.training.session.action_reopen": (TRAINING_MANAGER,),
    "hc.training.session.action_reset_to_draft": (TRAINER,),
    "hc.training.session.action_schedule": (TRAINER,),
    "hc.training.session.attendee.action_mark_absent": (TRAINER,),
    "hc.training.session.attendee.action_mark_excused": (TRAINER,),
    "hc.training.session.attendee.action_mark_present": (TRAINER,),
    "hc.training.signoff.action_confirm": (EMPLOYEE,),  # sites/observer inside
    "hc.training.waive.action_confirm": (TRAINER,),
    # the source's retraining roles (floor issues, UAT defects), re-checked on confirm
    "hc.retraining.wizard.action_confirm": (SUPER_USER, PMO),
    "hr.employee.action_open_training": ANY,
    "hr.employee.action_print_training_transcript": ANY,
    # ------------------------------------------------ hc_migration
    "hc.migration.cluster.action_keep_apart": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.cluster.action_merge": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.domain.action_map_columns": (DATA_OWNER, MIGRATION_LEAD),  # own domain
    "hc.migration.domain.action_new_run": (MIGRATION_LEAD,),
    "hc.migration.domain.action_sign_off": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.domain.action_sign_off_cleansing": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.domain.action_sign_off_cutover": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.domain.action_sign_off_dedup": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.map.columns.action_apply": (DATA_OWNER, MIGRATION_LEAD),  # own domain
    "hc.migration.map.columns.action_read_file": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.row.action_open_record": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.run.action_export_rejects": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.run.action_load": (MIGRATION_LEAD,),
    "hc.migration.run.action_map_columns": (DATA_OWNER, MIGRATION_LEAD),  # own domain
    "hc.migration.run.action_print_reconciliation": (DATA_OWNER, MIGRATION_LEAD),
    "hc.migration.run.action_rollback": (MIGRATION_LEAD,),
    "hc.migration.run.action_stage": (MIGRATION_LEAD,),
    "hc.migration.signoff.exception.action_confirm": (DATA_OWNER, MIGRATION_LEAD),
    # ------------------------------------------------ hc_readiness
    "hc.corrective.action.action_cancel": (EMPLOYEE,),
    "hc.corrective.action.action_done": (EMPLOYEE,),
    "hc.corrective.action.action_start": (EMPLOYEE,),
    "hc.corrective.action.action_verify": (EMPLOYEE,),
    "hc.customization.decision.wizard.action_confirm": (GATE_APPROVER, PMO),  # and a DA seat
    "hc.customization.request.action_approve": (GATE_APPROVER, PMO),
    "hc.customization.request.action_create_task": (GATE_APPROVER, PMO),
    "hc.customization.request.action_defer": (GATE_APPROVER, PMO),
    "hc.customization.request.action_reject": (GATE_APPROVER, PMO),
    "hc.customization.request.action_submit": (EMPLOYEE,),
    "hc.cutover.rollback.criterion.action_resolve": (PMO,),
    "hc.cutover.rollback.criterion.action_trigger": (PMO,),
    "hc.cutover.runbook.action_done": (PMO,),
    "hc.cutover.runbook.action_go_live": (PMO,),
    "hc.cutover.runbook.action_rehearse": (PMO,),
    "hc.cutover.runbook.action_roll_back": (PMO,),
    "hc.cutover.runbook.action_view_tasks": ANY,
    "hc.cutover.task.action_block": (SUPER_USER, PMO),
    "hc.cutover.task.action_done": (SUPER_USER, PMO),
    "hc.cutover.task.action_skip": (PMO,),
    "hc.cutover.task.action_start": (SUPER_USER, PMO),
    "hc.floor.issue.action_answer_howto": (SUPER_USER, PMO),
    "hc.floor.issue.action_close": (SUPER_USER, PMO),
    "hc.floor.issue.action_create_maintenance_request": (SUPER_USER, PMO),
    "hc.floor.issue.action_escalate_raid": (PMO,),
    "hc.floor.issue.action_raise_corrective_action": (SUPER_USER, PMO),
    "hc.floor.issue.action_reopen": (SUPER_USER, PMO),
    "hc.floor.issue.action_resolve": (SUPER_USER, PMO),
    "hc.floor.issue.action_retrain": (SUPER_USER, PMO),
    "hc.floor.issue.action_start": (SUPER_USER, PMO),
    "hc.gate.action_collect_evidence": (PMO,),
    "hc.gate.action_decide_conditional": (PMO,),
    "hc.gate.action_decide_go": (PMO,),
    "hc.gate.action_decide_no_go": (PMO,),
    "hc.gate.action_evaluate": (PMO,),
    "hc.gate.action_open_decision": (PMO,),
    "hc.gate.action_open_my_decision": (GATE_APPROVER,),  # member of a body that must approve
    "hc.gate.action_open_override": (GATE_APPROVER, PMO),  # on the steering committee
    "hc.gate.action_override_go": (GATE_APPROVER, PMO),
    "hc.gate.action_recycle": (PMO,),
    "hc.gate.action_submit_review": (PMO,),
    "hc.gate.condition.action_close": (PMO,),
    "hc.gate.decision.wizard.action_confirm": (GATE_APPROVER, PMO),  # the gate's action decides
    "hc.gate.snapshot.action_print": ANY,
    "hc.governance.body.action_open_raid": ANY,
    "hc.migration.domain.action_view_uat_defects": ANY,
    "hc.process.variant.action_approve": (GATE_APPROVER, PMO, WORKSTREAM_LEAD),
    "hc.process.variant.action_reject": (GATE_APPROVER, PMO, WORKSTREAM_LEAD),
    "hc.process.variant.action_submit": (ANALYST, PMO, WORKSTREAM_LEAD),
    "hc.process.workflow.action_open_variants": ANY,
    "hc.program.action_generate_baseline": (ANALYST, PMO),
    "hc.program.action_open_customizations": ANY,
    "hc.program.action_open_dashboard": ANY,
    "hc.program.action_open_gaps": ANY,
    "hc.program.action_open_governance": ANY,
    "hc.program.action_open_raid": ANY,
    "hc.program.action_open_scores": ANY,
    "hc.program.action_open_variants": ANY,
    "hc.program.action_open_workarounds": ANY,
    "hc.program.action_print_process_baseline": ANY,
    "hc.program.action_print_scorecard": ANY,
    "hc.program.action_recompute_readiness": (PMO,),
    "hc.program.wave.action_open_scores": ANY,
    "hc.program.wave.action_recompute_readiness": (PMO,),
    "hc.readiness.lens.action_open_inputs": ANY,
    "hc.readiness.score.action_open_children": ANY,
    "hc.readiness.score.action_open_inputs": ANY,
    "hc.uat.cycle.action_close": (PMO,),
    "hc.uat.cycle.action_start": (PMO,),
    "hc.uat.cycle.action_view_defects": ANY,
    "hc.uat.cycle.action_view_runs": ANY,
    "hc.uat.defect.action_close": (SUPER_USER, PMO),
    "hc.uat.defect.action_fixed": (SUPER_USER, PMO),
    "hc.uat.defect.action_propose_retraining": (SUPER_USER, PMO),
    "hc.uat.defect.action_reopen": (SUPER_USER, PMO),
    "hc.uat.defect.action_retested": (SUPER_USER, PMO),
    "hc.uat.defect.action_view_retraining": ANY,
    "hc.uat.run.action_close": (SUPER_USER, PMO),
    "hc.uat.run.action_reopen": (PMO,),
    "hc.uat.run.action_view_defects": ANY,
}

# Fields whose names say the workflow owns them (states, decisions, deciders, dates of record,
# checksums, rollback data) but that a role edits by design; every other field so named must be
# workflow-owned (test_rpc_guarantees), so removing a field's guard fails the test.
EDITABLE_WORKFLOW_FIELDS = {
    "hc.program.state": "the PMO moves the programme along its status bar",
    "hc.program.wave.state": "the PMO moves a wave along its status bar",
    "hc.raid.item.state": "RAID owners and the PMO work the log's status bar",
    "hc.process.gap.state": "analysts and workstream leads work the gap register",
    "hc.process.gap.current_state": "a description of today's process, not a workflow state",
    "hc.process.gap.target_state": "a description of the target process, not a workflow state",
    "hc.process.workaround.state": "analysts and workstream leads work the workaround register",
    "hc.training.assignment.date_assigned": (
        "a trainer plans an assignment from a start date when making it; write refuses it"
    ),
}
