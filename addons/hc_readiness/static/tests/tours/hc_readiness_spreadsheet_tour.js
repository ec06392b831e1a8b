import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_readiness_spreadsheet_tour", {
    url: "/odoo",
    steps: () => [
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
            content: "The spreadsheet dashboard renders its grid",
            trigger: ".o_spreadsheet_dashboard_action .o-grid, .o_spreadsheet_dashboard_action canvas",
        },
        {
            content: "Its charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure-wrapper, .o_spreadsheet_dashboard_action .o-chart-container",
        },
    ],
});
