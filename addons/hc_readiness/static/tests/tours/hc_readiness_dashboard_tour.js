import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_readiness_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_readiness.hc_readiness_menu_root"]',
            run: "click",
        },
        {
            content: "The PMO dashboard opens on the waves and their sites",
            trigger: ".o_kanban_view .o_kanban_group:contains(Tour Wave)",
        },
        {
            content: "The red site shows its score",
            trigger: ".o_kanban_record:contains(Tour Red Hospital):contains(Red)",
        },
        {
            content: "Drill down to its missing completions",
            trigger: ".o_kanban_record:contains(Tour Red Hospital) button[name=action_open_inputs]",
            run: "click",
        },
        {
            content: "The training records behind the number are listed",
            trigger: ".o_list_view .o_data_row:contains(Tour Ruth Red):contains(Tour red drill)",
        },
    ],
});
