import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_training_who_to_call_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the training app",
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            content: "The app is open",
            trigger: ".o_main_navbar .o_menu_brand",
        },
        {
            content: "Open My Training",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_my"]',
            run: "click",
        },
        {
            content: "Open Who to Call Now",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_my_who_to_call"]',
            run: "click",
        },
        {
            content: "The page title is shown",
            trigger: ".o_breadcrumb:contains(Who to Call Now)",
        },
        {
            content: "The super user on duty at my site, with the area, phone and backup",
            trigger:
                ".o_list_view .o_data_row:contains(Tour Quinn Super):contains(Tour Inventory):contains(+44 20 7946 0999):contains(Tour Rhea Backup)",
        },
        {
            content: "The super user of another site is not listed",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Far Super)))",
        },
    ],
});
