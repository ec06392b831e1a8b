import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_risk_heat_map_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_readiness.hc_readiness_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_main_navbar button[data-menu-xmlid="hc_readiness.hc_readiness_menu_governance"]',
            run: "click",
        },
        {
            trigger: '.dropdown-menu [data-menu-xmlid="hc_readiness.hc_readiness_menu_heatmap"]',
            run: "click",
        },
        {
            content: "A 5 x 5 grid coloured by score band",
            trigger: ".o_hc_heat_map_grid td.bg-danger[data-impact='5'][data-likelihood='5']",
        },
        {
            content: "Low scores are green, medium amber",
            trigger: ".o_hc_heat_map_grid td.bg-success[data-impact='2'][data-likelihood='1'] ~ td.bg-warning[data-likelihood='3']",
        },
        {
            content: "The high cell holds the open risk: open it",
            trigger: ".o_hc_heat_map_grid td.bg-danger.fw-bold[data-impact='5'][data-likelihood='4']",
            run: "click",
        },
        {
            content: "Its risks are listed",
            trigger: ".o_list_view .o_data_row:contains(Tour heat risk)",
        },
    ],
});
