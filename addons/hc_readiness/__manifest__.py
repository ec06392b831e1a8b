{
    "name": "Healthcare Go-Live Readiness",
    "summary": "Readiness scores on five lenses, evidence-based stage gates, RAID, UAT, "
    "cutover and hypercare floor support for a healthcare ERP go-live",
    "version": "19.0.1.0.0",
    "category": "Services/Project",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": [
        "hc_training",
        "hc_migration",
        "maintenance",
        "project",
        "spreadsheet_dashboard",
    ],
    "data": [
        "security/hc_readiness_security.xml",
        "security/ir.model.access.csv",
        "security/hc_readiness_rules.xml",
        "data/hc_readiness_data.xml",
        "views/hc_readiness_score_views.xml",
        "views/hc_program_wave_views.xml",
        "views/hc_program_views.xml",
        "report/hc_executive_scorecard.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/hc_readiness_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/hc_readiness_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hc_readiness/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
