import { registry } from "@web/core/registry";
import { clickDownload, openApp as openSuiteApp, openMenu, pickRecord } from "@hc_base/../tests/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

/* The README's "For trainers" walkthroughs, step by step, as the demo logins it names
 * (Northbridge demo data). */

const openApp = () => openSuiteApp("hc_training.hc_training_menu_root", "Training Readiness");

// "For trainers: learning paths in five minutes" as tomas (trainer at SAG and RCH).
registry.category("web_tour.tours").add("hc_demo_trainer_paths_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        // 1. the seeded operational roles by workstream
        ...openMenu(
            "hc_training.hc_training_menu_design",
            "hc_training.hc_training_menu_roles",
            "Operational Roles"
        ),
        {
            content: "The seeded roles are listed by workstream",
            trigger: ".o_group_header:contains(Central stores and supply)",
            run: "click",
        },
        { trigger: ".o_data_row:contains(Stores Supervisor)" },
        // 2. a new learning path of a role with an instructor-led step
        ...openMenu(
            "hc_training.hc_training_menu_design",
            "hc_training.hc_training_menu_paths",
            "Learning Paths"
        ),
        { trigger: ".o_data_row:contains(Stores Supervisor go-live path)" },
        { content: "New learning path", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_form_view div[name=name] input", run: "edit Night receiving refresher" },
        ...pickRecord(".o_form_view div[name=role_id]", "Storekeeper"),
        {
            content: "Add a step",
            trigger: "div[name=step_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: ".modal div[name=name] input", run: "edit Night receiving walk-through" },
        { trigger: ".modal div[name=kind] .o_select_menu_toggler", run: "click" },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Instructor-led session)",
            run: "click",
        },
        { trigger: ".modal button.o_form_button_save", run: "click" },
        {
            trigger: "div[name=step_ids] .o_data_row:contains(Night receiving walk-through)",
        },
        ...stepUtils.saveForm(),
        // 3. publish, then assign with the bulk-assign wizard
        { content: "Publish", trigger: ".o_form_view button[name=action_publish]", run: "click" },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Published)",
        },
        {
            content: "Assign",
            trigger: ".o_form_view button[name=action_open_bulk_assign]",
            run: "click",
        },
        {
            content: "Assign to chosen employees",
            trigger: ".modal div[name=target] input[data-value=employees]",
            run: "click",
        },
        ...pickRecord(".modal div[name=employee_ids]", "Nadia Flores").slice(0, 3),
        { trigger: ".modal div[name=employee_ids] .o_tag:contains(Nadia Flores)" },
        { content: "Preview", trigger: ".modal button[name=action_preview]", run: "click" },
        { trigger: ".modal div[name=line_ids] .o_data_row:contains(Nadia Flores)" },
        { content: "Assign", trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "Nadia's new assignment is listed",
            trigger: ".o_list_view .o_data_row:contains(Nadia Flores):contains(Night receiving refresher)",
        },
        // 4. sign off a scenario practice with score and evidence
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_signoff",
            "Awaiting Sign-off"
        ),
        {
            content: "Sign off Aisha's stock discrepancy drill",
            trigger:
                ".o_data_row:contains(Aisha Dvorak):contains(Stock discrepancy drill) button[name=action_sign_off]",
            run: "click",
        },
        {
            trigger: ".modal div[name=note] textarea",
            run: "edit Found the missing infusion sets in the quarantine bay.",
        },
        { content: "Sign off", trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The drill left the sign-off list",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains(Aisha Dvorak):contains(Stock discrepancy drill)))",
        },
        // 5. the training matrix, the assignments, the transcript and the xlsx export
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_matrix",
            "Training Matrix"
        ),
        { content: "The matrix pivot is shown", trigger: ".o_pivot table tbody th" },
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_assignments",
            "Assignments"
        ),
        {
            content: "Aisha's overdue assignment",
            trigger: ".o_data_row:contains(Aisha Dvorak):contains(Storekeeper go-live path) td.o_data_cell",
            run: "click",
        },
        {
            content: "Print the transcript",
            trigger: ".o_form_view button[name=action_print_transcript]",
            run: "click",
        },
        { trigger: ".o_form_view .o_form_saved" },
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_matrix_export",
            null
        ),
        ...pickRecord(".modal div[name=site_id]", "St. Aurelia", "St. Aurelia General Hospital"),
        clickDownload(
            "Export the matrix (xlsx) for the site manager",
            ".modal button[name=action_export]"
        ),
        {
            content: "The export is saved and done (the file downloads)",
            trigger:
                "body:not(:has(.o_form_dirty)):not(:has(.modal button[name=action_export]:disabled))",
        },
    ],
});

// "For trainers" step 3, Revise, as tomas: version 2 of the storekeeper path, one step to redo.
registry.category("web_tour.tours").add("hc_demo_trainer_revise_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "hc_training.hc_training_menu_design",
            "hc_training.hc_training_menu_paths",
            "Learning Paths"
        ),
        {
            content: "Open the published storekeeper path",
            trigger: ".o_data_row:contains(Storekeeper go-live path) td.o_data_cell",
            run: "click",
        },
        { content: "Revise", trigger: ".o_form_view button[name=action_revise]", run: "click" },
        {
            content: "Version 2 is drafted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Open the changed step",
            trigger: "div[name=step_ids] .o_data_row:contains(Stock discrepancy drill) td.o_data_cell",
            run: "click",
        },
        {
            content: "Tick Must Be Redone",
            trigger: ".modal div[name=must_redo] input",
            run: "click",
        },
        { trigger: ".modal button.o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        ...stepUtils.saveForm(),
        {
            content: "The banner tells who must redo what",
            trigger: ".o_form_view .alert-warning div[name=redo_summary]:contains(Stock discrepancy drill)",
        },
        { content: "Publish v2", trigger: ".o_form_view button[name=action_publish]", run: "click" },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Published)",
        },
    ],
});

// "Training sessions by site and shift" as tomas.
registry.category("web_tour.tours").add("hc_demo_trainer_sessions_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_sessions_by_shift",
            "Sessions by Shift"
        ),
        {
            content: "Sessions are grouped by shift",
            trigger: ".o_list_view .o_group_header:contains(Night)",
        },
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_sessions",
            "Sessions"
        ),
        { content: "The calendar by trainer", trigger: ".o_calendar_view" },
        { content: "Switch to the list", trigger: ".o_switch_view.o_list", run: "click" },
        {
            content: "Open the draft evening session at RCH",
            trigger: ".o_data_row:contains(Receiving and put-away - RCH evening) td.o_data_cell",
            run: "click",
        },
        { content: "Schedule it", trigger: ".o_form_view button[name=action_schedule]", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Scheduled)" },
        {
            content: "Invite missing",
            trigger: ".o_form_view button[name=action_invite_missing]",
            run: "click",
        },
        { content: "Invited attendees are listed", trigger: "div[name=attendee_ids] .o_data_row" },
        ...openMenu(
            "hc_training.hc_training_menu_training",
            "hc_training.hc_training_menu_coverage_plan",
            null
        ),
        ...pickRecord(".modal div[name=site_id]", "St. Aurelia", "St. Aurelia General Hospital"),
        { content: "Propose", trigger: ".modal button[name=action_propose]", run: "click" },
        {
            content: "Sessions are proposed shift by shift",
            trigger: ".modal div[name=line_ids] .o_data_row",
        },
        {
            content: "Create the sessions",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        { trigger: "body:not(:has(.modal))" },
    ],
});

// "Controlled documents and policy acknowledgment" as quentin (quality coordinator).
registry.category("web_tour.tours").add("hc_demo_quality_documents_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "hc_training.hc_training_menu_documents",
            "hc_training.hc_training_menu_documents_documents",
            "Controlled Documents"
        ),
        {
            content: "Open SOP-STO-004",
            trigger: ".o_data_row:contains(SOP-STO-004) td.o_data_cell",
            run: "click",
        },
        {
            content: "v2 effective, v1 superseded",
            trigger: ".o_form_view div[name=version_ids] .o_data_row:contains(v1):contains(Superseded)",
        },
        { trigger: ".o_form_view div[name=version_ids] .o_data_row:contains(v2):contains(Effective)" },
        ...openMenu(
            "hc_training.hc_training_menu_documents",
            "hc_training.hc_training_menu_documents_versions",
            "Versions"
        ),
        {
            content: "Open the cold-chain work instruction in review",
            trigger: ".o_data_row:contains(WI-STO-011) td.o_data_cell",
            run: "click",
        },
        { content: "Approve it", trigger: ".o_form_view button[name=action_approve]", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Approved)" },
        {
            content: "Make it effective",
            trigger: ".o_form_view button[name=action_make_effective]",
            run: "click",
        },
        { content: "Confirm", trigger: ".modal footer button.btn-primary:contains(Ok)", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Effective)" },
        ...openMenu(
            "hc_training.hc_training_menu_documents",
            "hc_training.hc_training_menu_documents_coverage",
            "Acknowledgment Coverage"
        ),
        {
            content: "Coverage per document",
            trigger: ".o_pivot table tbody th:contains(SOP-STO-004)",
        },
    ],
});

// "Super-user network and the go-live rota" as maya (training manager).
registry.category("web_tour.tours").add("hc_demo_super_user_network_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu(
            "hc_training.hc_training_menu_super_users",
            "hc_training.hc_training_menu_super_user_network",
            "Super-User Network"
        ),
        {
            content: "The network with backups",
            trigger: ".o_data_row:contains(Gita Nakamura):contains(Inventory)",
        },
        ...openMenu(
            "hc_training.hc_training_menu_super_users",
            "hc_training.hc_training_menu_super_user_rota",
            "Go-Live Rota"
        ),
        { content: "The rota is shown", trigger: ".o_action_manager .o_view_controller" },
        ...openMenu(
            "hc_training.hc_training_menu_super_users",
            "hc_training.hc_training_menu_super_user_rota_plan",
            null
        ),
        ...pickRecord(".modal div[name=site_id]", "St. Aurelia", "St. Aurelia General Hospital"),
        {
            content: "The site's shifts are proposed",
            trigger: ".modal div[name=shift_ids] .o_tag:contains(Night)",
        },
        { content: "Propose", trigger: ".modal button[name=action_propose]", run: "click" },
        {
            content: "Covered slots and gaps are listed",
            trigger: ".modal div[name=line_ids] .o_data_row",
        },
        { content: "Close", trigger: ".modal footer button.btn-secondary:contains(Cancel)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ],
});

// Every employee: "My Training" as nadia (service desk, RCH).
registry.category("web_tour.tours").add("hc_demo_employee_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "My Training opens on my learning paths",
            trigger: ".o_kanban_record:contains(Service-Desk Agent go-live path)",
            run: "click",
        },
        {
            content: "The steps and their due dates",
            trigger: ".o_form_view div[name=completion_ids] .o_data_row:contains(Logging maintenance requests for the floor)",
        },
        ...openMenu(
            "hc_training.hc_training_menu_my",
            "hc_training.hc_training_menu_my_sessions",
            "My Sessions"
        ),
        ...openMenu(
            "hc_training.hc_training_menu_my",
            "hc_training.hc_training_menu_my_documents",
            "Documents to Acknowledge"
        ),
        {
            content: "Read & Acknowledge the records policy",
            trigger: ".o_data_row:contains(POL-QUA-001) button[name=action_open_acknowledge]",
            run: "click",
        },
        { content: "Confirm", trigger: ".modal button[name=action_acknowledge]", run: "click" },
        {
            content: "The policy left the list",
            trigger: ".o_action_manager:not(:has(.o_data_row:contains(POL-QUA-001)))",
        },
        ...openMenu(
            "hc_training.hc_training_menu_my",
            "hc_training.hc_training_menu_my_acknowledgments",
            "My Acknowledgments"
        ),
        { trigger: ".o_data_row:contains(POL-QUA-001)" },
        ...openMenu(
            "hc_training.hc_training_menu_my",
            "hc_training.hc_training_menu_my_who_to_call",
            "Who to Call Now"
        ),
        ...openMenu(
            "hc_training.hc_training_menu_my",
            "hc_training.hc_training_menu_my_super_user_directory",
            "Super-User Directory"
        ),
        {
            content: "The certified super users by site",
            trigger: ".o_kanban_record:contains(Gita Nakamura)",
        },
    ],
});
