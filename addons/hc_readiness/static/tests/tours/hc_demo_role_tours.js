import { registry } from "@web/core/registry";
import { openApp, openMenu, pickRecord } from "@hc_base/../tests/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

/* The README's walkthroughs of the PMO, governance and stage gates, discovery and go-live
 * week, step by step, as the demo logins the README names (Northbridge demo data). */

const PROGRAMME = "Northbridge ERP Go-Live";

const openReadiness = () => openApp("hc_readiness.hc_readiness_menu_root", "Go-Live Readiness");

/** From the home menu to the migration readiness gate (in review in the demo data). */
function openMigrationGate() {
    return [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_gates",
            "Stage Gates"
        ),
        {
            content: "Open the migration readiness gate in review",
            trigger: ".o_data_row:contains(Migration readiness) td.o_data_cell",
            run: "click",
        },
    ];
}

function openProgramme() {
    return [
        ...openMenu(
            "hc_readiness.hc_readiness_menu_program",
            "hc_readiness.hc_readiness_menu_programs",
            "Programmes"
        ),
        {
            content: "Open the Northbridge programme",
            trigger: `.o_data_row:contains(${PROGRAMME}) td.o_data_cell, .o_kanban_record:contains(${PROGRAMME})`,
            run: "click",
        },
        { trigger: `.o_breadcrumb:contains(${PROGRAMME})` },
    ];
}

// "For the PMO: readiness scores and the five lenses", as priya.
registry.category("web_tour.tours").add("hc_demo_pmo_readiness_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        {
            content: "The dashboard: the waves and their sites, red/amber/green",
            trigger: ".o_kanban_view .o_kanban_group:contains(Wave 1: pilot at St. Aurelia)",
        },
        {
            content: "Riverside is red: by role",
            trigger: ".o_kanban_record:contains(Riverside Community Hospital):contains(Red) button[name=action_open_children]",
            run: "click",
        },
        { content: "One level down: by role", trigger: ".o_list_view .o_data_row, .o_kanban_record" },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb a:contains(Dashboard)",
            run: "click",
        },
        {
            content: "Missing completions behind Riverside's number",
            trigger: ".o_kanban_record:contains(Riverside Community Hospital) button[name=action_open_inputs]",
            run: "click",
        },
        {
            content: "The training records behind the number",
            trigger: ".o_list_view .o_data_row:contains(Riverside Community Hospital)",
        },
        ...openProgramme(),
        {
            content: "Recompute readiness",
            trigger: ".o_form_view button[name=action_recompute_readiness]",
            run: "click",
        },
        { trigger: ".o_form_view .o_form_saved" },
        {
            content: "The five lenses with their formula",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Lenses)",
            run: "click",
        },
        { trigger: ".o_form_view .o_data_row:contains(Data trust)" },
        {
            content: "Print the executive scorecard",
            trigger: ".o_form_view button[name=action_print_scorecard]",
            run: "click",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_reporting",
            "hc_readiness.hc_readiness_menu_matrix",
            "Site"
        ),
        { content: "The site x workstream pivot", trigger: ".o_pivot table tbody th" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_reporting",
            "hc_readiness.hc_readiness_menu_lenses",
            "Lenses"
        ),
        { trigger: ".o_data_row:contains(User readiness)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_reporting",
            "hc_readiness.hc_readiness_menu_trend",
            "Trend"
        ),
        { content: "The trend of the daily snapshots", trigger: ".o_graph_view, .o_list_view" },
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="spreadsheet_dashboard.spreadsheet_dashboard_menu_root"]',
            run: "click",
        },
        {
            content: "Open the Go-live readiness dashboard",
            trigger: ".o_search_panel li:contains(Go-live readiness), .o_search_panel_category_value:contains(Go-live readiness)",
            run: "click",
        },
        {
            content: "The spreadsheet dashboard renders",
            trigger: ".o_spreadsheet_dashboard_action .o-grid, .o_spreadsheet_dashboard_action canvas",
        },
    ],
});

// The executive (daniel) reads the same screens and recomputes nothing.
registry.category("web_tour.tours").add("hc_demo_executive_readonly_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        { trigger: ".o_kanban_record:contains(St. Aurelia General Hospital)" },
        ...openProgramme(),
        {
            content: "The scorecard prints, nothing is recomputed",
            trigger: ".o_form_view:not(:has(button[name=action_recompute_readiness])) button[name=action_print_scorecard]",
            run: "click",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_heatmap",
            ".o_hc_heat_map_grid td"
        ),
    ],
});

// "Governance: bodies, decision rights, RAID log, customization requests", as priya.
registry.category("web_tour.tours").add("hc_demo_pmo_governance_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_bodies",
            "Governance Bodies"
        ),
        { trigger: ".o_data_row:contains(Design Authority), .o_kanban_record:contains(Design Authority)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_decision_rights",
            "Decision Rights"
        ),
        { trigger: ".o_data_row:contains(Migration readiness):contains(Programme Management Office)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_raid",
            "RAID"
        ),
        { content: "The standard risk register", trigger: ".o_data_row, .o_kanban_record" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_heatmap",
            ".o_hc_heat_map_grid td"
        ),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_customization",
            "Customization Requests"
        ),
        { trigger: ".o_data_row:contains(Sterile kit tracking), .o_kanban_record:contains(Sterile kit tracking)" },
    ],
});

// A member of the design authority (grace) decides the customization request.
registry.category("web_tour.tours").add("hc_demo_design_authority_request_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_governance",
            "hc_readiness.hc_readiness_menu_customization",
            "Customization Requests"
        ),
        {
            content: "Open the sterile kit request",
            trigger: ".o_data_row:contains(Sterile kit tracking) td.o_data_cell",
            run: "click",
        },
        {
            content: "Reject in favour of the standard",
            trigger: ".o_form_view button[name=action_reject]",
            run: "click",
        },
        {
            content: "The decision dialog takes the rationale",
            trigger: ".modal .o_field_widget[name=rationale] textarea",
            run: "edit Standard lots and serials in Inventory track the trays; no custom module.",
        },
        { trigger: ".modal footer button:contains(Confirm Rejection)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Rejected)" },
        { trigger: ".o_form_view .o_notebook .nav-link:contains(Decision)", run: "click" },
        {
            content: "The rationale is recorded on the request",
            trigger: ".o_form_view .o_field_widget[name=rationale]:contains(Standard lots and serials)",
        },
    ],
});

// Stage gates, part 1: the PMO body's gate approver (omar) gives his decision.
registry.category("web_tour.tours").add("hc_demo_gate_approver_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigrationGate(),
        {
            content: "Give my decision",
            trigger: ".o_form_view .o_form_statusbar button:contains(Give My Decision)",
            run: "click",
        },
        {
            content: "My body is proposed",
            trigger: ".modal .o_field_widget[name=body_id] input:value(Programme Management Office)",
        },
        {
            content: "Approve",
            trigger: ".modal .o_field_widget[name=vote] input[data-value=approve]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Suppliers loaded twice cleanly; items follow in mock run 3.",
        },
        { trigger: ".modal footer button:contains(Submit Decision)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_notebook .nav-link:contains(Approvals)", run: "click" },
        {
            content: "My approval is recorded",
            trigger: ".o_field_widget[name=approval_ids] .o_data_row:contains(Programme Management Office):contains(Omar)",
        },
    ],
});

// Stage gates, part 2: the PMO (priya) decides a conditional go and prints the evidence pack.
registry.category("web_tour.tours").add("hc_demo_gate_pmo_decides_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigrationGate(),
        {
            content: "A condition with owner and due date",
            trigger: ".o_notebook .nav-link:contains(Conditions)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=condition_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=condition_ids] .o_selected_row .o_field_widget[name=name] input",
            run: "edit Items mock run 3 under 2 % rejects",
        },
        ...pickRecord(
            ".o_field_widget[name=condition_ids] .o_selected_row .o_field_widget[name=owner_id]",
            "Elena"
        ),
        {
            trigger: ".o_field_widget[name=condition_ids] .o_selected_row .o_field_widget[name=date_due] input",
            run: "edit 12/20/2030",
        },
        ...stepUtils.saveForm(),
        {
            content: "Conditional Go",
            trigger: ".o_form_view .o_form_statusbar button:contains(Conditional Go)",
            run: "click",
        },
        {
            content: "The dialog shows what fails and what is missing",
            trigger: ".modal .o_field_widget[name=outcome]",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Go for the pilot; items must pass mock run 3.",
        },
        { trigger: ".modal footer button:contains(Confirm Conditional Go)", run: "click" },
        {
            content: "The gate is decided",
            trigger: ".o_form_view .ribbon:contains(Conditional go)",
        },
        { trigger: ".o_notebook .nav-link:contains(Evidence Snapshots)", run: "click" },
        {
            content: "Print the evidence pack of the decision",
            trigger: ".o_field_widget[name=snapshot_ids] .o_data_row:contains(Decision) button[name=action_print]",
            run: "click",
        },
    ],
});

// "Discovery and gap analysis", part 1: the business analyst (ines).
registry.category("web_tour.tours").add("hc_demo_analyst_discovery_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_discovery",
            "hc_readiness.hc_readiness_menu_process_catalog",
            "Process Catalog"
        ),
        {
            content: "The eight seeded workflows",
            trigger: ".o_data_row:contains(Service-ticket routing), .o_kanban_record:contains(Service-ticket routing)",
        },
        ...openProgramme(),
        { trigger: ".o_form_view .o_notebook .nav-link:contains(Discovery)", run: "click" },
        {
            content: "Generate baseline",
            trigger: ".o_form_view button[name=action_generate_baseline]",
            run: "click",
        },
        {
            content: "The site variants of every workflow and site",
            trigger: ".o_list_view .o_data_row:contains(Service-ticket routing)",
        },
        {
            content: "Back to the programme",
            trigger: `.o_breadcrumb a:contains(${PROGRAMME})`,
            run: "click",
        },
        { trigger: ".o_form_view .o_notebook .nav-link:contains(Discovery)", run: "click" },
        {
            content: "The workflow x site matrix",
            trigger: ".o_hc_discovery_matrix td",
        },
        {
            content: "Process baseline PDF",
            trigger: ".o_form_view button[name=action_print_process_baseline]",
            run: "click",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_discovery",
            "hc_readiness.hc_readiness_menu_process_variants",
            "Site Variants"
        ),
        {
            content: "The variants by workflow",
            trigger: ".o_group_header:contains(Service-ticket routing)",
            run: "click",
        },
        {
            content: "Open service-ticket routing at St. Aurelia",
            trigger: ".o_data_row:contains(St. Aurelia) td.o_data_cell",
            run: "click",
        },
        {
            content: "Classify it as a local exception",
            trigger: ".o_field_widget[name=classification] input[data-value=exception]",
            run: "click",
        },
        {
            content: "Justify it",
            trigger: ".o_field_widget[name=justification] textarea",
            run: "edit The wards route biomedical tickets to the on-call technician's own queue overnight.",
        },
        {
            content: "Submit to the design authority",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_discovery",
            "hc_readiness.hc_readiness_menu_workarounds",
            "Workarounds"
        ),
        { content: "The workarounds by site", trigger: ".o_group_header:contains(St. Aurelia)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_discovery",
            "hc_readiness.hc_readiness_menu_gaps",
            "Gap Register"
        ),
        {
            content: "The gaps by resolution path",
            trigger: ".o_kanban_view .o_kanban_group .o_kanban_record",
        },
    ],
});

// "Discovery and gap analysis", part 2: a design-authority member (grace) approves.
registry.category("web_tour.tours").add("hc_demo_design_authority_variant_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_discovery",
            "hc_readiness.hc_readiness_menu_process_variants",
            "Site Variants"
        ),
        { trigger: ".o_group_header:contains(Service-ticket routing)", run: "click" },
        {
            trigger: ".o_data_row:contains(St. Aurelia) td.o_data_cell",
            run: "click",
        },
        {
            content: "Approve the exception",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Approved)" },
    ],
});

// "Go-live week", desktop part: the PMO (priya) runs UAT, cutover and the daily review.
registry.category("web_tour.tours").add("hc_demo_pmo_go_live_tour", {
    url: "/odoo",
    steps: () => [
        ...openReadiness(),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_config",
            "hc_readiness.hc_readiness_menu_config_uat_scenario",
            "UAT Scenarios"
        ),
        { trigger: ".o_data_row:contains(UAT-MNT-01)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_uat",
            "hc_readiness.hc_readiness_menu_uat_cycles",
            "Cycles"
        ),
        {
            trigger: ".o_data_row:contains(UAT cycle 1 - St. Aurelia) td.o_data_cell",
            run: "click",
        },
        {
            content: "The cycle's runs",
            trigger: ".o_form_view .oe_stat_button[name=action_view_runs]",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_uat",
            "hc_readiness.hc_readiness_menu_uat_defects",
            "Defects"
        ),
        {
            content: "The defects by root cause",
            trigger: ".o_kanban_group:contains(Training gap) .o_kanban_record:contains(manual stock adjustment)",
            run: "click",
        },
        {
            content: "Propose retraining",
            trigger: ".o_form_view button[name=action_propose_retraining]",
            run: "click",
        },
        {
            content: "The step and the testers are filled in",
            trigger: ".modal .o_field_widget[name=step_ids] .o_tag",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The retraining is linked on the defect",
            trigger: ".o_form_view .oe_stat_button[name=action_view_retraining]",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_cutover",
            "hc_readiness.hc_readiness_menu_cutover_runbooks",
            "Runbooks"
        ),
        { trigger: ".o_data_row td.o_data_cell", run: "click" },
        { content: "The runbook's tasks", trigger: ".o_form_view .o_data_row:contains(Load opening stock balances)" },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_hypercare",
            "hc_readiness.hc_floor_issue_menu_review",
            "Daily Issue Review"
        ),
        {
            content: "Open issues by site and severity",
            trigger: ".o_list_view .o_group_header:contains(St. Aurelia General Hospital)",
        },
        ...openMenu(
            "hc_readiness.hc_readiness_menu_hypercare",
            "hc_readiness.hc_floor_issue_menu_adoption",
            "Adoption"
        ),
        ...openMenu(
            "hc_readiness.hc_readiness_menu_hypercare",
            "hc_readiness.hc_floor_adoption_report_menu",
            "Repeat Issues"
        ),
        // last, the timeline of the cutover tasks: a list grouped by the hour of the planned start
        ...openMenu(
            "hc_readiness.hc_readiness_menu_cutover",
            "hc_readiness.hc_readiness_menu_cutover_tasks",
            "Cutover Tasks"
        ),
        {
            content: "The tasks by the hour of their planned start",
            trigger: ".o_list_view .o_group_header, .o_calendar_view",
        },
    ],
});

// "Go-live week" on a phone, as sofia (SAG super user): log a floor issue in six taps.
registry.category("web_tour.tours").add("hc_demo_super_user_floor_issue_tour", {
    steps: () => [
        {
            content: "The quick-log form is open",
            trigger: ".o_form_view .o_field_widget[name=category]",
        },
        {
            content: "1. Category: equipment",
            trigger: ".o_field_widget[name=category] input[data-value=equipment]",
            run: "click",
        },
        {
            content: "2. Severity: high",
            trigger: ".o_field_widget[name=severity] input[data-value=high]",
            run: "click",
        },
        {
            content: "3. App area",
            trigger: ".o_field_widget[name=app_area_id] .o_select_menu_toggler",
            run: "click",
        },
        { content: "4. Maintenance", trigger: ".o_select_menu_item:contains(Maintenance)", run: "click" },
        {
            content: "5. The equipment: the phone opens the site's equipment",
            trigger: ".o_field_widget[name=equipment_id] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains(Infusion Pump Volumetric)",
            run: "click",
        },
        { trigger: ".o_field_widget[name=equipment_id] input:value(Infusion Pump Volumetric)" },
        {
            content: "6. What happened",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit Demo tour: theatre 2 infusion pump alarms on every start.",
        },
        { content: "7. Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Saved", trigger: ".o_form_view .o_form_saved" },
    ],
});

// "Go-live week" on a phone, as sofia: she starts and finishes the cutover task she owns.
registry.category("web_tour.tours").add("hc_demo_super_user_cutover_tour", {
    steps: () => [
        {
            content: "Her task is to do",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Load opening stock balances after the final count)",
        },
        { content: "Start it", trigger: ".o_form_view button[name=action_start]", run: "click" },
        { content: "Finish it", trigger: ".o_form_view button[name=action_done]", run: "click" },
        {
            content: "Done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Done), .o_form_view .o_statusbar_status button:contains(Done)",
        },
    ],
});

// "Go-live week" on a phone, as sofia: her UAT run with each step's result.
registry.category("web_tour.tours").add("hc_demo_super_user_uat_tour", {
    steps: () => [
        {
            content: "Her run of the maintenance chain failed at the replenishment",
            trigger: ".o_form_view .o_field_widget[name=step_ids] :contains(Check stock of the spare part)",
        },
    ],
});
