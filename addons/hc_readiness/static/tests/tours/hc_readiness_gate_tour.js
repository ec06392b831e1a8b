import { registry } from "@web/core/registry";

// Part 1 (PMO): the UAT-exit gate is opened for review, a criterion fails, it is recycled.
registry.category("web_tour.tours").add("hc_gate_pmo_recycle_tour", {
    steps: () => [
        {
            content: "The gate collects evidence",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Evidence collection)",
        },
        {
            content: "Open the review",
            trigger: ".o_form_view button[name=action_submit_review]",
            run: "click",
        },
        {
            content: "The gate is in review",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(In review)",
        },
        {
            content: "The RAID criterion failed: one critical issue is open",
            trigger: ".o_field_widget[name=criterion_ids] .o_data_row.text-danger:contains(No open critical RAID issue)",
        },
        {
            content: "Give the reasons",
            trigger: ".o_notebook .nav-link:contains(Decision Note)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_note] textarea",
            run: "edit Critical interface issue still open: fix and re-test.",
        },
        {
            content: "Recycle the gate",
            trigger: ".o_form_view .o_form_statusbar button:contains(Recycle)",
            run: "click",
        },
        {
            content: "The dialog names the failing criterion with its live value",
            trigger: ".modal .o_field_widget[name=failing_criterion_ids] .o_data_row:contains(No open critical RAID issue)",
        },
        {
            content: "The reason is the decision note",
            trigger: ".modal .o_field_widget[name=note] textarea:value(Critical interface issue still open: fix and re-test.)",
        },
        {
            content: "Confirm the recycle",
            trigger: ".modal footer button:contains(Confirm Recycle)",
            run: "click",
        },
        {
            content: "Back to evidence collection",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Evidence collection)",
        },
    ],
});

// Part 2 (PMO): the evidence was added (issue closed, report attached): review again.
registry.category("web_tour.tours").add("hc_gate_pmo_review_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_submit_review]",
            run: "click",
        },
        {
            content: "Every criterion passes now",
            trigger: ".o_field_widget[name=criterion_ids] .o_data_row.text-success:contains(No open critical RAID issue)",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(In review)",
        },
    ],
});

// Part 3 (approver): give the decision the decision-rights matrix asks for.
registry.category("web_tour.tours").add("hc_gate_approver_tour", {
    steps: () => [
        {
            content: "Give my decision",
            trigger: ".o_form_view button:contains(Give My Decision)",
            run: "click",
        },
        {
            content: "My body is proposed",
            trigger: ".modal .o_field_widget[name=body_id] input:value(Tour Leads)",
        },
        {
            content: "Approve",
            trigger: ".modal .o_field_widget[name=vote] input[data-value=approve]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit All critical scenarios passed at the pilot site.",
        },
        {
            trigger: ".modal footer button:contains(Submit Decision)",
            run: "click",
        },
        {
            content: "The approval is recorded on the gate",
            trigger: ".o_notebook .nav-link:contains(Approvals)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=approval_ids] .o_data_row:contains(Tour Leads)",
        },
    ],
});

// Part 4 (PMO): decide go; the evidence pack is there to print.
registry.category("web_tour.tours").add("hc_gate_pmo_decide_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_form_statusbar button.btn-success:contains(Go)",
            run: "click",
        },
        {
            content: "Nothing fails and no approval is missing",
            trigger: ".modal:not(:has(.o_field_widget[name=failing_criterion_ids] .o_data_row))",
        },
        {
            trigger: ".modal footer button:contains(Confirm Go)",
            run: "click",
        },
        {
            content: "The gate is decided go",
            trigger: ".o_form_view .ribbon:contains(Go)",
        },
        {
            trigger: ".o_notebook .nav-link:contains(Evidence Snapshots)",
            run: "click",
        },
        {
            content: "The decision snapshot offers its evidence pack",
            trigger: ".o_field_widget[name=snapshot_ids] .o_data_row:contains(Decision) button[name=action_print]",
        },
    ],
});
