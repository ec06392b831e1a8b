import { registry } from "@web/core/registry";

// Part 1 (business analyst): the site's practice is recorded as a local exception and
// submitted to the design authority.
registry.category("web_tour.tours").add("hc_discovery_analyst_tour", {
    steps: () => [
        {
            content: "The site variant is open",
            trigger: ".o_form_view .o_field_widget[name=classification]",
        },
        {
            content: "Classify it as a local exception",
            trigger: ".o_field_widget[name=classification] input[data-value=exception]",
            run: "click",
        },
        {
            content: "Justify the exception",
            trigger: ".o_field_widget[name=justification] textarea",
            run: "edit Hillcrest inducts new starters on the ward rota in its own Planning queue.",
        },
        {
            content: "Submit it to the design authority",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "It waits for the design authority",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
    ],
});

// Part 2 (design authority member): the exception is approved.
registry.category("web_tour.tours").add("hc_discovery_design_authority_tour", {
    steps: () => [
        {
            content: "The submitted exception",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "Approved, with the approver",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Approved)",
        },
        {
            trigger: ".o_field_widget[name=approver_id]:contains(hc_tour_da)",
        },
    ],
});

// Part 3: the programme's workflow x site matrix shows the approved exception.
registry.category("web_tour.tours").add("hc_discovery_matrix_tour", {
    steps: () => [
        {
            content: "Open the discovery page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Discovery)",
            run: "click",
        },
        {
            content: "The rota cell is an approved local exception",
            trigger: ".o_hc_discovery_matrix td.o_hc_matrix_exception:contains(approved)",
        },
        {
            content: "The other workflow is standard",
            trigger: ".o_hc_discovery_matrix td.o_hc_matrix_standard",
        },
    ],
});
