import { registry } from "@web/core/registry";
import { pickRecord } from "@hc_base/../tests/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

function addStep(name, kindLabel) {
    return [
        {
            content: `Add step ${name}`,
            trigger: "div[name=step_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal div[name=name] input",
            run: `edit ${name}`,
        },
        {
            trigger: ".modal div[name=kind] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: `.o_select_menu_menu .o_select_menu_item:contains(${kindLabel})`,
            run: "click",
        },

        {
            content: "Save the step",
            trigger: `.modal button.o_form_button_save`,
            run: "click",
        },
        {
            content: "The step is in the list",
            trigger: `div[name=step_ids] .o_data_row:contains(${name}):contains(${kindLabel})`,
        },
    ];
}

registry.category("web_tour.tours").add("hc_training_trainer_path_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_design"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_paths"]',
            run: "click",
        },
        {
            content: "Create a learning path",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=name] input",
            run: "edit Tour Night Stores Path",
        },
        ...pickRecord(".o_form_view div[name=role_id]", "Tour Stores Role"),
        ...addStep("Receiving walk-through", "Instructor-led session"),
        ...addStep("Discrepancy drill sign-off", "Policy acknowledgment"),
        ...stepUtils.saveForm(),
        {
            content: "Publish it",
            trigger: ".o_form_view button[name=action_publish]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Published)",
        },
        {
            content: "Assign it",
            trigger: ".o_form_view button[name=action_open_bulk_assign]",
            run: "click",
        },
        {
            content: "Assign to a department",
            trigger: ".modal div[name=target] input[data-value=department]",
            run: "click",
        },
        ...pickRecord(".modal div[name=department_id]", "Tour Night Stores"),
        {
            content: "Preview who gets what",
            trigger: ".modal button[name=action_preview]",
            run: "click",
        },
        {
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Tour Nina Night)",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The new assignments are listed",
            trigger: ".o_list_view .o_data_row:contains(Tour Nina Night):contains(Tour Night Stores Path)",
        },
    ],
});

registry.category("web_tour.tours").add("hc_training_my_training_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            content: "My Training opens first: the assigned path is there",
            trigger: ".o_kanban_record:contains(Tour Night Stores Path)",
            run: "click",
        },
        {
            content: "Its steps and due dates are shown",
            trigger: ".o_form_view div[name=completion_ids] .o_data_row:contains(Receiving walk-through)",
        },
    ],
});
