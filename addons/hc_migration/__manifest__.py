{
    "name": "Healthcare Migration Workbench",
    "summary": "Business-led data migration: xlsx staging, validation, deduplication, "
    "owner sign-off, mock runs and reconciliation",
    "version": "19.0.1.0.0",
    "category": "Productivity/Data",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_base", "hr", "maintenance", "product", "base_import"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/hc_migration_security.xml",
        "security/ir.model.access.csv",
        "views/maintenance_equipment_views.xml",
        "views/hc_migration_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/maintenance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hc_migration/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
