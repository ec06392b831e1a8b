import { registry } from "@web/core/registry";
import { pickRecord } from "@hc_base/../tests/tour_utils";
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
        {
            content: "Open My Training again",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_my"]',
            run: "click",
        },
        {
            content: "Open the Super-User Directory",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_my_super_user_directory"]',
            run: "click",
        },
        {
            content: "The directory title is shown",
            trigger: ".o_breadcrumb:contains(Super-User Directory)",
        },
        {
            content: "Quinn's card: on duty now, with the app area and the backup",
            trigger:
                ".o_kanban_group:contains(TFH) .o_kanban_record:contains(Tour Quinn Super):contains(On duty now):contains(Tour Inventory):contains(Tour Rhea Backup)",
        },
        {
            content: "Super users of the other site of the company are in the directory too",
            trigger: ".o_kanban_group:contains(TFF) .o_kanban_record:contains(Tour Far Super)",
        },
    ],
});

registry.category("web_tour.tours").add("hc_training_plan_rota_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            content: "Open Super Users",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_super_users"]',
            run: "click",
        },
        {
            content: "Open the go-live rota planner",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_super_user_rota_plan"]',
            run: "click",
        },
        ...pickRecord(".modal div[name=site_id]", "Tour Plan", "Tour Plan Hospital"),
        {
            content: "Its shifts and the areas of its super users are proposed",
            trigger: ".modal div[name=shift_ids] .o_tag:contains(Night)",
        },
        {
            trigger: ".modal div[name=days] input",
            run: "edit 2",
        },
        {
            content: "Propose the coverage",
            trigger: ".modal footer button[name=action_propose]",
            run: "click",
        },
        {
            content: "The proposal lists covered slots and gaps",
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Tour Lonely Area):contains(All on duty or resting)",
        },
        {
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Tour Pia Super)",
        },
        {
            content: "Create the rota",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The created rota is shown",
            trigger: ".o_list_view .o_data_row:contains(Tour Pia Super)",
        },
    ],
});
