import { registry } from "@web/core/registry";

/* Issue #18: a data owner maps the columns of a new legacy layout alone (as ravi, the demo
 * data owner of suppliers): Map columns on the domain, upload a file, accept the suggested
 * headers, apply; the mapping template shows the file's headers. */

const FILENAME = "legacy_vendors.csv";
const CONTENT = [
    "Vendor No.,Vendor Name,Tax ID / VAT,E-Mail Address,Tel.,Town",
    "LV-1,Aldgate Sterile Services Ltd,BE0477472701,orders@aldgate-sterile.example,,Ghent",
].join("\n");

registry.category("web_tour.tours").add("hc_migration_map_columns_tour", {
    url: "/odoo/hc-migration-domains",
    steps: () => [
        {
            content: "Open the suppliers domain",
            trigger: ".o_data_row:contains(Suppliers) td.o_data_cell",
            run: "click",
        },
        {
            content: "Map columns",
            trigger: ".o_form_view button[name=action_map_columns]",
            run: "click",
        },
        {
            content: `Upload ${FILENAME}`,
            trigger: ".modal .o_form_view div[name=file]",
            run() {
                const input = this.anchor.querySelector("input[type=file]");
                const file = new File([CONTENT], FILENAME, { type: "text/csv" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { content: "The file is attached", trigger: ".modal div[name=file] .fa-trash" },
        {
            content: "Suggest headers",
            trigger: ".modal button[name=action_read_file]",
            run: "click",
        },
        {
            content: "The VAT column is suggested by its label (Tax ID)",
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Tax ID):contains(Tax ID / VAT)",
        },
        {
            content: "The code column is suggested",
            trigger: ".modal div[name=line_ids] .o_data_row:contains(Supplier Code):contains(Vendor No.)",
        },
        { content: "Apply", trigger: ".modal button[name=action_apply]", run: "click" },
        {
            content: "The mapping template reads the file's headers",
            trigger: "body:not(:has(.modal)) .o_form_view div[name=mapping_ids] .o_data_row:contains(Vendor No.)",
        },
    ],
});
