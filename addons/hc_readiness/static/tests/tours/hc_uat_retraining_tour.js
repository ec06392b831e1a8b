import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { pickRecord } from "@hc_base/../tests/tour_utils";

// A super user records a failing step, logs a training-gap defect and proposes retraining.
registry.category("web_tour.tours").add("hc_uat_retraining_tour", {
    steps: () => [
        {
            content: "The run has not been run yet",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Not run)",
        },
        {
            content: "Record the result of the replenishment step",
            trigger: ".o_field_widget[name=step_ids] .o_data_row:contains(Tour raise replenishment) .o_data_cell[name=result]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=step_ids] .o_selected_row .o_field_widget[name=result] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Fail)",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "The run failed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Failed)",
        },
        {
            content: "Log the defect",
            trigger: ".o_notebook .nav-link:contains(Defects)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=defect_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Tour manual stock adjustment",
        },
        ...pickRecord(".modal .o_field_widget[name=run_step_id]", "Tour raise", "Tour raise replenishment"),
        {
            content: "Its root cause is a training gap",
            trigger: ".modal .o_field_widget[name=root_cause] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Training gap)",
            run: "click",
        },
        {
            trigger: ".modal button.o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The defect is listed on the run",
            trigger: ".o_field_widget[name=defect_ids] .o_data_row:contains(Tour manual stock adjustment):contains(Training gap)",
        },
        ...stepUtils.saveForm(),
        {
            content: "Open the defects",
            trigger: ".o_form_view .oe_stat_button[name=action_view_defects]:contains(1)",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(UAT Defects)",
        },
        {
            trigger: ".o_kanban_record:contains(Tour manual stock adjustment)",
            run: "click",
        },
        {
            content: "Propose retraining",
            trigger: ".o_form_view button[name=action_propose_retraining]",
            run: "click",
        },
        {
            content: "The training step and the tester are proposed",
            trigger: ".modal .o_field_widget[name=employee_ids] .o_tag:contains(Tour Tess)",
        },
        {
            trigger: ".modal .o_field_widget[name=step_ids] .o_tag:contains(Tour replenishment drill)",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The retraining is linked on the defect",
            trigger: ".o_form_view .oe_stat_button[name=action_view_retraining]:contains(1)",
        },
    ],
});
