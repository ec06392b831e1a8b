{
    "name": "Healthcare Migration Workbench",
    "summary": "Business-led data migration: xlsx staging, validation, deduplication, "
    "owner sign-off, mock runs and reconciliation",
    "version": "19.0.1.3.0",
    "category": "Productivity/Data",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_base", "hr", "maintenance", "product"],
    "external_dependencies": {
        "python": ["openpyxl", "rapidfuzz", "jellyfish", "phonenumbers", "python-stdnum"]
    },
    "data": [
        "security/hc_migration_security.xml",
        "security/ir.model.access.csv",
        "security/hc_migration_rules.xml",
        "data/hc_migration_domain_data.xml",
        "data/hc_migration_cron.xml",
        "views/maintenance_equipment_views.xml",
        "views/hc_migration_domain_views.xml",
        "views/hc_migration_run_views.xml",
        "wizard/hc_migration_signoff_exception_views.xml",
        "wizard/hc_migration_map_columns_views.xml",
        "report/hc_migration_reconciliation.xml",
        "views/hc_migration_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/maintenance_demo.xml",
        "demo/hc_migration_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hc_migration/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
