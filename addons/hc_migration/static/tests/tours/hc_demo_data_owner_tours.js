import { registry } from "@web/core/registry";
import { clickDownload, openApp, openMenu as openNavbarMenu } from "@hc_base/../tests/tour_utils";

/* "For data owners: a mock migration run", step by step, as the demo logins the README
 * names: marcus (migration lead) and ravi (data owner of suppliers). */

const FILENAME = "northbridge_suppliers_mock3.csv";
const MOCK_3 = [
    "Supplier Code,Name,VAT,Email",
    "NB-901,Aldgate Sterile Services Ltd,BE0477472701,orders@aldgate-sterile.example",
    "NB-902,ALDGATE STERILE SERVICES,BE 0477.472.701,",
    "NB-903,,,",
    "NB-904,Quayside Surgical,,not-an-email",
].join("\n");

const openMigration = () => openApp("hc_migration.hc_migration_menu_root", "Migration");
const openMenu = (xmlid, title) => openNavbarMenu(xmlid, null, title);

function openRun() {
    return [
        ...openMenu("hc_migration.hc_migration_menu_runs", "Mock Runs"),
        {
            content: "Open the third supplier mock run",
            trigger: `.o_data_row:contains(${FILENAME}) td.o_data_cell`,
            run: "click",
        },
        { trigger: ".o_form_view .o_statusbar_status" },
    ];
}

// Steps 1-3 (migration lead): the domains, a new mock run, stage and validate.
registry.category("web_tour.tours").add("hc_demo_migration_lead_stage_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigration(),
        ...openMenu("hc_migration.hc_migration_menu_domains", "Domains"),
        {
            content: "The seeded domains: open Suppliers",
            trigger: ".o_data_row:contains(Suppliers):contains(res.partner) td.o_data_cell, .o_data_row:contains(Suppliers) td.o_data_cell",
            run: "click",
        },
        {
            content: "Its mapping template",
            trigger: ".o_form_view div[name=mapping_ids] .o_data_row:contains(Supplier Code)",
        },
        { content: "New mock run", trigger: ".o_form_view button[name=action_new_run]", run: "click" },
        {
            content: `Upload ${FILENAME}`,
            trigger: ".o_form_view div[name=file]",
            run() {
                const input = this.anchor.querySelector("input[type=file]");
                const file = new File([MOCK_3], FILENAME, { type: "text/csv" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { content: "The file is attached", trigger: ".o_form_view div[name=file] .fa-trash" },
        {
            content: "Stage and validate",
            trigger: ".o_form_view button[name=action_stage]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Staged and validated)",
        },
        { content: "Two rows rejected", trigger: ".o_form_view div[name=rows_rejected]:contains(2)" },
        { trigger: ".o_form_view .nav-link:contains(Rejected by Reason)", run: "click" },
        { trigger: ".o_form_view .nav-link:contains(Duplicates)", run: "click" },
        {
            content: "The duplicate waits for the data owner",
            trigger: ".o_form_view div[name=cluster_ids] .o_data_row:contains(To decide)",
        },
    ],
});

// Step 3 (data owner): decide the duplicate; the rejected rows go back to the source.
registry.category("web_tour.tours").add("hc_demo_data_owner_decides_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigration(),
        ...openMenu("hc_migration.hc_migration_menu_duplicates", "Duplicates to Decide"),
        {
            content: "Merge the Aldgate duplicate",
            trigger: ".o_list_view .o_data_row:contains(Aldgate) button[name=action_merge]",
            run: "click",
        },
        { trigger: ".o_list_view:not(:has(.o_data_row:contains(Aldgate)))" },
        ...openRun(),
        clickDownload(
            "Download the rejected rows (xlsx)",
            ".o_form_view button[name=action_export_rejects]"
        ),
        {
            content: "The export is done",
            trigger: ".o_form_view:not(:has(button[name=action_export_rejects]:disabled))",
        },
    ],
});

// Steps 4-5 (migration lead): load into Odoo, then the reconciliation.
registry.category("web_tour.tours").add("hc_demo_migration_lead_load_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigration(),
        ...openRun(),
        { content: "Load into Odoo", trigger: ".o_form_view button[name=action_load]", run: "click" },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Loaded)",
        },
        { content: "The security validation", trigger: ".o_form_view .nav-link:contains(Security Validation)", run: "click" },
        {
            content: "Print the reconciliation",
            trigger: ".o_form_view button[name=action_print_reconciliation]",
            run: "click",
        },
    ],
});

// Step 6 (data owner): sign off cutover readiness on the domain.
registry.category("web_tour.tours").add("hc_demo_data_owner_signs_off_tour", {
    url: "/odoo",
    steps: () => [
        ...openMigration(),
        ...openMenu("hc_migration.hc_migration_menu_domains", "Domains"),
        {
            trigger: ".o_data_row:contains(Suppliers) td.o_data_cell",
            run: "click",
        },
        {
            content: "Sign off cutover readiness",
            trigger: ".o_form_view button[name=action_sign_off_cutover]",
            run: "click",
        },
        {
            content: "Mock run 3 breaches the reject-rate target: record the exception",
            trigger: ".modal div[name=reason] textarea",
            run: "edit NB-903 and NB-904 are retired suppliers, not migrated.",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view .nav-link:contains(Sign-offs)", run: "click" },
        {
            content: "Recorded with who and the rule version",
            trigger: ".o_form_view div[name=signoff_ids] .o_data_row:contains(Cutover readiness):contains(Ravi)",
        },
    ],
});
