import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("hc_training_document_ack_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Training Readiness",
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            content: "Open My Training",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_my"]',
            run: "click",
        },
        {
            content: "Open Documents to Acknowledge",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_my_documents"]',
            run: "click",
        },
        {
            content: "The list is shown",
            trigger: '.o_breadcrumb:contains("Documents to Acknowledge")',
        },
        {
            content: "Read & Acknowledge the policy",
            trigger:
                '.o_list_view .o_data_row:contains("POL-TOUR-01") button[name=action_open_acknowledge]',
            run: "click",
        },
        {
            content: "The document can be downloaded",
            trigger: '.modal .o_field_widget[name=file]:contains("POL-TOUR-01_v2.pdf")',
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "Nothing left to acknowledge",
            trigger: ".o_view_nocontent:contains(Nothing to acknowledge)",
        },
        {
            content: "Open My Training",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_my"]',
            run: "click",
        },
        {
            content: "Open My Acknowledgments",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_my_acknowledgments"]',
            run: "click",
        },
        {
            content: "The acknowledgment is recorded",
            trigger: '.o_list_view .o_data_row:contains("POL-TOUR-01"):contains("v2")',
        },
    ],
});

registry.category("web_tour.tours").add("hc_training_document_coverage_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Training Readiness",
            trigger: '.o_app[data-menu-xmlid="hc_training.hc_training_menu_root"]',
            run: "click",
        },
        {
            content: "Open Controlled Documents",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_documents"]',
            run: "click",
        },
        {
            content: "Open the coverage report",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_documents_coverage"]',
            run: "click",
        },
        {
            content: "Coverage per document is shown",
            trigger: '.o_pivot table tbody th:contains("POL-TOUR-01")',
        },
        {
            content: "Open Controlled Documents",
            trigger: 'button[data-menu-xmlid="hc_training.hc_training_menu_documents"]',
            run: "click",
        },
        {
            content: "Open the documents",
            trigger: 'a[data-menu-xmlid="hc_training.hc_training_menu_documents_documents"]',
            run: "click",
        },
        {
            content: "Open the policy",
            trigger: '.o_list_view .o_data_row:contains("POL-TOUR-01") td[name=name]',
            run: "click",
        },
        {
            content: "Its versions are listed: v2 effective, v1 superseded",
            trigger: '.o_form_view div[name=version_ids] .o_data_row:contains("v1"):contains("Superseded")',
        },
    ],
});
