import { registry } from "@web/core/registry";
import { pickRecord } from "@hc_base/../tests/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

const MOCK_1 = [
    "Supplier Code,Name,VAT,Email",
    "T-1,Tourmaline Medical Ltd,BE0477472701,orders@tourmaline.example",
    "T-2,TOURMALINE MEDICAL,BE 0477.472.701,",
    "T-3,,,",
    "T-4,Quartz Surgical,,not-an-email",
].join("\n");
const MOCK_2 = [
    "Supplier Code,Name,VAT,Email",
    "T-1,Tourmaline Medical Ltd,BE0477472701,orders@tourmaline.example",
    "T-3,Topaz Sterile Services,,",
    "T-4,Quartz Surgical,,sales@quartz.example",
].join("\n");

function uploadRun(content, filename) {
    return [
        stepUtils.showAppsMenuItem(),
        { trigger: '.o_app[data-menu-xmlid="hc_migration.hc_migration_menu_root"]', run: "click" },
        { trigger: 'a[data-menu-xmlid="hc_migration.hc_migration_menu_runs"], button[data-menu-xmlid="hc_migration.hc_migration_menu_runs"]', run: "click" },
        { trigger: ".o_breadcrumb:contains(Mock Runs)" },
        { content: "New mock run", trigger: ".o_list_button_add", run: "click" },
        ...pickRecord(".o_form_view div[name=domain_id]", "Tour Suppliers"),
        {
            content: `Upload ${filename}`,
            trigger: ".o_form_view div[name=file]",
            run() {
                const input = this.anchor.querySelector("input[type=file]");
                const file = new File([content], filename, { type: "text/csv" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { content: "The file is attached", trigger: ".o_form_view div[name=file] .fa-trash" },
        { content: "Stage and validate", trigger: ".o_form_view button[name=action_stage]", run: "click" },
        { trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Staged and validated)" },
    ];
}

registry.category("web_tour.tours").add("hc_migration_lead_first_run_tour", {
    url: "/odoo",
    steps: () => [
        ...uploadRun(MOCK_1, "tour_suppliers_1.csv"),
        { content: "Two rows rejected", trigger: ".o_form_view div[name=rows_rejected]:contains(2)" },
        { trigger: ".o_form_view a[name=clusters].nav-link, .o_form_view .nav-link:contains(Duplicates)", run: "click" },
        { content: "The duplicate is waiting for the data owner", trigger: ".o_form_view div[name=cluster_ids] .o_data_row:contains(To decide)" },
    ],
});

registry.category("web_tour.tours").add("hc_migration_owner_decides_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        { trigger: '.o_app[data-menu-xmlid="hc_migration.hc_migration_menu_root"]', run: "click" },
        { trigger: '[data-menu-xmlid="hc_migration.hc_migration_menu_duplicates"]', run: "click" },
        { trigger: ".o_breadcrumb:contains(Duplicates to Decide)" },
        { content: "Merge the duplicate", trigger: ".o_list_view .o_data_row:contains(Tourmaline) button[name=action_merge]", run: "click" },
        { trigger: ".o_list_view:not(:has(.o_data_row:contains(Tourmaline)))" },
        { trigger: '[data-menu-xmlid="hc_migration.hc_migration_menu_domains"]', run: "click" },
        { trigger: ".o_breadcrumb:contains(Migration Domains)" },
        { trigger: ".o_list_view .o_data_row:contains(Tour Suppliers) td[name=name]", run: "click" },
        { content: "Sign off the dedup logic", trigger: ".o_form_view button[name=action_sign_off_dedup]", run: "click" },
        {
            content: "Run 1 rejected 50% against a 1% target: sign off with an exception",
            trigger: ".modal div[name=reason] textarea",
            run: "edit The two rejected rows are fixed at source before the next run.",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view .nav-link:contains(Sign-offs)", run: "click" },
        { trigger: ".o_form_view div[name=signoff_ids] .o_data_row:contains(Deduplication logic)" },
    ],
});

registry.category("web_tour.tours").add("hc_migration_lead_second_run_tour", {
    url: "/odoo",
    steps: () => [
        ...uploadRun(MOCK_2, "tour_suppliers_2.csv"),
        { content: "The cleaned file rejects nothing", trigger: ".o_form_view div[name=rows_rejected]:contains(0)" },
        { trigger: '[data-menu-xmlid="hc_migration.hc_migration_menu_runs"]', run: "click" },
        { trigger: ".o_list_view .o_breadcrumb:contains(Mock Runs), .o_breadcrumb:contains(Mock Runs)" },
        { content: "Run 2 compared with run 1", trigger: ".o_list_view .o_data_row:contains(tour_suppliers_2.csv)" },
        { trigger: ".o_list_view .o_data_row:contains(tour_suppliers_1.csv)" },
    ],
});
