import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_readiness_open_app_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the app",
            trigger: '.o_app[data-menu-xmlid="hc_readiness.hc_readiness_menu_root"]',
            run: "click",
        },
        {
            content: "The app menu is shown",
            trigger: '.o_main_navbar .o_menu_brand',
        },
        {
            content: "Open Configuration",
            trigger: 'button[data-menu-xmlid="hc_readiness.hc_readiness_menu_config"]',
            run: "click",
        },
        {
            content: "Open Sites",
            trigger: 'a[data-menu-xmlid="hc_readiness.hc_readiness_menu_config_site"]',
            run: "click",
        },
        {
            content: "The sites list is displayed",
            trigger: ".o_list_view .o_data_row:contains('Tour Check Hospital')",
        },
    ],
});
