import { registry } from "@web/core/registry";

// A super user on the floor logs an issue on a phone: six taps and inputs from the
// "Log Floor Issue" form (site and shift come from the user and the clock).
registry.category("web_tour.tours").add("hc_floor_issue_log_tour", {
    steps: () => [
        {
            content: "The quick-log form is open",
            trigger: ".o_form_view .o_field_widget[name=category]",
        },
        {
            content: "1. Category: software defect",
            trigger: ".o_field_widget[name=category] input[data-value=defect]",
            run: "click",
        },
        {
            content: "2. Severity: critical",
            trigger: ".o_field_widget[name=severity] input[data-value=critical]",
            run: "click",
        },
        {
            content: "3. App area",
            trigger: ".o_field_widget[name=app_area_id] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "4. Inventory",
            trigger: ".o_select_menu_item:contains(Inventory)",
            run: "click",
        },
        {
            content: "5. What happened",
            trigger: ".o_field_widget[name=description] textarea",
            run: "edit Tour scanner freezes on goods receipt",
        },
        {
            content: "6. Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

// The command center opens the daily review: the critical issue is there, by site.
registry.category("web_tour.tours").add("hc_floor_issue_review_tour", {
    steps: () => [
        {
            content: "Grouped by site",
            trigger: ".o_list_view .o_group_header:contains(Tour Floor Hospital)",
            run: "click",
        },
        {
            content: "then by severity",
            trigger: ".o_list_view .o_group_header:contains(Critical)",
            run: "click",
        },
        {
            content: "The new issue, past nothing yet",
            trigger: ".o_list_view .o_data_row:contains(Tour scanner freezes on goods receipt)",
        },
    ],
});
